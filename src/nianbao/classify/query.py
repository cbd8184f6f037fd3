"""What the header classifier is asked and what it answers."""

from __future__ import annotations

from dataclasses import dataclass

NONE_CLASS = "__none__"  # the negative class: text that is no label of this table axis


@dataclass(frozen=True)
class LabelQuery:
    """One printed label: ``table`` (requests/proactive/appeals), ``axis`` (row/column), the label
    ``text`` as printed or OCR'd, and ``context``: the enclosing group label(s) joined with " / "."""

    table: str
    axis: str
    text: str
    context: str = ""

    @property
    def space(self) -> tuple[str, str]:
        return (self.table, self.axis)


@dataclass(frozen=True)
class Prediction:
    """``key``: the best key of the label space, or None when the best class is the negative one.
    ``probability``: the best class's probability (of the negative class when ``key`` is None).
    ``alternatives``: the three most probable real keys with their probabilities, best first."""

    key: str | None
    probability: float
    alternatives: tuple[tuple[str, float], ...]
