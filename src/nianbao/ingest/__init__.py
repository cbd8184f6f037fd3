"""Open a document (PDF or image file) and yield its pages as images at a resolution that suits OCR."""

from __future__ import annotations

import glob
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np

from nianbao.errors import InputError
from nianbao.ingest import images, pdf

A4_LONG_SIDE_INCHES = 11.69


@dataclass(frozen=True)
class RawPage:
    number: int  # 1-based
    image: np.ndarray  # BGR or grayscale uint8
    dpi: float
    # the axis (0: rows) along which the stored page repeats every scan line, where rescaling it to
    # ``dpi`` blended the repeats (a fax saved with square pixels): preprocess.fax cannot see them then
    fax_axis: int | None = None
    # stored black and white at 200 dpi or less (preprocess.fax.coarse_bilevel): thin strokes may be lost
    coarse_bilevel: bool = False


PAGE_IMAGE = re.compile(r"^(?P<stem>.+)_p(?P<number>\d+)$")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
MARKUP_KINDS = {".html": "html", ".htm": "html", ".docx": "docx", ".doc": "doc", ".wps": "doc"}
# Every file type a run reads, in one place: folders and globs pick these up.
DOCUMENT_SUFFIXES = frozenset({".pdf", *IMAGE_SUFFIXES, *MARKUP_KINDS})


@dataclass(frozen=True)
class Document:
    path: Path
    kind: str  # "scanned", "digital", "image", "html", "docx" or "doc" (.doc and .wps)
    page_count: int
    sha256: str
    page_files: tuple[Path, ...] = ()  # a report scanned as one image per page: report_p1.png, report_p2.png …


def page_image_group(path: Path) -> tuple[Path, ...]:
    """The page files of a report given as ``<stem>_p1.png``, ``<stem>_p2.png`` …, in page order;
    just ``path`` for any other file. ``_p2`` and later pages belong to the ``_p1`` file's document."""
    match = PAGE_IMAGE.match(path.stem)
    if not match or path.suffix.lower() not in IMAGE_SUFFIXES or int(match["number"]) != 1:
        return (path,)
    siblings = {}
    for candidate in path.parent.glob(f"{glob.escape(match['stem'])}_p*{path.suffix}"):
        found = PAGE_IMAGE.match(candidate.stem)
        if found and found["stem"] == match["stem"]:
            siblings[int(found["number"])] = candidate
    return tuple(siblings[n] for n in sorted(siblings))


def document_stem(name: str) -> str:
    """The name a document's outputs take: the file's stem, without ``_p1`` for page 1 of a report
    given as page images (``x_p1.png`` -> ``x``). extract and evaluate both name reports by this rule."""
    path = PurePosixPath(name)
    match = PAGE_IMAGE.match(path.stem)
    if match and path.suffix.lower() in IMAGE_SUFFIXES and int(match["number"]) == 1:
        return match["stem"]
    return path.stem or path.name


def is_later_page(path: Path) -> bool:
    """Whether ``path`` is page 2+ of a page-image report whose page 1 is beside it."""
    match = PAGE_IMAGE.match(path.stem)
    if not match or path.suffix.lower() not in IMAGE_SUFFIXES or int(match["number"]) == 1:
        return False
    return (path.parent / f"{match['stem']}_p1{path.suffix}").exists()


def sniff_kind(head: bytes) -> str:
    """'pdf' or 'image' from a file's first bytes; raises InputError for anything else."""
    if not head:
        raise InputError("the file is empty")
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")):
        return "image"
    raise InputError("not a PDF or an image (PNG, JPG, TIFF): cannot read it")


def file_sha256(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _numbered(path: Path) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name))


def open_document(path: Path, max_pages: int) -> Document:
    """Identify and validate a document without rendering it. A folder holding only page images is one
    document, its pages in name order (page2 before page10)."""
    if path.is_dir():
        files = tuple(sorted((p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES), key=_numbered))
        if not files:
            raise InputError(f"{path} is a folder without page images")
        count = sum(images.count_frames(file) for file in files)
        return Document(path=path, kind="image", page_count=count, sha256=file_sha256(*files), page_files=files)
    if path.exists() and not path.is_file():
        raise InputError(f"{path.name} is not a regular file (a pipe, device or socket): cannot read it")
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise InputError(f"cannot open {path}: {exc.strerror}") from None
    if path.suffix.lower() in MARKUP_KINDS:
        return _markup_document(path, head)
    kind = sniff_kind(head)
    files = page_image_group(path) if kind == "image" else (path,)
    if kind == "pdf":
        count, has_text = pdf.inspect(path)
        kind = "digital" if has_text else "scanned"
    else:
        count = sum(images.count_frames(file) for file in files)
    if count == 0:
        raise InputError("the document has no pages")
    if count > max_pages:
        raise InputError(
            f"{count} pages is more than ingest.max_pages={max_pages}: not an annual report? raise the limit to read it"
        )
    return Document(path=path, kind=kind, page_count=count, sha256=file_sha256(*files), page_files=files)


def _markup_document(path: Path, head: bytes) -> Document:
    """An HTML or Word file: one page (its tables are read from the markup, not rendered)."""
    kind = MARKUP_KINDS[path.suffix.lower()]
    if not head:
        raise InputError("the file is empty")
    if kind == "docx" and not head.startswith(b"PK"):
        raise InputError("not a .docx file (no zip archive inside): save it again as .docx")
    return Document(path=path, kind=kind, page_count=1, sha256=file_sha256(path))


def iter_pages(document: Document, dpi: int, max_pixels: int = images.DEFAULT_MAX_PIXELS) -> Iterator[RawPage]:
    """The pages one at a time (never the whole document in memory), all near ``dpi`` and none larger
    than ``max_pixels`` (``ingest.max_page_pixels``): a huge page is drawn or read smaller."""
    if document.kind in ("scanned", "digital"):
        for number, (image, page_dpi) in enumerate(pdf.render_pages(document.path, dpi, max_pixels), start=1):
            yield RawPage(number, image, page_dpi)
        return
    files = document.page_files or (document.path,)
    frames = (frame for file in files for frame in images.iter_frames(file, max_pixels))
    for number, (image, meta_dpi) in enumerate(frames, start=1):
        stored_dpi = estimate_dpi(image.shape[:2], meta_dpi)
        factor = dpi / stored_dpi
        fax_axis = images.rescaled_fax_axis(image, factor)
        coarse = images.coarse_bilevel_scan(image, stored_dpi)
        yield RawPage(number, images.rescale(image, factor), float(dpi), fax_axis, coarse)


def estimate_dpi(shape: tuple[int, int], meta_dpi: float | None) -> float:
    """A page image's resolution: its metadata where it agrees with an A4 page, else from its size."""
    from_size = max(shape) / A4_LONG_SIDE_INCHES
    if meta_dpi and abs(meta_dpi - from_size) / from_size < 0.2:
        return float(meta_dpi)
    return from_size
