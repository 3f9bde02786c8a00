"""Scores are pure functions of a scenario and its events (a journal)."""
from simex.scoring.expectations import ExpectationResult, Score, score

__all__ = ["ExpectationResult", "Score", "score"]
