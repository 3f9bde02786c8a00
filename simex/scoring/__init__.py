"""Scores are pure functions of a scenario and its events (a journal).

`score` judges each doctrine expectation; `evaluate` gives everything an
after-action report needs (coordination metrics, network, custody, the EEG
with suggested P/S/M/U ratings, the improvement plan). `evaluate` is loaded on
first use so `simex run` does not pay for it.
"""
from simex.scoring.expectations import ExpectationResult, Score, score

__all__ = ["Evaluation", "ExpectationResult", "Score", "evaluate", "score"]


def __getattr__(name: str):
    if name in ("evaluate", "Evaluation"):
        from simex.scoring import evaluation

        return getattr(evaluation, name)
    raise AttributeError(f"module 'simex.scoring' has no attribute {name!r}")
