project = "Test course"
author = "nerveroot"
html_theme = "sphinx_book_theme"
html_title = "Test course"
extensions = ["sphinx_thebe", "nerveroot.sphinxext"]
nerveroot_description = "A course used to test the nerveroot Sphinx extension."
