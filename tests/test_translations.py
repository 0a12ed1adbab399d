"""The other editions are translated completely and faithfully, part by part (no build needed).

A part (a chapter with its quiz, a data catalogue, the site's own words) is either listed in
``locales/<lang>/in_progress.txt`` or done; a done part has no catalogue entry left untranslated
or fuzzy, no translation that lost a number or a citation, no catalogue older than the English
text, and a quiz translation that validates and has no text left in English
(``nerveroot.translations``).  A listed part that is already done fails too (strict xfail), so the
list shrinks to empty as translators finish.  The figures and widgets are drawn in every language,
and those whose text is done show no English.  The built pages are checked in
``test_translations_site.py``.
"""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from english_text import kept_terms, looks_english, normal, words
from test_protocol import CLASSES

from nerveroot import catalogue, translations
from nerveroot.display import HTML_MIME, MARKDOWN_MIME, PLAIN_MIME
from nerveroot.i18n import DEFAULT_LANG, languages

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = [lang for lang in languages() if lang != DEFAULT_LANG]


def _part_params():
    out = []
    for lang in EDITIONS:
        listed = set(translations.in_progress(lang))
        for part in translations.parts():
            marks = [pytest.mark.xfail(strict=True, reason=f"listed in locales/{lang}/in_progress.txt")] \
                if part in listed else []
            out.append(pytest.param(lang, part, id=f"{lang}-{part}", marks=marks))
    return out


def test_there_is_an_edition_besides_english():
    assert "da" in EDITIONS


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_in_progress_list_names_only_parts_there_are(lang):
    unknown = sorted(set(translations.in_progress(lang)) - set(translations.parts()))
    assert not unknown, f"locales/{lang}/in_progress.txt names {unknown}; parts are {translations.parts()}"


