"""``HeaderClassifier``: the trained pipelines of every label space, loaded from a model folder."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nianbao.classify.query import NONE_CLASS, LabelQuery, Prediction
from nianbao.errors import ModelError
from nianbao.template import label_spaces

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

log = logging.getLogger(__name__)

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
TOP_ALTERNATIVES = 3
Space = tuple[str, str]


def space_name(space: Space) -> str:
    return f"{space[0]}/{space[1]}"


def read_meta(model_dir: Path) -> dict[str, Any]:
    path = model_dir / META_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"no header classifier at {model_dir} ({META_FILE} missing): run `nianbao train`") from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path} is unreadable ({exc}): run `nianbao train --force` to rebuild it") from exc


def check_compatible(meta: Mapping[str, Any], model_dir: Path) -> None:
    """Refuse a model made by another scikit-learn or for other label spaces."""
    import sklearn

    made_with = meta.get("sklearn_version")
    if made_with != sklearn.__version__:
        raise ModelError(
            f"the header classifier in {model_dir} was made with scikit-learn {made_with}, this is "
            f"{sklearn.__version__}; run `nianbao train --force` to rebuild it for this version"
        )
    expected = {space_name(s): list(keys) for s, keys in label_spaces().items()}
    if meta.get("label_spaces") != expected:
        raise ModelError(
            f"the header classifier in {model_dir} was trained for other label spaces than "
            f"the template (nianbao/template/) defines; run `nianbao train --force` to rebuild it"
        )


class HeaderClassifier:
    """Maps printed row/column labels to the keys of ``nianbao.template.label_spaces()``."""

    def __init__(self, pipelines: Mapping[Space, Pipeline], meta: Mapping[str, Any] | None = None):
        self._pipelines = dict(pipelines)
        self.meta: dict[str, Any] = dict(meta or {})

    @classmethod
    def load(cls, model_dir: Path) -> HeaderClassifier:
        import joblib

        meta = read_meta(model_dir)
        check_compatible(meta, model_dir)
        try:
            stored = joblib.load(model_dir / MODEL_FILE)
        except FileNotFoundError as exc:
            raise ModelError(f"{model_dir / MODEL_FILE} is missing: run `nianbao train --force`") from exc
        except Exception as exc:  # a truncated or foreign pickle raises anything
            raise ModelError(f"{model_dir / MODEL_FILE} cannot be loaded ({exc}): run `nianbao train --force`") from exc
        if not isinstance(stored, dict) or set(stored) != set(label_spaces()):
            raise ModelError(
                f"{model_dir / MODEL_FILE} does not hold one pipeline per label space: run `nianbao train --force`"
            )
        log.debug("loaded header classifier from %s", model_dir)
        return cls(stored, meta)

    def predict(self, queries: Sequence[LabelQuery]) -> list[Prediction]:
        results: list[Prediction | None] = [None] * len(queries)
        by_space: dict[Space, list[int]] = {}
        for index, query in enumerate(queries):
            if query.space not in self._pipelines:
                known = ", ".join(space_name(s) for s in self._pipelines)
                raise ModelError(f"no label space {space_name(query.space)} for {query.text!r}; known: {known}")
            by_space.setdefault(query.space, []).append(index)
        for space, indices in by_space.items():
            pipeline = self._pipelines[space]
            pairs = [(queries[i].text, queries[i].context) for i in indices]
            probabilities = pipeline.predict_proba(pairs)
            classes = [str(c) for c in pipeline.classes_]
            for index, row in zip(indices, probabilities, strict=True):
                results[index] = _prediction(classes, [float(p) for p in row])
        return [r for r in results if r is not None]


def _prediction(classes: Sequence[str], probabilities: Sequence[float]) -> Prediction:
    ranked = sorted(zip(classes, probabilities, strict=True), key=lambda cp: (-cp[1], cp[0]))
    best_class, best_probability = ranked[0]
    alternatives = tuple((c, round(p, 6)) for c, p in ranked if c != NONE_CLASS)[:TOP_ALTERNATIVES]
    key = None if best_class == NONE_CLASS else best_class
    return Prediction(key=key, probability=round(best_probability, 6), alternatives=alternatives)
