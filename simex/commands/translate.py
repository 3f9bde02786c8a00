"""`simex translate export|import`: a scenario's player-facing texts to and
from the files translators work in (gettext .po, or XLIFF 1.2).

    simex translate export border-detection.yaml --lang ar -o ar.po
    simex translate import border-detection.yaml ar.po

Export lists every player-facing text with its stable context and existing
translation; import writes the translations back by targeted edits (comments
and layout kept), adds the language to `exercise.languages`, validates the
result and reports what it could not import. docs/translating-scenarios.md
is the translator's guide.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.choices import LANGUAGES

FORMATS = ("po", "xliff")
_XLIFF_SUFFIXES = (".xlf", ".xliff")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "translate",
        help="export a scenario's texts for translators, and import their translations",
        description="Translate a scenario's player-facing texts with gettext .po files (Poedit, Weblate, "
                    "any CAT tool) or XLIFF 1.2. See docs/translating-scenarios.md.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="write every player-facing text of a scenario to a .po or XLIFF file",
                            description="Write every player-facing text (titles, summaries, injects, actions, "
                                        "objectives, sentences...) with its context and existing translation.")
    export.add_argument("scenario", metavar="SCENARIO", help="scenario file, or name of a bundled one")
    export.add_argument("--lang", required=True, choices=[lang for lang in LANGUAGES if lang != "en"],
                        help="the language to translate into (English is the source)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    export.add_argument("--format", choices=FORMATS,
                        help="po (default) or xliff (XLIFF 1.2); a FILE ending in .xlf or .xliff means xliff")
    export.set_defaults(run=run_export)
    imp = sub.add_parser("import", help="write the translations of a .po or XLIFF file into the scenario",
                         description="Write translations back into the scenario's YAML (comments and layout "
                                     "kept), add the language to exercise.languages, and validate the result. "
                                     "Fuzzy entries, entries whose text is gone and entries whose English "
                                     "changed are reported, not imported.")
    imp.add_argument("scenario", metavar="SCENARIO", help="scenario file to write into")
    imp.add_argument("translations", metavar="FILE", help="a .po file, or an XLIFF 1.2 file (.xlf, .xliff)")
    imp.add_argument("--lang", choices=[lang for lang in LANGUAGES if lang != "en"],
                     help="the language of FILE (default: the language the file names)")
    imp.set_defaults(run=run_import)


def _t():
    from simex.commands._lang import messages

    # The reader's language (SIMEX_LANG or the locale); --lang here is the language translated into.
    return messages()


def _scenario_file(text: str) -> Path:
    from simex.library_index import resolve

    return resolve(text)


def _error(message: str) -> int:
    print(f"simex translate: {message}", file=sys.stderr)
    return 1


def run_export(args: argparse.Namespace) -> int:
    from simex.scenario.loader import ScenarioError
    from simex.translate import po, xliff
    from simex.translate.entries import Source, entries

    t = _t()
    try:
        file = _scenario_file(args.scenario)
        source = Source.read(file)
    except ValueError as exc:   # no such scenario (library_index says which exist)
        return _error(str(exc))
    except ScenarioError as exc:
        print(exc.text(t), file=sys.stderr)
        return _error(t.gettext("{file} has errors: fix them before translating it").format(file=args.scenario))
    fmt = args.format or ("xliff" if (args.output or "").lower().endswith(_XLIFF_SUFFIXES) else "po")
    writer = xliff if fmt == "xliff" else po
    found = entries(source, args.lang)
    data = writer.write(found, args.lang, source.scenario.exercise.id, file.name)
    if not args.output:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        return _error(t.gettext("cannot write {file}: {reason}").format(file=args.output,
                                                                         reason=exc.strerror or exc))
    done = sum(1 for e in found if e.target)
    print(t.ngettext("wrote {file}: {n} text, {done} already in {lang}",
                     "wrote {file}: {n} texts, {done} already in {lang}", len(found))
          .format(file=args.output, n=len(found), done=done, lang=args.lang), file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from simex.scenario.loader import ScenarioError
    from simex.translate import po, xliff
    from simex.translate.entries import Source, merge
    from simex.translate.xliff import XliffError
    from simex.translate.yamledit import EditError

    t = _t()
    path = Path(args.translations)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _error(t.gettext("cannot read {file}: {reason}").format(file=path, reason=exc.strerror or exc))
    try:
        lang, found = (xliff if path.suffix.lower() in _XLIFF_SUFFIXES else po).read(data)
    except (XliffError, ValueError) as exc:
        return _error(t.gettext("{file} is not a translation file simex can read: {reason}")
                      .format(file=path, reason=exc))
    lang = args.lang or lang
    if lang not in LANGUAGES or lang == "en":
        return _error(t.gettext("{file} names no language simex scenarios use ({found}); give --lang, one of: "
                                "{langs}").format(file=path, found=lang or "-",
                                                  langs=", ".join(x for x in LANGUAGES if x != "en")))
    try:
        source = Source.read(_scenario_file(args.scenario))
    except ValueError as exc:
        return _error(str(exc))
    except ScenarioError as exc:
        print(exc.text(t), file=sys.stderr)
        return _error(t.gettext("{file} has errors: fix them before importing translations")
                      .format(file=args.scenario))
    try:
        out = merge(source, lang, found)
    except EditError as exc:
        return _error(t.gettext("cannot write the translations into {file}: {reason}")
                      .format(file=source.file, reason=exc))
    _report(t, path, out, lang)
    if out.text != source.text:
        source.write(out.text)
    print(t.ngettext("{file}: {n} {lang} text written", "{file}: {n} {lang} texts written", out.changed)
          .format(file=source.file, n=out.changed, lang=lang)
          + t.ngettext(", {n} already there", ", {n} already there", out.unchanged).format(n=out.unchanged)
          + t.ngettext(", {n} not translated yet", ", {n} not translated yet", out.untranslated)
          .format(n=out.untranslated), file=sys.stderr)
    return 1 if any(p.is_error for p in out.problems) else 0


def _report(t, path: Path, out, lang: str) -> None:
    from simex.scenario.problems import format_text

    def at(e) -> str:
        return f"{path}:{e.line}" if e.line else str(path)

    for e in out.stale:
        print(t.gettext("{at}: {context}: warning: no such text in the scenario any more; not imported")
              .format(at=at(e), context=e.context), file=sys.stderr)
    for e in out.changed_source:
        print(t.gettext("{at}: {context}: warning: the English text changed since the export; translate the "
                        "new text (not imported)").format(at=at(e), context=e.context), file=sys.stderr)
    for e in out.fuzzy:
        print(t.gettext("{at}: {context}: warning: marked fuzzy (needs review); not imported")
              .format(at=at(e), context=e.context), file=sys.stderr)
    # The result's own problems: errors, and the texts still missing in this language.
    shown = [p for p in out.problems if p.is_error or f"'{lang}'" in p.message]
    if shown:
        print(format_text(shown), file=sys.stderr)
