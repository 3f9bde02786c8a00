"""Translation entries as a gettext .po file (Babel reads and writes it).

One message per text: msgctxt is the text's stable context, msgid its
English, msgstr the translation; `#.` says what the text is and where it
shows, `#:` gives file:line. A fuzzy flag (a translation to review) is read
back and kept out of the scenario."""
from __future__ import annotations

import io
import re

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from simex.translate.entries import Entry

MACHINE_ASSISTED = ("Translations of a simex scenario's player-facing texts. Machine-assisted translations\n"
                    "must be reviewed by a fluent speaker before an exercise is run in this language.")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def write(entries: list[Entry], lang: str, scenario_id: str, file: str) -> bytes:
    catalog = Catalog(locale=lang, domain=scenario_id, project=f"simex scenario {scenario_id}", fuzzy=False,
                      header_comment="\n".join(f"# {line}" for line in
                                               [f"{scenario_id} ({file}) in '{lang}'.", *MACHINE_ASSISTED.split("\n")]))
    for e in entries:
        message = catalog.add(e.source, e.target, locations=[(file, e.line)], auto_comments=[e.note],
                              context=e.context)
        # Babel guesses printf flags from '%' ("50% of the cargo"); only
        # simex's own {placeholders} are formats a CAT tool should check.
        message.flags = ({"python-brace-format"} if _PLACEHOLDER.search(e.source) else set()) | (
            {"fuzzy"} if e.fuzzy else set())
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def read(data: bytes) -> tuple[str | None, list[Entry]]:
    """The file's language (its Language header) and its entries; plural
    entries are not scenario texts and are skipped."""
    catalog = read_po(io.BytesIO(data))
    entries = [Entry(m.context or "", m.id, m.string or "", fuzzy=m.fuzzy, line=m.lineno or 0)
               for m in catalog if m.id and isinstance(m.id, str)]
    return (str(catalog.locale) if catalog.locale else None), entries
