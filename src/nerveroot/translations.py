"""What is left to translate: ``make translations`` (``python -m nerveroot.translations da``).

An edition's translation is made of parts, each owned by one translator at a time:

===================  ==========================================================================
part                 files
===================  ==========================================================================
``book/<chapter>``   the chapter's catalogue ``locales/<lang>/LC_MESSAGES/book/<chapter>.po``
                     and, if the chapter has a quiz, ``book/quizzes/<lang>/<chapter>.yaml``
``data/<file>``      the data catalogue ``locales/<lang>/LC_MESSAGES/data/<file>.po``; ``data/references``
                     is the bibliography's notes (``book/references.bib``)
``site``             the widget strings ``src/nerveroot/strings/<lang>/`` and the theme's words
                     ``locales/<lang>/LC_MESSAGES/sphinx.po``
===================  ==========================================================================

``locales/<lang>/in_progress.txt`` lists the parts still being translated.  :func:`problems` says
what a part lacks (an entry without translation or marked fuzzy, a translation that lost a number
or a citation, a catalogue older than the English text, a quiz translation missing or still
English, a widget string missing); the tests require no problem in a part that is not listed, and
fail when a listed part has none left, so the list shrinks to empty.  The built pages are checked
for English text too (``tests/test_translations_site.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import catalogue
from .i18n import DEFAULT_LANG, MAY_BE_EMPTY, languages

#: Widget strings that may read the same in a translation (a root name, a symbol, a format).
SAME_WORDS = 3


def locales(lang: str) -> Path:
    return catalogue.locales_dir() / lang


def in_progress_path(lang: str) -> Path:
    return locales(lang) / "in_progress.txt"


def in_progress(lang: str) -> list[str]:
    """The parts of an edition listed as still in progress (comments and blank lines left out)."""
    path = in_progress_path(lang)
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def chapters() -> list[str]:
    """The book's chapters (the pages of ``_toc.yml``), as ``book/<chapter>``."""
    from .paths import toc_files

    return toc_files()


def parts() -> list[str]:
    """Every part of a translation: the chapters, the data catalogues and the site."""
    return [*chapters(), *(f"data/{Path(n).stem}" for n in catalogue.data_files()), "site"]


# ---------------------------------------------------------------------------
# what a part lacks
# ---------------------------------------------------------------------------


def _rel(path: Path) -> str:
    from .paths import repo_root

    try:
        return str(path.relative_to(repo_root()))
    except ValueError:
        return str(path)


def po_problems(path: Path, english: dict[str, object] | None = None) -> list[str]:
    """Untranslated, fuzzy or unfaithful entries of a catalogue; with ``english`` (its template's
    msgids), entries the English no longer has and English texts the catalogue lacks."""
    if not path.is_file():
        return [f"{_rel(path)}: missing (make gettext, then sphinx-intl update -p _build/gettext -d locales -l "
                f"{path.parts[-4] if len(path.parts) > 3 else '<lang>'})"]
    out = []
    entries = catalogue.read_po(path)
    for e in entries:
        where = f"{_rel(path)}:{e.line}" if e.line else _rel(path)
        short = e.msgid if len(e.msgid) < 70 else e.msgid[:67] + "..."
        if not e.msgstr.strip():
            out.append(f"{where}: not translated: {short!r}")
        elif e.fuzzy:
            out.append(f"{where}: fuzzy (the English changed; check the translation, then remove the fuzzy flag): "
                       f"{short!r}")
        else:
            out += [f"{where}: {p}: {short!r}" for p in catalogue.parity_problems(e.msgid, e.msgstr)]
    if english is not None:
        have = {e.msgid for e in entries}
        stale = [m for m in english if m not in have]
        if stale:
            out.append(f"{_rel(path)}: older than the English text ({len(stale)} new text(s), e.g. {stale[0][:60]!r}): "
                       "run make gettext, then sphinx-intl update -p _build/gettext -d locales -l <lang>")
    return out


def quiz_problems(lang: str, chapter: str) -> list[str]:
    """A chapter's quiz translation: present, valid (``nerveroot quiz check`` rules), no text left English."""
    import yaml

    from .quiz.bank import BankError, bank_dir, load_banks
    from .quiz.translation import is_text_key, translation_path

    english = bank_dir() / f"{chapter}.yaml"
    if not english.is_file():
        return []
    target = translation_path(english, lang)
    if not target.is_file():
        return [f"{_rel(target)}: missing (python -m nerveroot.quiz.translation {lang} {chapter} starts it)"]
    try:
        load_banks([english], lang=lang, require_translation=True)
    except BankError as exc:
        return [str(p) for p in exc.problems]
    en = yaml.safe_load(english.read_text(encoding="utf-8"))
    tr = yaml.safe_load(target.read_text(encoding="utf-8"))
    out = []

    def same(a, b, where):
        if isinstance(a, dict) and isinstance(b, dict):
            for k, v in a.items():
                if k in b:
                    if is_text_key(k) and isinstance(v, str):
                        if _still_english(v, b[k]):
                            out.append(f"{_rel(target)}: {where}{k}: still the English text: {v[:60]!r}")
                    else:
                        same(v, b[k], f"{where}{k}.")
        elif isinstance(a, list) and isinstance(b, list):
            for i, (x, y) in enumerate(zip(a, b)):
                same(x, y, f"{where[:-1]}[{i + 1}].")

    same({k: v for k, v in en.items() if k != "questions"}, tr, "")
    questions = tr.get("questions") or {}
    for q in en.get("questions") or []:
        same(q, questions.get(q.get("id")) or {}, f"{q.get('id')}: ")
    return out


