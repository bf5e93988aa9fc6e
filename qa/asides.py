"""A question's aside that only says which thing it names: "Who founded Globio, the group
behind the children's learning lab?" asks what "said Globio founder Gerry Ellis" answers. The
aside's words must be in the sentence's article; the answer sentence need not repeat them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .names import AUXILIARY_PATTERN
from .vocab import TIME_WORDS, terms

_ASIDE = re.compile(r"(?<![\w&'’.-])([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)"
                    rf"(,\s+(?:the|a|an)\s+(?!(?:[\w-]+\s+)?(?:{'|'.join(sorted(TIME_WORDS))})"
                    r"s?\b)[^,?\d]{3,120}?"
                    r"(?:,\s*(?=[a-z])(?!(?:which|who|whom|whose|where|when|that)\b)"
                    r"|(?=\s*\?\s*$)))")
"""A name, then an aside opened by an article and closed by a comma before the question goes
on (not into another aside: ", which…") or by the question's end ("Skis Rossignol, the
world's largest ski-maker?", "did Conchita Martinez, the Wimbledon champion, beat"); no
figure in it (a year or a number says which event: "the final at Orla, the 2004 event"), nor
a time ("in Orla, the week after the crash")."""
_WHICH_ONE = frozenset("first second third last final next previous opening parent same".split())
"""Words of an aside that tell one of several apart ("the race in Orla, the final round",
"Zeta, the parent company")."""
_ASKS = re.compile(rf"\s*(?i:who|whom|whose|what|which|when|where|why|how|{AUXILIARY_PATTERN})\b")
"""A question's opening word: the name is inside what it asks, not in a phrase put before it
("According to Zeta, the company's profits rose by how much?")."""


def without_aside(question: str, rarity: Mapping[str, float], article: set[str],
                  sentence: str) -> tuple[str, Mapping[str, float]]:
    """`question` without an aside that describes a name it gives (`_ASIDE`), and `rarity`
    without the words only the aside held, when the sentence names the thing (the whole name,
    not part of a longer one) but says no word of the aside, and the article holds most of it
    (a question may say it otherwise: "the group behind" for "in collaboration with"); else
    both as they are. A sentence that does not name the thing still needs the aside's words
    to show it is about it; one that says some of them earns them."""
    match = _ASIDE.search(question)
    if match is None or not _ASKS.match(question) or match.start() == 0 \
            or re.search(r"\b(?:and|or)\b", match.group(2)):
        return question, rarity  # (not a list: "Which is bigger, Zeta, the bank or Orla?")
    named, aside = terms(match.group(1)), terms(match.group(2))
    whole = rf"(?<![\w&'’.-]){re.escape(match.group(1))}(?![\w&-]|\s+[A-Z])"
    if not named or not re.search(whole, sentence) or _WHICH_ONE & set(aside):
        return question, rarity  # (not "Zeta Bank" for "Zeta, the parent company")
    said = {w[:5] for w in terms(sentence)}
    if 2 * sum(w[:5] in article for w in aside) <= len(aside) \
            or any(w[:5] in said for w in aside):
        return question, rarity
    closed = match.group(2).rstrip().endswith(",")
    rest = question[:match.start(2)] + (" " if closed else "") + question[match.end(2):]
    rest = " ".join(rest.split()).replace(" ?", "?")
    kept = set(terms(rest))
    return rest, {t: r for t, r in rarity.items() if t in kept}
