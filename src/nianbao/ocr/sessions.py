"""How one model file is run: the only part in which the ONNX Runtime and OpenVINO backends differ.

A session takes one NCHW float32 batch and returns the model's first output; everything around it
(resizing, batching, decoding) is shared in ``nianbao.ocr.ppocr``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from nianbao.errors import OcrError


class ModelSession(Protocol):
    def run(self, batch: np.ndarray) -> np.ndarray:
        """The model's first output for ``batch``."""
        ...

    def metadata(self, key: str) -> str | None:
        """A string the model file carries under ``key`` (the recogniser's character list), or None."""
        ...


# ONNX Runtime otherwise keeps a device id and a telemetry queue under ~/.cache/Microsoft/: nothing may be
# written outside the run folder. It reads this variable when it is imported.
TELEMETRY_ENV = "ORT_DISABLE_TELEMETRY"
OPENVINO_TELEMETRY = "openvino_telemetry"


class OnnxSession:
    def __init__(self, path: Path, threads: int = 0) -> None:
        os.environ[TELEMETRY_ENV] = "1"
        import onnxruntime as ort

        ort.disable_telemetry_events()
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise OcrError(f"cannot load the ONNX model {path}: {exc}") from exc
        self._input = self._session.get_inputs()[0].name

    def run(self, batch: np.ndarray) -> np.ndarray:
        return self._session.run(None, {self._input: batch})[0]

    def metadata(self, key: str) -> str | None:
        return self._session.get_modelmeta().custom_metadata_map.get(key)


class OpenVinoSession:
    """The same ONNX file compiled by OpenVINO for the CPU, tuned for latency (one request at a time)."""

    def __init__(self, path: Path, threads: int = 0) -> None:
        # ``import openvino`` also imports its model converter, which sends a usage event and writes a client
        # id under ~/intel unless openvino_telemetry cannot be imported; it is then skipped. nianbao needs no
        # converter, runs offline and writes nothing outside the run folder.
        # A None entry in sys.modules blocks the import; typeshed's sys.modules type leaves None out.
        sys.modules.setdefault(OPENVINO_TELEMETRY, None)  # type: ignore[arg-type]
        try:
            import openvino as ov
        except ImportError:
            raise OcrError('the openvino backend needs the "openvino" package: pip install -e ".[openvino]"') from None
        properties: dict[str, Any] = {"PERFORMANCE_HINT": "LATENCY"}
        if threads:
            properties["INFERENCE_NUM_THREADS"] = threads
        try:
            core = ov.Core()
            self._model = core.read_model(str(path))
            self._request = core.compile_model(self._model, "CPU", properties).create_infer_request()
        except Exception as exc:  # openvino raises RuntimeError with its own text
            raise OcrError(f"cannot compile the ONNX model {path} with OpenVINO: {exc}") from exc

    def run(self, batch: np.ndarray) -> np.ndarray:
        self._request.infer({0: batch})
        # The output tensor is reused by the next call: copy it out.
        return np.array(self._request.get_output_tensor(0).data)

    def metadata(self, key: str) -> str | None:
        # An ONNX file's metadata_props land under rt_info["framework"].
        if not self._model.has_rt_info(["framework", key]):
            return None
        return str(self._model.get_rt_info(["framework", key]).value)
