from __future__ import annotations

import json
from pathlib import Path

import pytest

from nianbao.export.atomic import atomic_open, remove_stale_temp_files, write_json_atomic


def test_json_is_written_whole_and_readable(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "r.json"
    write_json_atomic(target, {"agency": "人民政府", "n": 1})
    assert json.loads(target.read_text("utf-8")) == {"agency": "人民政府", "n": 1}
    assert "人民政府" in target.read_text("utf-8")  # not \\u-escaped
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("new and half")
        assert target.read_text("utf-8") == "old"  # not visible before the block ends
        raise RuntimeError("disk on fire")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_stale_temporaries_are_removed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".r.json.x1y2.nianbao-tmp").write_text("half", encoding="utf-8")
    (tmp_path / "keep.json").write_text("{}", encoding="utf-8")
    assert remove_stale_temp_files(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["keep.json"]
