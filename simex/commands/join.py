"""`simex join`: a participant's, evaluator's or observer's console, joined
to an exercise served on the room's network (`simex serve`).

The join code decides the role and therefore the console. Heavy imports
(textual, websockets) stay inside run(): this module is imported for
`simex --help`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.commands._args import add_console_language

DEFAULT_PORT = 8765


def add_parser(sub) -> None:
    p = sub.add_parser("join", help="join an exercise from your own terminal with a join code",
                       description="Open your agency's (or evaluator's, or observer's) console on an exercise "
                                   "that `simex serve` runs on another laptop.")
    p.add_argument("address", help="the server, e.g. ws://192.168.1.10:8765 (ws:// and :8765 are added if missing)")
    p.add_argument("--code", required=True, help="your join code, e.g. ABCD-EFGH-JKMN (case and dashes do not matter)")
    add_console_language(p)
    trust = p.add_mutually_exclusive_group()
    trust.add_argument("--ca", type=Path, metavar="FILE",
                       help="the server's certificate (PEM) to trust, for a wss:// server with a self-signed certificate")
    trust.add_argument("--fingerprint", metavar="SHA256",
                       help="the certificate fingerprint printed on the handout (AB:CD:..., at least 16 digits), "
                            "for a server started with --tls-self-signed")
    trust.add_argument("--insecure", action="store_true",
                       help="wss:// without checking the certificate (anyone on the network could pretend to be the server)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the server (default 10)")
    p.add_argument("--projector", action="store_true",
                   help="the room's big screen (with an observer's code): clocks, public information, "
                        "poll results; no ground truth, nothing to send")
    p.set_defaults(run=run)


def normalise_address(address: str, secure: bool) -> str:
    """Accept what people type from a handout: `192.168.1.10`, `host:8765`, `ws://...`."""
    from urllib.parse import urlsplit

    if "://" not in address:
        address = ("wss://" if secure else "ws://") + address
    parts = urlsplit(address)
    if parts.port is None and parts.hostname:
        address = address.replace(parts.netloc, f"{parts.netloc}:{DEFAULT_PORT}", 1)
    return address


def ssl_context(args):
    """None for ws://; a context trusting --ca, or one that checks nothing with --insecure."""
    import ssl

    if args.ca:
        return ssl.create_default_context(cafile=str(args.ca))
    if args.fingerprint:
        from simex.net.tls import pinned_client_context

        return pinned_client_context()
    if args.insecure:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    return ssl.create_default_context()


def run(args: argparse.Namespace) -> int:
    import asyncio
    import ssl

    from simex.commands._lang import message_language, messages
    from simex.net.tls import normalise_pin

    args.lang = message_language(args.lang)   # the console's: --lang, else SIMEX_LANG, else the locale
    w = messages(args.lang)
    trusting = bool(args.ca or args.insecure or args.fingerprint)
    address = normalise_address(args.address, secure=trusting)
    secure = address.startswith("wss://")
    if trusting and not secure:
        print("simex join: " + w.gettext("--ca, --fingerprint and --insecure are for wss:// servers, not {address}")
              .format(address=address), file=sys.stderr)
        return 2
    try:
        args.pin = normalise_pin(args.fingerprint) if args.fingerprint else None
    except ValueError as exc:
        print(f"simex join: --fingerprint: {exc}", file=sys.stderr)
        return 2
    try:
        context = ssl_context(args) if secure else None
    except (OSError, ssl.SSLError) as exc:
        print("simex join: " + w.gettext("cannot use the certificate {file}: {reason}").format(file=args.ca, reason=exc),
              file=sys.stderr)
        return 1
    if args.insecure:
        print(w.gettext("warning: --insecure: the server's certificate is not checked; anyone on this network "
                        "could pretend to be the server. Prefer --ca cert.pem."), file=sys.stderr)
    try:
        return asyncio.run(_console(address, args, context))
    except KeyboardInterrupt:
        return 130


async def _console(address: str, args, context) -> int:
    from simex.commands._lang import messages
    from simex.net.client import JoinError, RemoteSession
    from simex.reasons import in_language

    w = messages(args.lang)

    remote = RemoteSession(address, args.code, ssl=context, pin=getattr(args, "pin", None))
    try:
        await remote.join(timeout=args.timeout)
    except JoinError as exc:
        await remote.close()
        print("simex join: " + w.gettext("cannot join {address}: {reason}").format(
            address=address, reason=_explain(str(exc), w, in_language(exc, args.lang))), file=sys.stderr)
        return 1
    from simex.tui.participant import make_participant_app

    if getattr(args, "projector", False):
        if remote.role.get("kind") != "observer":
            await remote.close()
            print("simex join: " + w.gettext(
                "--projector needs an observer's code (this code is for: {kind}): the big screen must not show "
                "an agency's inbox or evaluator material").format(kind=remote.role.get("kind")), file=sys.stderr)
            return 2
        from simex.tui.projector import ProjectorConsole

        app = ProjectorConsole(remote, lang=args.lang)
    else:
        app = make_participant_app(remote, lang=args.lang)
    try:
        await app.run_async()
    finally:
        await remote.close()
    return 0


def _explain(error: str, w, shown: str | None = None) -> str:
    """The connection's error and what to do about it, in the reader's language:
    `error` is the English the network layer words it in (what the hint is
    chosen by), `shown` the same reason as the reader reads it."""
    if "CERTIFICATE_VERIFY_FAILED" in error:
        hint = w.gettext("the server's certificate is not trusted: ask the facilitator for cert.pem and add --ca cert.pem")
    elif "unknown join code" in error:
        hint = w.gettext("check the code on your handout (or ask the facilitator: it may have been reissued)")
    elif "no answer" in error or "connection lost" in error:
        hint = w.gettext("is the server running, is the address right, and is this laptop on the same network? "
                         "(the facilitator's screen shows the address)")
    else:
        return shown or error
    return f"{shown or error}\n  {hint}"
