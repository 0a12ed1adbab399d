"""Exports of the question banks for learning platforms.

* :func:`to_gift` - Moodle GIFT text (``[html]`` format; GIFT's control characters
  ``~ = # { } :`` and ``\\`` escaped with a backslash).  GIFT has no way to ask for a
  place on a picture: place questions are left out, and the file says which and why
  (:func:`gift_skipped`);
* :func:`to_moodle_xml` - Moodle XML, one category per chapter, per-option feedback
  and general feedback (the explanation with its sources); a place question becomes a
  *drag-and-drop markers* question (``ddmarker``): the drawing embedded as base64, one
  marker, and one drop zone holding every accepted area (a polygon; a circle for a point);
* :func:`to_qti_zip` - an IMS QTI 2.1 content package: ``imsmanifest.xml``, one
  ``assessmentItem`` per question (correct response, per-choice and general
  feedback) and one ``assessmentTest`` per chapter; a place question is a
  ``selectPointInteraction`` on the drawing (``images/``) scored by an ``areaMapping``
  of the accepted areas.  Canvas, itslearning and Blackboard import QTI.

Every export is deterministic (same banks, same bytes), so it can be diffed and
tested against golden files.  Question ids become the items' identifiers, so
re-imports update rather than duplicate.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

from .. import citations
from ..i18n import current_lang, strings
from .bank import Bank, Question
from .core import fmt_number
from .text import to_html, to_inline_html

# ---------------------------------------------------------------------------
# shared
# ---------------------------------------------------------------------------


def general_feedback_html(q: Question, s: dict) -> str:
    return f"{to_html(q.explanation)}<p><em>{s['export_sources']}: {_esc(citations.labels(q.cite))}</em></p>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def moodle_fraction(n: int, sign: int = 1) -> str:
    """Moodle's weight for one of ``n`` right (or wrong) answers, e.g. 3 -> "33.33333"."""
    value = 100.0 / n
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return text if sign > 0 else "-" + text


# ---------------------------------------------------------------------------
# GIFT
# ---------------------------------------------------------------------------

GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's control characters (and newlines, which end a question)."""
    out = "".join("\\" + ch if ch in GIFT_SPECIAL else ch for ch in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def gift_unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _gift_question(q: Question, s: dict) -> str:
    title = gift_escape(q.id)
    prompt = gift_escape(to_html(q.prompt))
    general = gift_escape(general_feedback_html(q, s))
    head = f"::{title}::[html]{prompt}"
    if q.type == "truefalse":
        # GIFT: {T#feedback if the answer given is wrong#feedback if it is right}
        wrong_fb = q.feedback_false if q.answer_bool else q.feedback_true
        right_fb = q.feedback_true if q.answer_bool else q.feedback_false
        body = f"{'TRUE' if q.answer_bool else 'FALSE'}#{gift_escape(to_html(wrong_fb))}#{gift_escape(to_html(right_fb))}"
        return f"{head}{{{body}####{general}}}"
    if q.type == "numeric":
        parts = [f"={fmt_number(q.answer)}:{fmt_number(q.tolerance)}#{gift_escape(to_html(q.feedback_correct))}"]
        for m in q.near_misses:
            parts.append(f"=%0%{fmt_number(m.value)}:{fmt_number(m.tolerance)}#{gift_escape(to_html(m.feedback))}")
        return f"{head}{{#\n\t" + "\n\t".join(parts) + f"\n\t####{general}\n}}"
    n_right = sum(o.correct for o in q.options)
    n_wrong = len(q.options) - n_right
    lines = []
    for o in q.options:
        text = gift_escape(to_inline_html(o.text))
        fb = gift_escape(to_html(o.feedback))
        if q.type == "single":
            mark = "=" if o.correct else "~"
        else:
            mark = "~%" + (moodle_fraction(n_right) if o.correct else moodle_fraction(n_wrong, -1)) + "%"
        lines.append(f"{mark}{text}#{fb}")
    return f"{head}{{\n\t" + "\n\t".join(lines) + f"\n\t####{general}\n}}"


def gift_skipped(banks: list[Bank]) -> list[str]:
    """Ids of the questions GIFT cannot express (a place on a picture), in bank order."""
    return [q.id for b in banks for q in b.questions if q.type == "place"]


def to_gift(banks: list[Bank], lang: str | None = None) -> str:
    s = strings("quiz", lang)
    out = ["// nerveroot question banks, exported as Moodle GIFT. Generated: edit book/quizzes/*.yaml instead.", ""]
    skipped = gift_skipped(banks)
    if skipped:
        note = strings("place_quiz", lang)["gift_skipped"].format(n=len(skipped), ids=", ".join(skipped))
        out += [f"// {note}", ""]
    for bank in banks:
        # the category line is read verbatim up to the end of the line ("/" separates levels)
        category = " ".join(bank.title.replace("/", "-").split())
        out.append(f"$CATEGORY: $course$/top/{s['export_category']}/{category}")
        out.append("")
        for q in bank.questions:
            if q.type == "place":
                continue
            out.append(f"// {q.id} ({q.type}, {q.difficulty}; {q.objective})".replace("\n", " "))
            out.append(_gift_question(q, s))
            out.append("")
    return "\n".join(out)


# A small GIFT reader: enough to check that the export round-trips (tests use it).
_GIFT_Q = re.compile(r"^::(?P<title>(?:\\.|[^:\\])*)::\[html\](?P<prompt>(?:\\.|[^{\\])*)\{(?P<body>(?:\\.|[^}\\])*)\}\s*$",
                     re.S)


def parse_gift(text: str) -> list[dict]:
    """Parse the GIFT this module writes into {title, prompt, answers: [(mark, text, feedback)], general}."""
    blocks, current = [], []
    for line in text.splitlines():
        if line.startswith("//") or line.startswith("$CATEGORY"):
            continue
        if not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    questions = []
    for block in blocks:
        m = _GIFT_Q.match(block.strip())
        if not m:
            raise ValueError(f"not a GIFT question this reader understands: {block[:80]!r}")
        body = m.group("body")
        general = ""
        parts = _split_unescaped(body, "####")
        if len(parts) == 2:
            body, general = parts
        answers = []
        for chunk in re.findall(r"(?<!\S)([=~](?:\\.|[^=~\\])*)", body.strip(), flags=re.S):
            mark = chunk[0]
            rest = chunk[1:]
            pieces = _split_unescaped(rest, "#")
            answers.append((mark, gift_unescape(pieces[0].strip()), gift_unescape("#".join(pieces[1:]).strip())))
        questions.append({"title": gift_unescape(m.group("title")), "prompt": gift_unescape(m.group("prompt")),
                          "body": body.strip(), "answers": answers, "general": gift_unescape(general.strip())})
    return questions


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, buf, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            buf.append(text[i:i + 2])
            i += 2
        elif text.startswith(sep, i):
            parts.append("".join(buf))
            buf = []
            i += len(sep)
        else:
            buf.append(text[i])
            i += 1
    parts.append("".join(buf))
    return parts


# ---------------------------------------------------------------------------
# Moodle XML
# ---------------------------------------------------------------------------


def _text_el(parent, tag, html_text, fmt="html", **attrs):
    el = ET.SubElement(parent, tag, {"format": fmt, **attrs} if fmt else attrs)
    ET.SubElement(el, "text").text = html_text
    return el


#: Width in pixels of the drawing embedded in the Moodle and QTI exports (drop zones are in its pixels).
EXPORT_WIDTH = 900


def _place_prompt_html(q: Question, lang: str | None) -> str:
    from .place import answer_of

    ps = strings("place_quiz", lang)
    return to_html(q.prompt) + f"<p><em>{_esc(ps['export_hint_' + answer_of(q).kind])}</em></p>"


def place_general_feedback_html(q: Question, s: dict, lang: str | None = None) -> str:
    """The explanation with the right answer named, the maps' disagreement and the weak-source caveat."""
    from .place import answer_names, caveat

    ps = strings("place_quiz", lang)
    parts = [f"<p>{_esc(ps['the_area'].format(answer=answer_names(q, lang, numbers=False)))}</p>"]
    if q.feedback_disputed:
        parts.append(to_html(q.feedback_disputed))
    if caveat(q, lang):
        parts.append(f"<p><em>{_esc(caveat(q, lang))}</em></p>")
    return "".join(parts) + general_feedback_html(q, s)


def drop_zones(q: Question, width: int = EXPORT_WIDTH) -> list[tuple[str, str]]:
    """The accepted answer as drop zones in the drawing's pixels: [("polygon", "x,y;x,y;..."),] or
    [("circle", "x,y;r")].  Several accepted areas are joined into one polygon by zero-width bridges from
    the first area's first corner (out and back along the same line, so they add nothing to the winding
    number Moodle counts): one marker on any accepted area scores full marks."""
    from .place import answer_of, drawing_data, pixel_map

    ans, d, pm = answer_of(q), drawing_data(), pixel_map(width)
    if ans.kind == "point":
        x, y = pm.ipx(*d["landmarks"][ans.accepted[0]])
        return [("circle", f"{x},{y};{max(1, int(round(d['radius'] * pm.scale)))}")]
    polys = [_dedupe([pm.ipx(x, y) for x, y in d["places"][c]]) for c in ans.accepted]
    path = list(polys[0]) + [polys[0][0]]
    for poly in polys[1:]:
        path += list(poly) + [poly[0], polys[0][0]]
    path = _dedupe(path)
    if len(path) > 1 and path[-1] == path[0]:
        path = path[:-1]
    return [("polygon", ";".join(f"{x},{y}" for x, y in path))]


def _dedupe(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[-1] == out[0]:
        out.pop()
    return out


def _moodle_place(quiz: ET.Element, q: Question, s: dict, lang: str | None) -> None:
    import base64

    from .place import answer_of, export_png

    ps = strings("place_quiz", lang)
    el = ET.SubElement(quiz, "question", {"type": "ddmarker"})
    ET.SubElement(ET.SubElement(el, "name"), "text").text = q.id
    _text_el(el, "questiontext", _place_prompt_html(q, lang))
    _text_el(el, "generalfeedback", place_general_feedback_html(q, s, lang))
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = "0.3333333"
    ET.SubElement(el, "hidden").text = "0"
    ET.SubElement(el, "idnumber").text = q.id
    ET.SubElement(el, "showmisplaced")
    _text_el(el, "correctfeedback", to_html(q.feedback_correct))
    _text_el(el, "partiallycorrectfeedback", to_html(q.feedback_incorrect))
    _text_el(el, "incorrectfeedback", to_html(q.feedback_incorrect))
    ET.SubElement(el, "shownumcorrect")
    kind = answer_of(q).kind
    f = ET.SubElement(el, "file", {"name": f"nerveroot-{kind}.png", "encoding": "base64"})
    f.text = base64.b64encode(export_png(kind, EXPORT_WIDTH, lang)).decode("ascii")
    drag = ET.SubElement(el, "drag")
    ET.SubElement(drag, "no").text = "1"
    ET.SubElement(drag, "text").text = ps["export_marker"]
    ET.SubElement(drag, "noofdrags").text = "1"
    for i, (shape, coords) in enumerate(drop_zones(q), start=1):
        drop = ET.SubElement(el, "drop")
        ET.SubElement(drop, "no").text = str(i)
        ET.SubElement(drop, "shape").text = shape
        ET.SubElement(drop, "coords").text = coords
        ET.SubElement(drop, "choice").text = "1"
    tags = ET.SubElement(el, "tags")
    for tag in [f"chapter:{q.chapter}", f"difficulty:{q.difficulty}", *(f"cite:{c}" for c in q.cite)]:
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag


def _moodle_question(quiz: ET.Element, q: Question, s: dict, lang: str | None = None) -> None:
    if q.type == "place":
        return _moodle_place(quiz, q, s, lang)
    qtype = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "numeric": "numerical"}[q.type]
    el = ET.SubElement(quiz, "question", {"type": qtype})
    name = ET.SubElement(el, "name")
    ET.SubElement(name, "text").text = q.id
    _text_el(el, "questiontext", to_html(q.prompt))
    _text_el(el, "generalfeedback", general_feedback_html(q, s))
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = "0.3333333"
    ET.SubElement(el, "hidden").text = "0"
    ET.SubElement(el, "idnumber").text = q.id
    if q.type in ("single", "multiple"):
        ET.SubElement(el, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(el, "shuffleanswers").text = "true"
        ET.SubElement(el, "answernumbering").text = "ABCD"
        n_right = sum(o.correct for o in q.options)
        n_wrong = len(q.options) - n_right
        for o in q.options:
            if q.type == "single":
                frac = "100" if o.correct else "0"
            else:
                frac = moodle_fraction(n_right) if o.correct else moodle_fraction(n_wrong, -1)
            ans = _text_el(el, "answer", to_inline_html(o.text), fraction=frac)
            _text_el(ans, "feedback", to_html(o.feedback))
    elif q.type == "truefalse":
        for value, fb in (("true", q.feedback_true), ("false", q.feedback_false)):
            right = (value == "true") == q.answer_bool
            ans = _text_el(el, "answer", value, fmt="moodle_auto_format", fraction="100" if right else "0")
            _text_el(ans, "feedback", to_html(fb))
    else:
        ans = ET.SubElement(el, "answer", {"fraction": "100"})
        ET.SubElement(ans, "text").text = fmt_number(q.answer)
        ET.SubElement(ans, "tolerance").text = fmt_number(q.tolerance)
        _text_el(ans, "feedback", to_html(q.feedback_correct))
        for m in q.near_misses:
            miss = ET.SubElement(el, "answer", {"fraction": "0"})
            ET.SubElement(miss, "text").text = fmt_number(m.value)
            ET.SubElement(miss, "tolerance").text = fmt_number(m.tolerance)
            _text_el(miss, "feedback", to_html(m.feedback))
        # any other number: the general "incorrect" feedback
        other = ET.SubElement(el, "answer", {"fraction": "0"})
        ET.SubElement(other, "text").text = "*"
        ET.SubElement(other, "tolerance").text = "0"
        _text_el(other, "feedback", to_html(q.feedback_incorrect))
        if q.unit:
            units = ET.SubElement(el, "units")
            unit = ET.SubElement(units, "unit")
            ET.SubElement(unit, "multiplier").text = "1"
            ET.SubElement(unit, "unit_name").text = q.unit
            ET.SubElement(el, "unitgradingtype").text = "0"
            ET.SubElement(el, "showunits").text = "3"  # the unit is shown, not asked for
            ET.SubElement(el, "unitsleft").text = "0"
    tags = ET.SubElement(el, "tags")
    for tag in [f"chapter:{q.chapter}", f"difficulty:{q.difficulty}", *(f"cite:{c}" for c in q.cite)]:
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag


def to_moodle_xml(banks: list[Bank], lang: str | None = None) -> str:
    s = strings("quiz", lang)
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(" nerveroot question banks, exported as Moodle XML. Generated: edit book/quizzes/*.yaml instead. "))
    for bank in banks:
        cat = ET.SubElement(quiz, "question", {"type": "category"})
        ET.SubElement(ET.SubElement(cat, "category"), "text").text = f"$course$/top/{s['export_category']}/{bank.title}"
        _text_el(cat, "info", bank.description or bank.title)
        ET.SubElement(cat, "idnumber").text = f"nerveroot-{bank.chapter}"
        for q in bank.questions:
            _moodle_question(quiz, q, s, lang)
    ET.indent(quiz, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


# ---------------------------------------------------------------------------
# IMS QTI 2.1
# ---------------------------------------------------------------------------

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _xhtml(parent: ET.Element, html_text: str) -> None:
    """Append HTML (from the Markdown renderer: well-formed XHTML fragments) into a QTI element."""
    wrapper = ET.fromstring(f'<div xmlns="{QTI_NS}">{_xml_entities(html_text)}</div>')
    for child in list(wrapper):
        parent.append(child)
    if wrapper.text and wrapper.text.strip():
        p = ET.Element(f"{{{QTI_NS}}}p")
        p.text = wrapper.text
        parent.insert(0, p)


def _xml_entities(text: str) -> str:
    # markdown-it writes &quot; and the like; XML knows only the five basic entities
    return text.replace("&quot;", "&#34;").replace("&nbsp;", "&#160;").replace("<br>", "<br/>").replace("<hr>", "<hr/>")


def item_identifier(q: Question) -> str:
    return "item-" + q.id


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def qti_image(q: Question) -> str:
    """The package path of a place question's drawing (as the manifest lists it)."""
    from .place import answer_of

    return f"images/drawing-{answer_of(q).kind}.png"


def qti_item_href(package_path: str) -> str:
    """A package file as an item links to it: items live in ``items/`` and QTI resolves an item's
    links against the item's own location (as the tests' ``../items/`` links), so a drawing at
    ``images/x.png`` is ``../images/x.png`` from the item (importers such as TAO rewrite exactly that)."""
    return "../" + package_path


def _qti_place(item: ET.Element, q: Question, s: dict, lang: str | None) -> None:
    """selectPointInteraction on the drawing; the accepted areas as an areaMapping (any one scores 1)."""
    from .place import answer_of, drawing_data, label_point, pixel_map

    ans, d, pm = answer_of(q), drawing_data(), pixel_map(EXPORT_WIDTH)
    resp = ET.SubElement(item, _q("responseDeclaration"), {"identifier": "RESPONSE", "cardinality": "single",
                                                           "baseType": "point"})
    first = ans.accepted[0]
    cx, cy = pm.ipx(*(d["landmarks"][first] if ans.kind == "point" else label_point(first)))
    ET.SubElement(ET.SubElement(resp, _q("correctResponse")), _q("value")).text = f"{cx} {cy}"
    amap = ET.SubElement(resp, _q("areaMapping"), {"defaultValue": "0", "lowerBound": "0", "upperBound": "1"})
    for cid in ans.accepted:
        if ans.kind == "point":
            x, y = pm.ipx(*d["landmarks"][cid])
            shape, coords = "circle", f"{x},{y},{max(1, int(round(d['radius'] * pm.scale)))}"
        else:
            pts = _dedupe([pm.ipx(x, y) for x, y in d["places"][cid]])
            shape, coords = "poly", ",".join(f"{x},{y}" for x, y in pts + [pts[0]])
        ET.SubElement(amap, _q("areaMapEntry"), {"shape": shape, "coords": coords, "mappedValue": "1"})
    ET.SubElement(item, _q("outcomeDeclaration"), {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    ET.SubElement(item, _q("outcomeDeclaration"), {"identifier": "FEEDBACK", "cardinality": "single",
                                                   "baseType": "identifier"})
    ET.SubElement(item, _q("outcomeDeclaration"), {"identifier": "GENERAL", "cardinality": "single",
                                                   "baseType": "identifier"})
    body = ET.SubElement(item, _q("itemBody"))
    inter = ET.SubElement(body, _q("selectPointInteraction"), {"responseIdentifier": "RESPONSE", "maxChoices": "1"})
    _xhtml(ET.SubElement(inter, _q("prompt")), _place_prompt_html(q, lang))
    w, h = pm.width, pm.height
    obj = ET.SubElement(inter, _q("object"), {"type": "image/png", "data": qti_item_href(qti_image(q)), "width": str(w),
                                             "height": str(h)})
    obj.text = strings("place_quiz", lang)["alt_" + ans.kind].format(n=len(ans.candidates))
    rp = ET.SubElement(item, _q("responseProcessing"))
    cond = ET.SubElement(rp, _q("responseCondition"))
    rif = ET.SubElement(cond, _q("responseIf"))
    ET.SubElement(ET.SubElement(rif, _q("isNull")), _q("variable"), {"identifier": "RESPONSE"})
    _set(rif, "SCORE", "float", "0")
    _set(rif, "FEEDBACK", "identifier", "INCORRECT")
    relse = ET.SubElement(cond, _q("responseElse"))
    sv = ET.SubElement(relse, _q("setOutcomeValue"), {"identifier": "SCORE"})
    ET.SubElement(sv, _q("mapResponsePoint"), {"identifier": "RESPONSE"})
    cond2 = ET.SubElement(rp, _q("responseCondition"))
    rif2 = ET.SubElement(cond2, _q("responseIf"))
    gte = ET.SubElement(rif2, _q("gte"))
    ET.SubElement(gte, _q("variable"), {"identifier": "SCORE"})
    ET.SubElement(gte, _q("baseValue"), {"baseType": "float"}).text = "1"
    _set(rif2, "FEEDBACK", "identifier", "CORRECT")
    _set(ET.SubElement(cond2, _q("responseElse")), "FEEDBACK", "identifier", "INCORRECT")
    _set(rp, "GENERAL", "identifier", "EXPLANATION")
    for ident, text in (("CORRECT", q.feedback_correct), ("INCORRECT", q.feedback_incorrect)):
        mf = ET.SubElement(item, _q("modalFeedback"), {"outcomeIdentifier": "FEEDBACK", "identifier": ident,
                                                       "showHide": "show"})
        _xhtml(mf, to_html(text))
    mf = ET.SubElement(item, _q("modalFeedback"), {"outcomeIdentifier": "GENERAL", "identifier": "EXPLANATION",
                                                   "showHide": "show"})
    _xhtml(mf, place_general_feedback_html(q, s, lang))


def qti_item(q: Question, s: dict, lang: str | None = None) -> str:
    ET.register_namespace("", QTI_NS)
    ET.register_namespace("xsi", XSI)
    item = ET.Element(_q("assessmentItem"), {
        f"{{{XSI}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
        "identifier": item_identifier(q), "title": q.id, "adaptive": "false", "timeDependent": "false",
        # the item's language, for platforms and screen readers
        "{http://www.w3.org/XML/1998/namespace}lang": current_lang(lang)})
    if q.type == "place":
        _qti_place(item, q, s, lang)
        ET.indent(item, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(item, encoding="unicode") + "\n"
    numeric = q.type == "numeric"
    card = "multiple" if q.type == "multiple" else "single"
    base = "float" if numeric else "identifier"
    resp = ET.SubElement(item, _q("responseDeclaration"), {"identifier": "RESPONSE", "cardinality": card, "baseType": base})
    correct = ET.SubElement(resp, _q("correctResponse"))
    for value in ([fmt_number(q.answer)] if numeric else list(q.correct_ids)):
        ET.SubElement(correct, _q("value")).text = value
    ET.SubElement(item, _q("outcomeDeclaration"), {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    ET.SubElement(item, _q("outcomeDeclaration"), {"identifier": "FEEDBACK", "cardinality": card if not numeric else "single",
                                                   "baseType": "identifier"})
    ET.SubElement(item, _q("outcomeDeclaration"), {"identifier": "GENERAL", "cardinality": "single", "baseType": "identifier"})
    body = ET.SubElement(item, _q("itemBody"))
    if numeric:
        _xhtml(body, to_html(q.prompt))
        p = ET.SubElement(body, _q("p"))
        p.text = s["numeric_label"] + ": "
        ET.SubElement(p, _q("textEntryInteraction"), {"responseIdentifier": "RESPONSE", "expectedLength": "8"}).tail = \
            (" " + q.unit) if q.unit else None
    else:
        inter = ET.SubElement(body, _q("choiceInteraction"), {
            "responseIdentifier": "RESPONSE", "shuffle": "false",
            "maxChoices": "0" if q.type == "multiple" else "1"})
        prompt = ET.SubElement(inter, _q("prompt"))
        _xhtml(prompt, to_html(q.prompt))
        labels = {"true": s["label_true"], "false": s["label_false"]}
        for c in q.choices:
            choice = ET.SubElement(inter, _q("simpleChoice"), {"identifier": c.id})
            _xhtml(choice, labels.get(c.id) or to_inline_html(c.text))
    # response processing: score, then which feedback to show
    rp = ET.SubElement(item, _q("responseProcessing"))
    cond = ET.SubElement(rp, _q("responseCondition"))
    rif = ET.SubElement(cond, _q("responseIf"))
    if numeric:
        test = ET.SubElement(rif, _q("equal"), {"toleranceMode": "absolute",
                                               "tolerance": f"{fmt_number(q.tolerance)} {fmt_number(q.tolerance)}"})
    else:
        test = ET.SubElement(rif, _q("match"))
    ET.SubElement(test, _q("variable"), {"identifier": "RESPONSE"})
    ET.SubElement(test, _q("correct"), {"identifier": "RESPONSE"})
    _set(rif, "SCORE", "float", "1")
    if numeric:
        _set(rif, "FEEDBACK", "identifier", "CORRECT")
        for i, m in enumerate(q.near_misses, start=1):
            elif_ = ET.SubElement(cond, _q("responseElseIf"))
            eq = ET.SubElement(elif_, _q("equal"), {"toleranceMode": "absolute",
                                                    "tolerance": f"{fmt_number(m.tolerance)} {fmt_number(m.tolerance)}"})
            ET.SubElement(eq, _q("variable"), {"identifier": "RESPONSE"})
            ET.SubElement(eq, _q("baseValue"), {"baseType": "float"}).text = fmt_number(m.value)
            _set(elif_, "SCORE", "float", "0")
            _set(elif_, "FEEDBACK", "identifier", f"NEAR{i}")
    relse = ET.SubElement(cond, _q("responseElse"))
    _set(relse, "SCORE", "float", "0")
    if numeric:
        _set(relse, "FEEDBACK", "identifier", "INCORRECT")
    else:
        sv = ET.SubElement(rp, _q("setOutcomeValue"), {"identifier": "FEEDBACK"})
        ET.SubElement(sv, _q("variable"), {"identifier": "RESPONSE"})
    _set(rp, "GENERAL", "identifier", "EXPLANATION")
    # feedback
    if numeric:
        fbs = [("CORRECT", q.feedback_correct), ("INCORRECT", q.feedback_incorrect)]
        fbs += [(f"NEAR{i}", m.feedback) for i, m in enumerate(q.near_misses, start=1)]
    else:
        fbs = [(c.id, c.feedback) for c in q.choices]
    for ident, text in fbs:
        mf = ET.SubElement(item, _q("modalFeedback"), {"outcomeIdentifier": "FEEDBACK", "identifier": ident, "showHide": "show"})
        _xhtml(mf, to_html(text))
    mf = ET.SubElement(item, _q("modalFeedback"), {"outcomeIdentifier": "GENERAL", "identifier": "EXPLANATION", "showHide": "show"})
    _xhtml(mf, general_feedback_html(q, s))
    ET.indent(item, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(item, encoding="unicode") + "\n"


def _set(parent, ident, base_type, value):
    sv = ET.SubElement(parent, _q("setOutcomeValue"), {"identifier": ident})
    ET.SubElement(sv, _q("baseValue"), {"baseType": base_type}).text = value


def qti_test(bank: Bank) -> str:
    ET.register_namespace("", QTI_NS)
    test = ET.Element(_q("assessmentTest"), {
        f"{{{XSI}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
        "identifier": f"test-{bank.chapter}", "title": bank.title})
    part = ET.SubElement(test, _q("testPart"), {"identifier": "part-1", "navigationMode": "nonlinear",
                                                "submissionMode": "individual"})
    section = ET.SubElement(part, _q("assessmentSection"), {"identifier": "section-1", "title": bank.title,
                                                            "visible": "true"})
    for q in bank.questions:
        ET.SubElement(section, _q("assessmentItemRef"), {"identifier": item_identifier(q),
                                                         "href": f"../items/{q.id}.xml"})
    ET.indent(test, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(test, encoding="unicode") + "\n"


def qti_manifest(banks: list[Bank]) -> str:
    ET.register_namespace("", CP_NS)

    def c(tag):
        return f"{{{CP_NS}}}{tag}"

    man = ET.Element(c("manifest"), {"identifier": "nerveroot-quiz-" + "-".join(b.chapter for b in banks)})
    meta = ET.SubElement(man, c("metadata"))
    ET.SubElement(meta, c("schema")).text = "QTIv2.1 Package"
    ET.SubElement(meta, c("schemaversion")).text = "1.0.0"
    ET.SubElement(man, c("organizations"))
    res = ET.SubElement(man, c("resources"))
    for bank in banks:
        test = ET.SubElement(res, c("resource"), {"identifier": f"test-{bank.chapter}", "type": "imsqti_test_xmlv2p1",
                                                   "href": f"tests/{bank.chapter}.xml"})
        ET.SubElement(test, c("file"), {"href": f"tests/{bank.chapter}.xml"})
        for q in bank.questions:
            ET.SubElement(test, c("dependency"), {"identifierref": item_identifier(q)})
    for bank in banks:
        for q in bank.questions:
            r = ET.SubElement(res, c("resource"), {"identifier": item_identifier(q), "type": "imsqti_item_xmlv2p1",
                                                    "href": f"items/{q.id}.xml"})
            ET.SubElement(r, c("file"), {"href": f"items/{q.id}.xml"})
            if q.type == "place":
                ET.SubElement(r, c("file"), {"href": qti_image(q)})
    ET.indent(man, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(man, encoding="unicode") + "\n"


def qti_files(banks: list[Bank], lang: str | None = None) -> dict[str, str]:
    """Path in the package -> XML text."""
    s = strings("quiz", lang)
    files = {"imsmanifest.xml": qti_manifest(banks)}
    for bank in banks:
        files[f"tests/{bank.chapter}.xml"] = qti_test(bank)
        for q in bank.questions:
            files[f"items/{q.id}.xml"] = qti_item(q, s, lang)
    return files


def qti_binary_files(banks: list[Bank], lang: str | None = None) -> dict[str, bytes]:
    """Path in the package -> the PNG drawings the place questions show."""
    from .place import export_png

    out = {}
    for b in banks:
        for q in b.questions:
            if q.type == "place":
                out[qti_image(q)] = export_png(qti_image(q).split("-")[-1][:-4], EXPORT_WIDTH, lang)
    return out


def to_qti_zip(banks: list[Bank], lang: str | None = None) -> bytes:
    """The QTI package as zip bytes (fixed timestamps and order: reproducible)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        files: dict[str, bytes] = {n: t.encode("utf-8") for n, t in qti_files(banks, lang).items()}
        files.update(qti_binary_files(banks, lang))
        for name, data in sorted(files.items(), key=lambda kv: (kv[0] != "imsmanifest.xml", kv[0])):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()
