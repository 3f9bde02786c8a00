"""kill -9 the server while participants are sending; resume; lose nothing.

Each trial serves the border-detection scenario (`simex serve --no-console
--speed 60`) with two or three participants that send decisions and messages
over the scenario's channels as fast as they are acknowledged. At a seeded
moment the server gets SIGKILL; `simex serve --resume` restarts it on the
same port, the participants reconnect by themselves and send a few more,
and SIGINT stops it. Then:

- every command acknowledged to a participant is in the journal;
- `simex.replay.replay` verifies the journal;
- neither server printed a traceback;
- the server stopped within 2 s of SIGINT, and nothing else waited past its limit.

    python tools/kill9_trials.py -n 40 [--seed 1]

prints one line per trial and a summary line with the figures (trials,
commands acknowledged, acknowledged commands lost, tracebacks, hangs, replay
failures, max stop time); exits 1 if any of lost, tracebacks, hangs and
replay failures is not 0. tests/net/test_kill9_trials.py runs two trials in CI.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from websockets.exceptions import ConnectionClosed  # noqa: E402

from simex.journal import JournalReader  # noqa: E402
from simex.net.client import JoinError, Refused, RemoteSession  # noqa: E402
from simex.replay import replay  # noqa: E402

SCENARIO = ROOT / "scenarios" / "border-detection.yaml"
# Who plays, and the channels each may use (scenarios/border-detection.yaml).
PLAYERS = {
    "customs": [("regulator", "customs-regulator-phone"), ("police", "customs-police-radio")],
    "regulator": [("customs", "customs-regulator-phone"), ("police", "regulator-police-phone")],
    "police": [("customs", "customs-police-radio"), ("regulator", "regulator-police-phone")],
}
STOP_LIMIT = 2.0       # seconds from SIGINT to exit, as a facilitator expects
LIMIT = 60.0           # generous: a busy machine starts Python and reconnects slowly
AFTER_RESUME = 3       # commands each participant gets acknowledged after the restart
TRIAL_LIMIT = 600.0    # a whole trial; past it the trial is cut short and reported as a hang


class Server:
    """`simex serve ... --no-console` in its own process. Threads read its
    output as it comes, so no pipe fills up and blocks it, and we wait on what
    it printed, never on a fixed time."""

    def __init__(self, *args, command: list[str] | None = None):
        command = command or [sys.executable, "-m", "simex.cli", "serve", *map(str, args), "--no-console"]
        # Its own process group: killing the group also kills anything it started
        # that could hold its output pipes open (the readers would never see EOF).
        self.proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        self.lines: list[str] = []
        self.serving = threading.Event()
        self._readers = [threading.Thread(target=self._read, args=(stream,), daemon=True)
                         for stream in (self.proc.stdout, self.proc.stderr)]
        for reader in self._readers:
            reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line)
            if line.startswith("serving on"):
                self.serving.set()
        self.serving.set()      # it exited: stop waiting

    async def ready(self) -> bool:
        await asyncio.to_thread(self.serving.wait, LIMIT)
        return any(line.startswith("serving on") for line in self.lines)

    @property
    def codes(self) -> dict[str, str]:
        return {parts[0]: parts[1] for line in self.lines
                if line.startswith("  ") and len(parts := line.split()) == 2 and ":" in parts[0]}

    async def stop(self) -> float | None:
        """SIGINT; the seconds it took to exit, or None if it had not within LIMIT.
        The event loop keeps running meanwhile, so clients answer the goodbye."""
        sent = time.monotonic()
        self.proc.send_signal(signal.SIGINT)
        while self.proc.poll() is None:
            if time.monotonic() - sent > LIMIT:
                return None
            await asyncio.sleep(0.01)
        return time.monotonic() - sent

    def kill(self) -> str | None:
        """SIGKILL its whole process group and wait for it, within LIMIT; what
        did not end in time (as a hang to report), or None."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)   # the group id is the server's pid
        except ProcessLookupError:
            pass                                       # the group is gone: it and its children have exited
        try:
            self.proc.wait(LIMIT)
        except subprocess.TimeoutExpired:
            return f"server (pid {self.proc.pid}) still running {LIMIT:.0f} s after SIGKILL"
        for reader in self._readers:     # all it printed, for the traceback check
            reader.join(LIMIT)
        if any(reader.is_alive() for reader in self._readers):
            return f"server output still open {LIMIT:.0f} s after it was killed"
        # The group's other processes were sent SIGKILL too, but a process
        # ends when the kernel gets to it: on a busy machine it can still be
        # running a moment after the server has been reaped. Wait for that.
        waited = time.monotonic()
        while Path("/proc").is_dir() and alive_in_group(self.proc.pid):   # without /proc: unknowable
            if time.monotonic() - waited > LIMIT:
                return f"a process of server {self.proc.pid} still running {LIMIT:.0f} s after SIGKILL"
            time.sleep(0.01)
        return None

    @property
    def left_running(self) -> bool:
        """Whether any process of its group is still alive (a zombie waiting to
        be reaped by init does not count: it holds no pipe and runs nothing)."""
        try:
            os.killpg(self.proc.pid, 0)
        except ProcessLookupError:
            return False
        return bool(alive_in_group(self.proc.pid))

    @property
    def traceback(self) -> bool:
        return any("Traceback" in line for line in self.lines)


