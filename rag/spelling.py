"""Spelling: a question's misspelt words read as the reports' words ("croydon safegaurding score"
is about safeguarding). Only a word that is neither English (British spellings too) nor the reports'
is corrected, and only to an English word the reports use, one slip away (two for a long word): a
rare real word the reports do not use stays as typed, so a question about something they do not
cover still finds nothing."""

from __future__ import annotations

import re
from collections.abc import Callable

from spellchecker import SpellChecker

# Shorter words are too often a real word one slip from another ("hoist", "host").
_SHORTEST = 5
# From this length a word may be two slips away ("acommodaton").
_TWO_SLIPS = 8
_AMERICAN = re.compile(r"is(e|ed|es|ing|ation|ations)$")
_INSIDE = re.compile(r"[^\s.!?]\s*$")  # text before a word that does not end a sentence
_WORD = re.compile(r"(?<![\w'’-])[A-Za-z][a-z]*(?:['’][a-z]+)?(?![\w'’-])")


class Speller:
    """`used(word)` says how many of the reports' passages use a word (as they are searched: stemmed)."""

    def __init__(self, used: Callable[[str], int]) -> None:
        self._used = used
        self._english = SpellChecker(distance=2)  # (its word list ships inside the package)

    def correct(self, question: str) -> str:
        return self.read(question)[0]

    def read(self, question: str) -> tuple[str, dict[str, str]]:
        """The question in the reports' words, and each word read otherwise than typed (typed: read)."""
        read_as: dict[str, str] = {}

        def one(m: re.Match[str]) -> str:
            # (a capital inside a sentence starts a name, which no dictionary holds: "Is Woking the largest …?")
            if m.group(0)[0].isupper() and _INSIDE.search(question[: m.start()]):
                return m.group(0)
            if (read := self._word(m.group(0))) != m.group(0):
                read_as[m.group(0)] = read
            return read

        return _WORD.sub(one, question), read_as

    def _word(self, typed: str) -> str:
        word = typed.lower()
        if len(word) < _SHORTEST or word in self._english or self._used(word) or not word.isalpha():
            return typed
        if _AMERICAN.sub(r"iz\1", word) in self._english:  # (British spelling: "digitised")
            return typed
        # (words the reports use are known only by their stems, so the word read must be English too:
        # an edit that only stems like a report's word, "digiticed" for "digit", is no word)
        near = self._english.known(self._english.edit_distance_1(word))
        if not (found := {w for w in near if self._used(w)}) and len(word) >= _TWO_SLIPS:
            found = {w for w in self._english.candidates(word) or () if w in self._english and self._used(w)}
        if not found:
            return typed
        best = max(sorted(found), key=lambda w: (self._used(w), self._english[w]))
        return best.capitalize() if typed[0].isupper() else best
