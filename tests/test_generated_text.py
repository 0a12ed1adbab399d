"""The text that code writes into the chapters (the worked cases' answers, the diagnosis chapter's worked
example and examination tables, the accuracy chapter's table of every figure) comes in the reader's
language: the same numbers and sources as the English, with the language's decimal mark, and none of the
English sentences around them."""

import re

import pytest

from nerveroot import i18n
from nerveroot.catalogue import citations, numbers
from nerveroot.clinical import cases, examination
from nerveroot.clinical.tests_data import accuracy_table

EDITIONS = [lang for lang in i18n.languages() if lang != i18n.DEFAULT_LANG]

#: What the chapters write (the calls of book/cases.md, diagnosis.md and accuracy.md)
GENERATED = {
    "case answer: a test result": lambda: cases.test_md("slr_surgical", 0.5, positive=True),
    "case answer: a negative result": lambda: cases.test_md("slr_mri_cohort", 0.3, positive=False),
    "case answer: a likelihood ratio": lambda: cases.record_lr_md("femoral_patellar_midlumbar", 0.3),
    "case answer: a herniation": lambda: cases.herniation_md("L4/L5", "far_lateral"),
    "case answer: triage": lambda: cases.triage_md(["saddle_anaesthesia", "bladder_dysfunction"]),
    "case answer: the localiser": lambda: cases.localise_md(["weak_plantar_flexion", "reduced_achilles_reflex"]),
    "diagnosis: the worked example": lambda: cases.slr_example_md(0.30),
    "diagnosis: examination by root": examination.roots_table,
    "diagnosis: neurodynamic tests": examination.neurodynamic_table,
    "accuracy: every figure": accuracy_table,
}

#: The English sentences and headers those texts are built from (none may reach another edition)
ENGLISH_WORDS = ("From a pre-test probability", "Sensitivity", "specificity", "reference standard",
                 "Disputed", "quoted by a secondary source", "Other figures", "herniation at", "reaches",
                 "Localiser:", "so a positive SLR moves", "If the **crossed SLR**", "Positive when",
                 "Sensitising manoeuvres", "Key movements")


def test_the_english_answers_read_as_before():
    with i18n.use_language("en"):
        assert cases.test_md("slr_surgical", 0.5, positive=True).endswith(
            "From a pre-test probability of 50 %, a **positive** result gives **55 %**.\n")
        assert cases.herniation_md("L4/L5", "paracentral") == \
            "A paracentral herniation at L4/L5 reaches **L5** {cite:p}`Poulsen_sundhed_rodaffektion`.\n"
        assert "95 % CI 2.3–21" in cases.record_lr_md("femoral_patellar_midlumbar", 0.3)
        assert "Test, population, reference standard and source" in accuracy_table()


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("what", list(GENERATED))
def test_generated_text_is_in_the_language_with_the_same_numbers_and_sources(lang, what):
    with i18n.use_language("en"):
        en = GENERATED[what]()
    with i18n.use_language(lang):
        other = GENERATED[what]()
    assert numbers(other) == numbers(en), f"{what}: the {lang} text states other numbers than the English"
    assert citations(other) == citations(en), f"{what}: the {lang} text cites other sources"
    left = [w for w in ENGLISH_WORDS if w in other]
    assert not left, f"{what}: English words in the {lang} text: {left}"
    mark = i18n.strings("display", lang)["decimal_mark"]
    if mark != ".":
        assert not re.search(r"\d\.\d", re.sub(r"\{cite:p\}`[^`]*`", "", other)), \
            f"{what}: a decimal point in the {lang} text (the language writes {mark!r})"


def test_a_danish_term_is_not_repeated_after_a_name_that_says_it():
    assert examination.with_danish("Krydset Lasègue (krydset SLR)", "krydset Lasègue") == "Krydset Lasègue (krydset SLR)"
    assert examination.with_danish("Crossed straight-leg raise", "krydset Lasègue", bold=True) == \
        "**Crossed straight-leg raise** (*krydset Lasègue*)"
