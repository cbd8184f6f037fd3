"""The ``nianbao extract`` command."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract(
        inputs: list[str] = typer.Argument(
            None,
            help="PDF/PNG/JPG/TIFF/HTML/DOCX (.doc/.wps with LibreOffice) files, folders (recursive), glob patterns, or list files (.lst, @FILE).",
        ),
        out: Path = typer.Option(..., "--out", "-o", help="Run folder: JSON per report, CSVs, database, log."),
        workers: int = typer.Option(None, "--workers", "-w", min=0, help="Parallel workers; 0: one per core."),
        config: Path = typer.Option(
            None, "--config", help="YAML config (default: the shipped defaults, copied in configs/default.yaml)."
        ),
        backend: str = typer.Option(None, "--backend", help="OCR backend: onnx | openvino | paddle."),
        dpi: int = typer.Option(None, "--dpi", help="Render PDF pages at this resolution."),
        timeout: int = typer.Option(
            None, "--timeout", help="Seconds per document before its worker is killed; 0: no limit."
        ),
        retry_failed: bool = typer.Option(False, "--retry-failed", help="Extract documents that failed before."),
        redo: bool = typer.Option(
            False, "--redo", help="Extract again what this folder holds from other settings or another version."
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors and the summary line."),
        list_files: list[Path] = typer.Option(None, "--list", help="File with one input per line (repeatable)."),
        executor: str = typer.Option(
            "local", "--executor", help="local: processes on this machine; ray: a Ray cluster."
        ),
        ray_address: str = typer.Option(
            None, "--ray-address", help="Ray cluster to use (default $RAY_ADDRESS, else a local Ray instance)."
        ),
        ship_inputs: bool = typer.Option(
            False, "--ship-inputs", help="Ray: send the files' bytes to the actors (no shared storage needed)."
        ),
        ray_actor_cpus: float = typer.Option(1.0, "--ray-actor-cpus", min=0.1, help="Ray: CPUs per actor."),
        ray_actor_memory_mb: int = typer.Option(
            2048, "--ray-actor-memory-mb", min=0, help="Ray: memory reserved per actor (MiB; 0: none)."
        ),
        extractor_factory: str = typer.Option(None, "--extractor-factory", hidden=True),
    ) -> None:
        """Extract every report of an archive; rerun the same command to resume after an interruption."""
        from nianbao.bulk.executor import RaySettings
        from nianbao.bulk.progress import EXIT_OUTPUT_FULL, EXIT_SIGINT, EXIT_USAGE
        from nianbao.bulk.runner import RunOptions, run_extract
        from nianbao.bulk.worker import DEFAULT_FACTORY, printable
        from nianbao.errors import ConfigError, OutputFullError

        options = RunOptions(
            inputs=tuple(inputs or ()),
            out_dir=out,
            config_path=config,
            list_files=tuple(list_files or ()),
            workers=workers,
            backend=backend,
            dpi=dpi,
            timeout_s=timeout,
            retry_failed=retry_failed,
            redo=redo,
            quiet=quiet or None,
            factory=extractor_factory or DEFAULT_FACTORY,
            argv=tuple(sys.argv),
            executor=executor,
            ray=RaySettings(ray_address or None, ship_inputs, ray_actor_cpus, ray_actor_memory_mb),
        )
        try:
            summary = run_extract(options)
        except ConfigError as exc:
            typer.echo(f"error: {printable(str(exc))}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except OutputFullError as exc:
            typer.echo(f"error: {printable(str(exc))}", err=True)
            raise typer.Exit(EXIT_OUTPUT_FULL) from None
        except KeyboardInterrupt:  # before the run started: nothing to resume
            typer.echo("interrupted", err=True)
            raise typer.Exit(EXIT_SIGINT) from None
        raise typer.Exit(summary.exit_code)
