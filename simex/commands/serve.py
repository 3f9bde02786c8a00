"""`simex serve`: one process owns the exercise; participants join over the network.

Opens the facilitator console attached to the server (or runs headless with
--no-console), prints a join code per role and can write them as a handout.
`--resume JOURNAL` restarts a crashed or stopped exercise at the same point;
the same codes still work (they are kept beside the journal) and connected
consoles reconnect by themselves.
"""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from simex.commands._args import new_file, port, speed
from simex.commands._lang import message_language, messages
from simex.commands._session import add_session_arguments


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="run an exercise that participants join from their own terminals",
                       description="Own one exercise, listen for participants (websockets), and open the "
                                   "facilitator console attached to it.")
    add_session_arguments(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: this machine only; 0.0.0.0 for the room's network)")
    p.add_argument("--port", type=port, default=8765, help="port to listen on (default 8765; 0: any free one)")
    p.add_argument("--handout", type=new_file,
                   help="write the join codes as a printable handout to this file (readable by you only)")
    tls = p.add_mutually_exclusive_group()
    tls.add_argument("--tls-self-signed", action="store_true",
                     help="serve wss:// with a certificate made for this exercise (kept beside the journal); "
                          "its fingerprint is printed and on the handout, for `simex join --fingerprint`")
    tls.add_argument("--tls-cert", type=Path, help="certificate (PEM) to serve wss:// instead of ws://")
    p.add_argument("--tls-key", type=Path, help="private key (PEM) for --tls-cert")
    p.add_argument("--evaluators", type=int, default=2, help="evaluator codes to issue (default 2)")
    p.add_argument("--observers", type=int, default=1, help="observer codes to issue (default 1)")
    p.add_argument("--no-console", action="store_true",
                   help="no facilitator console: start the clock at once and serve until interrupted")
    p.add_argument("--speed", type=speed, default=1.0, help="clock speed with --no-console (default 1)")
    p.add_argument("--syndicates", type=_syndicate_count, default=1, metavar="N",
                   help="N groups play the scenario at once, each with its own journal (NAME-s1.simex...) "
                        "and codes, on one address; resume them with --resume NAME-s1.simex --syndicates N")
    p.set_defaults(run=run)


def _syndicate_count(text: str) -> int:
    from simex.commands._syndicates import MAX_SYNDICATES

    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= MAX_SYNDICATES:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of syndicates from 1 to {MAX_SYNDICATES}")
    return n


def _ssl(args):
    if not args.tls_cert:
        return None
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.tls_cert, args.tls_key)
    return context


def _self_signed(args, journal: Path):
    """(context, fingerprint) for --tls-self-signed: the exercise's own
    certificate, made once beside the journal so a resumed server keeps it."""
    import ssl

    from simex.net.tls import self_signed

    cert, key = Path(f"{journal}.tls-cert.pem"), Path(f"{journal}.tls-key.pem")
    fingerprint = self_signed(cert, key, args.host)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context, fingerprint


def _in_clear_warning(host: str, w=None) -> str | None:
    """One line when codes and messages would cross a real network unencrypted."""
    import ipaddress

    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if local:
        return None
    w = w or messages("en")
    return w.gettext("warning: without TLS, join codes and messages travel in clear on this network; "
                     "add --tls-self-signed to encrypt them (participants then join with the --fingerprint "
                     "printed on the handout)")


def run(args: argparse.Namespace) -> int:
    from simex.commands._session import feedback_form, open_session
    from simex.net.server import listen_socket

    args.lang = message_language(args.lang)   # the console's: --lang, else SIMEX_LANG, else the locale
    w = messages(args.lang)   # what the facilitator reads here: the console's language

    # The certificate and the port before the session: a bad certificate or a
    # busy port leaves no journal behind and prints no code that cannot work.
    try:
        ssl = _ssl(args)
    except (OSError, ValueError) as exc:
        print("simex serve: " + w.gettext("cannot use the TLS certificate: {reason}").format(reason=exc),
              file=sys.stderr)
        return 1
    try:
        sock = listen_socket(args.host, args.port)
    except OSError as exc:
        print("simex serve: " + _cannot_listen(w, args, exc), file=sys.stderr)
        return 1
    if args.no_console:
        _stop_on_signals()
    form = feedback_form(args, "serve")
    if isinstance(form, int):
        sock.close()
        return form
    if args.syndicates > 1:
        from simex.commands._syndicates import open_syndicates

        sessions = open_syndicates(args)
        if isinstance(sessions, int):
            sock.close()
            return sessions
        try:
            return _serve_syndicates(args, sessions, ssl, sock, form)
        finally:
            for s in sessions:
                s.close()
    session = open_session(args, "serve")
    if isinstance(session, int):
        sock.close()
        return session
    try:
        return _serve(args, session, ssl, sock, form)
    finally:
        session.close()     # also after Ctrl-C or SIGTERM during startup


