"""`simex join` from the command line: what people type from a handout is
accepted, and a join that cannot happen says why and exits 1, no traceback."""
from __future__ import annotations

import asyncio
import ssl

import pytest

from simex.cli import main
from simex.commands.join import normalise_address, ssl_context
from tests.net.conftest import code_for


@pytest.mark.parametrize("typed, secure, expected", [
    ("192.168.1.10", False, "ws://192.168.1.10:8765"),
    ("192.168.1.10:9000", False, "ws://192.168.1.10:9000"),
    ("ws://192.168.1.10:8765", False, "ws://192.168.1.10:8765"),
    ("kessin-server.local", True, "wss://kessin-server.local:8765"),
    ("wss://10.0.0.2:443", True, "wss://10.0.0.2:443"),
])
def test_addresses_as_typed_from_a_handout(typed, secure, expected):
    assert normalise_address(typed, secure) == expected


def test_insecure_checks_nothing_and_ca_trusts_the_given_certificate(tmp_path):
    class Args:
        ca, insecure, fingerprint = None, True, None
    context = ssl_context(Args)
    assert context.verify_mode == ssl.CERT_NONE and not context.check_hostname
    Args.ca, Args.insecure = tmp_path / "missing.pem", False
    with pytest.raises(OSError):
        ssl_context(Args)


def test_no_server_is_a_clear_message(capsys):
    status = main(["join", "127.0.0.1:9", "--code", "AAAA-BBBB-CCCC", "--timeout", "0.5"])
    err = capsys.readouterr().err
    assert status == 1 and "ws://127.0.0.1:9" in err and "is the server running" in err and "Traceback" not in err


def test_a_missing_certificate_is_a_clear_message(tmp_path, capsys):
    status = main(["join", "wss://127.0.0.1:9", "--code", "AAAA-BBBB-CCCC", "--ca", str(tmp_path / "cert.pem")])
    assert status == 1 and "cannot use the certificate" in capsys.readouterr().err


def test_insecure_warns_and_ca_needs_wss(capsys):
    assert main(["join", "ws://127.0.0.1:9", "--code", "AAAA-BBBB-CCCC", "--insecure"]) == 2
    status = main(["join", "127.0.0.1:9", "--code", "AAAA-BBBB-CCCC", "--insecure", "--timeout", "0.3"])
    err = capsys.readouterr().err
    assert status == 1 and "warning: --insecure" in err and "wss://127.0.0.1:9" in err


async def test_a_wrong_code_is_a_clear_message(served, capsys):
    # The command runs its own event loop, so it runs in a thread beside the server's.
    status = await asyncio.to_thread(main, ["join", served.address, "--code", "ZZZZ-ZZZZ-ZZZZ", "--timeout", "3"])
    err = capsys.readouterr().err
    assert status == 1 and "unknown join code" in err and "check the code on your handout" in err
    assert code_for(served, "participant:customs") not in err



async def test_a_wrong_code_is_told_in_the_participant_s_language(served, capsys):
    """The server's reason ("unknown join code") and the hint, both in French."""
    from simex.languages import translator
    fr = translator("fr")
    status = await asyncio.to_thread(main, ["join", served.address, "--code", "ZZZZ-ZZZZ-ZZZZ", "--timeout", "3",
                                            "--lang", "fr"])
    err = capsys.readouterr().err
    assert status == 1 and "unknown join code" not in err, err
    assert fr.gettext("unknown join code") in err and fr.gettext("unknown join code") != "unknown join code"
    assert fr.gettext("check the code on your handout (or ask the facilitator: it may have been reissued)") in err


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1, made the way docs/running-a-workshop.md says."""
    import shutil
    import subprocess
    if not shutil.which("openssl"):
        pytest.skip("openssl not installed")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem"), "-days", "2", "-subj", "/CN=simex-server",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=120)
    return tmp_path / "cert.pem", tmp_path / "key.pem"


async def test_wss_with_the_servers_certificate_and_without(tmp_path, certificate):
    from simex.net.client import JoinError, RemoteSession
    from simex.net.codes import CodeBook
    from simex.net.server import ExerciseServer
    from simex.session import LocalSession
    from tests.conftest import BORDER

    cert, key = certificate
    server_ssl = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ssl.load_cert_chain(cert, key)
    session = LocalSession.new(BORDER, record=False)
    codes = CodeBook.for_scenario(session.scenario, None)
    server = ExerciseServer(session, codes, port=0, ssl=server_ssl)
    await server.start()
    code = code_for(server, "participant:customs")

    class Args:
        ca, insecure, fingerprint = cert, False, None
    trusted = RemoteSession(server.address, code, ssl=ssl_context(Args))
    await trusted.join()
    assert server.address.startswith("wss://") and trusted.role["agency"] == "customs"
    await trusted.close()
    stranger = RemoteSession(server.address, code, ssl=ssl.create_default_context())
    with pytest.raises(JoinError, match="CERTIFICATE_VERIFY_FAILED"):
        await stranger.join(timeout=1)
    await stranger.close()
    await server.stop()
