"""Translation entries as an XLIFF 1.2 file, for CAT tools that prefer it to .po.

XLIFF 1.2 rather than 2.x: it is the version every common CAT tool opens
(Trados, memoQ, OmegaT, Poedit, Weblate, Okapi). One `trans-unit` per text:
`id` and `resname` are the stable context, `source` the English, `target`
the translation; `note` says what the text is and `context-group` gives
file and line. A target whose state is `needs-review-translation` (or any
`needs-*` state other than untranslated) counts as fuzzy: it is not imported.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from simex.translate.entries import Entry
from simex.translate.po import MACHINE_ASSISTED

NS = "urn:oasis:names:tc:xliff:document:1.2"
_Q = f"{{{NS}}}"


class XliffError(ValueError):
    """The file is not an XLIFF 1.2 document simex can read."""


def write(entries: list[Entry], lang: str, scenario_id: str, file: str) -> bytes:
    ET.register_namespace("", NS)
    root = ET.Element(_Q + "xliff", {"version": "1.2"})
    f = ET.SubElement(root, _Q + "file", {"original": file, "source-language": "en", "target-language": lang,
                                          "datatype": "plaintext", "product-name": f"simex scenario {scenario_id}"})
    header = ET.SubElement(f, _Q + "header")
    ET.SubElement(header, _Q + "note").text = MACHINE_ASSISTED.replace("\n", " ")
    body = ET.SubElement(f, _Q + "body")
    for e in entries:
        unit = ET.SubElement(body, _Q + "trans-unit", {"id": e.context, "resname": e.context,
                                                       "{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        ET.SubElement(unit, _Q + "source").text = e.source
        state = "needs-translation" if not e.target else ("needs-review-translation" if e.fuzzy else "translated")
        ET.SubElement(unit, _Q + "target", {"state": state}).text = e.target
        ET.SubElement(unit, _Q + "note", {"from": "simex"}).text = e.note
        group = ET.SubElement(unit, _Q + "context-group", {"purpose": "location"})
        ET.SubElement(group, _Q + "context", {"context-type": "sourcefile"}).text = file
        ET.SubElement(group, _Q + "context", {"context-type": "linenumber"}).text = str(e.line)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def read(data: bytes) -> tuple[str | None, list[Entry]]:
    """The file's target language and its entries."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise XliffError(f"not well-formed XML: {exc}") from None
    if root.tag != _Q + "xliff" or root.get("version") != "1.2":
        raise XliffError("not an XLIFF 1.2 document (expected <xliff version=\"1.2\"> in its namespace)")
    file = root.find(_Q + "file")
    lang = None if file is None else file.get("target-language")
    out = []
    for unit in root.iter(_Q + "trans-unit"):
        source = unit.find(_Q + "source")
        target = unit.find(_Q + "target")
        text = "" if target is None else "".join(target.itertext())
        state = "" if target is None else target.get("state", "")
        fuzzy = bool(text) and state.startswith("needs-") and state != "needs-translation"
        out.append(Entry(unit.get("resname") or unit.get("id", ""),
                         "" if source is None else "".join(source.itertext()), text, fuzzy=fuzzy))
    return lang, out
