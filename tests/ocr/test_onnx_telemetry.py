"""ONNX Runtime writes nothing under the user's home: no device id, no telemetry queue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_building_the_onnx_engine_writes_nothing_in_home(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("rapidocr")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env |= {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
            "PYTHONPATH": os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])}  # fmt: skip
    code = "from nianbao.ocr.onnx_backend import OnnxEngine; OnnxEngine(threads=1)"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=300)
    assert [p.relative_to(home).as_posix() for p in home.rglob("*")] == []
