"""bench/all.py prints one table of every benchmark: a benchmark without
`results()`, or one that fails, is a row saying so, never the end of the table."""
from __future__ import annotations

import sys
import types

import pytest

from bench import all as bench_all
from bench.harness import row, table


@pytest.fixture
def fake_benches(monkeypatch):
    def add(name, **attrs):
        module = types.ModuleType(f"bench.{name}")
        module.__dict__.update(attrs)
        monkeypatch.setitem(sys.modules, f"bench.{name}", module)
    return add


def test_a_benchmark_without_results_is_listed_not_fatal(fake_benches):
    fake_benches("bench_old")
    [r] = bench_all.rows_of("bench_old", quick=True)
    assert (r["bench"], r["measure"], r["verdict"]) == ("old", "no results()", "-")


def test_a_failing_benchmark_is_a_miss_naming_the_error(fake_benches):
    def results(quick=False):
        raise RuntimeError("no network")
    fake_benches("bench_broken", results=results)
    [r] = bench_all.rows_of("bench_broken", quick=True)
    assert r["verdict"] == "MISS" and "RuntimeError: no network" in r["figure"]


def test_quick_is_passed_through_and_rows_kept_in_order(fake_benches):
    seen = []

    def results(quick=False):
        seen.append(quick)
        return [row("ok", "a", "1x", "<= 2x", True, 0.5), row("ok", "b", "3x", "<= 2x", False, 0.5)]
    fake_benches("bench_ok", results=results)
    rows = bench_all.rows_of("bench_ok", quick=True)
    assert seen == [True] and [r["verdict"] for r in rows] == ["PASS", "MISS"]


def test_the_table_is_markdown_with_every_column():
    text = table([row("engine", "CPU a|b", "1.23x", "<= 1.5x", True, 2.31)])
    assert text.splitlines() == ["| bench | measure | figure | goal | verdict | load |",
                                 "|---|---|---|---|---|---|",
                                 "| engine | CPU a\\|b | 1.23x | <= 1.5x | PASS | 2.3 |"]


def test_every_benchmark_script_is_found():
    assert {"bench_engine", "bench_sweep", "bench_validate", "bench_journal"} <= set(bench_all.modules())
