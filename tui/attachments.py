"""Attachments in the participant console: where each file stands (received,
receiving, refused) and a key to open it with the laptop's own viewer.

Files are fetched in the background by the connection (simex.net.media) as
soon as the inject arrives, so by the time a player opens the inject its
photo or recording is usually there already.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.binding import Binding

from simex.languages import translator
from simex.scenario.text import tr
from simex.tui.forms import DetailScreen


def open_with_viewer(path: Path) -> None:
    """Open a received file with the system's viewer for its kind. Only files
    simex checked (a document type, its fingerprint matched) get here."""
    if sys.platform.startswith("win"):
        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606 - a checked document, not a program
    else:
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        subprocess.Popen([opener, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)


def attachment_lines(event, media, lang: str) -> list[str]:
    """One line per attachment of an inject: its number, name, description and state."""
    t = translator(lang)
    lines = []
    for n, attachment in enumerate(event.attachments, 1):
        line = f"  {n}. {attachment.get('name', '')}"
        description = tr(attachment.get("description"), lang)
        if description:
            line += f" — {description}"
        lines.append(line + f"  [{state(attachment, media, t, n, lang)}]")
    return lines


def state(attachment: dict, media, t, n: int, lang: str) -> str:
    item = media.items.get(attachment.get("sha256")) if media is not None else None
    if item is None:
        return t.gettext("no file sent: ask the facilitator for it")
    if item.ready:
        return t.gettext("received — press {n} to open").format(n=n)
    if item.error:
        return t.gettext("not received: {why}").format(why=item.why(lang))
    percent = 100 * item.got // item.size if item.size else 0
    return t.gettext("receiving {percent} %").format(percent=percent)


class AttachmentScreen(DetailScreen):
    """An inject with attachments: the text, and keys 1-9 to open a file."""

    BINDINGS = [Binding(str(n), f"open_attachment({n})", show=False) for n in range(1, 10)]

    def __init__(self, text: str, event, media, lang: str, opener=open_with_viewer):
        super().__init__(text)
        self.event, self.media, self.lang, self.opener = event, media, lang, opener

    def action_open_attachment(self, n: int) -> None:
        t = translator(self.lang)
        if n > len(self.event.attachments):
            return
        attachment = self.event.attachments[n - 1]
        item = self.media.items.get(attachment.get("sha256")) if self.media is not None else None
        if item is None or not item.ready:
            self.notify(state(attachment, self.media, t, n, self.lang), severity="warning")
            return
        try:
            self.opener(item.path)
        except OSError as exc:
            self.notify(t.gettext("cannot open {file}: {why}. It is in {folder}").format(
                file=item.path.name, why=exc.strerror or exc, folder=item.path.parent), severity="error")
            return
        self.notify(t.gettext("opened {file}").format(file=item.path.name))
