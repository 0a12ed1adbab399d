"""Widget strings and the language machinery, in every language of the course.

Every language has every file and key of English with the same placeholders; the current language
follows ``NERVEROOT_LANG`` and :func:`nerveroot.i18n.use_language`; the clinical data's text, the
quiz banks and the sentences built from templates come out in the language asked for, with the
same facts.  (What is still untranslated is the business of ``test_translations.py``.)
"""

import string

import pytest

from nerveroot import i18n
from nerveroot.clinical import red_flags
from nerveroot.figures.triage import TriageAid, reason_sentences
from nerveroot.quiz.bank import all_banks

LANGUAGES = i18n.languages()
EDITIONS = [lang for lang in LANGUAGES if lang != i18n.DEFAULT_LANG]


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_english_comes_first_and_danish_is_there():
    assert LANGUAGES[0] == "en" and "da" in LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_widget_file_is_a_mapping_of_strings(lang):
    for widget in i18n.widgets(lang):
        data = i18n.strings(widget, lang)
        assert data, f"strings/{lang}/{widget}.yaml is empty"
        for key, value in data.items():
            assert isinstance(value, str), f"strings/{lang}/{widget}.yaml: {key} is not text"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_file_key_and_placeholder_of_english(lang):
    assert set(i18n.widgets(lang)) == set(i18n.widgets("en")), f"strings/{lang}/ files differ from English"
    for widget in i18n.widgets("en"):
        en = i18n.strings(widget, "en")
        other = i18n.strings(widget, lang)
        assert set(other) == set(en), f"strings/{lang}/{widget}.yaml keys differ from English"
        for key in en:
            if other[key] == "" and (widget, key) in i18n.MAY_BE_EMPTY:
                continue  # an edition may leave this one out (the reason is in i18n.MAY_BE_EMPTY)
            assert fields(other[key]) == fields(en[key]), f"{lang}/{widget}.yaml:{key} placeholders"



def test_unknown_language_and_widget_are_named_in_the_error():
    with pytest.raises(ValueError, match="no strings for language 'xx'; available: .*en"):
        i18n.strings("lumbar_levels", "xx")
    with pytest.raises(KeyError, match="no file nonexistent.yaml"):
        i18n.strings("nonexistent", "en")


def test_the_language_is_the_argument_then_the_block_then_the_environment(monkeypatch):
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    assert i18n.current_lang() == "en"
    monkeypatch.setenv(i18n.LANG_ENV, "da")
    assert i18n.current_lang() == "da" and i18n.current_lang("en") == "en"
    with i18n.use_language("en"):
        assert i18n.current_lang() == "en"
    assert i18n.current_lang() == "da"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_data_text_comes_in_the_language_and_everything_else_stays(lang):
    en = red_flags.flags()  # the current language: English here
    with i18n.use_language(lang):
        other = red_flags.flags()
    assert list(other) == list(en)
    for fid, flag in other.items():
        assert (flag.level, flag.group, flag.cite, flag.stage, flag.danish) == \
               (en[fid].level, en[fid].group, en[fid].cite, en[fid].stage, en[fid].danish)
        if lang != "en":
            assert flag.label != en[fid].label, f"{fid}: the {lang} label is the English one"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_triage_reasons_are_the_same_sentences_in_python_and_the_widget(lang):
    with i18n.use_language(lang):
        for ids in (["older_age"], ["older_age", "prolonged_corticosteroids"], ["bilateral_leg_symptoms"], []):
            assert reason_sentences(ids) == list(red_flags.triage(ids).reasons)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_figure_made_in_a_language_reads_its_data_in_that_language(lang):
    aid = TriageAid(lang=lang)
    html = aid._repr_mimebundle_(include={"text/html"})["text/html"]
    with i18n.use_language(lang):
        label = red_flags.flags()["saddle_anaesthesia"].label
    assert label in html.replace("&#x27;", "'")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_quiz_banks_load_in_every_language_with_the_same_answers(lang):
    en = {q.id: q for b in all_banks("en") for q in b.questions}
    for bank in all_banks(lang):
        for q in bank.questions:
            ref = en[q.id]
            assert (q.type, q.correct_ids, q.answer, q.tolerance, q.cite) == \
                   (ref.type, ref.correct_ids, ref.answer, ref.tolerance, ref.cite), q.id
            assert len(q.options) == len(ref.options) and len(q.near_misses) == len(ref.near_misses), q.id
