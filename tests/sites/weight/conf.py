project = "Page weight"
author = "nerveroot"
html_theme = "sphinx_book_theme"
html_title = "Page weight"
# the book's theme stack: each of these adds scripts and styles to every page
extensions = ["sphinx_copybutton", "sphinx_togglebutton", "sphinx_design", "nerveroot.sphinxext"]
