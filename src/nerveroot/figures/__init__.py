"""The course's interactive figures and widgets: one display class per module.

Every class here follows the protocol of :mod:`nerveroot.display` (a print base,
a static face, a summary, optionally a live face) and reads clinical facts only
through the data modules of :mod:`nerveroot.clinical`.  Import the class from its
module, e.g. ``from nerveroot.figures.dermatomes import DermatomeMap``.
"""
