"""A conversation with a `Bot`: follow-up questions rewritten from the previous turn, no LLM.

    chat = bot.chat()
    chat.ask("Who is Canada's foreign affairs minister?")
    chat.ask("what did she announce in July 2023?").interpreted_as
    # 'what did Melanie Joly announce in July 2023?'

A follow-up is a question that leans on the previous one: it starts with "and"/"what about",
refers back with a pronoun ("she", "that announcement") without naming enough of its own, or
is too short to search on ("Why?"). It is rewritten with the previous turn's entities (runs of
capitalised words) and content words; a standalone question is searched as typed.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from typing import Protocol

from .answer import Answer
from .vocab import terms


class Asker(Protocol):
    """Anything that answers one question: a `Bot`, or a fake in tests."""

    def ask(self, question: str, k: int = ..., mode: str = ...) -> Answer: ...

_PERSON = {"he": "subject", "she": "subject", "him": "object", "his": "possessive",
           "her": "object", "hers": "possessive"}
"""Pronouns that can only stand for a person, with their role."""
_REFERRING = frozenset({"it", "its", "they", "them", "their", "theirs", "this", "that", "these",
                        "those", "there", "then", "same", "such"}) | frozenset(_PERSON)
_ELLIPSIS = re.compile(r"^\s*(?:and|also|but|or|then|so)?\s*(?:what|how)\s+about\s+|"
                       r"^\s*(?:and|also)\s+", re.IGNORECASE)
_QUESTION_WORDS = frozenset("""who whom whose what which when where why how is are was were do
does did can could should would will has have had and but or so also then tell please""".split())
_WORD = re.compile(r"[\w'’-]+")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’.-]*)*")
_TITLES = frozenset("""mr mrs ms dr sir dame minister ministers prime deputy foreign affairs
secretary secretary-general general president vice premier mayor senator mp mps critic leader
ambassador envoy chief spokesman spokeswoman spokesperson chancellor king queen prince princess
governor judge justice former canadian federal liberal conservative ndp un us uk eu""".split())
_NOT_PERSON = frozenset("""canada canadian ottawa turkey armenia armenian azerbaijan azerbaijani
global affairs european union united nations press associated council government ministry
department court institute embassy republic international committee security rights watch
house party bank agency office army forces news reuters""".split())
_WHEN_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december""".split())
"""Dropped from the front of a name run ("July Melanie Joly"), kept inside ("Theresa May")."""
_TIME = re.compile(
    r"\b(?:(?:in|on|during|since|by|before|after)\s+)?(?:(?:early|late|mid)[-\s])?"
    r"(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?:\s+\d{1,2},?)?\s+)?"
    r"(?:1[89]|20)\d\d\b"
    r"|\b(?:(?:in|on|during|since|by|before|after)\s+)?(?:last|this|next)\s+"
    r"(?:week|month|year|spring|summer|fall|autumn|winter)\b",
    re.IGNORECASE)

MAX_CONTEXT_WORDS = 8
"""How many of the previous turn's words a follow-up borrows at most."""


class Chat:
    """The turns of one conversation; `ask` rewrites follow-ups before searching."""

    def __init__(self, bot: Asker) -> None:
        self.bot = bot
        self._answers: list[Answer] = []
        self._lock = threading.Lock()
        self._epoch = 0
        """Bumped by `clear`, so an answer that was underway does not become context."""

    @property
    def answers(self) -> tuple[Answer, ...]:
        """Every answer so far, oldest first."""
        with self._lock:
            return tuple(self._answers)

    def clear(self) -> None:
        """Forget the conversation: the next question is taken on its own."""
        with self._lock:
            self._answers.clear()
            self._epoch += 1

    def ask(self, question: str, k: int = 5, mode: str = "hybrid", *,
            rewrite: bool = True) -> Answer:
        """Answer a question, rewritten with the previous turn when it is a follow-up.

        With `rewrite=False` the question is searched as given (an edited "interpreted as"
        line is asked this way). The answer's `question` is what the user typed and its
        `interpreted_as` is what was searched, when that differs.
        """
        with self._lock:
            previous = self._answers[-1] if self._answers else None
            epoch = self._epoch
        searched = rewrite_follow_up(question, previous) if rewrite else None
        if searched is None:
            answer = self.bot.ask(question, k=k, mode=mode)
        else:
            answer = self.bot.ask(searched, k=k, mode=mode)
            answer = replace(answer, question=question, interpreted_as=answer.interpreted_as
                             or answer.question)
        with self._lock:
            if epoch == self._epoch:
                self._answers.append(answer)
        return answer


def searched_text(answer: Answer) -> str:
    """What was searched for an answer: its interpretation, else the question itself."""
    return answer.interpreted_as or answer.question


