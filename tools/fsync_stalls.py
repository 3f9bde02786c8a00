"""Why a durable commit sometimes takes 100 ms: time commits while another
process writes big files with fsync.

Four ways of making 12 KB durable, alternated, each timed over N commits at
100 a second (wall time: the commit waits on the disk, not the CPU):

- `journal`: an ad-hoc inject through a simex journal (`LocalSession.do`,
  SQLite WAL, `synchronous=FULL`), the WAL growing as SQLite grows it;
- `journal, WAL kept allocated`: the same, its -wal first filled to 8 MB
  with written zeros, so each commit overwrites blocks already allocated
  (no metadata to journal: the idea that ext4's jbd2 commit is the stall);
- `append + fdatasync`, `overwrite + fdatasync`: bare system calls, the
  same contrast without SQLite.

With `--disk`, a child process writes 200 MB files with fsync in a loop
meanwhile. Prints p50, p99 and the slowest commit in ms, and how many took
over 20 ms. The figures and what they show are in docs/performance.md
("The network rows").

    python tools/fsync_stalls.py [--commits 300] [--rounds 3] [--disk] [--dir DIR]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

WRITER = r"""
import os, sys
chunk = b"x" * (1 << 20)
while True:
    with open(sys.argv[1], "wb") as f:
        for _ in range(200):
            f.write(chunk)
        f.flush()
        os.fsync(f.fileno())
    os.unlink(sys.argv[1])
"""
FRAME = 12 * 1024      # about what one inject adds to the -wal
RATE = 100.0


def journal_commits(folder: Path, n: int, allocated: bool) -> list[float]:
    from simex.engine import commands as c
    from simex.session import LocalSession

    session = LocalSession.new(ROOT / "scenarios" / "border-detection.yaml", journal_path=folder / "j.simex")
    if allocated:
        # Past the valid frames SQLite ignores what the file holds (frames are
        # checked by salt and checksum), as it does after every checkpoint.
        with open(folder / "j.simex-wal", "r+b") as wal:
            wal.seek(0, os.SEEK_END)
            wal.write(b"\0" * ((8 << 20) - wal.tell()))
            wal.flush()
            os.fsync(wal.fileno())
    agencies = tuple(a.id for a in session.scenario.agencies if a.played_by == "person")
    try:
        return paced(n, lambda k: session.do(c.AddInject, to=agencies, synopsis=f"probe {k}", text="probe"))
    finally:
        session.close()


def bare_commits(folder: Path, n: int, overwrite: bool) -> list[float]:
    fd = os.open(folder / "bare.bin", os.O_RDWR | os.O_CREAT | os.O_TRUNC)
    try:
        if overwrite:
            os.write(fd, b"\0" * (n * FRAME))
            os.fsync(fd)
        data = b"y" * FRAME

        def commit(k: int) -> None:
            os.pwrite(fd, data, k * FRAME)
            os.fdatasync(fd)
        return paced(n, commit)
    finally:
        os.close(fd)


def paced(n: int, commit) -> list[float]:
    times, start = [], time.perf_counter()
    for k in range(n):
        t0 = time.perf_counter()
        commit(k)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(max(0.0, start + (k + 1) / RATE - time.perf_counter()))
    return times


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


WAYS = {
    "journal": lambda folder, n: journal_commits(folder, n, allocated=False),
    "journal, WAL kept allocated": lambda folder, n: journal_commits(folder, n, allocated=True),
    "append + fdatasync": lambda folder, n: bare_commits(folder, n, overwrite=False),
    "overwrite + fdatasync": lambda folder, n: bare_commits(folder, n, overwrite=True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--disk", action="store_true", help="another process writes 200 MB files with fsync")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where to write (default: the system's temporary folder; it must be on the disk)")
    args = parser.parse_args()
    for round_ in range(args.rounds):
        for name, way in WAYS.items():
            with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
                folder = Path(tmp)
                writer = (subprocess.Popen([sys.executable, "-c", WRITER, str(folder / "big.bin")])
                          if args.disk else None)
                try:
                    times = way(folder, args.commits)
                finally:
                    if writer:
                        writer.kill()
                        writer.wait()
            print(f"round {round_ + 1}  {name:28}  p50 {pct(times, 0.5):6.2f}  p99 {pct(times, 0.99):7.2f}  "
                  f"slowest {max(times):6.1f} ms  over 20 ms: {sum(t > 20 for t in times):3}  "
                  f"(load {os.getloadavg()[0]:.2f})", flush=True)


if __name__ == "__main__":
    main()