def _cannot_listen(w, args: argparse.Namespace, reason: object) -> str:
    return w.gettext("cannot listen on {address}: {reason}").format(address=f"{args.host}:{args.port}",
                                                                    reason=reason)


def _serve(args: argparse.Namespace, session, ssl, sock, form=None) -> int:
    import asyncio

    from simex.net.codes import CodeBook, handout, pin_of, write_private
    from simex.net.server import ExerciseServer

    codes = CodeBook.for_scenario(session.scenario, Path(f"{session.journal_path}.codes"),
                                  evaluators=args.evaluators, observers=args.observers)
    w = messages(args.lang)
    fingerprint = None
    if args.tls_self_signed:
        try:
            ssl, fingerprint = _self_signed(args, session.journal_path)
        except (OSError, ValueError) as exc:
            print("simex serve: " + w.gettext("cannot make the TLS certificate: {reason}").format(reason=exc),
                  file=sys.stderr)
            return 1
    elif not ssl and (warning := _in_clear_warning(args.host, w)):
        print(warning, file=sys.stderr)
    server = ExerciseServer(session, codes, host=args.host, ssl=ssl, sock=sock)
    shown_host = args.host if args.host not in ("0.0.0.0", "::") else "<this laptop's address>"
    scheme = "wss" if ssl else "ws"
    address = f"{scheme}://{shown_host}:{server.port}"
    title = f"simex — {session.scenario.exercise.id} — join codes"
    if args.handout:
        try:
            write_private(args.handout, handout(codes, address, title, fingerprint))
        except OSError as exc:
            print("simex serve: " + w.gettext("cannot write the handout: {reason} (the exercise is ready in {path}: "
                                              "serve it with --resume)").format(reason=exc, path=session.journal_path),
                  file=sys.stderr)
            return 1
    print(w.gettext("journal: {path}").format(path=session.journal_path))
    print(w.gettext("listening on {address}").format(address=address))
    if fingerprint:
        _print_fingerprint(w, fingerprint, pin_of(fingerprint))
    print(w.gettext("join codes:"))
    for label, code in codes.pretty():
        print(f"  {label:<28} {code}")
    sys.stdout.flush()
    if args.no_console:
        try:
            asyncio.run(_headless([session], server, [server], args.speed, w))
        except KeyboardInterrupt:   # a signal before the event loop took them over
            pass
        except OSError as exc:
            print("simex serve: " + _cannot_listen(w, args, exc), file=sys.stderr)
            return 1
        print(w.gettext("stopped; journal: {path}  (restart with: simex serve --resume {path} --no-console)")
              .format(path=session.journal_path))
        return 0
    from simex.tui.app import make_app

    app = make_app(session, lang=args.lang, server=server, feedback_form=form)
    app.run()
    session.close()
    if app.server_error:
        print("simex serve: " + _cannot_listen(w, args, app.server_error), file=sys.stderr)
        return 1
    print(w.gettext("journal: {path}  (restart with: simex serve --resume {path})").format(path=session.journal_path))
    return 0


