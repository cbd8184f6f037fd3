"""From the TSV examples to one de-duplicated, augmented training set per label space (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nianbao.classify.augment import AugmentSettings, augment, noise_negatives
from nianbao.classify.dataset import LabelExample, cross_space_negatives, expand_wildcards
from nianbao.classify.normalize import normalize_context, normalize_label
from nianbao.classify.query import NONE_CLASS
from nianbao.template import label_spaces

Space = tuple[str, str]
_NOISE_EXTRA = "0123456789.,/-—()（）、：:%＋+·•□■○●|丨囗口"


def _positives(examples: Sequence[LabelExample]) -> set[str]:
    return {normalize_label(ex.text) for ex in examples if ex.key != NONE_CLASS}


def _collides(negative_text: str, positives: set[str]) -> bool:
    """A negative that reads as (part of) a real label of the space would teach a wrong rejection."""
    normalised = normalize_label(negative_text)
    return any(normalised and normalised in positive for positive in positives)


def _noise(space: Space, examples: Sequence[LabelExample], count: int, seed: int) -> list[LabelExample]:
    alphabet = sorted({ch for ex in examples for ch in normalize_label(ex.text)} | set(_NOISE_EXTRA))
    return [
        LabelExample(space[0], space[1], "", text, NONE_CLASS)
        for text in noise_negatives("".join(alphabet), count, seed)
    ]


def _deduplicate(base: Sequence[LabelExample], generated: Sequence[LabelExample]) -> list[LabelExample]:
    """One example per normalised (text, context); where variants disagree on the key, the hand-written
    example wins and conflicting generated ones are dropped."""
    chosen: dict[tuple[str, str], LabelExample] = {}
    conflicted: set[tuple[str, str]] = set()
    for ex in base:
        chosen.setdefault((normalize_label(ex.text), normalize_context(ex.context)), ex)
    fixed = set(chosen)
    for ex in generated:
        key = (normalize_label(ex.text), normalize_context(ex.context))
        if key in fixed:
            continue
        if key in chosen and chosen[key].key != ex.key:
            conflicted.add(key)
        chosen.setdefault(key, ex)
    return [ex for key, ex in chosen.items() if key not in conflicted]


def space_training_set(space: Space, examples: Sequence[LabelExample], settings: AugmentSettings) -> list[LabelExample]:
    """Hand-written examples of ``space``, other spaces' labels and noise as negatives, augmented."""
    own = [ex for ex in examples if ex.space == space]
    positives = _positives(own)
    seed = settings.seed * 1000 + sorted(label_spaces()).index(space)
    negatives = [ex for ex in cross_space_negatives(examples) if ex.space == space]
    negatives += _noise(space, own, settings.noise_per_space, seed)
    negatives = [ex for ex in negatives if not _collides(ex.text, positives)]
    generated = augment(own + negatives, replace(settings, seed=seed))
    generated = [ex for ex in generated if ex.key != NONE_CLASS or not _collides(ex.text, positives)]
    return _deduplicate(own, generated)


def training_sets(examples: Sequence[LabelExample], settings: AugmentSettings) -> dict[Space, list[LabelExample]]:
    expanded = expand_wildcards(examples)
    return {space: space_training_set(space, expanded, settings) for space in label_spaces()}
