"""The built editions side by side (``make book``): every page has its twin in the other language, the
language switcher and ``hreflang`` join them, the other edition's pages show no English once their
part is translated, and each page states the same numbers and cites the same sources in both."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from english_text import english_findings, learn_site_english

from nerveroot import i18n, translations
from nerveroot.catalogue import numbers

from tocfiles import toc_files

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = [lang for lang in i18n.languages() if lang != i18n.DEFAULT_LANG]
#: Pages that are not chapters: they belong to the site's own words.
SITE_PAGES = ["search.html", "genindex.html", "404.html"]
PAGES = [f"{f}.html" for f in toc_files()] + SITE_PAGES


def page_part(page: str) -> str:
    return "site" if page in SITE_PAGES else page[:-len(".html")]


def edition_path(html_dir: Path, lang: str, page: str) -> Path:
    return html_dir / i18n.edition_prefix(lang) / page


def _params(strict_by_part: bool):
    out = []
    for lang in EDITIONS:
        listed = set(translations.in_progress(lang))
        for page in PAGES:
            pending = page_part(page) in listed
            if page == "404.html" or page in ("search.html", "genindex.html"):
                pending = False
            marks = [pytest.mark.xfail(strict=True, reason=f"{page_part(page)} in progress")] \
                if strict_by_part and pending else []
            out.append(pytest.param(lang, page, id=f"{lang}-{page}", marks=marks))
    return out


@pytest.fixture(scope="module")
def learned(html_dir):
    learn_site_english([html_dir / "book" / "intro.html", html_dir / "search.html"])


@pytest.mark.parametrize(("lang", "page"), _params(strict_by_part=True))
def test_a_translated_page_shows_no_english(html_dir, learned, lang, page):
    """Its text, its headings and table cells, its figures' captions and text alternatives, the quiz,
    and the site around it (navigation, buttons, search box, tooltips)."""
    own = edition_path(html_dir, lang, page).read_text(encoding="utf-8")
    english = (html_dir / page).read_text(encoding="utf-8")
    found = english_findings(f"{lang}/{page}", own, english)
    assert not found, "\n".join(str(f) for f in found[:40])


def main_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("#main-content") or soup.body
    for tag in main.find_all(["script", "style"]):
        tag.decompose()
    return main.get_text(" ")


def cited(html: str) -> Counter:
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("#main-content") or soup.body
    return Counter(a.get("href", "").split("#")[-1] for span in main.select("span.bibtex-citation")
                   for a in span.find_all("a"))


@pytest.mark.parametrize(("lang", "page"), _params(strict_by_part=False))
def test_a_page_states_the_same_numbers_and_cites_the_same_sources_in_every_edition(html_dir, lang, page):
    """A translation never drops, rounds or adds a number, and never loses a citation (a decimal comma
    and a decimal point are the same number)."""
    if page == "search.html":
        pytest.skip("the search page has no text of its own")
    own = edition_path(html_dir, lang, page).read_text(encoding="utf-8")
    english = (html_dir / page).read_text(encoding="utf-8")
    a, b = numbers(main_text(english)), numbers(main_text(own))
    assert a == b, (f"{lang}/{page}: numbers differ from the English page: lost {sorted((a - b).elements())[:20]}, "
                    f"added {sorted((b - a).elements())[:20]}")
    assert cited(english) == cited(own), f"{lang}/{page}: citations differ from the English page"


# ------------------------------------------------------------------------- the editions joined


def every_page(html_dir: Path) -> list[str]:
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if p.relative_to(html_dir).parts[0] not in EDITIONS and "_static" not in p.parts
                  and "_sources" not in p.parts and p.name != "index.html")


def test_every_page_has_its_twin_in_every_edition(html_dir):
    pages = every_page(html_dir)
    assert len(pages) >= len(PAGES)
    for lang in EDITIONS:
        missing = [p for p in pages if not edition_path(html_dir, lang, p).is_file()]
        assert not missing, f"{lang} edition lacks {missing}"


@pytest.mark.parametrize("lang", i18n.languages())
def test_the_switcher_and_hreflang_link_each_page_to_the_same_page_in_the_other_editions(html_dir, lang):
    for page in every_page(html_dir):
        if page == "404.html":
            continue
        path = edition_path(html_dir, lang, page)
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.html.get("lang") == lang, f"{path}: <html lang={soup.html.get('lang')!r}>"
        alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")
                      if link.get("hreflang")}
        assert set(alternates) == {*i18n.languages(), "x-default"}, f"{path}: hreflang {sorted(alternates)}"
        for other, href in alternates.items():
            target = (path.parent / href).resolve()
            want = edition_path(html_dir, i18n.DEFAULT_LANG if other == "x-default" else other, page).resolve()
            assert target == want, f"{path}: hreflang {other} -> {href}"
        nav = soup.select_one("nav.nr-editions")
        assert nav is not None and nav.get("aria-label") == i18n.strings("site", lang)["switch_label"], path
        links = {a["hreflang"]: a for a in nav.find_all("a")}
        assert set(links) == set(i18n.languages()) - {lang}, f"{path}: switcher links {sorted(links)}"
        for other, a in links.items():
            assert (path.parent / a["href"]).resolve() == edition_path(html_dir, other, page).resolve(), path
            assert a.get_text(strip=True) == i18n.strings("site", other)["language_name"] and a["lang"] == other


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_404_page_and_the_link_preview_speak_the_language(html_dir, lang):
    site = i18n.strings("site", lang)
    text = edition_path(html_dir, lang, "404.html").read_text(encoding="utf-8")
    assert f"<h1>{site['not_found_title']}</h1>" in text
    assert f'<base href="/{lang}/" />' in text  # its links lead into its own edition
    assert 'href="book/intro.html"' in text and '<html lang="' + lang in text
    page = edition_path(html_dir, lang, "book/intro.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page))
    assert meta["og:locale"] == lang
    assert " ".join(site["description"].split())[:60] in meta["description"]
    assert meta["og:site_name"] == site["title"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_search_page_s_messages_are_translated(html_dir, lang):
    js = edition_path(html_dir, lang, "_static/translations.js").read_text(encoding="utf-8")
    assert '"locale": "' + lang in js.replace("'", '"')
    message = "Search finished, found ${resultCount} page(s) matching the search query."
    found = re.search(re.escape(f'"{message}": "') + r'([^"]+)"', js)
    assert found and found.group(1) != message, "the search results' message is not translated"
