"""What a student may type as a numeric quiz answer, and what it means: the specification of
nerveroot.quiz.grading as examples.  tests/test_quiz_grading.py checks Python against this
table, and tests/test_browser_parity.py feeds every entry to quiz.js in Chromium as well."""

# (typed, the number it means, or None when it is not a number)
TYPED = [
    # plain numbers, with a point or a (Danish) decimal comma
    ("37", 37.0), ("37.5", 37.5), ("37,5", 37.5), ("0.25", 0.25), ("0,25", 0.25),
    (".5", 0.5), (",5", 0.5), ("5.", 5.0), ("5,", 5.0), ("007", 7.0),
    # signs: ASCII and the typographic minus of phones and word processors
    ("-12", -12.0), ("+12", 12.0), ("\u221212", -12.0), ("\u22120,5", -0.5),
    # spaces around, and one per cent sign (the box already shows the unit)
    ("  37.5  ", 37.5), ("\t37,5\n", 37.5), ("12%", 12.0), ("12 %", 12.0), (" 12,5 % ", 12.5),
    ("12\u00a0%", 12.0), ("\u202f37,5\u00a0", 37.5),
    # not numbers: thousands separators, exponents, words, Python literals, two signs or separators
    ("1_000", None), ("1 000", None), ("1.000,5", None), ("1,000.5", None), ("1.2.3", None),
    ("1e3", None), ("1E3", None), ("inf", None), ("-inf", None), ("Infinity", None), ("nan", None),
    ("NaN", None), ("0x10", None), ("12%%", None), ("%12", None), ("--5", None), ("+-5", None),
    ("- 5", None), ("5-", None), ("1/3", None), ("20-30", None), ("ca. 25", None), ("~25", None),
    ("25 people", None), ("abc", None), (".", None), (",", None), ("-", None), ("%", None),
    # digits of other scripts: Python's float() reads them, JavaScript does not
    ("\u0663\u0667", None), ("\uff13\uff17", None),
    # characters that one language calls a space and the other does not
    ("\ufeff12", None), ("12\x85", None), ("\u200312", None),
]

# blank boxes: no answer at all (not "not a number")
BLANK = ["", " ", "\t", "\n  ", "\u00a0"]
