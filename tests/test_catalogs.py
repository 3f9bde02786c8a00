"""The gettext catalogs (tools/catalogs): every string the code says through
simex.languages is in every language's catalog, translated, not fuzzy, with
the same {placeholders}, and compiled into an up-to-date .mo that ships.

The first test checks the real catalogs; the others build a small project in
a temporary folder and break it one way at a time, so the check is known to
catch each problem it names."""
from __future__ import annotations

import io

import pytest
from babel.messages.pofile import read_po, write_po

from tools import catalogs
from tools.catalogs import LANGUAGES, build, check, po_path

SOURCE = '''from simex.languages import translator

def hello(lang, name, n):
    t = translator(lang)
    # Translators: a greeting on the first screen
    a = t.gettext("Hello {name}").format(name=name)
    return a + t.ngettext("{n} message", "{n} messages", n).format(n=n)
'''


def test_the_shipped_catalogs_are_complete_translated_and_compiled():
    assert check() == []


def test_the_translations_are_marked_machine_assisted_for_review():
    for lang in LANGUAGES:
        head = po_path(lang).read_text(encoding="utf-8").split("msgid", 1)[0]
        assert "MACHINE-ASSISTED" in head and "Review status:" in head and "docs/translating.md" in head


def _project(tmp_path):
    (tmp_path / "babel.cfg").write_text((catalogs.ROOT / "babel.cfg").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "simex").mkdir()
    (tmp_path / "simex" / "greet.py").write_text(SOURCE, encoding="utf-8")
    build(tmp_path)
    return tmp_path


def _edit(root, lang, change):
    path = po_path(lang, root)
    catalog = read_po(path.open("rb"), locale=lang)
    for m in catalog:
        if m.id:
            change(m)
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=True, include_lineno=False)
    path.write_bytes(out.getvalue())


def _translate(m):
    if isinstance(m.id, str):
        m.string = m.id.replace("Hello", "Salut")
    else:
        m.string = tuple(m.id[-1].replace("message", "msg") for _ in m.string)


def _translated(tmp_path):
    root = _project(tmp_path)
    for lang in LANGUAGES:
        _edit(root, lang, _translate)
    build(root)
    assert check(root) == []
    return root


def test_a_new_catalog_lists_every_untranslated_string_with_its_translator_comment(tmp_path):
    root = _project(tmp_path)
    problems = check(root)
    assert sorted(p for p in problems if "untranslated" in p) == sorted(
        f"simex/locale/{lang}/LC_MESSAGES/simex.po: untranslated {msgid!r}"
        for lang in LANGUAGES for msgid in ("Hello {name}", "{n} message"))
    assert "#. a greeting on the first screen" in (root / "simex" / "locale" / "simex.pot").read_text()


def test_a_string_added_to_the_code_is_missing_until_the_catalogs_are_updated(tmp_path):
    root = _translated(tmp_path)
    (root / "simex" / "greet.py").write_text(SOURCE + 'X = translator("en").gettext("Goodbye")\n')
    problems = check(root)
    assert "simex/locale/simex.pot: out of date with the code (run tools/catalogs)" in problems
    assert "simex/locale/ar/LC_MESSAGES/simex.po: missing 'Goodbye'" in problems
    build(root)
    assert "simex/locale/ar/LC_MESSAGES/simex.po: untranslated 'Goodbye'" in check(root)


def test_a_fuzzy_entry_is_a_problem(tmp_path):
    root = _translated(tmp_path)
    _edit(root, "ru", lambda m: m.flags.add("fuzzy"))
    build(root)
    assert "simex/locale/ru/LC_MESSAGES/simex.po: fuzzy 'Hello {name}'" in check(root)


def test_a_po_edited_without_compiling_leaves_a_stale_mo(tmp_path):
    root = _translated(tmp_path)
    _edit(root, "zh", lambda m: setattr(m, "string", "你好 {name}") if m.id == "Hello {name}" else None)
    assert check(root) == ["simex/locale/zh/LC_MESSAGES/simex.mo: stale against its .po (run tools/catalogs)"]
    build(root)
    assert check(root) == []


@pytest.mark.parametrize("wrong, problem", [
    ("Salut {nom}", "unknown placeholder(s) ['nom']"),
    ("Salut", "placeholder(s) ['name'] dropped"),
])
def test_placeholders_must_match_the_english(tmp_path, wrong, problem):
    root = _translated(tmp_path)
    _edit(root, "fr", lambda m: setattr(m, "string", wrong) if m.id == "Hello {name}" else None)
    build(root)
    assert f"simex/locale/fr/LC_MESSAGES/simex.po: 'Hello {{name}}': {problem}" in check(root)


def test_a_plural_form_but_the_last_may_leave_the_number_out():
    """Arabic says "one message" and "two messages" without the digit; the
    general form must keep it."""
    from babel.messages.catalog import Message

    ok = Message(("{n} message", "{n} messages"), ("رسالة واحدة", "{n} رسائل"))
    dropped = Message(("{n} message", "{n} messages"), ("{n} رسالة", "رسائل"))
    assert catalogs.placeholder_problems(ok) == []
    assert catalogs.placeholder_problems(dropped) == ["placeholder(s) ['n'] dropped"]


def test_union_takes_another_branch_translations_and_reports_clashes(tmp_path):
    """At merge: the other branch's translated entries come in; where both
    branches translated one msgid differently, this tree's stays and the
    clash is named."""
    import subprocess

    root = _translated(tmp_path)

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root, check=True,
                       capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "other")
    (root / "simex" / "greet.py").write_text(SOURCE + 'X = translator("en").gettext("Goodbye")\n')
    build(root)
    for lang in LANGUAGES:
        _edit(root, lang, lambda m: setattr(m, "string", "Au revoir") if m.id == "Goodbye" else None)
    _edit(root, "fr", lambda m: setattr(m, "string", "Bonjour {name}") if m.id == "Hello {name}" else None)
    build(root)
    git("commit", "-qam", "other")
    git("checkout", "-q", "main")
    notes = catalogs.union(["other"], root)
    assert notes == ["simex/locale/fr/LC_MESSAGES/simex.po: other translates 'Hello {name}' as 'Bonjour {name}'; "
                     "kept 'Salut {name}'"]
    git("checkout", "-q", "other", "--", "simex/greet.py")   # the merged code
    build(root)
    assert check(root) == []
    fr = read_po(po_path("fr", root).open("rb"), locale="fr")
    assert fr.get("Goodbye").string == "Au revoir" and fr.get("Hello {name}").string == "Salut {name}"


def test_argparse_percent_placeholders_must_match_the_english():
    """argparse fills its own words and help texts with %: a translation that
    drops or renames one would print a wrong message or raise."""
    from babel.messages.catalog import Message

    ok = Message("argument %(argument_name)s: %(message)s", "argument %(argument_name)s : %(message)s")
    renamed = Message("argument %(argument_name)s: %(message)s", "argument %(name)s : %(message)s")
    dropped = Message("unrecognized arguments: %s", "arguments non reconnus")
    literal = Message("runs per grid point (default 100)", "87 % des essais")   # no % in the English: not checked
    assert catalogs.placeholder_problems(ok) == [] == catalogs.placeholder_problems(literal)
    assert catalogs.placeholder_problems(renamed) == [
        "%-placeholders ['%(message)s', '%(name)s'] instead of ['%(argument_name)s', '%(message)s']"]
    assert catalogs.placeholder_problems(dropped) == ["%-placeholders [] instead of ['%s']"]
