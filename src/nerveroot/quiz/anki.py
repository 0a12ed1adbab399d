"""Anki decks for spaced repetition: ``nerveroot quiz export --format anki --out nerveroot.apkg``.

One note per question (:mod:`genanki`), one sub-deck per chapter.  Text questions become front/back
cards: the prompt (with the lettered options of a choice question) on the front, the answer, the
explanation and the sources on the back.  A place question shows the numbered drawing on the front
("which number?") and, on the back, the drawing with the right area coloured.

Every id is derived from the course's own names, never from the clock: a note's guid from its
question id, the note type's and the decks' ids from fixed names.  So importing an updated deck
updates the cards a student already has (their review history kept) instead of adding copies.
"""

from __future__ import annotations

import hashlib
import html
import tempfile
from pathlib import Path

from .. import citations
from ..i18n import strings
from .bank import Bank, Question
from .core import answer_text
from .text import to_html, to_inline_html

MODEL_NAME = "nerveroot question v1"
DECK_ROOT = "nerveroot"

CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; color: #1f2933; background: #fff;
  text-align: left; max-width: 40rem; margin: 0 auto; line-height: 1.45; }
.options { padding-left: 1.4rem; } .answer { font-weight: 700; } .sources { font-size: 14px; color: #52606d; }
img { max-width: 100%; height: auto; } .hint { font-style: italic; color: #52606d; }
.nightMode.card, .night_mode .card { background: #fff; color: #1f2933; }
"""


def stable_id(name: str) -> int:
    """A fixed id in Anki's range for ids (2**30 to 2**31) from a name."""
    return (1 << 30) + int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) % (1 << 30)


def note_guid(q: Question) -> str:
    import genanki

    return genanki.guid_for(DECK_ROOT, q.id)


def _model():
    import genanki

    return genanki.Model(
        stable_id(MODEL_NAME), MODEL_NAME,
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Explanation"}, {"name": "Sources"},
                {"name": "Id"}],
        templates=[{"name": "Card 1", "qfmt": "{{Question}}",
                    "afmt": '{{FrontSide}}<hr id="answer"><p class="answer">{{Answer}}</p>{{Explanation}}'
                            '<p class="sources">{{Sources}}</p>'}],
        css=CSS, sort_field_index=4)


def _front(q: Question, s: dict, lang: str | None) -> str:
    parts = [to_html(q.prompt)]
    if q.type in ("single", "multiple"):
        hint = s["select_one"] if q.type == "single" else s["select_all"]
        parts.append(f'<p class="hint">{html.escape(hint)}</p><ol class="options" type="A">')
        parts += [f"<li>{to_inline_html(o.text)}</li>" for o in q.options]
        parts.append("</ol>")
    elif q.type == "truefalse":
        parts.append(f'<p class="hint">{html.escape(s["truefalse_hint"])}</p>')
    elif q.type == "numeric":
        parts.append(f'<p class="hint">{html.escape(s["numeric_hint"])}</p>')
    else:
        ps = strings("place_quiz", lang)
        from .place import answer_of

        kind = answer_of(q).kind
        parts.append(f'<img src="nerveroot-{kind}-numbered.png" alt="{html.escape(ps["alt_" + kind].format(n=len(answer_of(q).candidates)))}">')
        parts.append(f'<p class="hint">{html.escape(ps["print_which_number"])}</p>')
    return "".join(parts)


def _explanation(q: Question, lang: str | None) -> str:
    out = ""
    if q.type == "place":
        from .place import caveat

        out += f'<img src="nerveroot-{q.id}-answer.png" alt="">'
        if q.feedback_disputed:
            out += to_html(q.feedback_disputed)
        if caveat(q, lang):
            out += f"<p><em>{html.escape(caveat(q, lang))}</em></p>"
    return out + to_html(q.explanation)


def media(banks: list[Bank], lang: str | None = None) -> dict[str, bytes]:
    """File name -> PNG of every picture the deck's cards show."""
    from .place import answer_of, numbered_png, render_png

    out: dict[str, bytes] = {}
    for b in banks:
        for q in b.questions:
            if q.type == "place":
                kind = answer_of(q).kind
                out.setdefault(f"nerveroot-{kind}-numbered.png", numbered_png(kind, lang=lang))
                out[f"nerveroot-{q.id}-answer.png"] = render_png(q, width=900, answer=True, lang=lang, colours=32)
    return out


def write_deck(banks: list[Bank], out: Path, lang: str | None = None) -> Path:
    """Write the .apkg (a zip holding an SQLite collection and the media files)."""
    import genanki

    s = strings("quiz", lang)
    ps = strings("place_quiz", lang)
    model = _model()
    decks = []
    for bank in banks:
        deck_name = f"{ps['anki_deck']}::{bank.title}"
        deck = genanki.Deck(stable_id(f"{DECK_ROOT}-deck-{bank.chapter}"), deck_name,
                            description=html.escape(bank.description or bank.title))
        for q in bank.questions:
            fields = [_front(q, s, lang), html.escape(" ".join(answer_text(q, s, lang).split())),
                      _explanation(q, lang), html.escape(f"{s['sources']}: {citations.labels(q.cite)}"), q.id]
            tags = [f"chapter::{q.chapter}", f"difficulty::{q.difficulty}", f"type::{q.type}"]
            deck.add_note(genanki.Note(model=model, fields=fields, guid=note_guid(q), tags=tags))
        decks.append(deck)
    pkg = genanki.Package(decks)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nerveroot-anki-") as tmp:
        paths = []
        for name, data in sorted(media(banks, lang).items()):
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(str(path))
        pkg.media_files = paths
        pkg.write_to_file(str(out))
    return out
