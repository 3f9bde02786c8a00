"""Results disaggregated by sex, as donors require: the respondent's sex is
a fixed field (female, male, another, prefer not to say), free typing in old
CSVs is normalised, and groups smaller than the facilitator's threshold are
suppressed so that none can be recovered by subtraction from the total; an
internal mode shows everything, marked as not for publication."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from simex.feedback import FeedbackError, Response, analyse, load_form, load_responses
from simex.feedback.analysis import suppressed_groups
from simex.feedback.sex import SEXES, label, normalise
from simex.report.blocks import Table
from simex.report.feedback_section import feedback_blocks
from tests.conftest import ROOT, journal_run, simex_cli

DATA = ROOT / "tests" / "data" / "feedback"


@pytest.fixture
def form():
    return load_form(DATA / "border-feedback.yaml")


def _by_sex(blocks) -> dict[str, list[str]]:
    """The knowledge table's rows (group, n, before, after, change) by their first cell."""
    tables = [b for b in blocks if isinstance(b, Table) and len(b.headers) == 5]
    return {row[0]: row[1:] for row in tables[0].rows}


def test_the_bundled_sample_shows_women_and_hides_only_the_small_groups(form):
    """7 women, 4 men, 1 not stated: this used to show `man <5` and `woman
    suppressed` (nothing by sex at all). The 4 men and the 1 not stated hide
    each other (5 together); the women's results are shown."""
    a = analyse(form, load_responses(DATA / "border-responses.csv", form))
    rows = _by_sex(feedback_blocks(a, "en"))
    assert rows["female"][0] == "7" and rows["female"][1] != "—"
    assert rows["male"] == ["<5", "—", "—", "—"] and rows["prefer not to say"] == ["<5", "—", "—", "—"]
    assert rows["everyone"][0] == "12"
    assert not {"woman", "man", "suppressed"} & (set(rows) | {c for r in rows.values() for c in r})


def test_free_typing_is_normalised_to_the_fixed_field(tmp_path, form):
    spellings = ["F", "femme", "Female", "woman", "w", "Femme ", "M", "homme", "man", "male", "", "Prefer not to say"]
    text = ["role,code,gender,phase,question,answer"]
    for i, s in enumerate(spellings):
        text += [f"customs,P{i},{s},{phase},K1,police" for phase in ("pre", "post")]
    (tmp_path / "r.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    rows = load_responses(tmp_path / "r.csv", form)
    assert {r.sex for r in rows} == {"female", "male", "undisclosed"}
    groups = [g.group for g in analyse(form, rows, internal=True).groups]
    assert groups == ["all", "female", "male", "undisclosed"]


def test_unknown_sexes_are_reported_with_row_and_column(tmp_path, form):
    (tmp_path / "r.csv").write_text("role;code;sex;phase;question;answer\n"
                                    "customs;P1;F;pre;K1;police\n"
                                    "customs;P2;fmale;pre;K1;police\n"
                                    "customs;P3;42;pre;K1;police\n", encoding="utf-8")
    with pytest.raises(FeedbackError) as err:
        load_responses(tmp_path / "r.csv", form)
    message = str(err.value)
    assert "r.csv: row 3, column sex: 'fmale'" in message and "did you mean 'female'?" in message
    assert "row 4, column sex: '42'" in message and "female, male, another, prefer not to say" in message


def test_the_facilitator_chooses_the_threshold_and_an_internal_mode_shows_all(form):
    rows = load_responses(DATA / "border-responses.csv", form)
    assert all(g.suppressed for g in analyse(form, rows, suppress_below=8).groups if g.group != "all")
    internal = analyse(form, rows, internal=True)
    assert not any(g.suppressed for g in internal.groups) and internal.internal
    men = next(g for g in internal.groups if g.group == "male")
    assert men.participants == 4 and men.pre is not None and men.change is not None
    blocks = feedback_blocks(internal, "en")
    assert "internal — not for publication" in str(blocks[0])
    with pytest.raises(ValueError):
        analyse(form, rows, suppress_below=1)


def test_pre_post_gain_and_scale_means_per_sex(form):
    right = {"K1": "police", "K2": "15", "K3": "regulator"}

    def person(code, sex, pre, post, scale):
        out = [Response("customs", code, sex, ph, q, a if i < n else "x")
               for ph, n in (("pre", pre), ("post", post)) for i, (q, a) in enumerate(right.items())]
        return out + [Response("customs", code, sex, "hotwash", "H1", str(scale))]

    rows = [r for i in range(5) for r in person(f"W{i}", "female", 1, 3, 5)]
    rows += [r for i in range(5) for r in person(f"M{i}", "male", 2, 2, 3)]
    a = analyse(form, rows)
    g = {x.group: x for x in a.groups}
    assert g["female"].change == pytest.approx(2 / 3) and g["male"].change == pytest.approx(0)
    s = {x.group: x.mean for x in a.scales}
    assert (s["female"], s["male"], s["all"]) == (5, 3, 4)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(SEXES), st.integers(1, 12), min_size=1), st.integers(2, 8))
def test_no_suppressed_group_can_be_recovered_from_the_total(sizes, threshold):
    """Complementary suppression: every group smaller than the threshold is
    hidden, and the hidden groups together are never smaller than the
    threshold, unless everything by sex is hidden (so the total minus the
    shown groups never tells a small group's figures)."""
    hidden = suppressed_groups(sizes, threshold)
    assert {g for g, n in sizes.items() if n < threshold} <= hidden
    assert not hidden or hidden == set(sizes) or sum(sizes[g] for g in hidden) >= threshold
    assert len(hidden) != 1 or len(sizes) == 1


def test_labels_are_the_fixed_field_in_the_readers_language():
    assert [label(s, "en") for s in SEXES] == ["female", "male", "another", "prefer not to say"]
    assert normalise("Femme") == "female" and normalise("H") == "male" and normalise("???") is None


def test_cli_report_by_sex_with_a_threshold_and_internal_mode(tmp_path):
    journal = journal_run(tmp_path / "w.simex")
    args = ["report", journal, "--feedback", DATA / "border-feedback.yaml", "--responses", DATA / "border-responses.csv"]
    out = simex_cli(*args, "--suppress-below", "3", "--internal")
    assert out.returncode == 0, out.stderr
    assert "internal — not for publication" in out.stdout and "| male | 4 |" in out.stdout
    out = simex_cli(*args, "--suppress-below", "1")
    assert out.returncode == 2 and "at least 2" in out.stderr


def test_role_counts_are_suppressed_complementarily_too(form):
    """13 participants: 6 customs, 5 police, 2 liaison. Showing customs,
    police and the total with only liaison hidden would tell liaison's
    count; the next smallest (police) is hidden with it."""
    rows = [r for i in range(6) for r in _person(f"C{i}", "customs")]
    rows += [r for i in range(5) for r in _person(f"P{i}", "police")] + [r for i in range(2) for r in _person(f"L{i}", "liaison")]
    line = str(feedback_blocks(analyse(form, rows), "en")[0])
    assert "customs: 6" in line and "liaison: <5" in line and "police: suppressed" in line
    line = str(feedback_blocks(analyse(form, rows, internal=True), "en")[1])
    assert "liaison: 2" in line and "police: 5" in line


def _person(code, role):
    return [Response(role, code, "female", phase, "K1", "police") for phase in ("pre", "post")]
