"""Whether a sentence says the other of a pair the question names ("best British female" for
the best British male) or counts what it counts the other way ("lost 95,000 subscribers" for
how many were added): it answers another question (the `opposite` reading of qa.evidence)."""

from __future__ import annotations

import re

from .vocab import STOPWORDS

_OPPOSITES = dict(pair.split(":") for pair in """male:female men:women men's:women's
man:woman boys:girls boy:girl husband:wife son:daughter father:mother brother:sister
actor:actress king:queen prince:princess daily:monthly""".split())
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


def opposite(question: str, sentence: str) -> bool:
    """Whether the sentence says the other of a pair the question names one of, in the same
    place (after or before the same word), and never the one asked: "best British female"
    for who won best British male; not "the women's title" for the men's 100m, nor the
    "Man" of the Isle of Man; or counts what the question counts the other way ("lost 95,000
    subscribers" for how many were added)."""
    if _counted_the_other_way(question, sentence):
        return True
    asked = re.findall(r"[\w']+", question.replace("’", "'"))
    said = re.findall(r"[\w']+", sentence.lower().replace("’", "'"))
    lowered = [w.lower() for w in asked]
    for i, word in enumerate(asked):
        other = _OPPOSITES.get(word)  # (lower case as asked: not "Isle of Man")
        if other is None or word in said or other in lowered:
            continue
        before, after = set(lowered[max(0, i - 2):i]) - STOPWORDS, \
            set(lowered[i + 1:i + 3]) - STOPWORDS
        if any(w == other and (before & set(said[max(0, j - 2):j])
                               or after & set(said[j + 1:j + 3]))
               for j, w in enumerate(said)):
            return True
    return False
