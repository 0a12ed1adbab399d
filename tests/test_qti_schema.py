"""The QTI package a platform imports is valid QTI 2.1: every item and test of every bank, English
and Danish, against IMS's XSD (and the Schematron rules it carries), the manifest against IMS
content packaging. IMS's schemas are not in the repository (their licence does not clearly allow
it): get them with ``python tools/fetch_qti_xsd.py`` and run

    NERVEROOT_QTI_XSD=/tmp/qti-xsd/qtiv2p1/imsqti_v2p1.xsd .venv/bin/python -m pytest tests/test_qti_schema.py

Without the variable these tests skip, saying so.
"""

from __future__ import annotations

import functools

import pytest

from nerveroot.quiz import all_banks
from nerveroot.quiz.export import to_qti_zip
from nerveroot.quiz.qti_schema import CP_XSD_ENV, QTI_XSD_ENV, Validator, schema_paths

QTI_XSD, CP_XSD = schema_paths()
HOW = "get the schemas with `python tools/fetch_qti_xsd.py` (see book/quizzes/README.md)"

pytestmark = pytest.mark.skipif(
    QTI_XSD is None, reason=f"{QTI_XSD_ENV} is not set: no QTI 2.1 schema to validate the export against; {HOW}")


@functools.lru_cache(maxsize=1)
def validator() -> Validator:
    pytest.importorskip("lxml", reason="validating against the QTI schema needs lxml (requirements.txt)")
    return Validator(QTI_XSD, CP_XSD)


@functools.lru_cache(maxsize=2)
def package(lang: str | None) -> bytes:
    return to_qti_zip(all_banks(), lang)


@pytest.mark.parametrize("lang", [None, "da"], ids=["en", "da"])
def test_every_item_and_test_is_valid_qti_2_1(lang):
    banks = all_banks()
    report = validator().check_zip(package(lang))
    assert report.checked.get("items") == sum(len(b.questions) for b in banks), report.checked
    assert report.checked.get("tests") == len(banks), report.checked
    errors = report.errors["items"] + report.errors["tests"]
    assert not errors, f"{len(errors)} schema error(s) in the items and tests:\n" + "\n".join(errors[:20])


@pytest.mark.parametrize("lang", [None, "da"], ids=["en", "da"])
def test_the_manifest_is_a_valid_ims_content_package(lang):
    if CP_XSD is None:
        pytest.skip(f"no imscp_v1p1.xsd beside the QTI schema's folder and {CP_XSD_ENV} is not set; {HOW}")
    report = validator().check_zip(package(lang))
    assert report.checked.get("manifest") == 1
    errors = report.errors["manifest"]
    assert not errors, "imsmanifest.xml is not a valid IMS content package:\n" + "\n".join(errors[:20])