def _serve_syndicates(args: argparse.Namespace, sessions, ssl, sock, form=None) -> int:
    """Like _serve, for several syndicates behind one address."""
    import asyncio

    from simex.commands._syndicates import code_books, compare_at_end
    from simex.net.codes import handout, pin_of, write_private
    from simex.net.server import ExerciseServer
    from simex.net.syndicates import SyndicateRouter

    books = code_books(sessions, args.evaluators, args.observers)
    w = messages(args.lang)
    fingerprint = None
    if args.tls_self_signed:
        try:
            ssl, fingerprint = _self_signed(args, sessions[0].journal_path)
        except (OSError, ValueError) as exc:
            print("simex serve: " + w.gettext("cannot make the TLS certificate: {reason}").format(reason=exc),
                  file=sys.stderr)
            return 1
    elif not ssl and (warning := _in_clear_warning(args.host, w)):
        print(warning, file=sys.stderr)
    servers = [ExerciseServer(s, book, host=args.host, ssl=ssl) for s, book in zip(sessions, books)]
    router = SyndicateRouter(servers, host=args.host, ssl=ssl, sock=sock)
    shown_host = args.host if args.host not in ("0.0.0.0", "::") else "<this laptop's address>"
    address = f"{'wss' if ssl else 'ws'}://{shown_host}:{router.port}"
    if args.handout:
        pages = [handout(book, address, f"simex — {s.scenario.exercise.id} — syndicate {n} — join codes",
                         fingerprint) for n, (s, book) in enumerate(zip(sessions, books), 1)]
        try:
            write_private(args.handout, "\n\n".join(pages))
        except OSError as exc:
            print("simex serve: " + w.gettext("cannot write the handout: {reason}").format(reason=exc), file=sys.stderr)
            return 1
    print(w.gettext("listening on {address}").format(address=address))
    if fingerprint:
        _print_fingerprint(w, fingerprint, pin_of(fingerprint))
    for n, (s, book) in enumerate(zip(sessions, books), 1):
        print(w.gettext("syndicate {n}: journal {path}").format(n=n, path=s.journal_path))
        print("  " + w.gettext("join codes:"))
        for label, code in book.pretty():
            print(f"    {label:<28} {code}")
    sys.stdout.flush()
    if args.no_console:
        try:
            asyncio.run(_headless(sessions, router, router.servers, args.speed, w))
        except KeyboardInterrupt:
            pass
    else:
        from simex.tui.syndicates import SyndicateApp

        app = SyndicateApp(list(zip(sessions, servers)), router, lang=args.lang, feedback_form=form)
        app.run()
        if app.server_error:
            print("simex serve: " + _cannot_listen(w, args, app.server_error), file=sys.stderr)
            return 1
    for s in sessions:
        s.close()
    try:
        compared = compare_at_end(sessions)
        print(w.gettext("syndicates compared: {path}").format(path=compared))
    except Exception as exc:  # noqa: BLE001 - the journals are safe; the comparison can be made later
        print("simex serve: " + w.gettext("the syndicates were not compared ({reason}); run simex compare on their "
                                          "journals").format(reason=exc), file=sys.stderr)
    print(w.gettext("journals: {paths}  (restart with: simex serve --resume {first} --syndicates {n})").format(
        paths=", ".join(str(s.journal_path) for s in sessions), first=sessions[0].journal_path, n=len(sessions)))
    return 0


def _stop_on_signals() -> None:
    """Until the event loop takes them over: SIGINT and SIGTERM raise
    KeyboardInterrupt, so the journal is closed in a `finally`. SIGINT too when it came ignored:
    a shell without job control ignores it for `simex serve ... &`, yet a
    headless server is stopped with `kill -INT` as often as with Ctrl-C."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, interrupt)


async def _headless(sessions, listener, servers, speed: float, w=None) -> None:
    """Serve until SIGINT or SIGTERM, then close connections and the journals.
    `listener` is the one ExerciseServer, or the syndicates' router in front of `servers`."""
    import asyncio

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)   # a second signal while stopping changes nothing
    try:
        await listener.start()
        for session, server in zip(sessions, servers):
            if session.status not in ("running", "ended"):   # an ended one is served for the hot wash only
                session.set_speed(speed)
                session.start()
            server.run_clock()
        print((w or messages("en")).gettext("serving on {address} (Ctrl-C to stop)").format(address=listener.address),
              flush=True)
        await stop.wait()
    finally:
        await listener.stop()
        for session in sessions:
            session.close()   # here, while a signal still only sets `stop`


def _print_fingerprint(w, fingerprint: str, pin: str) -> None:
    print(w.gettext("certificate fingerprint (SHA-256): {fingerprint}").format(fingerprint=fingerprint))
    # Translators: followed by what each participant adds to simex join; the option stays as it is
    print(w.gettext("participants add: --fingerprint {pin}").format(pin=pin))
