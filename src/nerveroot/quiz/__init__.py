"""Self-check quizzes: one validated question bank per chapter, many outputs.

* :mod:`.bank` - the YAML banks in ``book/quizzes/`` and their validation;
* :mod:`.core` - :class:`Quiz` (web, print and live faces) and :class:`AnswerKey`;
* :mod:`.live` - the ipywidgets face with an instructor mode;
* :mod:`.export` - Moodle GIFT, Moodle XML and IMS QTI 2.1;
* :mod:`.sheet` - printable quiz sheets and answer keys for exam variants.
"""

from .bank import Bank, BankError, Option, Problem, Question, all_banks, chapter_bank, load_bank, load_banks
from .core import AnswerKey, Quiz

__all__ = ["AnswerKey", "Bank", "BankError", "Option", "Problem", "Question", "Quiz", "all_banks",
           "chapter_bank", "load_bank", "load_banks"]