def running_processes() -> list[tuple[int, int, int]] | None:
    """(pid, parent pid, process group) of every process that is not a zombie
    (a zombie waits only to be reaped: it holds no pipe and runs nothing);
    None where there is no /proc to read."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue     # ended meanwhile
        fields = stat[stat.rindex(")") + 2:].split()   # after "pid (command) ": state, ppid, pgrp, ...
        if fields[0] != "Z":
            found.append((int(entry.name), int(fields[1]), int(fields[2])))
    return found


def alive_in_group(group: int) -> list[int]:
    """The running processes of a process group (without /proc: unknown, the group itself)."""
    found = running_processes()
    return [group] if found is None else [pid for pid, _, pgrp in found if pgrp == group]

class Player:
    """A participant sending as fast as it is acknowledged; remembers what was."""

    def __init__(self, agency: str, client: RemoteSession, label: str):
        self.agency, self.client, self.label = agency, client, label
        self.acked: list[tuple[str, str]] = []     # (command kind, its unique text)
        self.refused: list[str] = []               # refusals that were not a lost connection
        self.paced = 0     # refused as too many, within the server's limits: not a failure
        self.running = True
        self._n = 0

    async def play(self) -> None:
        while self.running:
            if not self.client.connected:
                await asyncio.sleep(0.01)    # it reconnects by itself; poll for that
                continue
            self._n += 1
            text = f"{self.label}-{self.agency}-{self._n}"
            try:
                if self._n % 2:
                    await self.client.send("record_decision", agency=self.agency, decision=text)
                    self.acked.append(("record_decision", text))
                else:
                    recipient, channel = PLAYERS[self.agency][self._n // 2 % 2]
                    await self.client.send("send_message", sender=self.agency, recipient=recipient,
                                           channel=channel, subject=text, body="kill -9 trial")
                    self.acked.append(("send_message", text))
            except Refused as exc:
                if "too many commands" in str(exc):
                    # Its burst is spent (simex.net.limits): a person would wait; this
                    # player waits for the next server, which starts with a full one.
                    self.paced += 1
                    while self.running and self.client.connected:
                        await asyncio.sleep(0.01)
                elif "connection lost" not in str(exc) and "not connected" not in str(exc):
                    self.refused.append(str(exc))
                else:
                    # The connection just dropped, and the client says so only once its
                    # reader has run. A refusal of a closed connection comes back without
                    # the send ever waiting: retrying at once, the loop never ran the
                    # reader again and the trial spun for ever (seen under load).
                    await asyncio.sleep(0.01)
            except (asyncio.TimeoutError, OSError, ConnectionClosed):
                # not acknowledged: it may or may not be in the journal, and need not be
                await asyncio.sleep(0.01)


@dataclass
class Trial:
    index: int
    seed: int
    players: int = 0
    acked: int = 0
    acked_before_kill: int = 0
    lost: list[str] = field(default_factory=list)
    tracebacks: int = 0
    hangs: list[str] = field(default_factory=list)     # what did not happen within its limit
    replay_failure: str = ""
    refused: list[str] = field(default_factory=list)
    paced: int = 0       # refused as too many for the rate limit, then waited: expected
    stop_seconds: float = 0.0
    seconds: float = 0.0     # the whole trial

    @property
    def ok(self) -> bool:
        return not (self.lost or self.tracebacks or self.hangs or self.replay_failure or self.refused)

    def line(self) -> str:
        text = (f"trial {self.index:3d} seed {self.seed}: {self.players} players, "
                f"{self.acked} acknowledged ({self.acked_before_kill} before kill -9), "
                f"{len(self.lost)} lost, stop {self.stop_seconds:.2f} s, {self.seconds:.1f} s in all"
                + (f", {self.paced} paced by the rate limit" if self.paced else ""))
        problems = ([f"lost {', '.join(self.lost[:5])}"] if self.lost else []) \
            + (["traceback in server output"] * bool(self.tracebacks)) + self.hangs \
            + ([f"replay: {self.replay_failure}"] if self.replay_failure else []) \
            + [f"refused: {r}" for r in self.refused[:3]]
        return text + ("  OK" if not problems else "  FAIL: " + "; ".join(problems))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_for(predicate, seconds: float = LIMIT) -> bool:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def run_trial(index: int, seed: int, folder: Path) -> Trial:
    """One trial, its journal in `folder`; never leaves a server running, and
    ends within about TRIAL_LIMIT + 4 LIMIT seconds whatever happens (every
    wait in it has a limit, and a limit missed is reported as a hang)."""
    start = time.monotonic()
    trial = Trial(index, seed)
    asyncio.run(_bounded(trial, folder))
    trial.seconds = time.monotonic() - start
    return trial


async def _bounded(trial: Trial, folder: Path) -> None:
    try:
        await asyncio.wait_for(_trial(trial, folder), TRIAL_LIMIT)
    except asyncio.TimeoutError:
        trial.hangs.append(f"trial not over after {TRIAL_LIMIT:.0f} s")
    # Whatever the clients or websockets left running is cancelled here, with a
    # limit: asyncio.run would otherwise wait for them without one.
    left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in left:
        task.cancel()
    if left:
        _, pending = await asyncio.wait(left, timeout=LIMIT)
        if pending:
            trial.hangs.append(f"{len(pending)} task(s) still running {LIMIT:.0f} s after being cancelled")


async def _trial(trial: Trial, folder: Path) -> Trial:
    rng = random.Random(f"{trial.seed}:{trial.index}")
    journal, port = folder / f"trial-{trial.index}.simex", free_port()   # the same port both times
    servers: list[Server] = []
    players: list[Player] = []
    tasks: list[asyncio.Task] = []
    try:
        servers.append(Server(SCENARIO, "--journal", journal, "--port", port, "--speed", 60))
        if not await servers[0].ready():
            trial.hangs.append("server did not start")
            return trial
        agencies = rng.sample(sorted(PLAYERS), rng.choice([2, 3]))
        trial.players = len(agencies)
        for agency in agencies:
            client = RemoteSession(f"ws://127.0.0.1:{port}", servers[0].codes[f"participant:{agency}"],
                                   retry_seconds=0.05)
            players.append(Player(agency, client, f"t{trial.index}"))
            try:
                await client.join(timeout=LIMIT)
            except JoinError as exc:
                trial.hangs.append(f"participant:{agency} could not join: {exc}")
                return trial
        tasks = [asyncio.create_task(p.play()) for p in players]

        # The random moment: after a seeded number of acknowledgements, and a
        # seeded fraction of a command's round trip later, so it lands anywhere.
        target = rng.randint(1, 40)
        if not await wait_for(lambda: sum(len(p.acked) for p in players) >= target):
            trial.hangs.append(f"fewer than {target} commands acknowledged before the kill")
        await asyncio.sleep(rng.uniform(0.0, 0.02))
        if problem := await asyncio.to_thread(servers[0].kill):
            trial.hangs.append(problem)
            return trial
        trial.acked_before_kill = sum(len(p.acked) for p in players)

        before = [len(p.acked) for p in players]
        servers.append(Server("--resume", journal, "--port", port, "--speed", 60))
        if not await servers[1].ready():
            trial.hangs.append("resumed server did not start")
            return trial
        if servers[1].codes != servers[0].codes:
            trial.hangs.append("the join codes changed on resume")
        if not await wait_for(lambda: all(len(p.acked) >= n + AFTER_RESUME for p, n in zip(players, before))):
            trial.hangs.append("participants did not reconnect and send again")

        stop = await servers[1].stop()       # while they are still sending
        if stop is None:
            trial.hangs.append(f"server still running {LIMIT:.0f} s after SIGINT")
        else:
            trial.stop_seconds = stop
            if stop > STOP_LIMIT:
                trial.hangs.append(f"server took {stop:.2f} s to stop after SIGINT")
    finally:
        # Each step bounded, and the servers killed even if a step before failed.
        try:
            for p in players:
                p.running = False
            for p in players:
                try:     # a command still waiting is refused: its player's loop ends
                    await asyncio.wait_for(p.client.close(), LIMIT)
                except asyncio.TimeoutError:
                    trial.hangs.append(f"participant:{p.agency} did not close within {LIMIT:.0f} s")
            if tasks:
                await asyncio.wait(tasks, timeout=LIMIT)
            for task in tasks:
                task.cancel()
            if tasks and (await asyncio.wait(tasks, timeout=LIMIT))[1]:
                trial.hangs.append(f"a player still running {LIMIT:.0f} s after being cancelled")
        finally:
            for server in servers:
                if problem := await asyncio.to_thread(server.kill):
                    trial.hangs.append(problem)
                if server.left_running:
                    trial.hangs.append(f"a process of server {server.proc.pid} is still running")
    trial.tracebacks = sum(server.traceback for server in servers)
    trial.refused = [r for p in players for r in p.refused]
    trial.paced = sum(p.paced for p in players)
    _check_journal(trial, journal, [a for p in players for a in p.acked])
    return trial


def _check_journal(trial: Trial, journal: Path, acked: list[tuple[str, str]]) -> None:
    trial.acked = len(acked)
    reader = JournalReader(journal)
    try:
        journaled = {(cmd.kind, cmd.decision if cmd.kind == "record_decision" else cmd.subject)
                     for cmd in reader.commands() if cmd.kind in ("record_decision", "send_message")}
    finally:
        reader.close()
    trial.lost = [text for kind, text in acked if (kind, text) not in journaled]
    report = replay(journal)
    if not report.ok:
        trial.replay_failure = report.message


def summary(trials: list[Trial]) -> tuple[str, bool]:
    """The summary line, and whether every figure that must be 0 is."""
    lost = sum(len(t.lost) for t in trials)
    tracebacks = sum(t.tracebacks for t in trials)
    hangs = sum(len(t.hangs) for t in trials)
    replays = sum(bool(t.replay_failure) for t in trials)
    refused = sum(len(t.refused) for t in trials)
    stop = max((t.stop_seconds for t in trials), default=0.0)
    line = (f"trials {len(trials)}, commands acknowledged {sum(t.acked for t in trials)}, "
            f"acknowledged commands lost {lost}, tracebacks {tracebacks}, hangs {hangs}, "
            f"replay failures {replays}, refused {refused}, max stop time {stop:.2f} s")
    return line, not (lost or tracebacks or hangs or replays or refused)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=40, help="number of trials (default 40)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random moments (default 1)")
    args = parser.parse_args(argv)
    trials = []
    with tempfile.TemporaryDirectory(prefix="simex-kill9-") as folder:
        for index in range(args.n):
            trials.append(run_trial(index, args.seed, Path(folder)))
            print(trials[-1].line(), flush=True)
    line, ok = summary(trials)
    print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