def _still_english(english: str, translated) -> bool:
    """A translation identical to the English, of three or more words, not quoted as a term (``*...*``)."""
    import re

    if not isinstance(translated, str):
        return False
    a, b = " ".join(english.split()), " ".join(translated.split())
    words = re.findall(r"[^\W\d_]{2,}", re.sub(r"\{[^}]*\}|<[^>]*>", " ", a))
    return a == b and len(words) >= SAME_WORDS and not (b.startswith("*") and b.endswith("*"))


def widget_problems(lang: str) -> list[str]:
    """Widget strings: every file and key of English, the same placeholders, nothing left English."""
    import string

    from . import i18n

    out = []
    for widget in i18n.widgets(DEFAULT_LANG):
        en = i18n.strings(widget, DEFAULT_LANG)
        try:
            other = i18n.strings(widget, lang)
        except KeyError:
            out.append(f"src/nerveroot/strings/{lang}/{widget}.yaml: missing (copy the English file and translate it)")
            continue
        for key, text in en.items():
            where = f"src/nerveroot/strings/{lang}/{widget}.yaml: {key}"
            if key not in other:
                out.append(f"{where}: missing")
                continue
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            got = {f for _, f, _, _ in string.Formatter().parse(other[key]) if f}
            if fields != got and not (other[key] == "" and (widget, key) in MAY_BE_EMPTY):
                out.append(f"{where}: placeholders {sorted(got)} differ from the English {sorted(fields)}")
            if _still_english(text, other[key]):
                out.append(f"{where}: still the English text: {text[:60]!r}")
            out += [f"{where}: {p}" for p in catalogue.parity_problems(text, other[key])]
        out += [f"src/nerveroot/strings/{lang}/{widget}.yaml: {k}: not in the English file" for k in other
                if k not in en]
    return out


def problems(lang: str, part: str, templates: Path | None = None) -> list[str]:
    """What a part of the ``lang`` edition lacks (empty: done).

    ``templates``: a folder of message templates (``_build/gettext``); with it, chapter catalogues
    older than the English text are reported too.  Data catalogues are always compared with the
    data files themselves.
    """
    base = locales(lang) / "LC_MESSAGES"
    if part == "site":
        return widget_problems(lang) + po_problems(base / "sphinx.po")
    kind, _, name = part.partition("/")
    if kind == "data":
        data_name = next(n for n in catalogue.data_files() if Path(n).stem == name)
        return po_problems(base / "data" / f"{name}.po", catalogue.template_entries(data_name))
    english = None
    if templates is not None and (templates / f"{part}.pot").is_file():
        english = {e.msgid: True for e in catalogue.read_po(templates / f"{part}.pot")}
    found = po_problems(base / f"{part}.po", english) + quiz_problems(lang, name)
    if name == "answer_key":  # the key shows every quiz of the book: each needs its translation
        from .quiz.bank import bank_dir, book_quiz_chapters
        from .quiz.translation import translation_path

        found += [f"{_rel(translation_path(bank_dir() / f'{c}.yaml', lang))}: missing (the answer key shows it)"
                  for c in book_quiz_chapters()
                  if not translation_path(bank_dir() / f"{c}.yaml", lang).is_file()]
    return found


def main(argv: list[str] | None = None) -> int:
    import argparse

    from .paths import repo_root

    parser = argparse.ArgumentParser(prog="python -m nerveroot.translations", description=__doc__.splitlines()[0])
    parser.add_argument("langs", nargs="*", help="editions (default: every language but English)")
    args = parser.parse_args(argv)
    templates = repo_root() / "_build" / "gettext"
    templates = templates if templates.is_dir() else None
    for lang in args.langs or [lang for lang in languages() if lang != DEFAULT_LANG]:
        listed = in_progress(lang)
        print(f"{lang}: {len(listed)} part(s) in progress ({_rel(in_progress_path(lang))})")
        for part in parts():
            found = problems(lang, part, templates)
            mark = "in progress" if part in listed else ("done" if not found else "NOT DONE (not listed!)")
            print(f"  {part:32} {mark:22} {len(found)} left")
            if part not in listed:
                for p in found[:20]:
                    print(f"      {p}")
        if templates is None:
            print("  (run make gettext first to compare the chapters' catalogues with the English text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
