"""Clinical facts and rules: the one source every figure, table, quiz, case and the handout reads.

Each fact lives once, with its citation keys, in a YAML file of ``src/nerveroot/data/``; one
module here loads and validates each file (:mod:`nerveroot.datafile`: every problem names the
file, line, field and fix; every citation key must be in ``book/references.bib``):

====================  ===============================  ==========================================
module                data file                        what it gives
====================  ===============================  ==========================================
``roots``             ``roots.yaml``                   roots, discs, herniation zones, where sources
                                                       disagree; ``affected_roots()``, chapter tables
``dermatome_map``     ``dermatome_geometry.yaml``      the course's limb schematic: which root each
                                                       area is, in which published map style
``tests_data``        ``tests.yaml``                   clinical tests, their accuracy by population
``localize``          ``findings.yaml``                the root localiser: ``localize()``, ``rule_data()``
``red_flags``         ``red_flags.yaml``               the triage rule: ``triage()``, ``rule_data()``
``symptoms``          ``symptoms.yaml``                symptom -> cause -> action table
``prognosis``         ``prognosis.yaml``               sourced data points on the course of sciatica
``guidelines``        ``guidelines.yaml``              NICE NG59 and the Danish guideline compared
``exercises``         ``exercises.yaml``               the exercise library, stick-figure kinematics,
                                                       the home programme
====================  ===============================  ==========================================

and, without a data file of their own, ``accuracy`` (likelihood ratios and post-test
probabilities) and ``cases`` (the worked cases' answers, computed by the same rules).
Nothing here draws or displays: that is :mod:`nerveroot.figures`.
"""
