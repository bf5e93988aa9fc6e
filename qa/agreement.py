"""Agreement across sources: other articles that state the answer, or give another figure.

Works on the sentences each hit chose (their text and vector), so it costs no model run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .counts import count_noun_missing
from .evidence import overlap
from .slots import answer_type, answer_values
from .text import fold_accents
from .vocab import terms

SUPPORT_COSINE = 0.8
"""Sentences this close to the answer sentence state the same thing."""
RELATED_COSINE = 0.55
"""Sentences this close to the answer sentence are about the same thing: a differing figure
in one is a conflict, a shared name or figure is support."""
MIN_OVERLAP = 0.5
"""Share of the question's words a sentence must hold to count for or against the answer."""


def agreement(question: str, top: int, chosen: Mapping[int, tuple[str, Any]],
              articles: Sequence[str]) -> tuple[list[int], list[tuple[int, str]]]:
    """Hits (by index) from other articles that support the answer in hit `top`, and those
    that give a different figure for a how-many question, with that figure.

    `chosen` maps a hit's index to its best sentence and that sentence's vector (or None).
    """
    if top not in chosen:
        return [], []
    wanted = answer_type(question)
    q_terms = terms(fold_accents(question))  # (as `overlap` reads the other sentences)
    sentence, vector = chosen[top]
    values = {v for _, v in answer_values(question, sentence)}
    support: list[int] = []
    conflicts: list[tuple[int, str]] = []
    seen = {articles[top]}
    for i in sorted(chosen):
        if i == top or articles[i] in seen:
            continue
        other, other_vector = chosen[i]
        cos = float(vector @ other_vector) if vector is not None and other_vector is not None \
            else 0.0
        relevant = overlap(q_terms, other) >= MIN_OVERLAP
        found = answer_values(question, other)
        other_values = {v for _, v in found}
        if values and other_values and relevant:
            if _same_figure(values, other_values) if wanted == "number" else values & other_values:
                support.append(i)
            elif wanted == "number" and cos >= RELATED_COSINE \
                    and not count_noun_missing(question, other, found):
                conflicts.append((i, sorted(other_values)[0]))  # not "two experts" against
                # "a hundred monitors" for how many monitors
            else:
                continue
        elif cos >= SUPPORT_COSINE and not (values and other_values):
            support.append(i)
        else:
            continue
        seen.add(articles[i])
    return support, conflicts


def _same_figure(a: set[str], b: set[str]) -> bool:
    """Whether two sets of figures share one, compared as digits ("6,500" = "6500")."""
    def norm(values: set[str]) -> set[str]:
        return {re.sub(r"[^\d.]", "", v) or v.lower() for v in values}
    return bool(norm(a) & norm(b))
