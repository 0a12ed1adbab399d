"""Check a QTI 2.1 package (``nerveroot quiz export --format qti``) against IMS's own schemas.

IMS's licence does not clearly allow passing its XSD files on, so the course does not ship them:
``tools/fetch_qti_xsd.py`` puts them in a folder of your choice (from IMS's site or the TAO
repository, keeping the folder tree so that the schemas' imports resolve), and this module
validates with them:

* every item and test against ``qtiv2p1/imsqti_v2p1.xsd`` (the 2012 final release), and against
  the Schematron rules that file carries in its annotations (XSD validation alone skips them);
* ``imsmanifest.xml`` against the IMS content-packaging schema ``imscp_v1p1.xsd``.

Needs ``lxml`` (a test dependency of the course). Used by ``tests/test_qti_schema.py`` and by
``python tools/fetch_qti_xsd.py --check package.zip``.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

#: Environment variables naming the schemas (set them to run tests/test_qti_schema.py).
QTI_XSD_ENV = "NERVEROOT_QTI_XSD"
CP_XSD_ENV = "NERVEROOT_IMSCP_XSD"


def schema_paths() -> tuple[Path | None, Path | None]:
    """The QTI 2.1 XSD and the content-packaging XSD named by the environment (or ``None``).

    Without ``NERVEROOT_IMSCP_XSD``, ``imscp_v1p1.xsd`` is looked for one folder above the QTI
    schema's folder, where the TAO layout (and ``tools/fetch_qti_xsd.py``) puts it."""
    qti = os.environ.get(QTI_XSD_ENV)
    qti_path = Path(qti).expanduser() if qti else None
    cp = os.environ.get(CP_XSD_ENV)
    if cp:
        cp_path: Path | None = Path(cp).expanduser()
    elif qti_path is not None:
        cp_path = qti_path.resolve().parent.parent / "imscp_v1p1.xsd"
        cp_path = cp_path if cp_path.is_file() else None
    else:
        cp_path = None
    return qti_path, cp_path


@dataclass
class Report:
    """What was checked and every error found (``file line N: message``), by kind of file."""

    checked: dict[str, int] = field(default_factory=dict)  # kind (items, tests, manifest) -> files
    errors: dict[str, list[str]] = field(default_factory=dict)  # kind -> errors

    @property
    def all_errors(self) -> list[str]:
        return [e for errs in self.errors.values() for e in errs]

    def summary(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in self.checked.items())
        return f"{counts} validated: {len(self.all_errors)} schema error(s)"


def _lxml():
    try:
        from lxml import etree, isoschematron
    except ImportError as exc:  # pragma: no cover - lxml is in requirements.txt
        raise RuntimeError("checking against the QTI schema needs lxml: .venv/bin/pip install lxml "
                           "(it is in requirements.txt: make venv)") from exc
    return etree, isoschematron


class Validator:
    """The schemas, loaded once (the QTI XSD takes about a second)."""

    def __init__(self, qti_xsd: Path, cp_xsd: Path | None = None):
        etree, isoschematron = _lxml()
        self.etree = etree
        if not Path(qti_xsd).is_file():
            raise FileNotFoundError(f"no QTI schema at {qti_xsd}: run python tools/fetch_qti_xsd.py "
                                    f"and set {QTI_XSD_ENV} to the qtiv2p1/imsqti_v2p1.xsd it writes")
        doc = etree.parse(str(qti_xsd))
        self.qti = etree.XMLSchema(doc)
        # The XSD's own Schematron rules (unique identifiers, expressions response processing may not
        # use, ...). They put sch:title after sch:ns, which ISO Schematron's grammar rejects:
        # run them without checking the rule file itself.
        self.rules = isoschematron.Schematron(doc, validate_schema=False, store_report=True)
        self.cp = etree.XMLSchema(etree.parse(str(cp_xsd))) if cp_xsd else None

    def _errors(self, name: str, data: bytes, schema) -> list[str]:
        doc = self.etree.parse(io.BytesIO(data))
        if schema.validate(doc):
            return []
        return [f"{name} line {e.line}: {e.message}" for e in schema.error_log]

    def _rule_errors(self, name: str, data: bytes) -> list[str]:
        doc = self.etree.parse(io.BytesIO(data))
        if self.rules.validate(doc):
            return []
        svrl = "{http://purl.oclc.org/dsdl/svrl}"
        return [f"{name}: {' '.join((fa.findtext(svrl + 'text') or '').split())} (at {fa.get('location')})"
                for fa in self.rules.validation_report.iter(svrl + "failed-assert")]

    def check_zip(self, package: bytes | str | Path) -> Report:
        """Validate every XML file of a QTI package (zip bytes or a path to the zip)."""
        data = package if isinstance(package, bytes) else Path(package).read_bytes()
        report = Report()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in zf.namelist():
                if not name.endswith(".xml"):
                    continue
                xml = zf.read(name)
                if name == "imsmanifest.xml":
                    if self.cp is None:
                        continue
                    kind, errors = "manifest", self._errors(name, xml, self.cp)
                else:
                    kind = name.split("/")[0] if "/" in name else "other"
                    errors = self._errors(name, xml, self.qti) + self._rule_errors(name, xml)
                report.checked[kind] = report.checked.get(kind, 0) + 1
                report.errors.setdefault(kind, []).extend(errors)
        return report
