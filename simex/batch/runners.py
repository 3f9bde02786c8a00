"""Where the chunks run: this process, local worker processes, or a Dask cluster.

Every runner calls `on_rows(chunk, rows)` in the calling process as each
chunk finishes, in whatever order they finish; results.py writes them at
once and sorts the file at the end, so the runner never changes the output.

The work of a chunk is `run_chunk(sweep, chunk)` unless a runner is given
another module-level `task` (simex.whatif runs its counterfactuals so); the
"sweep" is then whatever that task needs, shipped once per worker.

Losing a worker loses only the chunks it was running: the local pool is
rebuilt and Dask futures that failed because their worker died are
submitted again, up to `retries` times. An error raised by the simulation
itself is not retried: it would fail the same way again.
"""
from __future__ import annotations

import signal
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from typing import Callable

from simex.batch.plan import Chunk, Sweep
from simex.batch.replicate import run_chunk

OnRows = Callable[[Chunk, list], None]
Task = Callable[[object, Chunk], list]


class RunnerError(RuntimeError):
    """The work cannot be done where it was sent; the message says why."""


class WorkerLost(RunnerError):
    """Workers kept dying: the same chunks failed more than `retries` times."""


def run_serial(sweep: Sweep, chunks: list[Chunk], on_rows: OnRows, task: Task = run_chunk) -> None:
    for chunk in chunks:
        on_rows(chunk, task(sweep, chunk))


# --- local processes ------------------------------------------------------------

_SWEEP: Sweep | None = None
_TASK: Task = run_chunk


def _init_worker(sweep: Sweep, task: Task = run_chunk) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides what
    # stops (it terminates the workers), so no worker prints a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _SWEEP, _TASK
    _SWEEP, _TASK = sweep, task


def _local_task(chunk: Chunk) -> list[list[str]]:
    assert _SWEEP is not None, "worker not initialised"
    return _TASK(_SWEEP, chunk)


def run_local(sweep: Sweep, chunks: list[Chunk], on_rows: OnRows, workers: int, retries: int = 3,
              task: Task = run_chunk) -> None:
    """concurrent.futures processes; the sweep is shipped once per worker."""
    if workers <= 1:
        return run_serial(sweep, chunks, on_rows, task)
    todo = list(chunks)
    breaks = 0
    while todo:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(sweep, task))
        pending = {pool.submit(_local_task, chunk): chunk for chunk in todo}
        broken = False
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    chunk = pending.pop(fut)
                    try:
                        rows = fut.result()
                    except BrokenProcessPool:
                        broken = True      # a worker died: every unfinished chunk is re-run
                        pending[fut] = chunk
                        continue
                    on_rows(chunk, rows)
                if broken:
                    # Chunks that finished before the death still count.
                    for fut in [f for f in pending if f.done() and not f.cancelled() and f.exception() is None]:
                        on_rows(pending.pop(fut), fut.result())
                    break
        except BaseException:
            _stop_now(pool)   # Ctrl-C: do not wait for chunks whose rows would be dropped anyway
            raise
        pool.shutdown(wait=not broken, cancel_futures=True)
        todo = sorted(pending.values(), key=lambda c: (c.point, c.replications))
        if broken:
            breaks += 1
            if breaks > retries:
                raise WorkerLost(f"worker processes died {breaks} times; {len(todo)} chunks not run")


def _stop_now(pool: ProcessPoolExecutor) -> None:
    terminate = getattr(pool, "terminate_workers", None)   # Python 3.14+
    if terminate is not None:
        terminate()
        return
    # Before shutdown(), which forgets the processes without stopping them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    _forget_manager(manager)


def _forget_manager(manager) -> None:
    """Python 3.11-3.13 wake every pool's manager thread at exit through a pipe
    the manager may already have closed, which prints an OSError traceback
    after the user's Ctrl-C. Once the manager has finished (its workers are
    gone), take it off that list."""
    if manager is None:
        return
    manager.join(timeout=10)
    if not manager.is_alive():
        import concurrent.futures.process as cf_process

        getattr(cf_process, "_threads_wakeups", {}).pop(manager, None)


# --- Dask -------------------------------------------------------------------------


def connect_dask(address):
    """A Client for an address like tcp://host:8786 (or the Client given);
    Dask is imported only here and in run_dask."""
    from distributed import Client

    if isinstance(address, Client):
        return address
    try:
        return Client(address)   # timeout: distributed.comm.timeouts.connect
    except OSError as exc:
        raise OSError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 of simex's own source: workers running other code would give
    other results under the same seeds, silently. Computed once per process."""
    import hashlib
    from pathlib import Path

    import simex

    root = Path(simex.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def check_workers(client) -> None:
    """Refuse a cluster whose workers run a different simex than this one."""
    mine = code_fingerprint()
    theirs = client.run(code_fingerprint)
    odd = sorted(addr for addr, fp in theirs.items() if fp != mine)
    if odd:
        raise RunnerError(f"Dask workers {', '.join(odd)} run a different version of simex than this "
                           "machine; install the same simex on every worker so the results are reproducible")


def dask_threads(client) -> int:
    """Worker threads in the cluster now: what the chunk size is planned for."""
    return max(1, sum(client.nthreads().values()))


def run_dask(sweep: Sweep, chunks: list[Chunk], on_rows: OnRows, client, retries: int = 3) -> None:
    """Submit the chunks to a Dask distributed cluster through `client`."""
    from distributed import as_completed
    from distributed.comm.core import CommClosedError
    from distributed.scheduler import KilledWorker

    lost = (KilledWorker, CommClosedError, OSError)
    check_workers(client)
    attempts: Counter = Counter()
    # The sweep (scenario text included) travels with each task: a replacement
    # worker needs nothing from the dead one, only simex installed.
    futures = {client.submit(run_chunk, sweep, c, pure=False): c for c in chunks}
    try:
        done = as_completed(futures)
        for fut in done:
            chunk = futures.pop(fut)
            if fut.status == "finished":
                on_rows(chunk, fut.result())
                fut.release()
                continue
            error = _failure(fut)
            if error is not None and not isinstance(error, lost):
                raise error          # the simulation itself failed: retrying would fail again
            attempts[chunk] += 1
            if attempts[chunk] > retries:
                raise WorkerLost(f"chunk {chunk.point}/{chunk.replications[0]} lost its worker "
                                 f"{attempts[chunk]} times") from error
            again = client.submit(run_chunk, sweep, chunk, pure=False)
            futures[again] = chunk
            done.add(again)
    except BaseException:
        client.cancel(list(futures))
        raise


def _failure(fut) -> BaseException | None:
    """The exception of a failed future; None when it was cancelled (its worker went away)."""
    try:
        return fut.exception(timeout=5)
    except Exception as exc:  # CancelledError and friends: treat as lost
        return None if type(exc).__name__ == "CancelledError" else exc
