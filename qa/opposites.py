"""Whether a sentence says the other of a pair the question names ("best British female" for
the best British male) or counts what it counts the other way ("lost 95,000 subscribers" for
how many were added): it answers another question (the `opposite` reading of qa.evidence)."""

from __future__ import annotations

import re

from .lands import demonym_of
from .names import is_time
from .vocab import STOPWORDS

_OPPOSITES = dict(pair.split(":") for pair in """male:female men:women men's:women's
man:woman boys:girls boy:girl husband:wife son:daughter father:mother brother:sister
actor:actress king:queen prince:princess daily:monthly north:south east:west
northern:southern eastern:western""".split())
_OPPOSITES |= {b: a for a, b in _OPPOSITES.items()}


_UP = frozenset("""add adds added gain gains gained rise rises rose risen grow grows grew grown
increase increases increased win wins won""".split())
_DOWN = frozenset("""lose loses lost fall falls fell fallen shrink shrinks shrank shrunk decrease
decreases decreased cut cuts drop drops dropped""".split())
_COUNTED = re.compile(r"\bhow\s+many\s+([a-z][\w-]+)\b", re.IGNORECASE)
_WAYS = ((_UP, _DOWN, "|".join(sorted(_DOWN))), (_DOWN, _UP, "|".join(sorted(_UP))))
"""The way a question may count, the other way, and the other way's words as a pattern."""


def _counted_the_other_way(question: str, sentence: str) -> bool:
    """Whether the sentence counts what the question counts going the other way, and never
    says the question's way: "How many subscribers did Kestrel add?" / "Kestrel lost 95,000
    subscribers"."""
    counted = _COUNTED.search(question)
    if counted is None:
        return False
    asked = set(re.findall(r"[a-z]+", question.lower()))
    said = set(re.findall(r"[a-z]+", sentence.lower()))
    for mine, other, other_pattern in _WAYS:
        if asked & mine and not asked & other and not said & mine:
            noun = re.escape(counted.group(1).lower())
            return re.search(rf"\b(?:{other_pattern})\s+(?:[\w,.£$€%-]+\s+){{0,3}}{noun}\b",
                             sentence.lower()) is not None
    return False


_PLACE_IN = re.compile(r"\b(?i:how (?:many|much))\s+(?:[a-z][\w-]*\s+){1,2}in\s+(?:the\s+)?"
                       r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})(?![\w'’])")
"""A place right after what is counted ("How many people in Ostria…"), not an owner ("in
Friday's strikes"), nor where an event was ("…watched the final in Ostria")."""
_WORLD = r"(?:world-?wide|globally|(?:around|across) the (?:world|globe)|the world over)\b"
_COUNTED_WORLDWIDE = re.compile(r"\d[\d.,]*(?:\s*(?:%|(?:m|bn|k|million|billion|thousand)\b))?\s+"
                                rf"(?:[a-z][\w-]*\s+){{0,2}}{_WORLD}")
"""A figure the world word right after it qualifies ("1.5 million people worldwide")."""


def _world_for_place(question: str, sentence: str) -> bool:
    """Whether the question asks a figure of a place ("How many people in Ostria pre-ordered
    it?") and the sentence gives it for the whole world ("1.5 million people worldwide"),
    never naming that place (not "…, watched by millions more around the world")."""
    if re.search(_WORLD, question, re.IGNORECASE) \
            or not _COUNTED_WORLDWIDE.search(sentence):
        return False
    said = [re.sub(r"['’]s?$", "", w) for w in re.findall(r"[\w'’]+", sentence)]
    return any(not is_time(place) and not re.fullmatch(r"Q[1-4]", place) and not any(
        w in said or demonym_of(s, w) for w in place.split() for s in said)
        for place in (m.group(1) for m in _PLACE_IN.finditer(question)))


def opposite(question: str, sentence: str) -> bool:
    """Whether the sentence says the other of a pair the question names one of, in the same
    place (after or before the same word), and never the one asked: "best British female"
    for who won best British male; not "the women's title" for the men's 100m, nor the
    "Man" of the Isle of Man; or counts what the question counts the other way ("lost 95,000
    subscribers" for how many were added)."""
    if _counted_the_other_way(question, sentence) or _world_for_place(question, sentence):
        return True
    asked = re.findall(r"[\w']+", question.replace("’", "'"))
    said = re.findall(r"[\w']+", sentence.lower().replace("’", "'"))
    lowered = [w.lower() for w in asked]
    for i, word in enumerate(asked):
        other = _OPPOSITES.get(word)  # (lower case as asked: not "Isle of Man")
        if other is None or any(w == word or w in (word + "ern", word + "s") or w.startswith(
                word + "-") for w in said) or other in lowered \
                or lowered[i + 1:i + 2] == ["of"]:  # ("north of Orla": a bearing, not a side)
            continue
        before, after = set(lowered[max(0, i - 2):i]) - STOPWORDS, \
            set(lowered[i + 1:i + 3]) - STOPWORDS
        if any(w == other and (before & set(said[max(0, j - 2):j])
                               or after & set(said[j + 1:j + 3] + _part_of(said, j)))
               for j, w in enumerate(said)):
            return True
    return False


_PARTS = frozenset("part parts half side end region regions corner areas".split())


def _part_of(said: list[str], at: int) -> list[str]:
    """The word after "part of" when the sentence's word at `at` opens one: "the eastern part
    of Germany" says "eastern" of Germany."""
    return said[at + 3:at + 4] if said[at + 1:at + 2] and said[at + 1] in _PARTS \
        and said[at + 2:at + 3] == ["of"] else []
