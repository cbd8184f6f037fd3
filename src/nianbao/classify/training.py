"""Train, score and save the header classifier (``nianbao train``)."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nianbao.classify.augment import AUGMENT_VERSION, AugmentSettings
from nianbao.classify.classifier import META_FILE, MODEL_FILE, HeaderClassifier, space_name
from nianbao.classify.dataset import (
    HELDOUT_FILE,
    LabelExample,
    expand_wildcards,
    fingerprint,
    read_examples,
    read_many,
    training_files,
)
from nianbao.classify.evaluation import (
    DEFAULT_MIN_PROBABILITY,
    HeldoutScores,
    Scores,
    merge_scores,
    queries_of,
    score_heldout,
    score_predictions,
    seen_texts,
)
from nianbao.classify.features import PipelineSettings, build_pipeline
from nianbao.classify.trainset import training_sets
from nianbao.errors import InputError
from nianbao.template import label_spaces, labels_file

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

log = logging.getLogger(__name__)

Space = tuple[str, str]
CV_FOLDS = 5
CV_SEED = 0
META_FORMAT = 1


@dataclass(frozen=True)
class TrainReport:
    model_dir: Path
    meta: dict[str, Any]
    cv: Scores
    heldout: HeldoutScores | None
    seconds: float
    kept: str | None = None  # why the model already in model_dir was kept (nothing was written), or None


def _pairs(examples: Sequence[LabelExample]) -> list[tuple[str, str]]:
    return [(ex.text, ex.context) for ex in examples]


def fit_pipelines(sets: Mapping[Space, Sequence[LabelExample]], settings: PipelineSettings) -> dict[Space, Pipeline]:
    pipelines = {}
    for space, examples in sets.items():
        keys = {ex.key for ex in examples}
        if len(keys) < 2:
            raise InputError(f"label space {space_name(space)} needs at least two classes to train, has {sorted(keys)}")
        pipelines[space] = build_pipeline(settings).fit(_pairs(examples), [ex.key for ex in examples])
    return pipelines


def cross_validate(
    sets: Mapping[Space, Sequence[LabelExample]], settings: PipelineSettings, max_folds: int = CV_FOLDS
) -> Scores:
    """Stratified k-fold predictions on each space's augmented, de-duplicated set."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    parts = []
    for space, examples in sets.items():
        truth = [ex.key for ex in examples]
        folds = min(max_folds, min(truth.count(k) for k in set(truth)))
        if folds < 2:
            log.warning("%s: a class has a single example; cross-validation skipped", space_name(space))
            continue
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=CV_SEED)
        predicted = cross_val_predict(build_pipeline(settings), _pairs(examples), truth, cv=splitter)
        parts.append(score_predictions(space_name(space), truth, [str(p) for p in predicted]))
    return merge_scores(parts)


def _meta(
    files: Sequence[Path],
    heldout_path: Path,
    sets: Mapping[Space, Sequence[LabelExample]],
    cv: Scores,
    heldout: HeldoutScores | None,
    augment: AugmentSettings,
    pipeline: PipelineSettings,
    cv_folds: int,
) -> dict[str, Any]:
    import sklearn

    return {
        "format": META_FORMAT,
        "sklearn_version": sklearn.__version__,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data_sha256": fingerprint(files, salt=f"augment-{AUGMENT_VERSION}"),
        "training_files": [_shown(f) for f in files],
        "heldout_sha256": fingerprint([heldout_path]) if heldout_path.is_file() else None,
        "augment_version": AUGMENT_VERSION,
        "augment_settings": dataclasses.asdict(augment),
        "pipeline_settings": dataclasses.asdict(pipeline),
        "label_spaces": {space_name(s): list(keys) for s, keys in label_spaces().items()},
        "training_examples": {space_name(s): len(v) for s, v in sets.items()},
        "cv": {
            "folds": cv_folds,
            "seed": CV_SEED,
            "accuracy": round(cv.accuracy, 6),
            "count": cv.count,
            "per_class": {k: round(v, 6) for k, v in cv.per_class.items()},
        },
        "heldout": None
        if heldout is None
        else {
            "accuracy": round(heldout.accuracy, 6),
            "top1_accuracy": round(heldout.top1_accuracy, 6),
            "per_space": {k: round(v, 6) for k, v in heldout.per_space.items()},
            "confident_wrong": heldout.confident_wrong,
            "count": heldout.count,
            "novel_accuracy": round(heldout.novel_accuracy, 6),
            "novel_count": heldout.novel_count,
            "min_probability": DEFAULT_MIN_PROBABILITY,
        },
    }


