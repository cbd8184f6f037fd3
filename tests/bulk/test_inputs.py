from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.bulk.inputs import discover
from nianbao.errors import ConfigError
from nianbao.ingest import file_sha256
from tests.bulk.conftest import write_archive


def names(found: object, root: Path) -> list[str]:
    return [c.path.relative_to(root).as_posix() for c in found.candidates]  # type: ignore[attr-defined]


def test_folder_is_walked_recursively_in_order_and_unsupported_files_are_counted(tmp_path: Path) -> None:
    write_archive(tmp_path, {"b/2.PDF": b"x", "a/z/1.tif": b"x", "a/0.jpeg": b"x", "a/x.txt": b"", "c.xls": b""})
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "obj.pdf").write_bytes(b"x")
    found = discover([str(tmp_path)], cwd=tmp_path)
    assert names(found, tmp_path) == ["a/0.jpeg", "a/z/1.tif", "b/2.PDF"]
    assert found.skipped == 2
    assert [c.rel_path for c in found.candidates] == ["a/0.jpeg", "a/z/1.tif", "b/2.PDF"]
    assert found.candidates[1].display_path == "a/z/1.tif"  # relative to the working folder


def test_explicit_file_of_any_kind_is_kept_and_paths_appear_once(tmp_path: Path) -> None:
    write_archive(tmp_path, {"notes.txt": b"x", "r.pdf": b"x"})
    found = discover(["notes.txt", "r.pdf", str(tmp_path / "r.pdf"), "."], cwd=tmp_path)
    assert names(found, tmp_path) == ["notes.txt", "r.pdf"]


def test_born_digital_files_are_found_beside_scans(tmp_path: Path) -> None:
    files = {"a.pdf": b"x", "b.html": b"x", "c.HTM": b"x", "d.docx": b"x", "e.doc": b"x", "f.wps": b"x", "g.png": b"x"}
    write_archive(tmp_path, files)
    assert names(discover([str(tmp_path)], cwd=tmp_path), tmp_path) == sorted(files)


def test_glob_keeps_supported_matches_only(tmp_path: Path) -> None:
    write_archive(tmp_path, {"s/a.pdf": b"x", "s/b.png": b"x", "s/c.txt": b"x", "t/d.pdf": b"x"})
    found = discover(["s/*"], cwd=tmp_path)
    assert names(found, tmp_path) == ["s/a.pdf", "s/b.png"] and found.skipped == 1
    assert names(discover(["**/*.pdf"], cwd=tmp_path), tmp_path) == ["s/a.pdf", "t/d.pdf"]
    assert discover(["nothing/*.pdf"], cwd=tmp_path).candidates == []


def test_list_files_resolve_entries_from_their_own_folder(tmp_path: Path) -> None:
    write_archive(tmp_path, {"lists/docs/a.pdf": b"x", "other/b.pdf": b"x"})
    listing = tmp_path / "lists" / "todo.lst"
    listing.write_text("# comment\n\ndocs/a.pdf\n../other\nnope.pdf\n", encoding="utf-8")
    found = discover(["lists/todo.lst"], cwd=tmp_path)
    assert names(found, tmp_path) == ["lists/docs/a.pdf", "other/b.pdf"]
    assert [c.path.name for c in found.missing] == ["nope.pdf"]
    same = discover([f"@{listing}"], cwd=tmp_path)
    assert names(same, tmp_path) == names(found, tmp_path)


def test_missing_command_line_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        discover(["nowhere.pdf"], cwd=tmp_path)


def test_sha256_of_known_content(tmp_path: Path) -> None:
    path = tmp_path / "f.pdf"
    path.write_bytes(b"abc")
    assert file_sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_page_images_of_one_report_are_one_document(tmp_path):
    from nianbao.bulk.inputs import discover

    for name in ("scan_p1.png", "scan_p2.png", "scan_p3.png", "lone_p2.png", "other.png"):
        (tmp_path / name).write_bytes(b"\x89PNG")
    found = discover([str(tmp_path)], cwd=tmp_path)
    assert sorted(c.rel_path for c in found.candidates) == ["lone_p2.png", "other.png", "scan_p1.png"]
    assert found.skipped == 0
