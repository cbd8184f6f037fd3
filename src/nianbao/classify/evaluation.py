"""Scores of the header classifier: cross-validation on the augmented training sets and accuracy on
the hand-written held-out variants (pure functions on predictions)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass

from nianbao.classify.dataset import LabelExample
from nianbao.classify.normalize import normalize_label
from nianbao.classify.query import NONE_CLASS, LabelQuery, Prediction

DEFAULT_MIN_PROBABILITY = 0.5  # the caller's default threshold (config classify.min_probability)


@dataclass(frozen=True)
class Confusion:
    space: str
    true_key: str
    predicted_key: str
    count: int


@dataclass(frozen=True)
class Scores:
    accuracy: float
    count: int
    per_class: dict[str, float]  # "table/axis:key" -> recall
    confusions: tuple[Confusion, ...]


def score_predictions(space: str, truth: Sequence[str], predicted: Sequence[str]) -> Scores:
    """Accuracy, per-class recall and confusions of one label space; keys may be NONE_CLASS."""
    totals = Counter(truth)
    correct = Counter(t for t, p in zip(truth, predicted, strict=True) if t == p)
    wrong = Counter((t, p) for t, p in zip(truth, predicted, strict=True) if t != p)
    per_class = {f"{space}:{key}": correct[key] / totals[key] for key in sorted(totals)}
    confusions = tuple(Confusion(space, t, p, n) for (t, p), n in sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0])))
    accuracy = sum(correct.values()) / len(truth) if truth else 0.0
    return Scores(accuracy, len(truth), per_class, confusions)


def merge_scores(parts: Sequence[Scores]) -> Scores:
    count = sum(p.count for p in parts)
    accuracy = sum(p.accuracy * p.count for p in parts) / count if count else 0.0
    per_class = {k: v for p in parts for k, v in p.per_class.items()}
    confusions = tuple(c for p in parts for c in p.confusions)
    return Scores(accuracy, count, per_class, tuple(sorted(confusions, key=lambda c: -c.count)))


def accepted_key(prediction: Prediction, min_probability: float) -> str:
    """What the caller keeps: the key at or above the threshold, else NONE_CLASS (unmapped)."""
    if prediction.key is None or prediction.probability < min_probability:
        return NONE_CLASS
    return prediction.key


@dataclass(frozen=True)
class HeldoutScores:
    accuracy: float  # accepted key (threshold applied) equals the truth, over all rows
    top1_accuracy: float  # the best class equals the truth, no threshold
    per_space: dict[str, float]  # accepted-key accuracy per "table/axis"
    confident_wrong: int  # a wrong real key at or above the threshold: the dangerous error
    count: int
    novel_accuracy: float  # on rows whose normalised text is in no training file (the honest figure)
    novel_count: int
    errors: tuple[tuple[str, str, str, str, float], ...]  # space, text, truth, predicted, probability


def score_heldout(
    examples: Sequence[LabelExample],
    predictions: Sequence[Prediction],
    min_probability: float = DEFAULT_MIN_PROBABILITY,
    seen: Set[tuple[str, str, str]] = frozenset(),
) -> HeldoutScores:
    """``seen``: (table, axis, normalised text) of the training files, to score the novel rows apart."""
    hits = top1 = confident_wrong = novel_hits = novel_count = 0
    per_space: dict[str, list[int]] = {}
    errors = []
    for ex, pred in zip(examples, predictions, strict=True):
        space = f"{ex.table}/{ex.axis}"
        accepted = accepted_key(pred, min_probability)
        hit = accepted == ex.key
        hits += hit
        top1 += (pred.key or NONE_CLASS) == ex.key
        confident_wrong += accepted not in (NONE_CLASS, ex.key)
        per_space.setdefault(space, []).append(int(hit))
        if (ex.table, ex.axis, normalize_label(ex.text)) not in seen:
            novel_count += 1
            novel_hits += hit
        if not hit:
            errors.append((space, ex.text, ex.key, pred.key or NONE_CLASS, pred.probability))
    count = len(examples)
    return HeldoutScores(
        accuracy=hits / count if count else 0.0,
        top1_accuracy=top1 / count if count else 0.0,
        per_space={s: sum(v) / len(v) for s, v in sorted(per_space.items())},
        confident_wrong=confident_wrong,
        count=count,
        novel_accuracy=novel_hits / novel_count if novel_count else 0.0,
        novel_count=novel_count,
        errors=tuple(errors),
    )


def queries_of(examples: Sequence[LabelExample]) -> list[LabelQuery]:
    return [LabelQuery(ex.table, ex.axis, ex.text, ex.context) for ex in examples]


def seen_texts(examples: Sequence[LabelExample]) -> frozenset[tuple[str, str, str]]:
    return frozenset((ex.table, ex.axis, normalize_label(ex.text)) for ex in examples)
