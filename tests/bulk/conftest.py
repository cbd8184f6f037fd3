"""A small archive of fake documents and a way to run ``nianbao extract`` on it with the fake extractor."""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from nianbao.bulk.cli import register

FAKE = "tests.bulk.fakes:make"

# path -> content; the fake extractor decides by content (see tests/bulk/fakes.py)
GOOD = {f"city/2021/report{i:02d}.pdf": f"REPORT city {i}".encode() for i in range(8)}
GOOD |= {f"county/2022/scan{i:02d}.png": f"REPORT county {i}".encode() for i in range(6)}
GOOD |= {f"county/2022/deep/more/page{i}.tiff": f"REPORT deep {i}".encode() for i in range(3)}
GOOD |= {"x/hz2023.pdf": b"REPORT x hz", "y/hz2023.pdf": b"REPORT y hz", "y/hz2023.jpg": b"REPORT y hz jpg"}
GOOD |= {"UPPER/SCAN.JPG": b"REPORT upper", "top.jpeg": b"REPORT top"}
BAD = {
    "broken/corrupt.pdf": b"BAD%PDF-1.7 garbage",
    "broken/locked.pdf": b"ENC%PDF password",
    "broken/empty.tif": b"",
    "misc/letter.pdf": b"NOTREPORT just a letter",
}
BAD_KINDS = {"InputError": 2, "EncryptedDocumentError": 1, "NoTablesError": 1}
DUPLICATES = {"copies/again.pdf": GOOD["city/2021/report00.pdf"], "copies/deeper/twice.png": GOOD["top.jpeg"]}
UNSUPPORTED = {"notes.txt": b"hello", "city/readme.md": b"# readme", "county/data.xlsx": b"PK"}


@dataclass(frozen=True)
class Archive:
    root: Path

    @property
    def documents(self) -> int:
        return len(GOOD) + len(BAD) + len(DUPLICATES)


def write_archive(root: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    root = tmp_path / "archive"
    write_archive(root, GOOD | BAD | DUPLICATES | UNSUPPORTED)
    (root / ".hidden.pdf").write_bytes(b"REPORT hidden")  # hidden files are ignored, not counted
    return Archive(root)


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app: a group, so that ``extract`` stays a subcommand."""

    register(app)
    return app


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(make_app(), ["extract", *args, "--extractor-factory", FAKE])


def db_rows(out: Path) -> dict[str, sqlite3.Row]:
    with sqlite3.connect(out / "nianbao.sqlite") as db:
        db.row_factory = sqlite3.Row
        return {row["display_path"]: row for row in db.execute("SELECT * FROM documents")}


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} must start with a UTF-8 BOM"
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def output_files(out: Path) -> dict[str, bytes | list]:
    """Every result file of a run folder (the database and the log vary from run to run; a workbook is
    compared by its cells, as its zip entries carry the time it was written)."""
    skip = {"nianbao.sqlite", "nianbao.sqlite-wal", "nianbao.sqlite-shm", "run.log", ".nianbao.lock"}
    return {p.relative_to(out).as_posix(): workbook_cells(p) if p.suffix == ".xlsx" else p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and p.name not in skip}  # fmt: skip


def workbook_cells(path: Path) -> list:
    """[(sheet name, [row values, ...]), ...] of an .xlsx file, rows padded with None to the widest."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheets = []
    try:
        for sheet in book.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            width = max((len(row) for row in rows), default=0)
            sheets.append((sheet.title, [row + [None] * (width - len(row)) for row in rows]))
    finally:
        book.close()
    return sheets
