"""The program's own words: a language without a catalog is an error that
names the available ones, never English passed off as another language."""
import pytest

from simex.languages import LanguageNotAvailable, available, translator


def test_english_needs_no_catalog_and_plurals_follow_the_count():
    t = translator("en")
    assert t.ngettext("{n} message", "{n} messages", 1).format(n=1) == "1 message"
    assert t.ngettext("{n} message", "{n} messages", 3).format(n=3) == "3 messages"


def test_a_language_without_a_catalog_is_refused_with_the_list():
    with pytest.raises(LanguageNotAvailable) as caught:
        translator("xx")
    assert "'xx'" in str(caught.value)
    for lang in available():
        assert lang in str(caught.value)
