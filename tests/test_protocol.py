"""Every display class of the course follows the one protocol of nerveroot.display, without exceptions."""

import importlib
import inspect
import pkgutil

import pytest

import nerveroot
from nerveroot.display import Interactive, MarkdownPrint, PlotlyInteractive, PngPrint

BASES = {Interactive, PngPrint, MarkdownPrint, PlotlyInteractive, object}
#: What only the protocol itself (nerveroot.display) may define.
PROTOCOL_ONLY = ("_repr_mimebundle_", "faces", "print_face", "print_mime", "wrap_html", "once", "_one_display")


def all_modules():
    """Every module of the package: a folder without __init__.py would be skipped here."""
    names = [m.name for m in pkgutil.walk_packages(nerveroot.__path__, "nerveroot.") if not m.name.endswith("__main__")]
    return [importlib.import_module(n) for n in names]


def display_classes():
    found = {}
    for module in all_modules():
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Interactive) and obj not in BASES and obj.__module__.startswith("nerveroot."):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


CLASSES = display_classes()


def test_the_figures_folder_is_a_regular_package():
    names = {m.name for m in pkgutil.walk_packages(nerveroot.__path__, "nerveroot.")}
    assert "nerveroot.figures" in names and "nerveroot.figures.dermatomes" in names


def test_every_display_class_is_found():
    short = {name.rsplit(".", 1)[1] for name in CLASSES}
    assert short >= {"LumbarLevels", "DermatomeMap", "DiscLevelExplorer", "HerniationTypes", "SLRExplainer",
                     "AccuracyCalculator", "RootLocaliser", "TriageAid", "PrognosisFigure", "ExerciseAnimation",
                     "Quiz", "AnswerKey"}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_one_print_base_declares_the_print_face(name):
    cls = CLASSES[name]
    assert issubclass(cls, PngPrint) != issubclass(cls, MarkdownPrint), f"{name}: derive from PngPrint or MarkdownPrint"
    for attr in PROTOCOL_ONLY:
        assert attr not in vars(cls), f"{name} overrides {attr}: the protocol decides which faces are computed"
    if issubclass(cls, MarkdownPrint):
        assert not hasattr(cls, "print_png"), f"{name} prints as text, so it has no print_png"
        assert "print_markdown" in {k for c in cls.__mro__ if c not in BASES for k in vars(c)}
    else:  # a plotly figure prints itself without controls unless print_figure says otherwise
        drawn = {"print_figure", "print_png"} | ({"figure"} if issubclass(cls, PlotlyInteractive) else set())
        assert drawn & {k for c in cls.__mro__ if c not in BASES for k in vars(c)}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_faces_are_implemented_and_the_live_face_has_no_build_check(name):
    cls = CLASSES[name]
    own = {k for c in cls.__mro__ if c not in BASES for k in vars(c)}
    assert "summary" in own
    assert "static_html" in own or issubclass(cls, PlotlyInteractive)
    if issubclass(cls, PlotlyInteractive):
        assert "figure" in own
    if "live" in vars(cls):
        source = inspect.getsource(cls.live)
        assert "building_book" not in source and "BUILD_ENV" not in source, (
            f"{name}.live checks for the book build: the protocol already leaves the live face out")
