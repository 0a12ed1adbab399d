"""Triage levels the course must teach, as named clinical requirements.

Each case is a clinical decision with the source it rests on (keys of book/references.bib). They are
checked against the Python rule (tests/test_red_flags.py) and against the triage aid in the browser
(tests/test_triage_browser.py): a change to any of these levels fails both, on purpose. Change one only
together with the data (src/nerveroot/data/red_flags.yaml) and a cited reason.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Requirement:
    name: str
    flags: tuple[str, ...]
    level: str
    why: str
    cite: tuple[str, ...]


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "sciatica in both legs alone is a same-day emergency", ("bilateral_leg_symptoms",), "emergency",
        "Bilateral sciatica belongs to the picture of cauda equina syndrome; a low threshold for same-day "
        "assessment is the safe side.", ("DSAM2006", "Gardner2011")),
    Requirement(
        "bilateral symptoms with a bladder change are an emergency",
        ("bilateral_leg_symptoms", "bladder_dysfunction"), "emergency",
        "Two cauda equina features together.", ("DSAM2006",)),
    Requirement(
        "saddle numbness alone is an emergency", ("saddle_anaesthesia",), "emergency",
        "Saddle anaesthesia is a feature of cauda equina syndrome: acute contact with a spinal surgeon.",
        ("DSAM2006",)),
    Requirement(
        "urinary retention is an emergency, though a late sign", ("urinary_retention",), "emergency",
        "Retention marks CES-R, the later stage with the worse prognosis.", ("Gardner2011",)),
    Requirement(
        "new loss of sexual function is an emergency", ("sexual_dysfunction",), "emergency",
        "The nerves compressed in cauda equina syndrome supply sexual function.", ("Greenhalgh2018",)),
    Requirement(
        "significant trauma is a same-day emergency", ("significant_trauma",), "emergency",
        "Severe trauma is among the most useful fracture red flags; a possible fracture is assessed the "
        "same day.", ("Downie2013",)),
    Requirement(
        "fever or feeling unwell is a same-day emergency", ("fever_unwell",), "emergency",
        "A possible spinal infection must not wait days.", ("Yusuf2019",)),
    Requirement(
        "fever with a risk factor for infection is a same-day emergency", ("infection_risk", "fever_unwell"),
        "emergency", "Suspected spinal infection.", ("Yusuf2019",)),
    Requirement(
        "a risk factor for infection alone needs prompt medical assessment", ("infection_risk",), "urgent",
        "Fever is absent in almost half of spinal infections; a risk factor with back pain deserves a "
        "doctor's assessment whatever the temperature.", ("Yusuf2019",)),
    Requirement(
        "cancer with new radicular pain or other neurological symptoms is an emergency",
        ("cancer_neurological",), "emergency",
        "Contact the MSCC coordinator immediately when a person with cancer has symptoms or signs of cord "
        "compression.", ("Hawkins2023", "NICE_CG75")),
    Requirement(
        "cancer with new back pain alone needs prompt medical assessment", ("history_of_cancer",), "urgent",
        "Whole-spine MRI within a week when spinal pain suggests metastases.", ("NICE_QS56",)),
    Requirement(
        "severe weakness is an emergency", ("severe_weakness",), "emergency",
        "Severe paresis needs acute hospital assessment.", ("Poulsen_sundhed_rodaffektion",)),
    Requirement(
        "weakness getting worse or in both legs is an emergency", ("progressive_weakness",), "emergency",
        "Progressive or bilateral weakness needs acute hospital assessment.",
        ("Poulsen_sundhed_rodaffektion",)),
    Requirement(
        "older age alone is not an alarm", ("older_age",), "routine",
        "Age raises the probability of fracture mainly together with other fracture flags.", ("Downie2013",)),
    Requirement(
        "older age with long-term corticosteroids needs prompt assessment",
        ("older_age", "prolonged_corticosteroids"), "urgent",
        "Two fracture flags together.", ("Downie2013",)),
    Requirement(
        "no red flag means routine care with a safety net", (), "routine",
        "Routine care still includes safety-netting.", ("Finucane2020",)),
)
