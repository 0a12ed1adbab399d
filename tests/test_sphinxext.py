"""The course's Sphinx extension on small sites of its own (tests/sites/), built in seconds with
sphinx.testing: what a reader's browser gets (scripts per page, link previews, the 404 page, the site
root, Danish terms) and what LaTeX gets.  Read from the output only, so the extension's insides may
change freely.  The full book is the integration test (tests/test_build.py, test_publishing.py)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

SITES = Path(__file__).parent / "sites"


@pytest.fixture()
def build(tmp_path, monkeypatch):
    """build(site, builder="html", **conf) -> (output folder, warnings); in a temporary copy."""
    # the extension sets NERVEROOT_BOOK_BUILD for the kernels a book build starts; keep it out of
    # the other tests of this process
    monkeypatch.delenv("NERVEROOT_BOOK_BUILD", raising=False)
    monkeypatch.delenv("NERVEROOT_BASEURL", raising=False)

    def run(site: str, builder: str = "html", **conf) -> tuple[Path, str]:
        src = tmp_path / f"{site}-{builder}-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(SITES / site, src)
        warnings = io.StringIO()
        app = SphinxTestApp(builder, srcdir=src, confoverrides=conf, status=io.StringIO(), warning=warnings)
        try:
            app.build()
        finally:
            app.cleanup()
        return Path(app.outdir), warnings.getvalue()

    return run


def scripts(page: Path) -> list[str]:
    """The src of every <script> of a page, in order (static folder and query strings removed)."""
    html = page.read_text(encoding="utf-8")
    return [re.sub(r"^(\.\./)*_static/|\?.*$", "", src) for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)]


def course_scripts(page: Path) -> list[str]:
    own = ("js/", "quiz/", "vendor/")
    return [s for s in scripts(page) if s.startswith(own)]


def script_tag(page: Path, name: str) -> str:
    html = page.read_text(encoding="utf-8")
    tags = [t for t in re.findall(r"<script[^>]*>", html) if name in t]
    assert len(tags) == 1, f"{name}: {tags}"
    return tags[0]


def meta(page: Path) -> dict[str, str]:
    html = page.read_text(encoding="utf-8")
    return {m[0]: m[1] for m in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html)}


@pytest.fixture()
def course(build):
    return build("course")


# ----------------------------------------------------------------------------- assets per page


def test_a_figure_page_loads_the_runtime_and_the_figure_script_deferred_but_not_plotly(course):
    """plotly.js (1.2 MB) is loaded by js/nr-plotly.js when the reader comes to a figure, not by the page."""
    out, _ = course
    got = course_scripts(out / "figure.html")
    assert got == ["js/nr-core.js", "js/nr-plotly.js"]
    for name in got:
        assert "defer" in script_tag(out / "figure.html", name)
    assert "plotly-basic" not in (out / "figure.html").read_text(encoding="utf-8")


def test_a_text_page_loads_no_course_script_and_no_plotly(course):
    out, _ = course
    for page in ("plain.html", "index.html", "danish.html", "search.html", "genindex.html"):
        assert course_scripts(out / page) == [], page
        assert "quiz.css" not in (out / page).read_text(encoding="utf-8")


def test_a_quiz_page_loads_the_quiz_script_and_style_only(course):
    out, _ = course
    assert course_scripts(out / "quiz.html") == ["js/nr-core.js", "quiz/quiz.js"]
    html = (out / "quiz.html").read_text(encoding="utf-8")
    assert "quiz/quiz.css" in html and "plotly" not in html


def test_scripts_two_groups_share_are_loaded_once_and_before_their_users(course):
    out, _ = course
    got = course_scripts(out / "rules.html")
    assert got == ["js/nr-core.js", "js/nr-rules.js", "js/nr-localiser.js", "js/nr-triage.js"]


def test_an_unknown_group_is_a_warning_naming_the_known_ones(course):
    _, warnings = course
    assert "nosuchgroup" in warnings and "plotly" in warnings and "ASSET_GROUPS" in warnings


def test_the_sites_assets_are_copied_but_loaded_by_no_page(course):
    out, _ = course
    assert (out / "_static" / "css" / "site.css").is_file()
    for page in out.glob("*.html"):
        assert "css/site.css" not in page.read_text(encoding="utf-8"), page.name


def thebe_assets(page: Path) -> list[str]:
    """sphinx-thebe's scripts, stylesheets and inline constant (the disabled thebe's leftovers)."""
    html = page.read_text(encoding="utf-8")
    tags = re.findall(r"<script[^>]*>[^<]*</script>|<link[^>]*>", html)
    return [t for t in tags if "thebe" in t.lower() and "text/x-thebe-config" not in t]


def test_thebe_adds_no_script_or_style_to_any_page(course, build):
    out, _ = course
    for page in out.glob("*.html"):
        assert thebe_assets(page) == [], page.name
    # and without the extension it would: the check above is not vacuous
    plain, _ = build("course", extensions=["sphinx_thebe"])
    assert len(thebe_assets(plain / "plain.html")) >= 2


# ----------------------------------------------------------------------------- reader experience


def test_pages_carry_link_preview_text(build):
    out, _ = build("course", html_baseurl="https://example.org/course/")
    tags = meta(out / "plain.html")
    assert tags["og:title"] == "A text page | Test course"
    assert tags["og:site_name"] == "Test course"
    assert tags["og:description"] == tags["description"] == "A course used to test the nerveroot Sphinx extension."
    assert tags["og:url"] == "https://example.org/course/plain.html"
    assert tags["og:locale"] == "en" and tags["twitter:card"] == "summary"
    assert not re.search(r'<meta[^>]+content="https?://(?!example\.org)', (out / "plain.html").read_text("utf-8"))


def test_the_404_page_links_from_the_site_root_wherever_it_is_served(build, monkeypatch):
    monkeypatch.setenv("NERVEROOT_BASEURL", "https://example.org/nerveroot/")
    out, _ = build("course")
    html = (out / "404.html").read_text(encoding="utf-8")
    assert '<base href="/nerveroot/" />' in html and '<meta name="robots" content="noindex" />' in html
    assert "Page not found" in html and 'href="index.html"' in html


def test_without_a_published_url_the_404_page_assumes_the_host_root(course):
    out, _ = course
    assert '<base href="/" />' in (out / "404.html").read_text(encoding="utf-8")


def test_citations_are_a_list_of_list_items(course):
    out, _ = course
    html = (out / "danish.html").read_text(encoding="utf-8")
    assert 'role="listitem"' in html and "doc-biblioentry" not in html


def test_the_site_root_is_a_complete_redirect_page(build):
    out, _ = build("redirect")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Refresh" content="0; url=intro.html" />' in html
    assert '<html lang="en">' in html and "<title>Test redirect</title>" in html
    assert '<link rel="icon"' not in html  # the site has no favicon.svg: no link to a missing file
    assert '<a href="intro.html">Test redirect</a>' in html


# ----------------------------------------------------------------------------- Danish terms


def test_a_danish_term_is_marked_as_danish_in_html(course):
    out, _ = course
    html = (out / "danish.html").read_text(encoding="utf-8")
    assert re.search(r'<em class="nr-da" lang="da">ridebukseanæstesi</em>', html) or \
        re.search(r'<em lang="da" class="nr-da">ridebukseanæstesi</em>', html), html[:2000]


def test_a_danish_term_is_hyphenated_as_danish_in_latex(build):
    out, _ = build("course", "latex")
    tex = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.tex"))
    assert r"\foreignlanguage{danish}{\sphinxstyleemphasis{ridebukseanæstesi}}" in tex


def test_a_danish_term_is_plain_text_elsewhere(build):
    out, _ = build("course", "text")
    assert "(ridebukseanæstesi)" in (out / "danish.txt").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- editions


def test_every_page_links_to_itself_in_the_other_edition(course):
    out, _ = course
    html = (out / "plain.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert '<link rel="alternate" hreflang="da" href="da/plain.html" />' in html
    assert '<link rel="alternate" hreflang="en" href="plain.html" />' in html
    assert '<link rel="alternate" hreflang="x-default" href="plain.html" />' in html
    nav = re.search(r'<nav class="nr-editions" aria-label="Language">(.*?)</nav>', html, re.S)
    assert nav and re.search(r'<a class="nr-edition" href="da/plain.html" hreflang="da" lang="da" '
                             r'title="Læs denne side på dansk">Dansk</a>', nav.group(1))


def test_the_danish_edition_speaks_danish_around_its_pages(build):
    out, _ = build("course", language="da")
    html = (out / "plain.html").read_text(encoding="utf-8")
    assert '<html lang="da"' in html
    assert '<a class="nr-edition" href="../plain.html" hreflang="en" lang="en"' in html
    assert 'aria-label="Sprog"' in html and 'placeholder="Søg i kurset..."' in html
    tags = meta(out / "plain.html")
    assert tags["og:locale"] == "da" and tags["description"].startswith("Et åbent, interaktivt kursus")
    notfound = (out / "404.html").read_text(encoding="utf-8")
    assert "<h1>Siden blev ikke fundet</h1>" in notfound and '<base href="/da/" />' in notfound
    assert notfound.index("<base ") < notfound.index("<link ")


def test_an_english_term_is_marked_as_english(build):
    out, _ = build("course", language="da")
    assert '<em class="nr-en" lang="en">sciatica</em>' in (out / "danish.html").read_text(encoding="utf-8")
    out, _ = build("course", "latex", language="da", latex_engine="xelatex")
    tex = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.tex"))
    assert r"\foreignlanguage{english}{\sphinxstyleemphasis{sciatica}}" in tex
    assert r"\setmainlanguage{danish}" in tex and r"\setotherlanguage{english}" in tex
    assert r"\setotherlanguage{danish}" not in tex


def test_the_english_latex_declares_danish_for_the_danish_terms(build):
    out, _ = build("course", "latex", latex_engine="xelatex")
    tex = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.tex"))
    assert r"\setotherlanguage{danish}" in tex


# ----------------------------------------------------------------------------- citations, bibliography


def citations(page: Path) -> list[str]:
    """The text of every citation of a page, tooltip included (sphinxcontrib-bibtex's ``bibtex-citation``)."""
    html = page.read_text(encoding="utf-8")
    return re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', html, re.S)


def bibliography(page: Path) -> list[str]:
    """The entries of a page's bibliography, as HTML."""
    html = page.read_text(encoding="utf-8")
    return re.findall(r'<div class="citation"[^>]*>\s*<span class="label">.*?</span></span>\s*(<p>.*?</p>)', html, re.S)


def latex_body(out: Path) -> str:
    tex = "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.tex")))
    return tex[tex.index(r"\begin{document}"):]


