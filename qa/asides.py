"""A question's aside that only says which thing it names: "Who founded Globio, the group
behind the children's learning lab?" asks what "said Globio founder Gerry Ellis" answers. The
aside's words must be in the sentence's article; the answer sentence need not repeat them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .vocab import terms

_ASIDE = re.compile(r"(?<![\w&'’.-])[A-Z][\w&'’.-]*"
                    r"(,\s+(?:the|a|an)\s+[^,?]{3,120}?(?:,\s*(?=[a-z])|(?=\s*\?\s*$)))")
"""A comma after a capitalised word, an aside opened by an article, closed by a comma before
the question goes on or by the question's end ("Skis Rossignol, the world's largest
ski-maker?", "did Conchita Martinez, the 1994 champion, beat")."""


def without_aside(question: str, rarity: Mapping[str, float], article: set[str],
                  sentence: set[str]) -> tuple[str, Mapping[str, float]]:
    """`question` without an aside that describes a name it gives (`_ASIDE`), and `rarity`
    without the words only the aside held, when the sentence names the thing (its words'
    first five letters hold the name's) and the article holds most words of the aside (a
    question may say them otherwise: "the group behind" for "in collaboration with"); else
    both as they are. A sentence that does not name the thing still needs the aside's words
    to show it is about it."""
    match = _ASIDE.search(question)
    if match is None or any(w[:5] not in sentence for w in terms(match.group(0).split(",")[0])):
        return question, rarity
    aside = match.group(1)
    held = [w[:5] in article for w in terms(aside)]
    if 2 * sum(held) <= len(held):
        return question, rarity
    closed = aside.rstrip().endswith(",")
    rest = question[:match.start(1)] + (" " if closed else "") + question[match.end(1):]
    rest = " ".join(rest.split()).replace(" ?", "?")
    kept = set(terms(rest))
    return rest, {t: r for t, r in rarity.items() if t in kept}
