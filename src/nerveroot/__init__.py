"""nerveroot: an open, interactive course on lumbar nerve-root compression (L4–S1).

The package is layered; each layer uses only the ones above it:

1. foundations - where the files are (:mod:`~nerveroot.paths`), widget strings
   (:mod:`~nerveroot.i18n`), colours (:mod:`~nerveroot.palette`), the one YAML loader and
   error format (:mod:`~nerveroot.datafile`), the citation registry of
   ``book/references.bib`` (:mod:`~nerveroot.citations`), shared text helpers - tables,
   wrapping, LaTeX escaping (:mod:`~nerveroot.markup`) - and the headless browser behind
   PNG print faces (:mod:`~nerveroot.browser`);
2. clinical facts and rules (:mod:`nerveroot.clinical`): one module per data file of
   ``src/nerveroot/data/``, plus the diagnostic-accuracy arithmetic and the worked cases;
3. faces: the display protocol (:mod:`~nerveroot.display`), the figures and widgets
   (:mod:`nerveroot.figures`) and the quizzes (:mod:`nerveroot.quiz`);
4. outputs: the book's Sphinx extension (:mod:`~nerveroot.sphinxext`), the handout
   (:mod:`~nerveroot.handout`) and the command line (:mod:`~nerveroot.cli`).

Importing the package imports nothing else; import what you use, e.g.
``from nerveroot.clinical.localize import localize``.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