@pytest.mark.parametrize(("lang", "part"), _part_params())
def test_a_part_not_in_progress_is_completely_translated(lang, part):
    found = translations.problems(lang, part)
    assert not found, f"{lang} {part} is not done ({len(found)} left):\n" + "\n".join(found[:40])


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_translation_keeps_the_numbers_and_citations_of_the_english(lang):
    """Also in parts still in progress: what is translated is faithful."""
    bad = []
    for po in sorted((ROOT / "locales" / lang / "LC_MESSAGES").rglob("*.po")):
        for e in catalogue.read_po(po):
            if e.msgstr and not e.fuzzy:
                bad += [f"{po.relative_to(ROOT)}:{e.line}: {p}: {e.msgid[:60]!r}"
                        for p in catalogue.parity_problems(e.msgid, e.msgstr)]
    assert not bad, "\n".join(bad)


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """The message templates of the current English text (make gettext, into a temporary folder)."""
    out = tmp_path_factory.mktemp("gettext")
    proc = subprocess.run([sys.executable, "-m", "nerveroot.build", "gettext", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=170)
    assert proc.returncode == 0, f"make gettext failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return out


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_catalogues_of_done_chapters_hold_the_current_english_text(lang, templates):
    """After an English edit, `make gettext` and `sphinx-intl update` bring the new text into the
    catalogue (marked fuzzy where it changed); until then the page would show the new English."""
    listed = set(translations.in_progress(lang))
    stale = []
    for part in translations.chapters():
        if part not in listed:
            stale += [p for p in translations.problems(lang, part, templates) if "older than the English" in p]
    assert not stale, "\n".join(stale)


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_chapter_and_data_file_has_a_catalogue(lang):
    base = ROOT / "locales" / lang / "LC_MESSAGES"
    missing = [f"{p}.po" for p in translations.chapters() if not (base / f"{p}.po").is_file()]
    missing += [f"data/{Path(n).stem}.po" for n in catalogue.data_files()
                if not (base / "data" / f"{Path(n).stem}.po").is_file()]
    assert not missing, f"locales/{lang}/LC_MESSAGES lacks {missing}: make gettext, then sphinx-intl update"


# ------------------------------------------------------------------------------- figures and widgets

#: Which parts each figure's text comes from (besides its widget strings, which are complete).
FIGURE_PARTS = {
    "LumbarLevels": [],
    "TriageAid": ["data/red_flags"],
    "DermatomeMap": ["data/roots"],
    "DiscLevelExplorer": ["data/roots"],
    "HerniationTypes": [],
    "PrognosisFigure": ["data/prognosis"],
    "SLRExplainer": ["data/tests"],
    "AccuracyCalculator": ["data/tests"],
    "RootLocaliser": ["data/findings", "data/red_flags"],
    "ExerciseAnimation": ["data/exercises"],
}
#: JSON keys whose strings are never text for a reader (fonts, colours, plotly's own words).
NOT_TEXT = {"family", "color", "fillcolor", "bgcolor", "bordercolor", "type", "method", "mode", "shape", "dash",
            "xref", "yref", "xanchor", "yanchor", "hoverinfo", "path", "layer", "symbol", "id", "base", "group",
            "needs", "level", "chapter", "stage", "flag_order", "order", "textposition", "align", "valign",
            "direction", "textfont", "autorange", "hovermode", "dragmode", "fill", "line", "easing", "redraw",
            "traceorder", "tickmode", "ticks", "scaleanchor", "constrain", "visible", "escalate_with"}


def _figure(name: str, lang: str):
    cls = next(c for n, c in CLASSES.items() if n.endswith("." + name))
    if name == "ExerciseAnimation":
        from nerveroot.clinical.exercises import load_exercises

        return cls(next(iter(load_exercises())), lang=lang)
    return cls(lang=lang)


def face_texts(obj) -> list[str]:
    """Every text of an object's faces a reader can meet: the page text, the JSON it ships to the
    browser (captions, labels, hover texts, button labels), the printed text and the summary."""
    from bs4 import BeautifulSoup

    bundle = obj._repr_mimebundle_(include={HTML_MIME, MARKDOWN_MIME, PLAIN_MIME})
    texts = [bundle[PLAIN_MIME]]
    if MARKDOWN_MIME in bundle:
        texts += [line for line in bundle[MARKDOWN_MIME].splitlines() if line.strip()]
    soup = BeautifulSoup(bundle.get(HTML_MIME, ""), "html.parser")
    for script in soup.find_all("script"):
        try:
            data = json.loads(script.string or "null")
        except ValueError:
            data = None
        script.decompose()

        def walk(node, key=None):
            if isinstance(node, dict):
                hidden = _hidden_name(node, key)
                for k, v in node.items():
                    if k not in NOT_TEXT and not (k == "name" and hidden):
                        walk(v, k)
            elif isinstance(node, list):
                for v in node:
                    walk(v, key)
            elif isinstance(node, str) and not node.startswith(("#", "rgb", "M ", "data:")):
                texts.append(re.sub(r"<[^>]+>", " ", node))

        walk(data)
    for tag in soup.find_all(lang=True):
        if tag.get("lang") != obj.lang:
            tag.decompose()
    texts += [t for t in soup.stripped_strings]
    for tag in soup.find_all(True):
        texts += [tag[a] for a in ("aria-label", "title", "alt") if tag.get(a)]
    return [" ".join(t.split()) for t in texts if t and t.strip()]


def _hidden_name(node: dict, key) -> bool:
    """Whether plotly never shows this object's ``name``: an annotation's name is an id (plotly draws
    only its ``text``; the course names caption parts by it, "caption-angle"), and a trace's name shows
    only in its legend entry and hover label, so not when it has neither (``showlegend`` false and
    ``hoverinfo`` "skip": the stick figure's "near leg")."""
    if key == "annotations":
        return True
    return node.get("showlegend") is False and node.get("hoverinfo") == "skip"


def _figure_params():
    out = []
    for lang in EDITIONS:
        listed = set(translations.in_progress(lang))
        for name, parts in FIGURE_PARTS.items():
            pending = [p for p in parts if p in listed]
            marks = [pytest.mark.xfail(strict=True, reason=f"{', '.join(pending)} in progress")] if pending else []
            out.append(pytest.param(lang, name, id=f"{lang}-{name}", marks=marks))
    return out


def test_every_figure_with_a_language_is_listed_here():
    with_lang = {n.rsplit(".", 1)[1] for n, c in CLASSES.items() if "lang" in inspect.signature(c.__init__).parameters}
    assert with_lang - {"Quiz", "AnswerKey"} <= set(FIGURE_PARTS), sorted(with_lang - set(FIGURE_PARTS))


@pytest.mark.parametrize(("lang", "name"), _figure_params())
def test_a_figure_shows_no_english_once_its_text_is_translated(lang, name):
    english = set(face_texts(_figure(name, DEFAULT_LANG)))
    found = []
    for text in face_texts(_figure(name, lang)):
        if looks_english(text):
            found.append(f"English words: {text[:120]!r}")
        elif text in english and len(words(re.sub(r"\{[^}]*\}", " ", text))) >= 2 and not _same_in_both(text):
            found.append(f"as in English: {text[:120]!r}")
    assert not found, f"{name} in {lang}:\n" + "\n".join(sorted(set(found))[:40])


def _same_in_both(text: str) -> bool:
    """Citations, root and level names, numbers with units, and the English terms Danish clinicians
    use unchanged (the style guide's attested terms, :func:`english_text.kept_terms`): the same in
    every language."""
    if normal(text).lower().strip(" .:") in kept_terms():
        return True
    stripped = re.sub(r"\b(et al\.?|L\d(/L?\d|/S1)?|S\d|SLR|MRI|MR|ISNCSCI|ASIA|DRG|LR[+−-])\b|[\d.,%°–()+−-]", " ", text)
    rest = [w for w in words(stripped) if not w[0].isupper()]
    return not rest


def test_an_english_term_kept_in_danish_is_the_one_the_danish_chapters_use():
    """A term the detector lets through on Danish pages because Danish clinicians use it unchanged
    ("likelihood ratio") is written so in the translated chapters too, not only in the style guide."""
    translated = " ".join(e.msgstr.lower() for po in sorted((ROOT / "locales" / "da" / "LC_MESSAGES" / "book").glob("*.po"))
                          for e in catalogue.read_po(po))
    assert kept_terms() and all(term in translated for term in kept_terms()), sorted(kept_terms())


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("name", sorted(FIGURE_PARTS))
def test_every_figure_is_drawn_in_every_language(lang, name):
    texts = face_texts(_figure(name, lang))
    assert texts and all(isinstance(t, str) for t in texts)


# ------------------------------------------------------------------------------- robustness


@pytest.fixture()
def every_text_translated(monkeypatch):
    """A pretend edition in which every text of every data file is translated ("⟦...⟧"): what a
    finished translation looks like to the code."""
    from nerveroot import datafile

    real = catalogue.translations

    def pretend(lang, name):
        if lang != "da":
            return real(lang, name)
        return {text: f"⟦{text}⟧" for text in catalogue.template_entries(name)}

    monkeypatch.setattr(catalogue, "translations", pretend)
    caches = [obj for module in sys.modules.values() if getattr(module, "__name__", "").startswith("nerveroot.")
              for obj in vars(module).values() if callable(getattr(obj, "cache_clear", None))]
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()
    assert datafile


def test_no_code_depends_on_the_english_wording_of_the_data(every_text_translated, tmp_path):
    """With every data text translated, the data loads and validates, and every table, figure, case
    and the handout are made from it: code finds records by id, never by their English text."""
    from nerveroot import handout
    from nerveroot.clinical import cases, exercises, guidelines, prognosis, red_flags, roots, symptoms, tests_data
    from nerveroot.i18n import use_language

    with use_language("da"):
        assert red_flags.flags()["saddle_anaesthesia"].label.startswith("⟦")
        made = [roots.anatomy_table(), roots.herniation_table(), roots.clinical_table(), roots.sensory_point_table(),
                roots.disagreement_table(), symptoms.table_markdown(), guidelines.comparison_table(),
                prognosis.recovery_table_markdown(), prognosis.regression_table_markdown(),
                prognosis.factors_markdown(), exercises.library_table(), tests_data.load_tests(),
                cases.findings_md(["numb_great_toe", "weak_knee_extension"]),
                cases.localise_md(["numb_great_toe", "weak_knee_extension"]), cases.triage_md(["fever_unwell"])]
        assert all(m is not None for m in made)
        for name in FIGURE_PARTS:
            assert face_texts(_figure(name, "da"))
        tex_path, missing = handout.build_tex(tmp_path, sections=[s for s in handout.SECTIONS if s[0] != "dermatome map"])
        assert not missing and "⟦" in tex_path.read_text(encoding="utf-8")
        # the management table leaves out the same two topics as in English
        assert tex_path.read_text(encoding="utf-8").count("⟦Who it covers⟧") == 0


# ------------------------------------------------------------------------------- the bibliography's notes


def _english_notes() -> dict[str, str]:
    """Each source's note in book/references.bib, as a reader sees it (BibTeX accents decoded)."""
    from nerveroot.citations import database, plain

    return {key: plain(e.fields["note"]) for key, e in database().entries.items() if "note" in e.fields}


def test_the_bibliographys_notes_are_a_part_of_the_translation():
    """What the bibliography says was seen of a source is the course's own text: every note of
    book/references.bib is an entry of the catalogue data/references.po, a part like the data's."""
    assert "data/references" in translations.parts()
    notes = _english_notes()
    assert len(notes) >= 20
    assert set(catalogue.template_entries(catalogue.BIBLIOGRAPHY)) == {catalogue.msgid(n) for n in notes.values()}
    assert 'where it is listed as "ikke gældende"' in notes["SST2016"]  # the reader's text, not BibTeX's


@pytest.fixture()
def danish_notes(tmp_path, monkeypatch):
    """A copy of the Danish catalogue of the bibliography's notes, to spoil: returns its path."""
    po = ROOT / "locales" / "da" / "LC_MESSAGES" / "data" / "references.po"
    copy = tmp_path / "locales" / "da" / "LC_MESSAGES" / "data" / "references.po"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(po.read_bytes())
    monkeypatch.setattr(catalogue, "locales_dir", lambda: tmp_path / "locales")
    catalogue.translations.cache_clear()
    yield copy
    catalogue.translations.cache_clear()


def test_a_note_whose_translation_loses_a_number_is_not_done(danish_notes):
    text = danish_notes.read_text(encoding="utf-8")
    assert "(PubMed 24569641)" in text
    danish_notes.write_text(text.replace('msgstr "Kun resuméet er set (PubMed 24569641)"',
                                         'msgstr "Kun resuméet er set"'), encoding="utf-8")
    found = translations.problems("da", "data/references")
    assert any("lost 24569641" in p for p in found), found


def test_a_note_without_translation_is_not_done_and_shows_in_english(danish_notes):
    from nerveroot.citations import database

    text = danish_notes.read_text(encoding="utf-8")
    danish_notes.write_text(text.replace('msgstr "Datoen for seneste opdatering er ikke set"', 'msgstr ""'),
                            encoding="utf-8")
    found = translations.problems("da", "data/references")
    assert any("not translated: 'Date of last update not seen'" in p for p in found), found
    note = database().entries["Poulsen_sundhed_rodaffektion"].fields["note"]
    assert catalogue.bib_translation(note, "da") is None


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_bibliography_shows_every_note_in_the_editions_language(lang):
    """The edition's bibliography (and the citations' tooltips, which are its entries) gives each
    source's note as translated, the English edition the note of book/references.bib."""
    import pybtex.plugin

    from nerveroot import bibstyle
    from nerveroot.citations import database

    done = catalogue.translations(lang, catalogue.BIBLIOGRAPHY)
    notes = _english_notes()
    entries = [database().entries[k] for k in notes]
    group = "pybtex.style.formatting"
    styles = {DEFAULT_LANG: pybtex.plugin.find_plugin(group, "plain")(),
              lang: pybtex.plugin.find_plugin(group, bibstyle.register_formatting_style("plain", lang))()}
    for edition, style in styles.items():
        for entry in style.format_entries(entries):
            shown = " ".join(entry.text.render_as("text").split())
            english = catalogue.msgid(notes[entry.key])
            want = english if edition == DEFAULT_LANG else done.get(english, english)
            assert want in shown, f"{edition} {entry.key}: {want!r} not in {shown!r}"
            if edition != DEFAULT_LANG and english in done:
                assert english not in shown, f"{edition} {entry.key}: the English note shows"
