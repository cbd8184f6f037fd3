"""The ``nianbao review`` command."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("review")
    def review(
        out: Path = typer.Argument(..., help="The run folder of nianbao extract (-o)."),
        all_reports: bool = typer.Option(
            False, "--all", help="Show every report in detail, not only those to look at."
        ),
        limit: int = typer.Option(
            200, "--limit", min=0, help="Show at most this many reports in detail, most in need first."
        ),
    ) -> None:
        """Write OUT/review/index.html: what needs a look, with crops, grids and a corrections form."""
        from nianbao.errors import ConfigError
        from nianbao.review import write_review

        try:
            result = write_review(out, all_reports=all_reports, limit=limit)
        except ConfigError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        applied = " (corrections.csv applied to the exports)" if result.corrections_applied else ""
        typer.echo(f"{result.path}: {result.reports} report(s), {result.to_look_at} to look at, "
                   f"{result.failed} failed{applied}")  # fmt: skip
