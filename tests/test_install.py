"""The built wheel, installed into a fresh virtualenv, works from a folder outside the checkout.

The wheel is built offline (no build isolation) from a copy of the sources and installed with
``--no-deps``; the new virtualenv sees the dependencies already installed in the test environment
through a ``.pth`` file, so nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "datasets" / "samples" / "sample_scan.pdf"
pytestmark = [pytest.mark.slow, pytest.mark.ocr]


def run(*command: str | Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(c) for c in command], check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("setuptools", minversion="77")
    pytest.importorskip("wheel")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path_factory.mktemp("dist")
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        dist,
        source,
        cwd=source,
    )
    (built,) = dist.glob("nianbao-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    folder = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", folder, cwd=folder)  # this pip installs into it
    python = folder / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=folder).stdout.strip()
    # the test environment's packages, after the venv's own (where the wheel goes)
    Path(purelib, "zz_test_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--no-cache-dir", wheel,
        cwd=folder)  # fmt: skip
    return folder


def test_the_wheel_carries_the_model_the_default_config_and_the_paddle_extra(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    shipped = {
        "nianbao/data/default.yaml",
        "nianbao/template/fields.tsv",
        "nianbao/template/template.yaml",
        "nianbao/models/header_classifier/model.joblib",
        "nianbao/models/header_classifier/meta.json",
    }
    assert shipped <= names
    assert "Provides-Extra: paddle" in metadata and 'paddlepaddle==3.2.2; extra == "paddle"' in metadata
    assert "Requires-Dist: pandas" in metadata and "Requires-Dist: openpyxl" in metadata


def test_the_installed_package_runs_from_any_folder(venv: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    python, nianbao = venv / "bin" / "python", venv / "bin" / "nianbao"
    where = run(python, "-c", "import nianbao, nianbao.config as c; print(nianbao.__file__); "
                "print(c.resolve_path(c.load_config().classify.model_dir))", cwd=elsewhere).stdout.split()  # fmt: skip
    assert all(Path(p).is_relative_to(venv) for p in where), where  # not the checkout
    classified = run(nianbao, "classify", "自然人", "--kind", "column", "--table", "requests", cwd=elsewhere).stdout
    assert "natural_person" in classified
    shutil.copy(SAMPLE, elsewhere / "scan.pdf")
    run(nianbao, "extract", "scan.pdf", "-o", "out", "--workers", "1", "--quiet", cwd=elsewhere)
    report = json.loads((elsewhere / "out" / "scan.json").read_text(encoding="utf-8"))
    assert report["fields"] and report["status_counts"]["ok"] > 100
    assert {"codebook.csv", "reports.csv", "reports.xlsx", "fields_long.csv"} <= {
        p.name for p in (elsewhere / "out").iterdir()
    }
