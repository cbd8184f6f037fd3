"""The ``nianbao synth`` command: write synthetic scanned reports with truth files."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("synth")
    def synth(
        out_dir: Path = typer.Argument(..., help="Folder to write reports and <stem>.truth.json into."),
        count: int = typer.Option(10, "--count", "-n", min=1, help="How many reports."),
        seed: int = typer.Option(0, "--seed", help="Random seed; the same seed gives the same reports."),
        profile: str = typer.Option(
            "mixed",
            "--profile",
            help="clean | noisy | mixed | hard | fax | photo | faint | folded, or labeled | samples (the committed sets; --count ignored)",
        ),
        fmt: str = typer.Option(
            "pdf",
            "--format",
            help="pdf | png | jpg | tiff (scans), or digital | html | docx (born-digital: a PDF with a text layer, a web page, a Word file)",
        ),
        dpi: int = typer.Option(0, "--dpi", help="Output dpi; 0 lets the profile choose."),
    ) -> None:
        """Generate synthetic annual reports (scanned or born-digital) with exact truth files."""
        from nianbao.synth.dataset import generate_dataset

        paths = generate_dataset(out_dir, count=count, seed=seed, profile=profile, fmt=fmt, dpi=dpi)
        typer.echo(f"wrote {len(paths)} reports to {out_dir}")