def test_the_danish_edition_cites_in_danish(build):
    out, warnings = build("bib", language="da")
    cites = " ".join(citations(out / "index.html"))
    assert ">Poulsen, u.å.</a>" in cites  # a source without a year: uden år, not "n.d."
    assert ">Capra m.fl., 2011</a>" in cites  # "and others" in the source's author list
    assert ">Koes m.fl., 2007</a>" in cites  # three authors: not "et al."
    assert "Deyo og Mirza [" in cites
    assert "n.d." not in cites and "and others" not in cites and "et al." not in cites
    # the tooltip is the bibliography's entry, in Danish too
    assert 'title="Ann Capra m.fl. An article whose authors were not all seen.' in cites
    assert "WARNING" not in warnings


def test_the_danish_bibliography_joins_names_and_parts_in_danish(build):
    out, _ = build("bib", language="da")
    entries = bibliography(out / "references.html")
    assert len(entries) == 5
    text = "\n".join(entries)
    assert "<p>Ann Capra m.fl. An article whose authors were not all seen. <em>Journal of Tests</em>, s. 12–18, 2011.</p>" \
        in entries
    assert "<p>Jens Hansen. A chapter. I: Lars Larsen og Niels Nielsen, red., <em>An edited book</em>, s.\xa0101–120. " \
        "Test Press, 2020.</p>" in entries
    assert "Bart Koes, Maurits Tulder og Wilco Peul." in text  # no English serial comma
    for english in (" and ", "others", "editors", "In ", "pages"):
        assert english not in text, english


