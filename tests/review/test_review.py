"""``nianbao review`` on a run folder made with a fake extractor over a drawn page."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.config import Config
from nianbao.preprocess import CleanPage
from nianbao.preprocess.geometry import ink_mask
from nianbao.review import write_review
from nianbao.review.images import ReviewPage, grid_boxes
from nianbao.template import fields_by_id, request_columns
from tests.review import fakes
from tests.review.browser import find_chromium, open_page

FAKE = "tests.review.fakes:make"
SETTINGS = "preprocess:\n  fix_orientation: false\n  deskew: false\n  flatten_photos: false\n"


def drawn_pages(path: Path, config: Config) -> Iterator[ReviewPage]:
    """The page as drawn (it needs no preprocessing): the review without the OCR engine."""
    gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    yield ReviewPage(1, float(fakes.DPI), CleanPage(gray, gray, ink_mask(gray, fakes.DPI), 0, 0.0))


@pytest.fixture(scope="module")
def made_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One extract run for the module; each test gets a copy (``run_folder``), as reviews write into it."""
    folder = tmp_path_factory.mktemp("review")
    scans = folder / "scans"
    scans.mkdir()
    fakes.draw_page(scans / "scan.png")
    (scans / "broken.pdf").write_bytes(b"BAD pdf")
    settings = folder / "settings.yaml"
    settings.write_text(SETTINGS, encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(app, ["extract", str(scans), "-o", str(out), "--workers", "1", "--quiet",
                                      "--config", str(settings), "--extractor-factory", FAKE])  # fmt: skip
    assert result.exit_code == 1, result.output  # broken.pdf fails
    return folder


@pytest.fixture
def run_folder(made_run: Path, tmp_path: Path) -> Path:
    """A run folder of its own, beside the scans it was made from (the sources stay where the run saw them)."""
    copy = tmp_path / "run"
    shutil.copytree(made_run, copy, symlinks=True)
    return copy / "out"


def test_review_shows_each_cell_to_look_at_with_its_crop_and_label(run_folder: Path) -> None:
    result = write_review(run_folder, page_source=drawn_pages)
    assert (result.reports, result.to_look_at, result.failed) == (1, 1, 1)
    page = result.path.read_text(encoding="utf-8")
    labels = fields_by_id()
    for field_id in (fakes.UNSURE_FIELD, fakes.MISSING_FIELD):
        assert f'data-field="{field_id}"' in page and labels[field_id].label_zh in page
    assert "8?" in page and "no cell found for this field" in page and "broken.pdf" in page
    assert "I3 <code>new_received</code>" in page and "1+2+3+4+5+6 ≠ 7" in page
    assert f'data-field="{fakes.DASH_FIELD}"' not in page  # a printed dash needs no look
    images = sorted(p.name for p in (result.path.parent / "img").iterdir())
    assert images == ["r0000_check0_p1.png", "r0000_p1.jpg", f"r0000_{fakes.UNSURE_FIELD}.png"]
    crop = cv2.imread(str(result.path.parent / "img" / f"r0000_{fakes.UNSURE_FIELD}.png"))
    x0, y0, x1, y1 = fakes.cell_box(1, 4)
    assert crop.shape[:2] == (y1 - y0 + 80, x1 - x0 + 80)  # the cell and 40 px around it


def test_limit_lists_reports_beyond_it_without_detail(run_folder: Path) -> None:
    result = write_review(run_folder, page_source=drawn_pages, limit=0)
    page = result.path.read_text(encoding="utf-8")
    assert "1 more report(s) with something to look at" in page and 'data-field="' not in page
    assert not (result.path.parent / "img").exists()


def test_grid_is_detected_on_the_page_as_drawn(tmp_path: Path) -> None:
    fakes.draw_page(tmp_path / "scan.png")
    page = next(drawn_pages(tmp_path / "scan.png", Config()))
    boxes = grid_boxes(page, Config().table)
    for row in range(len(fakes.ROWS)):
        for column in range(len(request_columns())):
            want = fakes.cell_box(row, column)
            assert any(max(abs(a - b) for a, b in zip(box, want)) <= 6 for box in boxes), want


def test_corrections_file_is_applied_and_shown(run_folder: Path) -> None:
    (run_folder / "corrections.csv").write_text(
        f"report,field,value\nscan.json,{fakes.UNSURE_FIELD},8\n", encoding="utf-8"
    )
    result = write_review(run_folder, page_source=drawn_pages)
    assert result.corrections_applied
    report = json.loads((run_folder / "scan.json").read_text(encoding="utf-8"))
    assert report["fields"][fakes.UNSURE_FIELD] is None and report["corrected"] == {fakes.UNSURE_FIELD: 8}
    page = result.path.read_text(encoding="utf-8")
    assert f'data-field="{fakes.UNSURE_FIELD}" value="8"' in page


def test_a_source_without_page_images_says_so(run_folder: Path) -> None:
    result = write_review(run_folder, page_source=lambda path, config: iter(()))
    page = result.path.read_text(encoding="utf-8")
    assert "pages not shown: the source has no page images" in page and "no crop" in page


def test_review_of_a_folder_that_is_not_a_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["review", str(tmp_path)])
    assert result.exit_code == 2 and "not a nianbao run folder" in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.ocr
def test_pages_are_rendered_through_the_pipeline_in_the_frame_of_the_bboxes(run_folder: Path) -> None:
    result = CliRunner().invoke(app, ["review", str(run_folder)])
    assert result.exit_code == 0, result.output
    images = run_folder / "review" / "img"
    assert (images / "r0000_p1.jpg").is_file() and (images / f"r0000_{fakes.UNSURE_FIELD}.png").is_file()
    crop = cv2.imread(str(images / f"r0000_{fakes.UNSURE_FIELD}.png"), cv2.IMREAD_GRAYSCALE)
    reference = cv2.imread(str(run_folder.parent / "scans" / "scan.png"), cv2.IMREAD_GRAYSCALE)
    x0, y0, x1, y1 = (int(v) for v in fakes.cell_box(1, 4))
    inside = crop[45 : 40 + y1 - y0 - 5, 45 : 40 + x1 - x0 - 5]  # the cell's inside, red outline left out
    difference = cv2.absdiff(inside, reference[y0 + 5 : y1 - 5, x0 + 5 : x1 - 5])
    assert float(difference.mean()) < 4 and inside.min() < 100  # the same pixels, the digits included


CHECKS = [
    "document.readyState",
    "Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])",
    """(() => { const box = document.querySelector('input.fix');
        box.value = '12'; box.dispatchEvent(new Event('input', {bubbles: true}));
        return document.getElementById('fix-count').textContent; })()""",
]


def test_review_page_in_headless_chromium(run_folder: Path) -> None:
    executable = find_chromium()
    if executable is None:
        pytest.skip("Chromium is not installed (scripts/setup.sh installs Debian's chromium where it can)")
    result = write_review(run_folder, page_source=drawn_pages)
    run = open_page(executable, result.path, CHECKS)
    assert run.errors == []
    state, images, count = run.values
    assert state == "complete"
    assert len(images) == 3 and all(complete and width > 0 for _, complete, width in images), images
    assert count == "1"
