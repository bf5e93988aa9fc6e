"""A conversation over anything that can `ask`: follow-up questions rewritten from the
previous turn (qa.rewrite), and searched preferring the article that answered it.

    chat = bot.chat()
    chat.ask("Who is Canada's foreign affairs minister?")
    chat.ask("what did she announce in July 2023?").interpreted_as
    # 'what did Ada Obi announce in July 2023?'
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from typing import Any, Protocol

from .answer import Answer
from .leaning import WORD, is_follow_up, refers_back
from .names import AUXILIARIES, PERSON_PRONOUNS, entities, names_person, person
from .referents import best_hit, searched_text
from .rewrite import rewrite_follow_up
from .vocab import MONTH_PATTERN, WEEKDAYS

_WHEN = re.compile(rf"(?:{MONTH_PATTERN}|{'|'.join(WEEKDAYS)})(?:\s+\d{{1,4}})?")
"""A month or a weekday, capitalised as names are: no new name."""

__all__ = ["Asker", "Chat", "entities", "is_follow_up", "person", "rewrite_follow_up",
           "searched_text"]


class Asker(Protocol):
    """Anything that answers one question: a `Bot`, or a fake in tests."""

    def ask(self, question: str, k: int = ..., mode: str = ..., **options: Any) -> Answer: ...


class Chat:
    """The turns of one conversation; `ask` rewrites follow-ups before searching."""

    def __init__(self, bot: Asker, keep: int | None = None) -> None:
        self.bot = bot
        self.keep = keep
        """How many answers to remember (None: all, for /export); a server bounds it."""
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
            rewrite: bool = True, **options: Any) -> Answer:
        """Answer a question, rewritten with the previous turn when it is a follow-up.

        With `rewrite=False` the question is searched as given (an edited "interpreted as"
        line is asked this way). The answer's `question` is what the user typed and its
        `interpreted_as` is what was searched, when that differs. `options` (filters, as_of,
        diversity) go to `Bot.ask` as they are.
        """
        with self._lock:
            previous = self._answers[-1] if self._answers else None
            epoch = self._epoch
        searched = rewrite_follow_up(question, previous) if rewrite else None
        if previous is not None and rewrite and (searched is not None or is_follow_up(question)) \
                and not _names_new(question, previous):
            options = {**options, "context": _answered_in(previous)}
        if searched is None:
            answer = self.bot.ask(question, k=k, mode=mode, **options)
        else:
            answer = self.bot.ask(searched, k=k, mode=mode, **options)
            answer = replace(answer, question=question, interpreted_as=answer.interpreted_as
                             or answer.question)
        unsure = _unresolved(question) if previous is not None and rewrite else None
        if unsure and len(re.findall(rf"\b{unsure}\b", searched or question)) == len(
                re.findall(rf"\b{unsure}\b", question)):  # typed, and none resolved
            answer = replace(answer, notes=(*answer.notes, f'Who "{unsure}" is could not be '
                                            "told from the previous turn: it was searched as "
                                            "typed. Name the person to be sure."))
        with self._lock:
            if epoch == self._epoch:
                self._answers.append(answer)
                if self.keep is not None:
                    del self._answers[:-self.keep]
        return answer


def _names_new(question: str, previous: Answer) -> bool:
    """Whether the question names something the previous turn did not ("and what did Acme
    say?"): then the last answer's article is no better a place to look than any other."""
    said = f"{searched_text(previous)} {previous.text or ''}".lower()
    return any(name.lower() not in said and not _WHEN.fullmatch(name.lower())
               for name in entities(question))


def _unresolved(question: str) -> str | None:
    """A he, she, him, his or her of a question that stands for no one it names."""
    words = WORD.findall(question)
    if len(words) > 1 and words[0].lower() in ("who", "which") \
            and words[1].lower() not in AUXILIARIES:
        return None  # "Which minister said he…?": the one asked for ("Who did she…?" is not)
    for i, word in enumerate(words):
        if word.lower() in PERSON_PRONOUNS and refers_back(words, i) \
                and not names_person(" ".join(words[:i])):
            return word
    return None


def _answered_in(previous: Answer) -> tuple[str, ...]:
    """The article the previous answer came from (its best passage's when "not found")."""
    hit = best_hit(previous)
    return (hit.citation.article_id,) if hit else ()
