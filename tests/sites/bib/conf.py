project = "Test bibliography"
author = "nerveroot"
html_theme = "sphinx_book_theme"
extensions = ["sphinxcontrib.bibtex", "nerveroot.sphinxext"]
# as the book's _config.yml
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"
