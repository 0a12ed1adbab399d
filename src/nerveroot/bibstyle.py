"""The book's citations and bibliography in the words of an edition's language.

sphinxcontrib-bibtex writes the citations (``[Poulsen, n.d.]``, ``Koes et al.``) and pybtex's
formatting style the bibliography (``Capra and others``, ``In ... editors``, ``pages 12–18``),
both in English.  For an edition in another language :mod:`nerveroot.sphinxext` registers, through
the two packages' own plugin registries, a reference style and a formatting style derived from the
configured ones (:func:`register_reference_style`, :func:`register_formatting_style`).  They build
the same templates as their English parents and put the edition's words in place of the English
ones (``strings/<lang>/bibliography.yaml``):

* the words a template writes itself, which are its literal strings (``"pages"``, ``"In"``,
  ``"editors"``...): an entry's own fields (authors, titles, journals) are never touched;
* an entry's notes (the ``note`` field: what of the source was seen), which are the course's own
  words: their translation in the catalogue ``locales/<lang>/LC_MESSAGES/data/references.po``
  (:mod:`nerveroot.catalogue`), or the English note while it has none;
* the separators of a list of names (``" and "``, ``", and "``);
* ``and others`` at the end of a source's author list, and the ``et al.`` of a citation of three
  or more authors: the edition's ``others`` word (Danish ``m.fl.``);
* the year of a source without one (``n.d.``; Danish ``u.å.``).

The English edition keeps the packages' own styles: its output does not change.
"""

from __future__ import annotations

import re

from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing, Node, field, first_of, join, node, optional, optional_field, tag
from pybtex.style.template import names as pybtex_names
from sphinxcontrib.bibtex.style import template as bibtex_template

from . import catalogue, i18n

STRINGS = "bibliography"

#: Keys of ``bibliography.yaml`` that are words a formatting template writes (English value = the
#: template's literal).  The others are separators, the year fallback and the "others" word.
TEMPLATE_WORDS = ("editor", "editors", "in_book", "volume_sentence", "volume", "of_series", "number_sentence",
                  "number", "in_series", "chapter", "pages", "edition", "masters_thesis", "phd_thesis",
                  "technical_report", "visited_on")

#: A literal of a template: its word, with the spaces and brackets around it (``" (visited on "``).
_LITERAL = re.compile(r"([\s(]*)(.*?)([\s):]*)", re.S)


def words(lang: str) -> dict[str, str]:
    """The edition's words for the citations and the bibliography."""
    return i18n.strings(STRINGS, lang)


def _is_others(person) -> bool:
    """``and others`` at the end of a BibTeX author list (pybtex reads it as a person named "others")."""
    return str(person) == "others"


def _format_person(style, person):
    """A person's name as the style in use formats it: sphinxcontrib-bibtex's reference styles carry a
    ``person`` style, pybtex's formatting styles a name style."""
    if hasattr(style, "person"):
        return style.person.style_plugin.format(person, style.person.abbreviate)
    return style.format_name(person, style.abbreviate_names)


@node
def names(children, data, role, sep=", ", sep2=None, last_sep=None, others="", short=False):
    """The persons of ``role``; a trailing "others" becomes the ``others`` word, and ``short`` gives
    the first person and the ``others`` word when there are three or more persons, or others."""
    assert not children
    try:
        persons = list(data["entry"].persons[role])
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    more = bool(persons) and _is_others(persons[-1])
    if more:
        persons = persons[:-1]
    # a name style gives a template for each name
    formatted = [n.format_data(data) if isinstance(n, Node) else n
                 for n in (_format_person(data["style"], p) for p in persons)]
    if short and formatted and (more or len(formatted) > 2):
        return Text(formatted[0], " ", others)
    text = join(sep=sep, sep2=sep2, last_sep=last_sep)[formatted].format_data(data)
    return Text(text, " ", others) if more and formatted else text


@node
def translated_field(children, data, name, lang, apply_func=None, raw=False):
    """An entry's field (``field(name)``) in ``lang`` where the bibliography's catalogue translates it;
    the translation is plain text (not read as LaTeX), so it shows exactly as written."""
    assert not children
    text = field(name, raw=raw).format_data(data)  # FieldIsMissing as field's
    done = catalogue.bib_translation(data["entry"]._find_field(name, bib_data=data.get("bib_data")), lang)
    if done is not None:
        text = done if raw else Text(done)
    return apply_func(text) if apply_func else text


