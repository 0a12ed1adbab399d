"""Widget strings: every language has every file and key of English, placeholders intact."""

import string

import pytest

from nerveroot import i18n


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_english_exists_and_every_widget_file_is_a_mapping_of_strings():
    assert "en" in i18n.languages()
    for widget in i18n.widgets("en"):
        data = i18n.strings(widget, "en")
        assert data, widget
        for key, value in data.items():
            assert isinstance(value, str), f"strings/en/{widget}.yaml: {key} is not text"


@pytest.mark.parametrize("lang", [lang for lang in i18n.languages() if lang != "en"])
def test_translations_match_english(lang):
    for widget in i18n.widgets("en"):
        en = i18n.strings(widget, "en")
        other = i18n.strings(widget, lang)
        assert set(other) == set(en), f"strings/{lang}/{widget}.yaml keys differ from English"
        for key in en:
            assert fields(other[key]) == fields(en[key]), f"{lang}/{widget}.yaml:{key} placeholders"


def test_unknown_language_and_widget_are_named_in_the_error():
    with pytest.raises(ValueError, match="no strings for language 'xx'; available: .*en"):
        i18n.strings("lumbar_levels", "xx")
    with pytest.raises(KeyError, match="no file nonexistent.yaml"):
        i18n.strings("nonexistent", "en")
