"""The ``nianbao train`` and ``nianbao classify`` commands."""

from __future__ import annotations

from pathlib import Path

import typer

from nianbao.errors import NianbaoError


def _default_model_dir() -> Path:
    from nianbao.config import ClassifyConfig, resolve_path

    return resolve_path(ClassifyConfig().model_dir)


def _default_data_dir() -> Path:
    from nianbao.config import REPO_ROOT

    return REPO_ROOT / "datasets" / "labels"


def register(app: typer.Typer) -> None:
    @app.command("train")
    def train(
        data: list[Path] = typer.Option([], "--data", help="Extra TSV files (table axis context text key)."),
        out: Path = typer.Option(None, "--out", help="Model folder [default: config classify.model_dir]."),
        data_dir: Path = typer.Option(None, "--data-dir", help="Training data folder [default: datasets/labels]."),
        force: bool = typer.Option(False, "--force", help="Replace the model even where the new one is not better."),
    ) -> None:
        """Retrain the row/column label classifier from the template's printed labels and datasets/labels (plus
        --data files). The model in the output folder is replaced only by a strictly better one (held-out, then
        CV accuracy), or with --force."""
        from nianbao.classify.report import training_summary
        from nianbao.classify.training import train_and_save

        try:
            report = train_and_save(data_dir or _default_data_dir(), out or _default_model_dir(), data, force)
        except NianbaoError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo("\n".join(training_summary(report)))

    @app.command("classify")
    def classify(
        texts: list[str] = typer.Argument(..., help="Labels as printed or OCR'd."),
        kind: str = typer.Option(..., "--kind", help="row | column"),
        table: str = typer.Option(..., "--table", help="requests | proactive | appeals"),
        context: str = typer.Option("", "--context", help='Enclosing group labels joined with " / ".'),
        model_dir: Path = typer.Option(None, "--model", help="Model folder [default: config classify.model_dir]."),
    ) -> None:
        """Print each label's key (or "(none)") and probability."""
        from nianbao.classify.classifier import HeaderClassifier
        from nianbao.classify.query import LabelQuery
        from nianbao.classify.report import prediction_lines

        queries = [LabelQuery(table, kind, text, context) for text in texts]
        try:
            predictions = HeaderClassifier.load(model_dir or _default_model_dir()).predict(queries)
        except NianbaoError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo("\n".join(prediction_lines(queries, predictions)))
