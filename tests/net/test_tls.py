"""Optional TLS: the server speaks wss:// with a certificate file; a client
that trusts the certificate joins, one that does not is refused."""
from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest

from simex.net.client import JoinError, RemoteSession
from simex.net.codes import CodeBook
from simex.net.server import ExerciseServer
from simex.session import LocalSession
from tests.conftest import BORDER


@pytest.fixture
def certificate(tmp_path):
    openssl = shutil.which("openssl")
    assert openssl, "the openssl command is needed to make a test certificate"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=120)
    return cert, key


async def test_wss_with_a_trusted_certificate(tmp_path, certificate):
    cert, key = certificate
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    session = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    codes = CodeBook.for_scenario(session.scenario, tmp_path / "codes")
    server = ExerciseServer(session, codes, port=0, ssl=server_ctx)
    await server.start()
    try:
        assert server.address.startswith("wss://")
        code = dict(codes.pretty())["participant:customs"]
        trusting = ssl.create_default_context(cafile=str(cert))
        client = RemoteSession(server.address, code, ssl=trusting)
        await client.join()
        assert client.role["agency"] == "customs"
        await client.close()
        stranger = RemoteSession(server.address, code, ssl=ssl.create_default_context(), retry_seconds=0.05)
        with pytest.raises(JoinError):
            await stranger.join(timeout=1.0)
        await stranger.close()
    finally:
        await server.stop()
        session.close()
