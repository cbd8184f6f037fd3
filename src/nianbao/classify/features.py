"""The scikit-learn pipeline: character n-grams of the normalised label and of its context.

One pipeline per label space (table, axis). The pipeline takes raw ``(text, context)`` pairs and
normalises them itself, so the saved model and training share exactly one normalisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nianbao.classify.normalize import normalize_context, normalize_label

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

Pair = tuple[str, str]  # (text, context)


def label_features(pairs: Sequence[Pair]) -> list[str]:
    """Normalised text between ^ and $ so that n-grams see where a label starts and ends."""
    return ["^" + normalize_label(text) + "$" for text, _ in pairs]


def context_features(pairs: Sequence[Pair]) -> list[str]:
    return ["^" + normalize_context(context) + "$" for _, context in pairs]


@dataclass(frozen=True)
class PipelineSettings:
    ngram_max: int = 3
    context_weight: float = 0.5
    regularisation_c: float = 20.0
    max_iter: int = 3000


def build_pipeline(settings: PipelineSettings = PipelineSettings()) -> Pipeline:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    def char_ngrams(ngram_max: int) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer="char", ngram_range=(1, ngram_max), sublinear_tf=True, lowercase=False, dtype=_float32()
        )

    union = FeatureUnion(
        [
            ("label", make_pipeline(FunctionTransformer(label_features), char_ngrams(settings.ngram_max))),
            ("context", make_pipeline(FunctionTransformer(context_features), char_ngrams(2))),
        ],
        transformer_weights={"label": 1.0, "context": settings.context_weight},
    )
    classifier = LogisticRegression(C=settings.regularisation_c, max_iter=settings.max_iter)
    return Pipeline([("features", union), ("classifier", classifier)])


def _float32() -> type:
    import numpy as np

    return np.float32


def pairs_of(texts: Sequence[str], contexts: Sequence[str]) -> list[Pair]:
    return list(zip(texts, contexts, strict=True))