def is_follow_up(question: str) -> bool:
    """True when a question leans on the previous turn to make sense."""
    q = question.strip()
    if not q:
        return False
    if _ELLIPSIS.match(q):
        return True
    words = _WORD.findall(q)
    own_terms = terms(q)
    own_entities = entities(q)
    referring = [w for i, w in enumerate(words) if _refers_back(words, i)]
    if referring:
        return not own_entities or len(own_terms) <= 3
    return len(own_terms) <= 1 and not own_entities and not _TIME.search(q)


def _refers_back(words: list[str], i: int) -> bool:
    """Whether words[i] is a pronoun or demonstrative pointing at something said before."""
    word = words[i].lower()
    if word not in _REFERRING:
        return False
    following = words[i + 1] if i + 1 < len(words) else ""
    if word == "that" and following and (following[0].isupper()
                                         or following.lower() in _QUESTION_WORDS
                                         or following.lower() in _PERSON
                                         or following.lower() in {"the", "a", "an", "it",
                                                                  "they", "we", "i", "you"}):
        return False  # "said that Canada…": a conjunction, not a reference
    if word == "there" and i > 0 and words[i - 1].lower() in {"is", "are", "was", "were"}:
        return False  # "was there a ceasefire": existential
    if word == "there" and i == 1:
        return False  # "Are there…", "Is there…"
    if word == "then" and i == 0:
        return False
    return True


def entities(text: str) -> list[str]:
    """Runs of capitalised words, minus a leading question word: a cheap stand-in for NER."""
    out: list[str] = []
    for match in _CAPITALISED_RUN.finditer(text):
        run = match.group(0).strip(" .,'’-")
        words = run.split()
        while words and (words[0].lower() in _QUESTION_WORDS or words[0].lower() in _PERSON
                         or words[0] in {"I", "A", "An", "The", "In", "On", "At"}):
            words = words[1:]
        if words:
            run = " ".join(words)
            if run not in out:
                out.append(run)
    return out


def person(text: str) -> str | None:
    """The first name in `text` that looks like a person's, titles removed ("Melanie Joly")."""
    for run in entities(text):
        words = [w for w in re.split(r"\s+", run) if w]
        while words and (words[0].lower().strip(".") in _TITLES
                         or words[0].lower().strip(".,") in _WHEN_WORDS):
            words = words[1:]
        if len(words) < 2 or len(words) > 4:
            continue
        if any(w.lower().strip(".'’s") in _NOT_PERSON for w in words):
            continue
        if any(w.lower() in {"of", "de", "the"} for w in words):
            continue
        return " ".join(words)
    return None


def rewrite_follow_up(question: str, previous: Answer | None) -> str | None:
    """What to search for a follow-up question, or None when it stands on its own."""
    q = " ".join(question.split())
    if previous is None or not is_follow_up(q):
        return None
    before = searched_text(previous)
    said = previous.text or ""

    ellipsis = _ELLIPSIS.match(q)
    if ellipsis:
        fragment = q[ellipsis.end():].rstrip(" ?")
        base = before.rstrip(" ?")
        if _TIME.search(fragment):
            old_time = _TIME.search(base)
            if old_time:
                base = (base[:old_time.start()] + fragment + base[old_time.end():]).strip()
            else:
                base = f"{base} {fragment}"
            return f"{' '.join(base.split())}?"
        return f"{base}, and {fragment}?" if fragment else None

    rewritten = _replace_person_pronoun(q, person(said) or person(before))
    if rewritten != q and not _still_refers(rewritten):
        return rewritten
    context = _context_words(before, rewritten)
    if not context:
        return rewritten if rewritten != q else None
    stem = rewritten.rstrip(" ?")
    return f"{stem} ({' '.join(context)})?"


def _replace_person_pronoun(question: str, name: str | None) -> str:
    """The question with its first person pronoun replaced by `name`."""
    if not name:
        return question
    words = _WORD.findall(question)
    for i, word in enumerate(words):
        role = _PERSON.get(word.lower())
        if role is None or not _refers_back(words, i):
            continue
        replacement = name
        if role == "possessive" or (word.lower() == "her" and i + 1 < len(words)
                                    and words[i + 1].lower() not in _QUESTION_WORDS
                                    and terms(words[i + 1])):
            replacement = f"{name}'s"
        return re.sub(rf"\b{re.escape(word)}\b", replacement, question, count=1)
    return question


def _still_refers(question: str) -> bool:
    words = _WORD.findall(question)
    return any(_refers_back(words, i) and words[i].lower() not in _PERSON
               for i in range(len(words)))


def _context_words(before: str, question: str) -> list[str]:
    """The previous question's entities and content words that the follow-up lacks, in order."""
    have = {w.lower() for w in _WORD.findall(question)}
    wanted = {t for t in terms(before)}
    out: list[str] = []
    for word in _WORD.findall(before):
        low = word.lower()
        if low in have or low not in wanted or low in _QUESTION_WORDS:
            continue
        if word not in out:
            out.append(word)
    return out[:MAX_CONTEXT_WORDS]
