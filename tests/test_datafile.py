"""One loader, one error format, one citation registry and the shared text helpers.

An instructor or author who breaks a data file must be told the file, the line, the field and
the fix, in the same words whichever file it is.
"""

import copy
import re

import pytest

from nerveroot import citations, datafile, markup
from nerveroot.clinical import (
    dermatome_map,
    exercises,
    guidelines,
    localize,
    prognosis,
    red_flags,
    roots,
    symptoms,
    tests_data,
)
from nerveroot.display import BUILD_ENV

#: Each data file, the module that loads it, and its loader.
LOADERS = [
    ("roots.yaml", roots, roots.load_roots),
    ("dermatome_geometry.yaml", dermatome_map, dermatome_map.load_geometry),
    ("tests.yaml", tests_data, tests_data.load_tests),
    ("findings.yaml", localize, localize.load),
    ("red_flags.yaml", red_flags, red_flags.load),
    ("symptoms.yaml", symptoms, symptoms.load),
    ("prognosis.yaml", prognosis, prognosis.load),
    ("guidelines.yaml", guidelines, guidelines.load),
    ("exercises.yaml", exercises, exercises.load_exercises),
]
FORMAT = re.compile(r"^src/nerveroot/data/[\w.]+\.yaml(:\d+)?: \S.*: .+\. Fix: .+$")


@pytest.mark.parametrize("name, module, load", LOADERS, ids=[n for n, _, _ in LOADERS])
def test_every_data_file_loads_through_the_one_loader(name, module, load):
    assert load()
    errors = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, ValueError)
              and v.__module__ == module.__name__]
    assert errors and all(issubclass(e, datafile.DataError) for e in errors), module.__name__


def test_a_problem_names_file_line_field_and_fix():
    raw = datafile.read("roots.yaml")
    line = raw["roots"]["L5"]["reflex"].key_lines["cite"]
    raw["roots"]["L5"]["reflex"]["cite"] = ["Smith2099"]
    with pytest.raises(roots.RootDataError) as err:
        roots.parse(raw)
    message = str(err.value)
    assert message.startswith(f"src/nerveroot/data/roots.yaml:{line}: roots.L5.reflex.cite: unknown citation key "
                              "'Smith2099'")
    assert FORMAT.match(message) and "book/references.bib" in message


def test_a_misspelt_citation_key_gets_a_suggestion():
    raw = datafile.read("red_flags.yaml")
    raw["flags"]["saddle_anaesthesia"]["cite"] = ["DSAM2007"]
    with pytest.raises(red_flags.RedFlagDataError, match=r"did you mean 'DSAM2006'\?"):
        red_flags.parse(raw)


def test_the_same_format_in_every_file():
    cases = [
        (lambda: roots.parse(_without(datafile.read("roots.yaml"), "zones")), "zones"),
        (lambda: tests_data.parse(_mutated("tests.yaml", lambda d: d["tests"]["slr"].update(kind="magic"))),
         "tests.slr.kind"),
        (lambda: guidelines.parse(_mutated("guidelines.yaml", lambda d: d["topics"][0].update(agreement="maybe"))),
         "topics[0].agreement"),
        (lambda: exercises.parse(_mutated("exercises.yaml",
                                          lambda d: d["exercises"]["bird_dog"].update(category="yoga"))),
         "exercises.bird_dog.category"),
        (lambda: localize.parse(_mutated("findings.yaml", lambda d: d["rule"].update(min_score="high"))),
         "rule.min_score"),
        (lambda: dermatome_map.parse_geometry(_mutated("dermatome_geometry.yaml",
                                                       lambda d: d["areas"][0].update(root="L2"))),
         "areas[0].root"),
    ]
    for fail, field in cases:
        with pytest.raises(datafile.DataError) as err:
            fail()
        first = str(err.value).splitlines()[0]
        assert FORMAT.match(first), first
        assert re.search(r"\.yaml:\d+: " + re.escape(field), first), first  # read from the file: it has a line


def _mutated(name, change):
    raw = datafile.read(name)
    change(raw)
    return raw


def _without(raw, key):
    raw = copy.copy(raw)
    del raw[key]
    return raw


def test_collected_problems_are_all_reported_together():
    raw = datafile.read("symptoms.yaml")
    raw["rows"][0]["level"] = "soon"
    raw["rows"][1]["cite"] = []
    with pytest.raises(symptoms.SymptomDataError) as err:
        symptoms.parse(raw)
    assert len(err.value.problems) == 2 and all(p.line and p.fix for p in err.value.problems)


def test_yaml_syntax_errors_and_repeated_keys_name_the_line():
    with pytest.raises(datafile.DataError, match=r"^x\.yaml:2: not valid YAML .*Fix: check the indentation"):
        datafile.parse_yaml("a: [1, 2\nb: 3\n", "x.yaml")
    data, duplicates = datafile.parse_yaml("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert duplicates == [("a", 3, 1)] and data.key_lines == {"a": 3, "b": 2}


def test_the_citation_registry_and_its_forms():
    keys = citations.keys()
    assert {"Deville2000", "Capra2011", "Koes2007"} <= keys
    assert citations.role(["Deville2000", "Capra2011", "Deville2000"]) == "{cite:p}`Deville2000,Capra2011`"
    assert citations.role(["Koes2007"], "t") == "{cite:t}`Koes2007`" and citations.role([]) == ""
    assert citations.label("Deville2000") == "Devillé et al. 2000"
    ref = citations.reference("Deville2000")
    assert ref.authors.startswith("Devillé") and ref.detail.startswith("2000")
    with pytest.raises(KeyError, match="references.bib"):
        citations.reference("Nobody1900")


def test_one_table_builder(monkeypatch):
    t = markup.Table(["Root", "Reflex"], [["**L5**", "none {cite:p}`Koes2007`"]], widths=[1, 3], caption="Roots")
    md = t.markdown()
    assert isinstance(md, str) and md._repr_markdown_() == md
    assert md.startswith("**Roots**\n\n```{list-table}\n:header-rows: 1\n:class: longtable\n:widths: 1 3\n")
    assert "* - **L5**\n  - none {cite:p}`Koes2007`\n```" in md
    assert ":widths: auto" in markup.Table(["a"], [["b"]]).markdown()
    assert "longtable" not in markup.Table(["a"], [["b"]]).markdown()
    assert t.plain() == "Roots\nRoot | Reflex\nL5 | none"
    monkeypatch.delenv(BUILD_ENV, raising=False)
    assert "<strong>L5</strong>" in t._repr_mimebundle_()["text/html"]  # JupyterLab renders no MyST directive
    monkeypatch.setenv(BUILD_ENV, "html")
    assert set(t._repr_mimebundle_()) == {"text/markdown", "text/plain"}  # the book renders the Markdown
    with pytest.raises(ValueError, match="one cell per header"):
        markup.Table(["a", "b"], [["only one"]])


def test_wrap_and_latex_escape():
    assert markup.wrap("one two three four", 9) == "one two<br>three<br>four"
    assert markup.latex_escape("50 % of #1 & {x}_y ~ <z> \\") == \
        r"50 \% of \#1 \& \{x\}\_y \textasciitilde{} \textless{}z\textgreater{} \textbackslash{}"
