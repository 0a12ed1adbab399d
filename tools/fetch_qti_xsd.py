#!/usr/bin/env python3
"""Get IMS's QTI 2.1 and content-packaging schemas, to check the course's QTI export against them.

IMS's licence does not clearly allow passing the XSD files on, so the repository does not hold
them; this tool copies them to a folder of yours (default /tmp/qti-xsd), keeping the folder tree,
so that the schemas' relative imports (../w3/xml.xsd, ../w3/mathml2/..., ../apipv1p0/...) resolve:

    python tools/fetch_qti_xsd.py                      # from the TAO repository on GitHub (pinned commit)
    python tools/fetch_qti_xsd.py --from DIR           # from a folder you already have (see below)
    python tools/fetch_qti_xsd.py --check course-qti.zip   # then validate a package (needs lxml)

The source is the open-source TAO platform's copy (github.com/oat-sa/extension-tao-itemqti,
folder model/qti/data): IMS QTI 2.1 final release (July 2012) with its imports made local, and
imscp_v1p1.xsd. TAO changed one thing in the QTI file in 2014 (infoControl accepts any content),
which the course's export does not use. ``--from`` takes the same tree from a clone of that
repository (its model/qti/data) or from IMS's downloads laid out the same way.

Only the files the two root schemas import (35 or so) are copied, each found by following the
xs:import / xs:include schemaLocation attributes. Then run the check:

    NERVEROOT_QTI_XSD=/tmp/qti-xsd/qtiv2p1/imsqti_v2p1.xsd .venv/bin/python -m pytest tests/test_qti_schema.py
"""

from __future__ import annotations

import argparse
import posixpath
import sys
import urllib.error
import urllib.request
from pathlib import Path
from xml.etree import ElementTree as ET

#: The TAO commit the files are taken from (pinned: the same bytes every time).
TAO_COMMIT = "2c7674c7123824e9fcabb85b15eb3993cb5b8250"
TAO_URL = f"https://raw.githubusercontent.com/oat-sa/extension-tao-itemqti/{TAO_COMMIT}/model/qti/data/"
#: The schemas the check starts from, relative to the schema folder.
ROOTS = ("qtiv2p1/imsqti_v2p1.xsd", "imscp_v1p1.xsd")
XS = "{http://www.w3.org/2001/XMLSchema}"
TIMEOUT = 30  # seconds per file: a blocked network fails with a message, never hangs


def _imports(data: bytes, name: str) -> list[str]:
    """The schema files a schema imports or includes, relative to the schema folder."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SystemExit(f"{name} is not an XML schema ({exc}): is the source right?") from None
    out = []
    for tag in ("import", "include", "redefine"):
        for el in root.iter(XS + tag):
            loc = el.get("schemaLocation")
            if not loc:
                continue
            if "://" in loc:
                raise SystemExit(f"{name} imports {loc} from the web: use the TAO copy (local imports), "
                                 "or lay the files out so that every import is a relative path")
            out.append(posixpath.normpath(posixpath.join(posixpath.dirname(name), loc)))
    return out


def _read(source: str, name: str) -> bytes:
    if "://" not in source:
        path = Path(source) / name
        if not path.is_file():
            raise SystemExit(f"{path} is missing: --from needs the folder tree of TAO's model/qti/data")
        return path.read_bytes()
    url = source.rstrip("/") + "/" + name
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as resp:
            return resp.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SystemExit(f"could not download {url} ({exc}).\nWithout access to GitHub, copy the folder "
                         "model/qti/data of github.com/oat-sa/extension-tao-itemqti from a machine that has it "
                         "and run: python tools/fetch_qti_xsd.py --from THAT/FOLDER") from None


def fetch(source: str, dest: Path) -> list[str]:
    """Copy the root schemas and everything they import from ``source`` (folder or URL) to ``dest``."""
    done: list[str] = []
    todo = list(ROOTS)
    while todo:
        name = todo.pop(0)
        if name in done:
            continue
        data = _read(source, name)
        todo += _imports(data, name)
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        done.append(name)
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dest", type=Path, default=Path("/tmp/qti-xsd"), help="folder to write (default /tmp/qti-xsd)")
    ap.add_argument("--from", dest="source", default=TAO_URL,
                    help="a local copy of TAO's model/qti/data (default: download from GitHub, commit "
                         f"{TAO_COMMIT[:10]})")
    ap.add_argument("--check", nargs="*", type=Path, default=[], metavar="ZIP",
                    help="then validate these QTI packages (nerveroot quiz export --format qti)")
    args = ap.parse_args(argv)
    source = args.source if "://" in args.source else str(Path(args.source).expanduser().resolve())
    if source == str(args.dest.expanduser().resolve()):
        raise SystemExit("--from and --dest are the same folder: the schemas are already there")
    names = fetch(source, args.dest)
    qti = args.dest / ROOTS[0]
    print(f"{len(names)} schema files in {args.dest}")
    print(f"Check the course's export:\n  NERVEROOT_QTI_XSD={qti} .venv/bin/python -m pytest tests/test_qti_schema.py")
    status = 0
    if args.check:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        from nerveroot.quiz.qti_schema import Validator

        validator = Validator(qti, args.dest / ROOTS[1])
        for zpath in args.check:
            report = validator.check_zip(zpath)
            print(f"{zpath}: {report.summary()}")
            for err in report.all_errors:
                print("  " + err)
            status = status or (1 if report.all_errors else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