def test_the_danish_bibliography_gives_what_was_seen_of_a_source_in_danish(build):
    """A source's note (what of it was seen) is the course's own words, so a Danish reader reads it in
    Danish, in the bibliography and in the citation's tooltip."""
    out, _ = build("bib", language="da")
    entry = next(e for e in bibliography(out / "references.html") if "Frantz Poulsen" in e)
    assert "Datoen for seneste opdatering er ikke set." in entry
    assert "not seen" not in entry
    cites = " ".join(citations(out / "index.html"))
    assert "Datoen for seneste opdatering er ikke set." in cites and "not seen" not in cites


def test_the_danish_pdf_cites_in_danish(build):
    out, _ = build("bib", "latex", language="da", latex_engine="xelatex")
    body = latex_body(out)
    assert r"\hyperlink{cite.references:id2}{Poulsen, u.å.}" in body
    assert "{Capra m.fl., 2011}" in body and "{Koes m.fl., 2007}" in body
    assert "Ann Capra m.fl. An article" in body and r"I: Lars Larsen og Niels Nielsen, red.," in body
    assert "Datoen for seneste opdatering er ikke set." in body
    assert "n.d." not in body and "and others" not in body


def test_the_english_citations_and_bibliography_are_sphinxcontrib_bibtexs_own(build):
    """The course's extension changes no word of the English citations and bibliography."""
    own, _ = build("bib")
    plain, _ = build("bib", extensions=["sphinxcontrib.bibtex"])
    assert citations(own / "index.html") == citations(plain / "index.html")
    assert bibliography(own / "references.html") == bibliography(plain / "references.html")
    cites = " ".join(citations(own / "index.html"))
    assert ">Poulsen, n.d.</a>" in cites and ">Capra and others, 2011</a>" in cites
    assert "In Lars Larsen and Niels Nielsen, editors," in "".join(bibliography(own / "references.html"))
    assert "Date of last update not seen." in "".join(bibliography(own / "references.html"))
    own, _ = build("bib", "latex", latex_engine="xelatex")
    plain, _ = build("bib", "latex", latex_engine="xelatex", extensions=["sphinxcontrib.bibtex"])
    assert latex_body(own) == latex_body(plain)
    assert r"{Poulsen, n.d.}" in latex_body(own)
