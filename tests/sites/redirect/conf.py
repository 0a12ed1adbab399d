project = "Test redirect"
html_theme = "sphinx_book_theme"
html_title = "Test redirect"
extensions = ["sphinx_external_toc", "nerveroot.sphinxext"]
external_toc_path = "_toc.yml"
