"""The ``nerveroot`` command line (also ``python -m nerveroot``).

``nerveroot quiz check [FILES]``
    Validate question banks (default: all of ``book/quizzes/``) and their translations
    (``book/quizzes/<lang>/``).  Prints every problem with file, line, question id and field;
    exits 1 if there is any.
``nerveroot quiz export --format gift|moodle-xml|qti|anki [--chapter C ...] [--lang L] [--out PATH]``
    Moodle GIFT, Moodle XML, an IMS QTI 2.1 zip or an Anki deck (.apkg).
``nerveroot quiz sheet [--chapter C ...] [--seed N] [--count K] [--format md,html,pdf] [--lang L] [--out DIR]``
    A printable quiz and a separate answer key; ``--seed`` makes a reproducible exam variant.

``--lang`` (default: ``NERVEROOT_LANG``, else English) gives the banks' text and the quiz's own
words in that language; every bank exported must then have its translation.
``nerveroot lab [--port N] [--host H] [--no-browser] [--chapter C] [JUPYTER OPTIONS]``
    JupyterLab on the course (``make lab``; see :mod:`nerveroot.lab`).
``nerveroot present --chapter C [--figures] [--lang L] [--port N] [--host H] [--no-browser]``
    A chapter's quiz full screen for a class, served by Voilà (``make present``; see :mod:`nerveroot.present`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXPORT_FORMATS = {"gift": ".gift", "moodle-xml": ".xml", "qti": ".zip", "anki": ".apkg"}


def _banks(chapters: list[str] | None, lang: str | None = None):
    from .quiz.bank import all_banks, bank_paths, load_banks

    if lang is None or lang == "en" or not chapters:
        banks = all_banks(lang, require_translation=True)
    else:  # only the chosen chapters need a translation; every bank is still validated
        paths = bank_paths()
        chosen = [p for p in paths if p.stem in chapters]
        banks = load_banks(chosen, lang=lang, require_translation=True)
        all_banks(lang)
    if not chapters:
        return banks
    by_name = {b.chapter: b for b in banks}
    unknown = [c for c in chapters if c not in by_name]
    if unknown:
        raise SystemExit(f"error: no bank for chapter(s) {', '.join(unknown)}; banks: {', '.join(by_name)}")
    return [by_name[c] for c in chapters]


def cmd_check(args) -> int:
    from .quiz.bank import BankError, bank_paths, load_banks

    paths = [Path(p) for p in args.files] or bank_paths()
    if not paths:
        print("error: no question banks found in book/quizzes/", file=sys.stderr)
        return 1
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"error: no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    from .i18n import DEFAULT_LANG, languages

    try:
        banks = load_banks(paths, lang=DEFAULT_LANG)
        translated = {lang: [b.chapter for b in load_banks(paths, lang=lang) if b.lang == lang]
                      for lang in languages() if lang != DEFAULT_LANG}
    except BankError as exc:
        print(exc, file=sys.stderr)
        return 1
    total = sum(len(b.questions) for b in banks)
    detail = ", ".join(f"{b.chapter} {len(b.questions)}" for b in banks)
    print(f"OK: {len(banks)} bank{'s' if len(banks) != 1 else ''}, {total} questions ({detail})")
    for lang, chapters in translated.items():
        print(f"    {lang}: {len(chapters)} of {len(banks)} translated ({', '.join(chapters) or 'none'})")
    return 0


def cmd_export(args) -> int:
    from .quiz import BankError
    from .quiz.export import gift_skipped, to_gift, to_moodle_xml, to_qti_zip

    try:
        lang = _lang(args.lang)
        banks = _banks(args.chapter, lang)
    except BankError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.format == "anki":
        from .quiz.anki import write_deck

        if args.out == "-":
            print("error: an Anki deck is a file; give --out FILE.apkg", file=sys.stderr)
            return 1
        name = "nerveroot-quiz-" + "-".join(b.chapter for b in banks) if args.chapter else "nerveroot-quiz"
        if lang != "en":
            name += f"-{lang}"
        out = write_deck(banks, Path(args.out) if args.out else Path(name + ".apkg"), lang)
        n = sum(len(b.questions) for b in banks)
        print(f"wrote {out} (anki, {n} notes from {', '.join(b.chapter for b in banks)})")
        return 0
    if args.format == "gift":
        skipped = gift_skipped(banks)
        if skipped:
            from .i18n import strings

            print("note: " + strings("place_quiz", lang)["gift_skipped"].format(n=len(skipped), ids=", ".join(skipped)),
                  file=sys.stderr)
        data: str | bytes = to_gift(banks, lang)
    elif args.format == "moodle-xml":
        data = to_moodle_xml(banks, lang)
    else:
        data = to_qti_zip(banks, lang)
    if args.out == "-":
        if isinstance(data, bytes):
            print("error: a QTI package is a zip file; give --out FILE.zip", file=sys.stderr)
            return 1
        sys.stdout.write(data)
        return 0
    name = "nerveroot-quiz-" + "-".join(b.chapter for b in banks) if args.chapter else "nerveroot-quiz"
    name += f"-{lang}" if lang != "en" else ""
    out = Path(args.out) if args.out else Path(name + EXPORT_FORMATS[args.format])
    out.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        out.write_bytes(data)
    else:
        out.write_text(data, encoding="utf-8")
    n = sum(len(b.questions) for b in banks) - (len(gift_skipped(banks)) if args.format == "gift" else 0)
    print(f"wrote {out} ({args.format}, {n} questions from {', '.join(b.chapter for b in banks)})")
    return 0


def cmd_sheet(args) -> int:
    from .quiz import BankError
    from .quiz.sheet import FORMATS, make_sheet, tex_available, write_sheet

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        print(f"error: unknown format(s) {', '.join(bad)}; use {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    if "pdf" in formats and not tex_available():
        formats.remove("pdf")
        print("note: no xelatex found, so no PDF; Markdown/HTML only (install TeX Live: make system-deps)",
              file=sys.stderr)
    try:
        lang = _lang(args.lang)
        banks = _banks(args.chapter, lang)
        sheet = make_sheet(banks, seed=args.seed, count=args.count)
    except BankError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        written = write_sheet(sheet, Path(args.out), formats, lang)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def _lang(lang: str | None) -> str:
    """The language asked for (else ``NERVEROOT_LANG``, else English); an unknown one exits naming those there are."""
    from .i18n import check_lang, current_lang

    try:
        return check_lang(current_lang(lang))
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nerveroot", description="Tools for the nerveroot course.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    quiz = sub.add_parser("quiz", help="check, export and print the question banks",
                          description="Check, export and print the question banks in book/quizzes/.")
    qsub = quiz.add_subparsers(dest="action", required=True, metavar="ACTION")

    check = qsub.add_parser("check", help="validate question banks",
                            description="Validate question banks; exit 1 listing every problem.")
    check.add_argument("files", nargs="*", help="bank files (default: book/quizzes/*.yaml)")
    check.set_defaults(func=cmd_check)

    export = qsub.add_parser("export", help="export banks for Moodle or a QTI platform",
                             description="Export banks as Moodle GIFT, Moodle XML, an IMS QTI 2.1 zip or an Anki deck.")
    export.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS))
    export.add_argument("--chapter", action="append", metavar="CHAPTER",
                        help="only this chapter's bank (repeat for several; default: all)")
    export.add_argument("--lang", metavar="LANG",
                        help="language of the questions (default: NERVEROOT_LANG, else en; e.g. da)")
    export.add_argument("--out", metavar="PATH",
                        help="output file (default: nerveroot-quiz[-CHAPTERS].gift|.xml|.zip|.apkg here; '-' = stdout)")
    export.set_defaults(func=cmd_export)

    sheet = qsub.add_parser("sheet", help="print a quiz and its answer key",
                            description="Write a printable quiz and a separate answer key.")
    sheet.add_argument("--chapter", action="append", metavar="CHAPTER",
                       help="questions from this chapter's bank (repeat for several; default: all)")
    sheet.add_argument("--seed", type=int, help="exam variant: random selection and order, reproducible per seed")
    sheet.add_argument("--count", type=int, help="number of questions (default: all)")
    sheet.add_argument("--format", default="md,html,pdf",
                       help="comma-separated: md, html, pdf (default: all three; pdf needs xelatex)")
    sheet.add_argument("--lang", metavar="LANG",
                       help="language of the questions (default: NERVEROOT_LANG, else en; e.g. da)")
    sheet.add_argument("--out", default="quiz-sheets", metavar="DIR", help="output folder (default: ./quiz-sheets)")
    sheet.set_defaults(func=cmd_sheet)

    from . import lab, present

    lab_parser = sub.add_parser("lab", help="JupyterLab on the course (chapters open as notebooks)",
                                description="JupyterLab on the course: chapters open as notebooks with the "
                                            "course kernel. Other options go to jupyter lab as they are.")
    lab.add_arguments(lab_parser)
    lab_parser.set_defaults(func=lab.run, extra_ok=True)

    present_parser = sub.add_parser("present", help="a chapter's quiz full screen for a class (Voila)",
                                    description=present.DESCRIPTION)
    present.add_arguments(present_parser)
    present_parser.set_defaults(func=present.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not getattr(args, "extra_ok", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
