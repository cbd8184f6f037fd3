"""``nianbao evaluate``."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate)


def evaluate(
    dataset: Path = typer.Argument(Path("datasets/labeled"), help="Folder of documents with <stem>.truth.json."),
    out: Path = typer.Option(Path("out/evaluate"), "-o", "--out", help="Where metrics.json, report.md and crops/ go."),
    predictions: Path | None = typer.Option(None, help="Score existing <stem>.json outputs instead of extracting."),
    config_file: Path | None = typer.Option(None, "--config", help="A configs/*.yaml file."),
    backend: str | None = typer.Option(None, help="OCR backend: onnx, openvino or paddle (overrides ocr.backend)."),
    min_accuracy: float | None = typer.Option(
        None, min=0.0, max=1.0, help="Exit 1 when field accuracy is below this fraction (for CI)."
    ),
) -> None:
    """Score extraction against a labeled set: field accuracy overall, per table and per field, on non-zero
    cells, null-vs-zero confusions, metadata, identity-check precision and recall, seconds per page."""
    import logging

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from nianbao.config import load_config
    from nianbao.errors import NianbaoError
    from nianbao.evaluate.report import headline
    from nianbao.evaluate.run import run_evaluation

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    console = Console()
    try:
        config = load_config(config_file, {"ocr.backend": backend})
        metrics = run_evaluation(dataset, out, config, predictions)
    except NianbaoError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from None
    table = Table("measure", "value", title=f"nianbao evaluate {dataset}")
    for name, value in headline(metrics):
        table.add_row(name, value)
    console.print(table)
    console.print(f"metrics: {out / 'metrics.json'}  report: {out / 'report.md'}")
    accuracy = metrics.overall.accuracy or 0.0
    if min_accuracy is not None and accuracy < min_accuracy:
        console.print(f"[red]field accuracy {accuracy:.4f} is below --min-accuracy {min_accuracy}[/red]")
        raise typer.Exit(1)
