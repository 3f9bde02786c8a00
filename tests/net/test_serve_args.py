"""`simex serve` refuses what it cannot do before it does anything: a bad
--speed or --port, or a port another program holds, is one clear line and
no journal, no codes file, no join codes printed. The handout it writes
holds every code, so only its owner may read it."""
from __future__ import annotations

import signal
import socket
import stat
import subprocess
import sys

import pytest

from tests.conftest import BORDER, ROOT


def serve(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simex.cli", "serve", str(BORDER), *map(str, args), "--no-console"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def left_behind(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize("option, value", [("--speed", "0"), ("--speed", "-5"), ("--speed", "1e9"),
                                           ("--speed", "nan"), ("--port", "99999"), ("--port", "-1")])
def test_a_bad_speed_or_port_is_one_line_and_creates_nothing(tmp_path, option, value):
    r = serve("--journal", tmp_path / "j.simex", option, value)
    assert r.returncode == 2, r.stderr
    errors = [line for line in r.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and f"argument {option}" in errors[0], r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert left_behind(tmp_path) == []


def test_a_busy_port_fails_before_any_journal_or_code(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = serve("--journal", tmp_path / "j.simex", "--port", port)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]          # one line
    assert f"cannot listen on 127.0.0.1:{port}" in r.stderr
    assert r.stdout == ""                                                # no codes for a server that never ran
    assert left_behind(tmp_path) == []


async def test_the_handout_is_readable_by_its_owner_only(serve_process, tmp_path):
    sheet = tmp_path / "codes.txt"
    sheet.write_text("last week's codes\n")
    sheet.chmod(0o644)                  # an older handout, readable by all: replaced, not reused
    server = serve_process(BORDER, "--journal", tmp_path / "j.simex", "--port", 0, "--handout", sheet).ready()
    await server.stop(signal.SIGTERM)
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    text = sheet.read_text()
    assert server.codes and all(code in text for code in server.codes.values())
    assert server.address in text                # the port it really listens on, even when given 0
    assert "last week" not in text


def test_a_handout_in_a_missing_folder_creates_nothing(tmp_path):
    r = serve("--journal", tmp_path / "j.simex", "--port", 0, "--handout", tmp_path / "nowhere" / "codes.txt")
    assert r.returncode == 2 and "argument --handout" in r.stderr and "Traceback" not in r.stderr
    assert left_behind(tmp_path) == []
