"""The pictures of the review: pages re-rendered from the source through the pipeline's preprocessing
(the pixel frame of the output bboxes), the detected grid and the mapped fields drawn on table pages, and
crops of the cells to look at."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from nianbao.config import Config, TableConfig
from nianbao.preprocess import CleanPage
from nianbao.table import find_tables

Box = tuple[float, float, float, float]
CROP_MARGIN = 40  # pixels of page kept around a cell
PAGE_WIDTH = 1100  # table pages are shown at most this wide
GRID_COLOUR = (230, 160, 40)  # BGR: blue-ish, the grid as detected
FIELD_COLOUR = (40, 170, 40)  # green: a cell mapped to a field
LOOK_COLOUR = (0, 0, 230)  # red: a cell or identity to look at


@dataclass(frozen=True)
class ReviewPage:
    number: int  # 1-based
    dpi: float
    clean: CleanPage  # the preprocessed page: the frame of the output bboxes

    @property
    def gray(self) -> np.ndarray:
        return self.clean.gray


PageSource = Callable[[Path, Config], Iterable[ReviewPage]]


class PipelinePages:
    """Pages of a document as the pipeline prepared them; one extractor (and OCR engine) per config."""

    def __init__(self) -> None:
        self._extractors: dict[Config, object] = {}

    def __call__(self, path: Path, config: Config) -> Iterator[ReviewPage]:
        from nianbao.ingest import MARKUP_KINDS, open_document
        from nianbao.pipeline import Extractor

        extractor = self._extractors.get(config)
        if extractor is None:
            extractor = self._extractors.setdefault(config, Extractor(config))
        document = open_document(path, config.ingest.max_pages)
        if document.kind in MARKUP_KINDS.values():
            return  # an HTML or Word document has no page images
        for number, dpi, clean in extractor.clean_pages(document):  # type: ignore[attr-defined]
            yield ReviewPage(number, dpi, clean)


def grid_boxes(page: ReviewPage, config: TableConfig) -> list[Box]:
    """Every cell of every ruled table on the page, as the table stage finds them (no text is read)."""
    layout = find_tables(page.clean, page.number, page.dpi, config)
    return [cell.bbox for table in layout.tables for cell in table.cells]


def _colour(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image.copy()


def _rectangle(image: np.ndarray, box: Sequence[float], colour: tuple[int, int, int], width: int, pad: int = 0) -> None:
    x0, y0, x1, y1 = (round(float(v)) for v in box)
    cv2.rectangle(image, (x0 + pad, y0 + pad), (x1 - pad, y1 - pad), colour, width)


def draw_page(gray: np.ndarray, grid: Iterable[Box], fields: Iterable[Box], look: Iterable[Box]) -> np.ndarray:
    """The page with the detected grid (thin), the mapped field cells (inset) and the cells to look at."""
    image = _colour(gray)
    for box in grid:
        _rectangle(image, box, GRID_COLOUR, 1)
    for box in fields:
        _rectangle(image, box, FIELD_COLOUR, 2, pad=4)
    for box in look:
        _rectangle(image, box, LOOK_COLOUR, 4, pad=2)
    return image


def shrink(image: np.ndarray, width: int = PAGE_WIDTH) -> np.ndarray:
    if image.shape[1] <= width:
        return image
    height = round(image.shape[0] * width / image.shape[1])
    return cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)


def crop_around(gray: np.ndarray, boxes: Sequence[Box], margin: int = CROP_MARGIN) -> np.ndarray:
    """The page around the union of ``boxes`` with each outlined in red; empty where they are off the page."""
    height, width = gray.shape[:2]
    x0 = max(0, round(min(b[0] for b in boxes)) - margin)
    y0 = max(0, round(min(b[1] for b in boxes)) - margin)
    x1 = min(width, round(max(b[2] for b in boxes)) + margin)
    y1 = min(height, round(max(b[3] for b in boxes)) + margin)
    if x1 <= x0 or y1 <= y0:
        return np.zeros((0, 0, 3), np.uint8)
    crop = _colour(gray[y0:y1, x0:x1])
    for box in boxes:
        _rectangle(crop, (box[0] - x0, box[1] - y0, box[2] - x0, box[3] - y0), LOOK_COLOUR, 2)
    return crop


def write_image(path: Path, image: np.ndarray) -> bool:
    """PNG (or JPEG for ``.jpg``) at ``path``; False where the image is empty or cannot be written."""
    if image.size == 0:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    params = [cv2.IMWRITE_JPEG_QUALITY, 80] if path.suffix == ".jpg" else []
    return bool(cv2.imwrite(str(path), image, params))