def _field_name(item: Node) -> str | None:
    """The field a ``field``/``optional_field`` node writes."""
    return item.args[0] if item.args else item.kwargs.get("name")


def _word(literal: str, table: dict[str, str]) -> str:
    start, core, end = _LITERAL.fullmatch(literal).groups()
    return start + table[core] + end if core in table else literal


class _Localiser:
    """Rebuilds a pybtex template with an edition's words (the template itself is left as it is:
    pybtex shares parts of its templates between entries)."""

    def __init__(self, lang: str):
        w = words(lang)
        english = words(i18n.DEFAULT_LANG)
        self.lang = lang
        self.words = w
        self.table = {english[k]: w[k] for k in TEMPLATE_WORDS}

    def names(self, template: Node, role: str) -> Node:
        return names(role=role, sep=template.kwargs.get("sep", ", "), sep2=self.words["between_two_names"],
                     last_sep=self.words["before_last_name"], others=self.words["others"],
                     short=template.kwargs.get("other") is not None)

    def __call__(self, item):
        if isinstance(item, str):
            return _word(item, self.table)
        if isinstance(item, (list, tuple)):
            return type(item)(self(i) for i in item)
        if not isinstance(item, Node):
            return item
        if item.f in (field.f, optional_field.f) and str(_field_name(item)).lower() in catalogue.BIB_TEXT_FIELDS:
            kwargs = {k: v for k, v in item.kwargs.items() if k != "name"}
            translated = translated_field(_field_name(item), self.lang, *item.args[1:], **kwargs)
            return optional[translated] if item.f is optional_field.f else translated
        if item.f is bibtex_template.year.f:
            return first_of[optional[field("year")], self.words["no_year"]]
        if item.f in (bibtex_template.names.f, pybtex_names.f):
            return self.names(item, item.args[0] if item.args else item.kwargs["role"])
        if item.f is bibtex_template.author_or_editor_or_title.f:
            return first_of[optional[self.names(item, "author")], optional[self.names(item, "editor")],
                            tag("em")[field("title")]]
        clone = item._clone()
        clone.children = [self(child) for child in item.children]
        return clone


def _name(base: str, lang: str) -> str:
    return f"nerveroot-{base}-{lang}"


def register_reference_style(base: str, lang: str) -> str:
    """Register sphinxcontrib-bibtex reference style ``base`` (``author_year``...) in ``lang``'s words;
    returns the name to configure as ``bibtex_reference_style``."""
    from sphinxcontrib.bibtex.plugin import find_plugin, register_plugin

    group = "sphinxcontrib.bibtex.style.referencing"
    parent = find_plugin(group, base)
    localise = _Localiser(lang)

    def inner(self, role_name):
        return localise(parent.inner(self, role_name))

    style = type(f"{parent.__name__}_{lang}", (parent,), {"inner": inner, "__module__": __name__})
    register_plugin(group, _name(base, lang), style, force=True)
    return _name(base, lang)


def register_formatting_style(base: str, lang: str) -> str:
    """Register pybtex formatting style ``base`` (``plain``...) in ``lang``'s words; returns the name to
    configure as ``bibtex_default_style``."""
    import pybtex.plugin

    group = "pybtex.style.formatting"
    parent = pybtex.plugin.find_plugin(group, base)
    localise = _Localiser(lang)

    def format_entry(self, label, entry, bib_data=None):
        get_template = getattr(self, f"get_{entry.type}_template", None)
        if get_template is None:  # a style that formats this type without a template
            return parent.format_entry(self, label, entry, bib_data=bib_data)
        from pybtex.style import FormattedEntry

        context = {"entry": entry, "style": self, "bib_data": bib_data}
        return FormattedEntry(entry.key, localise(get_template(entry)).format_data(context), label)

    style = type(f"{parent.__name__}_{lang}", (parent,), {"format_entry": format_entry, "__module__": __name__})
    pybtex.plugin.register_plugin(group, _name(base, lang), style, force=True)
    return _name(base, lang)

