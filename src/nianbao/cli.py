"""The ``nianbao`` command. Each command is registered by the stage that owns it and calls one library
function; heavy imports happen inside the commands so ``nianbao --help`` stays fast."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="nianbao",
    help="Scanned Chinese government annual reports (政府信息公开工作年度报告) to clean, checked numbers.",
    no_args_is_help=True,
    add_completion=False,
)

_COMMAND_MODULES = (
    "nianbao.bulk.cli",  # extract
    "nianbao.evaluate.cli",  # evaluate
    "nianbao.classify.cli",  # train, classify
    "nianbao.synth.cli",  # synth
    "nianbao.review.cli",  # review
)

for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    app()
