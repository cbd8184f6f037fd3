"""The ``nianbao extract`` command."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract() -> None:
        """Extract every report of an archive (being written)."""
        typer.echo("not yet available")
