"""Follow-ups that name the previous answer by a description, with no LLM and no list of any
corpus's names.

After "Which South Korean bank is Standard Chartered buying?", "the South Korean bank" is the
bank that answered: the words the previous question asked it with, now definite. After an
answer naming one person, "the Frenchman" or "the Spaniard" is that person.
"""

from __future__ import annotations

import re

from .answer import Answer
from .names import is_time, people, possessive
from .referents import said
from .slots import answer_values

_AUXILIARIES = r"(?:is|was|are|were|has|have|had|did|does|do|will|would|can|could)"
_WHICH = re.compile(rf"\W*(?:(?:in|to|from|at|of|for|by|with|on)\s+)?(?:which|what)\s+"
                    rf"((?:(?!{_AUXILIARIES}\b)[\w'’-]+\s+){{0,3}}?(?!{_AUXILIARIES}\b)[\w'’-]+)"
                    rf"\s+(?={_AUXILIARIES}\b)", re.IGNORECASE)
"""'Which South Korean bank is…': the words that asked what the answer is."""
_PEOPLE = re.compile(r"\bthe\s+((?:French|English|Irish|Scots|Welsh|Dutch)(?:man|woman)|Spaniard|"
                     r"Swede|Dane|Pole|Finn|Briton|Scot|Kiwi|Aussie)(['’]s)?\b"
                     r"(?![\w-])")
"""A person named by where they are from ("the Frenchman", "the Spaniard's")."""
_OPENERS = frozenset("On In At By For From But And Last This Next".split())
"""Capitalised words that open a sentence before a name, no part of it."""


def echoed(question: str, previous: Answer) -> str | None:
    """The question with the previous answer put for the words that described it: 'the
    South Korean bank' after 'Which South Korean bank…?', 'the Frenchman' after an answer
    naming one person. None when neither is there, or the answer names no one thing."""
    if previous.text is None:
        return None
    asked = _WHICH.match(previous.question)
    if asked and len(asked.group(1)) > 2:
        hit = re.search(rf"\bthe\s+{re.escape(asked.group(1))}(['’]s)?\b(?![\w-]|\s+of\b)",
                        question, re.IGNORECASE)  # (not "the date of the letter": another's)
        described = {w[:5].lower() for w in asked.group(1).split()[:-1]}  # ("… Bank" is one)
        values = {(at, v.rstrip(".,;: ")) for at, v in answer_values(previous.question,
                                                                     previous.text)
                  if not {w[:5].lower() for w in v.split()} & described}  # ("South Korea's")
        if hit and len(values) == 1:
            at, value = values.pop()
            end = at + len(value)
            words = value.split()
            while len(words) > 1 and (words[0] in _OPENERS or is_time(words[0])):
                words = words[1:]  # "On Monday Zeta": Zeta
            value = " ".join(words)
            head = re.escape(asked.group(1).split()[-1])
            whole = re.compile(rf"\s+(?:(?!(?:the|an?|and|of|to|in)\b)[a-z][\w-]*\s+){{0,2}}?"
                               rf"{head}\b", re.IGNORECASE).match(
                previous.text, end)  # "the ID cards bill", "the Karabakh region"
            return _put(question, hit, f"the {value}{whole.group()}" if whole else value)
    hit = _PEOPLE.search(question)
    if hit is None:
        return None
    named = list(people(said(previous)))
    return _put(question, hit, named[0]) if len(named) == 1 else None


def _put(question: str, hit: re.Match[str], name: str) -> str:
    """The question with `name` in place of the phrase `hit` (its "'s" kept)."""
    owning = hit.group().endswith(("'s", "’s"))
    return question[:hit.start()] + (possessive(name) if owning else name) + question[hit.end():]
