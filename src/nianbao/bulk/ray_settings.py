"""What the Ray executor needs before Ray is imported: its settings, and the import that says what to
install when Ray is missing. Apart from ``executor`` so that ``ray_executor`` can use them without an
import cycle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nianbao.errors import ConfigError

RAY_MISSING = "the Ray executor needs Ray: pip install 'nianbao[ray]' (or pip install 'ray==2.60.0')"


@dataclass(frozen=True)
class RaySettings:
    """How the Ray executor reaches its cluster and sizes its actors (they never change the results)."""

    address: str | None = None  # None: $RAY_ADDRESS, else a local Ray instance started for the run
    ship_inputs: bool = False  # send each document's bytes to the actor instead of a path it can read
    actor_cpus: float = 1.0  # CPUs each actor reserves; its OCR threads when ocr.threads is 0
    actor_memory_mb: int = 2048  # memory each actor reserves (peak is ~1.4 GiB with onnx); 0: none


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError(RAY_MISSING) from None
    return ray
