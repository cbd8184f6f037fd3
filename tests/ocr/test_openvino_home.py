"""OpenVINO writes nothing under the user's home (no telemetry files, no model cache)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ocr.openvino_marks import needs_openvino

REPO = Path(__file__).resolve().parents[2]


@needs_openvino
def test_building_the_openvino_engine_writes_nothing_in_home(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr")
    home = tmp_path / "home"
    home.mkdir()
    env = os.environ | {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
                        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}  # fmt: skip
    code = "from nianbao.ocr.openvino_backend import OpenVinoEngine; OpenVinoEngine(threads=1)"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=300)
    assert [p.relative_to(home).as_posix() for p in home.rglob("*")] == []
