"""nerveroot: an open, interactive course on lumbar nerve-root compression (L4–S1).

The package holds the course's clinical data, its figures and widgets (each with
three faces, see :mod:`nerveroot.display`), the quiz engine and a small Sphinx
extension (:mod:`nerveroot.sphinxext`).
"""

__version__ = "0.1.0"


# ``nerveroot.localize(findings)``: the root localiser as a function (its module is nerveroot.clinical.localize).
from .clinical.localize import localize  # noqa: E402

__all__ = ["localize", "__version__"]
