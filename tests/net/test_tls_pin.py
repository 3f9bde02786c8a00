"""TLS without a certificate authority: `simex serve --tls-self-signed` makes
a certificate and prints its fingerprint; `simex join --fingerprint` pins it,
and a server with another certificate never receives the join code."""
from __future__ import annotations

import ssl
import stat

import pytest

from simex.net import tls
from simex.net.client import JoinError, RemoteSession
from simex.net.codes import CodeBook
from simex.net.server import ExerciseServer
from simex.session import LocalSession
from tests.conftest import BORDER


@pytest.fixture
async def pinned_server(tmp_path):
    cert, key = tmp_path / "j.simex.tls-cert.pem", tmp_path / "j.simex.tls-key.pem"
    fp = tls.self_signed(cert, key, "127.0.0.1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    session = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    codes = CodeBook.for_scenario(session.scenario, tmp_path / "j.codes")
    server = ExerciseServer(session, codes, port=0, ssl=context)
    await server.start()
    yield server, fp
    await server.stop()
    session.close()


def test_the_certificate_is_made_once_and_its_key_is_private(tmp_path):
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    first = tls.self_signed(cert, key, "0.0.0.0")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert tls.self_signed(cert, key, "0.0.0.0") == first            # a resumed server keeps its fingerprint
    assert len(first.split(":")) == 32 and first == tls.certificate_fingerprint(cert)


async def test_the_pinned_fingerprint_joins_over_wss(pinned_server):
    server, fp = pinned_server
    code = dict(server.codes.pretty())["participant:customs"]
    for pin in (fp, fp.replace(":", "").lower()[:16]):   # as printed, or its first 16 digits as typed
        client = RemoteSession(server.address, code, ssl=tls.pinned_client_context(), pin=tls.normalise_pin(pin),
                               retry_seconds=0.05)
        await client.join()
        assert client.role["agency"] == "customs"
        await client.close()


async def test_another_certificate_is_refused_before_the_code_is_sent(pinned_server):
    server, fp = pinned_server
    wrong = ("00" if not fp.startswith("00") else "11") + fp.replace(":", "")[2:16]
    code = dict(server.codes.pretty())["participant:customs"]
    client = RemoteSession(server.address, code, ssl=tls.pinned_client_context(), pin=wrong, retry_seconds=0.05)
    with pytest.raises(JoinError, match="not the one on your handout"):
        await client.join()
    await client.close()
    assert not server.clients and not server.throttle.failures   # the server never saw a hello


@pytest.mark.parametrize("typed", ["AB:CD", "not a fingerprint at all!", "G" * 20])
def test_a_mistyped_fingerprint_is_named(typed):
    with pytest.raises(ValueError, match="16 to 64 hexadecimal digits"):
        tls.normalise_pin(typed)


async def test_serve_tls_self_signed_prints_the_fingerprint_and_puts_it_on_the_handout(serve_process, tmp_path):
    from tests.net.test_crash_resume import free_port

    journal, handout, port = tmp_path / "day1.simex", tmp_path / "codes.txt", free_port()
    server = serve_process(BORDER, "--journal", journal, "--port", port, "--tls-self-signed",
                           "--handout", handout).ready()
    printed = next(line.split()[-1] for line in server.out if line.startswith("certificate fingerprint"))
    assert printed == tls.certificate_fingerprint(tmp_path / "day1.simex.tls-cert.pem")
    assert stat.S_IMODE((tmp_path / "day1.simex.tls-key.pem").stat().st_mode) == 0o600
    sheet = handout.read_text(encoding="utf-8")
    pin = ":".join(printed.split(":")[:8])
    code = server.codes["participant:customs"]
    assert printed in sheet and f"--code {code} --fingerprint {pin}" in sheet
    assert server.address.startswith("wss://")
    client = RemoteSession(server.address, code, ssl=tls.pinned_client_context(), pin=tls.normalise_pin(pin),
                           retry_seconds=0.1)
    await client.join(timeout=60)
    await client.close()
    await server.stop(timeout=30)
    again = serve_process("--resume", journal, "--port", port, "--tls-self-signed").ready()
    assert any(line.split()[-1] == printed for line in again.out if line.startswith("certificate fingerprint"))
    await again.stop(timeout=30)


@pytest.mark.parametrize("host, warned", [("0.0.0.0", True), ("192.168.1.10", True), ("::", True),
                                          ("127.0.0.1", False), ("localhost", False), ("::1", False)])
def test_serving_beyond_this_machine_without_tls_says_so_once(host, warned):
    from simex.commands.serve import _in_clear_warning

    warning = _in_clear_warning(host)
    assert (warning is not None) == warned
    if warned:
        assert "travel in clear" in warning and "--tls-self-signed" in warning and "\n" not in warning
