"""A run into a folder that already holds outputs: are they made with the same settings, and what does
``config.yaml`` say (see ``nianbao.provenance`` for what the settings cover)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import yaml

from nianbao.bulk.store import RunStore
from nianbao.config import Config
from nianbao.errors import ConfigError
from nianbao.export.atomic import write_text_atomic
from nianbao.provenance import Provenance, differences, extraction_settings

log = logging.getLogger(__name__)


def check_settings(store: RunStore, config: Config, provenance: Provenance, out_dir: Path, redo: bool) -> None:
    """Refuse to add outputs made with other settings to a folder, unless ``redo`` says to redo them.

    Refusing (rather than quietly re-extracting) is the default because re-extracting an archive costs
    hours and replaces its outputs, and a rerun into the same folder is usually meant to resume.
    """
    stale = store.stale_outputs(provenance.settings_sha256)
    if stale and not redo:
        count = sum(stale.values())
        key = max(stale, key=lambda k: stale[k])
        recorded = store.settings_of(key) if key else None
        if recorded is None:
            what = "by a nianbao that did not record its settings" if key is None else "with other settings"
        else:
            changes = differences(recorded[0], recorded[1], extraction_settings(config), provenance)
            what = f"with other settings ({'; '.join(changes[:3]) or 'the OCR backend'})"
        raise ConfigError(f"{out_dir} holds {count} report(s) made {what}; rerun with --redo to extract "
                          "them again with these settings, or use another -o folder")  # fmt: skip
    older = store.older_versions(provenance.nianbao_version)
    if older and not redo:
        versions = ", ".join(f"{n} by {version}" for version, n in sorted(older.items()))
        log.warning("reports here were made by another nianbao version (%s); they are kept: --redo extracts "
                    "them again with %s", versions, provenance.nianbao_version)  # fmt: skip


def write_config(path: Path, config: Config, outputs: dict[str | None, int], current: str) -> None:
    """Write the run's config beside the outputs it made, never for settings that made none.

    A folder that holds outputs of other settings too (``--redo`` interrupted, or given only part of
    the inputs) says so in a comment at the top; each JSON's ``run`` object names its own settings.
    """
    made = outputs.get(current, 0)
    others = sum(n for key, n in outputs.items() if key != current)
    if not made and (others or path.is_file()):
        return
    header = ""
    if others:
        header = (f"# Mixed folder: {others} of {made + others} documents here were made with other settings\n"
                  "# (see the run.settings_sha256 of each JSON); extract again with --redo to bring them to these.\n")  # fmt: skip
        log.warning("%d document(s) in this folder were made with other settings; --redo extracts them again", others)
    text = yaml.safe_dump(config.to_dict(), allow_unicode=True, sort_keys=False)
    write_text_atomic(path, header + text)


def run_object(path: Path) -> dict[str, Any]:
    """The ``run`` object of a report JSON already in the folder (empty where it has none)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    run = data.get("run") if isinstance(data, dict) else None
    return run if isinstance(run, dict) else {}
