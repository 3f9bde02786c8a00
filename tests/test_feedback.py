"""Pre/post knowledge tests and the hot-wash form: the file format, CSV
import, scores and small-group suppression."""
from __future__ import annotations

import pytest

from simex.feedback import FeedbackError, Response, analyse, load_form, load_responses
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "feedback"


@pytest.fixture
def form():
    return load_form(DATA / "border-feedback.yaml")


def answers(code, sex, pre, post, role="customs"):
    """pre/post: how many of K1..K3 (in order) the participant got right."""
    right = {"K1": "police", "K2": "15", "K3": "regulator"}
    rows = []
    for phase, n in (("pre", pre), ("post", post)):
        for i, (q, a) in enumerate(right.items()):
            rows.append(Response(role, code, sex, phase, q, a if i < n else "wrong"))
    return rows


def test_form_and_csv_import(form):
    assert [q.id for q in form.knowledge] == ["K1", "K2", "K3"] and form.min_group == 5
    rows = load_responses(DATA / "border-responses.csv", form)
    assert len({r.code for r in rows}) == 12 and {r.phase for r in rows} == {"pre", "post", "hotwash"}


def test_pre_post_change_per_question_and_overall(form):
    rows = [r for i in range(6) for r in answers(f"P{i}", "", 1, 3)]
    a = analyse(form, rows)
    k1, k2, _ = a.questions
    assert (k1.pre_correct, k1.post_correct) == (1.0, 1.0) and k2.change == 1.0
    overall = a.groups[0]
    assert overall.group == "all" and overall.participants == 6
    assert overall.pre == pytest.approx(1 / 3) and overall.change == pytest.approx(2 / 3)


def test_small_groups_are_suppressed_with_complementary_suppression(form):
    rows = [r for i in range(6) for r in answers(f"W{i}", "female", 1, 3)]
    rows += [r for i in range(5) for r in answers(f"M{i}", "male", 2, 2)]
    rows += [r for i in range(2) for r in answers(f"X{i}", "another", 0, 3)]
    a = analyse(form, rows)
    groups = {g.group: g for g in a.groups}
    assert groups["another"].suppressed and groups["another"].pre is None
    # Only one group was too small: the next smallest (male, 5) is hidden too.
    assert groups["male"].suppressed and not groups["female"].suppressed
    assert groups["female"].change == pytest.approx(2 / 3) and a.suppressed_note


def test_everything_is_suppressed_below_the_minimum(form):
    a = analyse(form, [r for i in range(3) for r in answers(f"P{i}", "woman", 0, 3)])
    assert a.groups[0].suppressed and a.groups[0].pre is None
    assert all(q.pre_correct is None for q in a.questions)


def test_bad_inputs_say_what_is_wrong(form, tmp_path):
    bad = tmp_path / "r.csv"
    bad.write_text("role,code,phase,question\ncustoms,P1,pre,K1\n", encoding="utf-8")
    with pytest.raises(FeedbackError, match="missing column"):
        load_responses(bad, form)
    bad.write_text("role,code,phase,question,answer\ncustoms,P1,during,K1,x\n", encoding="utf-8")
    with pytest.raises(FeedbackError, match="phase must be"):
        load_responses(bad, form)
    bad.write_text("role,code,phase,question,answer\ncustoms,P1,pre,K9,x\n", encoding="utf-8")
    with pytest.raises(FeedbackError, match="no question 'K9'"):
        load_responses(bad, form)
    y = tmp_path / "f.yaml"
    y.write_text("id: f\ntitle: F\nknowledge:\n  - {id: K1, text: Q, answer: a}\n  - {id: K1, text: Q, answer: b}\n")
    with pytest.raises(FeedbackError, match="unique"):
        load_form(y)
