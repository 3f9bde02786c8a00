"""Participants' feedback and learning: pre/post knowledge tests and the
hot-wash form (a YAML file of their own), answers from the participant
console or a CSV file, and an analysis with small groups suppressed."""
from simex.feedback.analysis import Analysis, analyse
from simex.feedback.form import FeedbackError, FeedbackForm, load_form
from simex.feedback.responses import Response, load_responses

__all__ = ["Analysis", "FeedbackError", "FeedbackForm", "Response", "analyse", "load_form", "load_responses"]
