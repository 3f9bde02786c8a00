"""simex's gettext catalogs, kept with Babel: extract the English words from
the code, update every language's .po, compile the .mo files that ship in the
wheel, and check that nothing is missing, fuzzy, untranslated or stale.

    tools/catalogs            # extract -> simex/locale/simex.pot, update the .po files, compile the .mo files
    tools/catalogs --check    # change nothing; list every problem, exit 1 if there is one
    tools/catalogs union REF...  # take translations from other branches' .po files (merging helpers' work)

Output is deterministic (sorted by msgid, file names without line numbers,
no wrapping) so catalogs diff and merge line by line, and a run on unchanged
code changes no file. See docs/translating.md.
"""
from __future__ import annotations

import io
import re
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "zh", "fr", "ru", "es")  # the UN languages but English, the source language
DOMAIN = "simex"
COMMENT_TAG = "Translators:"
# Babel's keywords, plus the no-op markers of simex.words: a problem
# message is a template marked where it is written and translated where shown.
KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2), "NN_": (1, 2)}
HEADER = """{name} translation of simex's own words (CLI, consoles, reports, scoring explanations).
MACHINE-ASSISTED: drafted with machine assistance; it needs review by a native
speaker who knows exercise and emergency-management vocabulary.
Review status: not reviewed.
How to review and edit: docs/translating.md"""
NAMES = {"ar": "Arabic", "zh": "Chinese (Simplified)", "fr": "French", "ru": "Russian", "es": "Spanish"}
# str.format fields, the placeholders simex's own strings use.
_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?\}")
# %-placeholders, which argparse fills in its own words and in help texts (%(default)s).
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdrifgx%])")


def locale_dir(root: Path = ROOT) -> Path:
    return root / "simex" / "locale"


def po_path(lang: str, root: Path = ROOT) -> Path:
    return locale_dir(root) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path = ROOT) -> Catalog:
    """Every translatable string in the code, as a template catalog."""
    cfg = ConfigParser(interpolation=None)
    cfg.read(root / "babel.cfg", encoding="utf-8")
    method_map = [(section.split(":", 1)[1].strip(), section.split(":", 1)[0].strip())
                  for section in cfg.sections()]
    template = Catalog(project="simex", domain=DOMAIN, charset="utf-8", fuzzy=False,
                       msgid_bugs_address="https://github.com/simex/issues")
    for filename, _lineno, message, comments, context in extract_from_dir(
            root, method_map, keywords=KEYWORDS, comment_tags=(COMMENT_TAG,), strip_comment_tags=True):
        template.add(message, None, [(filename, None)], auto_comments=comments, context=context)
    if (root / "simex" / "cli.py").exists():
        for message, filename, comment in parser_messages():
            known = template.get(message)
            if known is None:
                template.add(message, None, [(filename, None)], auto_comments=[comment])
            else:
                known.locations = sorted(set(known.locations) | {(filename, None)})
                known.auto_comments = sorted(set(known.auto_comments) | {comment})
    return template


def parser_messages():
    """The command line's help texts, read off the parser `simex --help` is
    built from (argparse declarations are data, so commands write them as
    plain English), each with its command's module and a note saying
    where a reader meets it. simex.commands._help translates them on show."""
    import argparse

    from simex.cli import build_parser

    def walk(parser, command, where):
        for text, what in ((parser.description, "description"), (parser.epilog, "closing note")):
            if text:
                yield text, where, f"`{command} --help`: {what} of the command"
        for group in parser._action_groups:
            if group.title and group.title not in ("positional arguments", "options"):
                yield group.title, where, f"`{command} --help`: heading of a group of options"
            if group.description:
                yield group.description, where, f"`{command} --help`: text under a heading"
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if choice.help:
                        yield choice.help, f"simex/commands/{command.split()[1] if ' ' in command else choice.dest}.py", \
                            f"`{command} --help`: what `{command} {choice.dest}` does, in the list of commands"
                for name, sub in action.choices.items():
                    yield from walk(sub, f"{command} {name}",
                                    where if " " in command else f"simex/commands/{name}.py")
            elif action.help and action.help is not argparse.SUPPRESS:
                name = action.option_strings[-1] if action.option_strings else (action.metavar or action.dest)
                keep = "; keep each %(...)s as it is" if "%(" in action.help else ""
                yield action.help, where, f"`{command} --help`: help of {name}{keep}"
    yield from walk(build_parser(), "simex", "simex/cli.py")


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _same_messages(a: Catalog, b: Catalog) -> bool:
    def key(c: Catalog) -> list:
        return sorted((m.context or "", str(m.id), " ".join(m.auto_comments), sorted(loc for loc, _ in m.locations))
                      for m in c if m.id)
    return key(a) == key(b)


def write_template(template: Catalog, root: Path = ROOT) -> bool:
    """Write simex.pot, keeping its creation date when no message changed (no churn)."""
    pot = locale_dir(root) / f"{DOMAIN}.pot"
    if pot.exists():
        old = _read(pot)
        if _same_messages(old, template):
            return False
    return _write_if_changed(pot, _po_bytes(template))


def update(template: Catalog, lang: str, root: Path = ROOT) -> Catalog:
    """The language's catalog brought in line with the template: new msgids
    added untranslated, removed ones dropped, never fuzzy-matched (a guessed
    translation of a different sentence is worse than none)."""
    path = po_path(lang, root)
    if path.exists():
        catalog = _read(path, lang)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="simex", fuzzy=False)
        catalog.header_comment = "\n".join(f"# {line}" for line in HEADER.format(name=NAMES[lang]).splitlines())
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
    catalog.obsolete.clear()
    return catalog


