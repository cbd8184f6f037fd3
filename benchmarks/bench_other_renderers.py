"""Accuracy on reports laid out by other programs, then scanned: written to
benchmarks/results/other_renderers.json and .md.

    .venv/bin/python benchmarks/bench_other_renderers.py [--count 4] [--seed 881] [--out benchmarks/results]
                                                         [--work DIR]

nianbao's own renderer draws every synthetic scan, so its sets share one idea of a table: its rule
widths, row heights, padding and where a value sits in its cell. Real reports were typeset by Word, WPS
or a browser. This benchmark has the same synthetic reports laid out by LibreOffice (from the Word file
``nianbao synth --format docx`` writes) and by Chromium (from the web page), prints them to PDF, renders
the pages at 300 dpi (pdfium) and scans them with the damage of ``nianbao synth``'s profiles, then
evaluates each set. LibreOffice lays the tables out as a word processor does: columns as narrow as their
text, rows as tall as their wrapped labels with the value at the top, tall rows cut by the page break,
and table 四 running past the right margin (its last column is off the page: those fields are lost by
any reader, and counted as misses here).

Needs ``soffice`` (Debian: libreoffice-writer-nogui) and ``chromium``; a renderer that is missing is
skipped with a note in the results.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from nianbao.config import load_config
from nianbao.evaluate.environment import git_commit, machine_info, peak_rss_mib
from nianbao.evaluate.run import run_evaluation
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from nianbao.synth.dataset import generate_dataset
from nianbao.synth.degrade import degrade, draw_damage

RENDER_DPI = 300
# (renderer, damage profile, scan dpi): the hard and photographed profiles at 150 dpi, a fax at 200.
SETS = [
    ("libreoffice", "clean", 200),
    ("libreoffice", "hard", 150),
    ("libreoffice", "photo", 150),
    ("libreoffice", "fax", 200),
    ("chromium", "hard", 150),
    ("chromium", "photo", 150),
]
TIMEOUT_S = 300


def _print_with_libreoffice(sources: list[Path], out_dir: Path) -> list[Path]:
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S)
    return [out_dir / f"{source.stem}.pdf" for source in sources]


def _print_with_chromium(sources: list[Path], out_dir: Path) -> list[Path]:
    printed = []
    for source in sources:
        target = out_dir / f"{source.stem}.pdf"
        command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   f"--print-to-pdf={target}", source.resolve().as_uri()]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S)
        printed.append(target)
    return printed


RENDERERS = {
    "libreoffice": ("soffice", "docx", _print_with_libreoffice),
    "chromium": ("chromium", "html", _print_with_chromium),
}


def _scan(pdf: Path, truth: Path, out_dir: Path, family: str, dpi: int, rng: np.random.Generator) -> None:
    """``pdf``'s pages rendered at 300 dpi and damaged as ``family``'s scans, saved as an image PDF beside
    a copy of the report's truth."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = [
            degrade(page.render(scale=RENDER_DPI / 72).to_pil().convert("RGB"), rng, draw_damage(rng, family, dpi))
            for page in document
        ]
    finally:
        document.close()
    scans = [page.convert("L") for page in pages]
    scans[0].save(out_dir / pdf.name, save_all=True, append_images=scans[1:], resolution=dpi)
    shutil.copy(truth, out_dir / truth.name)


def build_sets(work: Path, count: int, seed: int) -> tuple[dict[str, Path], list[str]]:
    """Every set of ``SETS`` whose renderer is installed, under ``work``; and a note per skipped renderer."""
    sets, notes = {}, []
    for offset, (renderer, family, dpi) in enumerate(SETS):
        program, fmt, print_pdf = RENDERERS[renderer]
        if shutil.which(program) is None:
            note = f"{renderer}: `{program}` is not installed, its sets were skipped"
            notes += [] if note in notes else [note]
            continue
        sources_dir, printed_dir = work / f"{renderer}-source", work / f"{renderer}-printed"
        if not printed_dir.exists():
            generate_dataset(sources_dir, count, seed, "clean", fmt)
            printed_dir.mkdir(parents=True)
            print_pdf(sorted(sources_dir.glob(f"*.{fmt}")), printed_dir)
        name = f"{renderer}-{family}-{dpi}dpi"
        scanned = work / name
        scanned.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(seed + offset)
        for pdf in sorted(printed_dir.glob("*.pdf")):
            _scan(pdf, sources_dir / f"{pdf.stem}.truth.json", scanned, family, dpi, rng)
        sets[name] = scanned
    return sets, notes


def renderer_versions() -> dict[str, str]:
    """The version each installed renderer reports: a renderer's defaults (Chromium's grey for a table's
    ``border="1"``) change what the scans look like from one release to the next."""
    versions = {}
    for renderer, (program, _, _) in RENDERERS.items():
        if shutil.which(program) is None:
            continue
        try:
            done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60, check=False)
            versions[renderer] = done.stdout.strip().splitlines()[0] if done.stdout.strip() else "unknown"
        except (OSError, subprocess.TimeoutExpired):
            versions[renderer] = "unknown"
    return versions


def _figures(metrics: Any, seconds: float) -> dict[str, Any]:
    return {
        "reports": metrics.reports,
        "field_accuracy": metrics.overall.to_dict(),
        "non_zero_accuracy": metrics.non_zero.to_dict(),
        "silent_errors": metrics.silent_errors,
        "seconds": round(seconds, 1),
    }


def render_markdown(result: dict[str, Any]) -> str:
    machine = result["machine"]
    lines = [
        "# Reports laid out by other programs, then scanned", "",
        f"{result['date']}, commit {result['commit']}, {machine['cpu_count']} cores, "
        f"{result['count']} reports a renderer (seed {result['seed']}), peak memory {result['peak_rss_mib']} MiB",
        "", "Renderers: " + ("; ".join(result.get("renderers", {}).values()) or "none installed"), "",
        "| set | field accuracy | non-zero fields | silent errors |", "|---|---|---|---|",
    ]  # fmt: skip
    for name, figures in result["sets"].items():
        fields, non_zero = figures["field_accuracy"], figures["non_zero_accuracy"]
        lines.append(
            f"| {name} | {fields['accuracy']:.2%} of {fields['total']} | {non_zero['accuracy']:.2%} of "
            f"{non_zero['total']} | {figures['silent_errors']} |"
        )
    lines += [""] + [f"- {note}" for note in result["notes"]]
    return "\n".join(lines) + "\n"


def run_benchmark(out: Path, work: Path, count: int, seed: int) -> dict[str, Any]:
    config = load_config(None)
    sets, notes = build_sets(work, count, seed)
    figures = {}
    for name, data in sets.items():
        started = time.perf_counter()
        metrics = run_evaluation(data, work / "evaluations" / name, config)
        figures[name] = _figures(metrics, time.perf_counter() - started)
    result = {
        "benchmark": "other_renderers",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(REPO),
        "count": count,
        "seed": seed,
        "peak_rss_mib": peak_rss_mib(),
        "machine": machine_info(),
        "renderers": renderer_versions(),
        "sets": figures,
        "notes": notes,
    }
    write_json_atomic(out / "other_renderers.json", result)
    write_text_atomic(out / "other_renderers.md", render_markdown(result))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--count", type=int, default=4)
    parser.add_argument("--seed", type=int, default=881)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--work", type=Path, default=None, help="keep the sets and evaluations here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.work is not None:
        run_benchmark(args.out, args.work, args.count, args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="nianbao-renderers-") as work:
            run_benchmark(args.out, Path(work), args.count, args.seed)
    print((args.out / "other_renderers.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
