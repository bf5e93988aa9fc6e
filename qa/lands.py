"""Lands and their peoples' adjectives ("Ostrian" of Ostria, "Irish" of Ireland), by
their spelling: no list of any corpus's places."""

from __future__ import annotations

_DEMONYM_ENDS = ("ian", "ese", "ish", "an", "i", "n")
IRREGULAR_DEMONYMS = {"irish": ("ireland",), "french": ("france",), "spanish": ("spain",),
                      "english": ("england",), "welsh": ("wales",), "scottish": ("scotland",),
                      "scots": ("scotland",), "swiss": ("switzerland",), "greek": ("greece",),
                      "thai": ("thailand",), "dutch": ("netherlands", "holland"),
                      "danish": ("denmark",), "polish": ("poland",), "finnish": ("finland",),
                      "british": ("britain",), "peruvian": ("peru",), "norwegian": ("norway",),
                      "filipino": ("philippines",), "american": ("america",)}
"""Demonyms whose country does not begin the same way, or whose ending is not cut as others'
are ("Irish": Ireland; "American": America)."""


def demonym_of(word: str, name: str) -> bool:
    """Whether `word` is the demonym of the place `name`: "Ostrian" of Ostria, "Chinese" of
    China, "Swedish" of Sweden, "Irish" of Ireland; not "Australian" of Austria, nor
    "Euronext" of Europe."""
    w, n = word.lower(), name.lower()
    if w in IRREGULAR_DEMONYMS:
        return n in IRREGULAR_DEMONYMS[w]
    return any(w == base + end for base in (n, n[:-1], n[:-2]) if len(base) >= 3
               for end in _DEMONYM_ENDS)

DEMONYM = r"[A-Z][a-z]+(?:ian|ish|ese|ean)|" + "|".join(
    sorted(w.capitalize() for w in IRREGULAR_DEMONYMS))
"""A people's adjective ("Brazilian", "Spanish", "Chinese", "Greek") by its ending or table."""
