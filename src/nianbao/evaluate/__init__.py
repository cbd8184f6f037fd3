"""Score extraction against labeled sets (``nianbao evaluate``); metric definitions in scoring.py."""

from nianbao.evaluate.run import run_evaluation
from nianbao.evaluate.scoring import Metrics, score_reports

__all__ = ["Metrics", "run_evaluation", "score_reports"]
