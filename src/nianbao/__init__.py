"""nianbao: scanned Chinese government annual reports to clean, checked numbers.

import nianbao
report = nianbao.extract("scans/hz2023.pdf")   # a nianbao.Report
report.fields["requests.new_received.total"], report.status_counts, report.to_pandas()
frame = nianbao.read_run("out/archive")         # every report of a `nianbao extract` run, long format
"""

from nianbao.api import extract, read_run
from nianbao.report import Report
from nianbao.version import __version__

__all__ = ["Report", "__version__", "extract", "read_run"]