def placeholder_problems(message) -> list[str]:
    """str.format fields of the translation against the English: a field the
    English lacks raises KeyError at run time; one the translation drops
    loses a fact. Plural forms other than the last may leave the number out
    (Arabic "one message", "two messages")."""
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strs = [message.string] if isinstance(message.string, str) else list(message.string)
    wanted = set().union(*(_FIELD.findall(i) for i in ids))
    problems = []
    for n, s in enumerate(strs):
        if not s:
            continue
        have = set(_FIELD.findall(s))
        if have - wanted:
            problems.append(f"unknown placeholder(s) {sorted(have - wanted)}")
        if n == len(strs) - 1 and wanted - have:
            problems.append(f"placeholder(s) {sorted(wanted - have)} dropped")
        if _percents(ids[0]) and _percents(s) != _percents(ids[0]) and not (
                n < len(strs) - 1 and set(_percents(s)) <= set(_percents(ids[0]))):
            problems.append(f"%-placeholders {_percents(s)} instead of {_percents(ids[0])}")
    return problems


def _percents(text: str) -> list[str]:
    """The %-placeholders a %-formatted string (argparse's) fills in, named
    ones as a set, unnamed ones in order; %% is a literal %."""
    found = [m.group(0) for m in _PERCENT.finditer(text) if m.group(0) != "%%"]
    return sorted(f for f in found if f.startswith("%(")) + [f for f in found if not f.startswith("%(")]


def _untranslated(message) -> bool:
    strs = [message.string] if isinstance(message.string, str) else list(message.string)
    return not strs or any(not s for s in strs)


def check(root: Path = ROOT) -> list[str]:
    """Every problem that would let English, a guess or an old catalog reach a reader."""
    problems = []
    template = extract(root)
    pot = locale_dir(root) / f"{DOMAIN}.pot"
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    if not pot.exists() or not _same_messages(_read(pot), template):
        problems.append(f"{pot.relative_to(root)}: out of date with the code (run tools/catalogs)")
    for lang in LANGUAGES:
        path = po_path(lang, root)
        where = path.relative_to(root)
        if not path.exists():
            problems.append(f"{where}: missing")
            continue
        catalog = _read(path, lang)
        have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
        for ctx, msgid in sorted(wanted - have.keys(), key=lambda k: (k[0] or "", k[1])):
            problems.append(f"{where}: missing {msgid!r}" + (f" (context {ctx!r})" if ctx else ""))
        for (ctx, msgid), m in sorted(have.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            if (ctx, msgid) not in wanted:
                problems.append(f"{where}: {msgid!r} is no longer in the code (run tools/catalogs)")
            if m.fuzzy:
                problems.append(f"{where}: fuzzy {msgid!r}")
            if _untranslated(m):
                problems.append(f"{where}: untranslated {msgid!r}")
            problems += [f"{where}: {msgid!r}: {p}" for p in placeholder_problems(m)]
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            problems.append(f"{mo.relative_to(root)}: stale against its .po (run tools/catalogs)")
    return problems


def build(root: Path = ROOT) -> list[str]:
    """extract, update, compile; returns the files it changed."""
    changed = []
    template = extract(root)
    if write_template(template, root):
        changed.append(str((locale_dir(root) / f"{DOMAIN}.pot").relative_to(root)))
    for lang in LANGUAGES:
        catalog = update(template, lang, root)
        path = po_path(lang, root)
        if _write_if_changed(path, _po_bytes(catalog)):
            changed.append(str(path.relative_to(root)))
        catalog = _read(path, lang)  # compile what a translator sees in the file
        if _write_if_changed(path.with_suffix(".mo"), _mo_bytes(catalog)):
            changed.append(str(path.with_suffix(".mo").relative_to(root)))
    return changed


def union(refs: list[str], root: Path = ROOT) -> list[str]:
    """Bring into this tree's .po files the translations other branches made
    (git refs), for messages this tree lacks or has untranslated. Where both
    translated the same msgid differently, this tree's wording stays and the
    clash is reported for a person to decide."""
    notes = []
    for lang in LANGUAGES:
        path = po_path(lang, root)
        ours = _read(path, lang)
        rel = path.relative_to(root).as_posix()
        for ref in refs:
            shown = subprocess.run(["git", "show", f"{ref}:{rel}"], cwd=root, capture_output=True)
            if shown.returncode:
                notes.append(f"{ref}: no {rel}")
                continue
            theirs = read_po(io.BytesIO(shown.stdout), locale=lang, domain=DOMAIN)
            for m in theirs:
                if not m.id or _untranslated(m) or m.fuzzy:
                    continue
                mine = ours.get(m.id, m.context)
                if mine is None or _untranslated(mine):
                    ours[m.id] = m if mine is None else mine
                    ours.get(m.id, m.context).string = m.string
                    if mine is None:
                        ours.get(m.id, m.context).context = m.context
                elif mine.string != m.string:
                    notes.append(f"{rel}: {ref} translates {m.id!r} as {m.string!r}; kept {mine.string!r}")
        path.write_bytes(_po_bytes(ours))
    return notes


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        problems = check()
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)" if problems else "catalogs: complete, translated and compiled")
        return 1 if problems else 0
    if argv[:1] == ["union"] and argv[1:]:
        for note in union(argv[1:]):
            print(note)
        print("now run tools/catalogs, then tools/catalogs --check")
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    changed = build()
    print("\n".join(changed) if changed else "catalogs: nothing changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
