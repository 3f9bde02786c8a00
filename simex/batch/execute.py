"""Run a sweep into a results file: fresh or resumed, on any runner.

The one place that ties plan, runner, results file and progress together,
so the CLI, the benchmark and the tests run sweeps the same way.
"""
from __future__ import annotations

import os
from pathlib import Path

from simex.batch.plan import Sweep, chunk_size, chunks
from simex.batch.progress import Progress
from simex.batch.replicate import layout_of
from simex.batch.results import Writer, done_pairs, read_rows, save_meta
from simex.batch.runners import connect_dask, dask_threads, run_dask, run_local


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # not on Linux
        return os.cpu_count() or 1


def execute(sweep: Sweep, out: Path, *, workers: int | None = None, dask=None, resume: bool = False,
            stream=None, progress: bool = True) -> list[list[str]]:
    """Run every (grid point, replication) not yet in `out`; the final, sorted rows.

    KeyboardInterrupt propagates after the finished rows are safely in `out`.
    """
    out = Path(out)
    columns = layout_of(sweep).columns
    resume = resume and out.exists()
    done = done_pairs(read_rows(out, columns)) if resume else set()
    client = connect_dask(dask) if dask is not None else None
    try:
        return _execute(sweep, out, columns, done, workers, client, resume, stream, progress)
    finally:
        if client is not None and client is not dask:
            client.close()


def _execute(sweep, out, columns, done, workers, client, resume, stream, progress) -> list[list[str]]:
    save_meta(out, sweep, columns)
    points = len(sweep.points)
    todo = {p: [r for r in range(sweep.replications) if (p, r) not in done] for p in range(points)}
    remaining = sum(len(v) for v in todo.values())
    # Dask: 16 chunks per thread of the cluster (a task costs ~1.5 ms there),
    # so a slow or lost worker holds back a small share of the work.
    workers = workers or cores()
    size = chunk_size(remaining, dask_threads(client), per_worker=16) if client is not None \
        else chunk_size(remaining, workers)
    work = chunks({p: reps for p, reps in todo.items() if reps}, size)
    writer = Writer(out, columns, fresh=not resume)
    bar = Progress(points * sweep.replications, stream=stream, done=points * sweep.replications - remaining) \
        if progress else None

    def on_rows(chunk, rows) -> None:
        writer.append(rows)
        if bar:
            bar.advance(len(rows))

    try:
        if client is not None:
            run_dask(sweep, work, on_rows, client)
        else:
            run_local(sweep, work, on_rows, workers)
    except BaseException:
        writer.close()
        if bar:
            bar.close("stopped")
        raise
    if bar:
        bar.close()
    return writer.finalize()
