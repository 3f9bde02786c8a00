"""A real server on loopback (ephemeral port) with real websocket clients."""
from __future__ import annotations

import pytest

from simex.net.codes import CodeBook
from simex.net.server import ExerciseServer
from simex.session import LocalSession
from tests.conftest import BORDER


@pytest.fixture
async def served(tmp_path):
    session = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    codes = CodeBook.for_scenario(session.scenario, tmp_path / "j.codes")
    server = ExerciseServer(session, codes, port=0)
    await server.start()
    yield server
    await server.stop()
    session.close()


def code_for(server, label: str) -> str:
    return dict(server.codes.pretty())[label]
