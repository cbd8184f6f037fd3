"""``nianbao review OUT``: a static HTML page of what in a run needs a look, most first.

``OUT/review/index.html`` with its images in ``OUT/review/img/``: per report, every unsure or unreadable
cell and every failed identity with a crop of the page next to the text read and the field's Chinese
label, and each table page re-rendered from the source with the detected grid and the mapped fields
drawn on it. Modules: ``collect`` (what needs a look, pure), ``images`` (pages, grid, crops), ``html``
(the page, pure) and ``build`` (reading the run folder and writing the review).
"""

from nianbao.review.build import ReviewResult, write_review

__all__ = ["ReviewResult", "write_review"]
