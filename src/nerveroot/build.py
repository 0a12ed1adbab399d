"""Build one edition of the book: ``python -m nerveroot.build {html,pdflatex,gettext} [--lang L]``.

The English book is built by ``jupyter-book build`` (``_build/html``, ``_build/latex``).  Jupyter
Book 1 has no option for a language or an output folder inside another build, so the other
editions and the message templates are built here, with Jupyter Book's own Sphinx driver and the
same ``_config.yml`` and ``_toc.yml``:

==============  ===============================  ====================================================
builder         output                           what
==============  ===============================  ====================================================
``html``        ``_build/html/<lang>/``          the edition's web pages, same paths as English
``pdflatex``    ``_build/latex-<lang>/``         the edition's course PDF ``nerveroot-<lang>.pdf``
``gettext``     ``_build/gettext/``              message templates of the prose (``book/*.pot``)
                                                 and of the clinical data's text (``data/*.pot``)
==============  ===============================  ====================================================

Each edition has its own doctrees (``_build/.doctrees-<lang>``) and its own execution caches
(``_build/.jupyter_cache/<builder>-<lang>``, set by :mod:`nerveroot.sphinxext`), and its kernels
run with ``NERVEROOT_LANG=<lang>``, so figures, widgets and quizzes come out in that language.
The strict options are those of ``make book``: ``-W -n --keep-going``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .i18n import DEFAULT_LANG, check_lang
from .paths import repo_root

BUILDERS = ("html", "pdflatex", "gettext")


def output_dir(root: Path, builder: str, lang: str) -> Path:
    build = root / "_build"
    if builder == "gettext":
        return build / "gettext"
    if builder == "html":
        return build / "html" if lang == DEFAULT_LANG else build / "html" / lang
    return build / "latex" if lang == DEFAULT_LANG else build / f"latex-{lang}"


def doctree_dir(root: Path, lang: str, builder: str) -> Path:
    build = root / "_build"
    if builder == "gettext":
        return build / ".doctrees-gettext"
    return build / ".doctrees" if lang == DEFAULT_LANG else build / f".doctrees-{lang}"


def build(builder: str, lang: str = DEFAULT_LANG, root: Path | None = None, strict: bool = True,
          out: Path | None = None) -> int:
    """Build one edition (or the message templates) into its folder, or ``out``; returns the exit status."""
    from jupyter_book.cli.main import builder_specific_actions
    from jupyter_book.sphinx import build_sphinx

    from . import catalogue

    root = Path(root or repo_root()).resolve()
    check_lang(lang)
    doctrees = doctree_dir(root, lang, builder) if out is None else Path(out) / ".doctrees"
    out = output_dir(root, builder, lang) if out is None else Path(out).resolve()
    overrides = {
        "external_toc_path": (root / "_toc.yml").as_posix(),
        "latex_individualpages": False,
        "language": lang,
    }
    if strict:
        overrides["nitpicky"] = True
    sphinx_builder = {"pdflatex": "latex"}.get(builder, builder)
    print(f"Building the {lang} edition ({builder}) into {out}", flush=True)
    result = build_sphinx(
        root, out, use_external_toc=True, noconfig=True, path_config=str(root / "_config.yml"),
        confoverrides=overrides, doctreedir=str(doctrees), builder=sphinx_builder,
        warningiserror=strict, keep_going=strict,
    )
    if builder == "gettext":
        if isinstance(result, Exception) or result:
            return 1
        for path in catalogue.write_templates(out):
            print(f"wrote {path}")
        return 0
    try:
        builder_specific_actions(result, builder, out, "book", None, print)
    except (RuntimeError, SystemExit) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nerveroot.build", description=__doc__.splitlines()[0])
    parser.add_argument("builder", choices=BUILDERS)
    parser.add_argument("--lang", default=DEFAULT_LANG, help="the edition's language (default: en)")
    parser.add_argument("--out", type=Path, help="another output folder (default: the edition's, see above)")
    args = parser.parse_args(argv)
    return build(args.builder, args.lang, out=args.out)


if __name__ == "__main__":
    sys.exit(main())