def _shown(path: Path) -> str:
    """A training file as meta.json names it: the template's labels by their place in the package."""
    return f"nianbao/template/{path.name}" if path == labels_file() else path.name


def score_key(meta: Mapping[str, Any]) -> tuple[float, float]:
    """(held-out accuracy, CV accuracy) of a model's meta; higher is better."""
    heldout = meta.get("heldout") or {}
    return (float(heldout.get("accuracy", 0.0)), float((meta.get("cv") or {}).get("accuracy", 0.0)))


def kept_because(out_dir: Path, new_meta: Mapping[str, Any]) -> str | None:
    """Why the model already in ``out_dir`` stays: the new one is not strictly better on (held-out
    accuracy, then CV accuracy); a tie keeps it too. None where the new model should be written."""
    path = out_dir / META_FILE
    if not path.is_file():
        return None
    try:
        old_meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # an unreadable old model is no reason to keep it
    old, new = score_key(old_meta), score_key(new_meta)
    if new > old:
        return None
    return (
        f"kept the model in {out_dir}: the new one (held-out {new[0]:.4f}, CV {new[1]:.4f}) is not better than "
        f"it (held-out {old[0]:.4f}, CV {old[1]:.4f}); pass --force to replace it or --out to write elsewhere"
    )


def save_model(out_dir: Path, pipelines: Mapping[Space, Pipeline], meta: Mapping[str, Any]) -> None:
    """Write model.joblib and meta.json, each through a temporary file so a crash leaves no half model."""
    import joblib

    out_dir.mkdir(parents=True, exist_ok=True)
    model_tmp, meta_tmp = out_dir / (MODEL_FILE + ".tmp"), out_dir / (META_FILE + ".tmp")
    joblib.dump(dict(pipelines), model_tmp, compress=3)
    meta_tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(model_tmp, out_dir / MODEL_FILE)
    os.replace(meta_tmp, out_dir / META_FILE)


def train_and_save(
    data_dir: Path,
    out_dir: Path,
    extra: Sequence[Path] = (),
    force: bool = False,
    augment: AugmentSettings = AugmentSettings(),
    pipeline: PipelineSettings = PipelineSettings(),
    cv_folds: int = CV_FOLDS,
    seeds: Sequence[Path] | None = None,
) -> TrainReport:
    """Train on the template's printed labels (``seeds``: the shipped labels.tsv unless given), ``data_dir``'s
    TSV files and ``extra``, score on ``data_dir/heldout.tsv``, and save to ``out_dir`` only where the new
    model is strictly better than the one there (``force``: always)."""
    started = time.perf_counter()
    files = training_files(data_dir, extra, seeds)
    examples = read_many(files)
    sets = training_sets(examples, augment)
    cv = cross_validate(sets, pipeline, cv_folds)
    pipelines = fit_pipelines(sets, pipeline)
    heldout_path = data_dir / HELDOUT_FILE
    heldout = None
    if heldout_path.is_file():
        heldout_examples = read_examples(heldout_path)
        predictions = HeaderClassifier(pipelines).predict(queries_of(heldout_examples))
        seen = seen_texts(expand_wildcards(examples))
        heldout = score_heldout(heldout_examples, predictions, seen=seen)
    meta = _meta(files, heldout_path, sets, cv, heldout, augment, pipeline, cv_folds)
    kept = None if force else kept_because(out_dir, meta)
    if kept is None:
        save_model(out_dir, pipelines, meta)
    seconds = time.perf_counter() - started
    log.info("trained header classifier in %.1f s: %s", seconds, kept or f"saved into {out_dir}")
    return TrainReport(out_dir, meta, cv, heldout, seconds, kept)
