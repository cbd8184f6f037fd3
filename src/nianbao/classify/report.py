"""Plain-text summaries of training and classification results for the CLI (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from nianbao.classify.query import LabelQuery, Prediction
from nianbao.classify.training import TrainReport

MAX_CONFUSIONS = 25


def training_summary(report: TrainReport) -> list[str]:
    lines = [
        f"cross-validated accuracy: {report.cv.accuracy:.4f} over {report.cv.count} examples "
        f"({report.meta['cv']['folds']}-fold, augmented sets)",
        "per class (recall):",
    ]
    lines += [f"  {name:<60} {recall:.3f}" for name, recall in report.cv.per_class.items()]
    has_confusions = bool(report.cv.confusions)
    lines.append("confusions (space: true -> predicted x count):" if has_confusions else "confusions: none")
    lines += [
        f"  {c.space}: {c.true_key} -> {c.predicted_key} x{c.count}" for c in report.cv.confusions[:MAX_CONFUSIONS]
    ]
    if len(report.cv.confusions) > MAX_CONFUSIONS:
        lines.append(f"  … {len(report.cv.confusions) - MAX_CONFUSIONS} more")
    heldout = report.heldout
    if heldout is None:
        lines.append("held-out: no heldout.tsv in the data folder")
    else:
        lines.append(
            f"held-out accuracy: {heldout.accuracy:.4f} of {heldout.count} "
            f"(top-1 {heldout.top1_accuracy:.4f}; novel after normalisation {heldout.novel_accuracy:.4f} of {heldout.novel_count}); "
            f"wrong keys at p>=0.5: {heldout.confident_wrong}"
        )
        lines += [f"  {space:<18} {accuracy:.4f}" for space, accuracy in heldout.per_space.items()]
        lines += [
            f"  miss {space}: {text!r} truth {truth} got {got} p={p:.2f}"
            for space, text, truth, got, p in heldout.errors
        ]
    lines.append(report.kept or f"wrote {report.model_dir} in {report.seconds:.1f} s")
    return lines


def prediction_line(query: LabelQuery, prediction: Prediction) -> str:
    key = prediction.key if prediction.key is not None else "(none)"
    others = ", ".join(f"{k} {p:.3f}" for k, p in prediction.alternatives if k != prediction.key)
    text = query.text.replace("\n", "\\n")
    return f"{text}\t{key}\t{prediction.probability:.3f}" + (f"\t[{others}]" if others else "")


def prediction_lines(queries: Sequence[LabelQuery], predictions: Sequence[Prediction]) -> list[str]:
    return [prediction_line(q, p) for q, p in zip(queries, predictions, strict=True)]
