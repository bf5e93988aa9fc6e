"""Lands and their peoples' adjectives ("Ostrian" of Ostria, "Irish" of Ireland), by
their spelling: no list of any corpus's places."""

from __future__ import annotations

import re

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
    "Euronext" of Europe; its people too ("Georgians")."""
    w, n = word.lower(), name.lower()
    if w in IRREGULAR_DEMONYMS:
        return n in IRREGULAR_DEMONYMS[w]
    if w.endswith("ans"):
        w = w[:-1]  # the people: "Georgians" of Georgia
    return any(w == base + end for base in (n, n[:-1], n[:-2]) if len(base) >= 3
               for end in _DEMONYM_ENDS)

DEMONYM = r"[A-Z][a-z]+(?:ian|ish|ese|ean)|" + "|".join(
    sorted(w.capitalize() for w in IRREGULAR_DEMONYMS))
"""A people's adjective ("Brazilian", "Spanish", "Chinese", "Greek") by its ending or table."""


_OWNER_BEFORE = re.compile(rf"\b([A-Z][a-z]+['’]s|{DEMONYM})\s+([a-z][a-z-]+)\b")
"""A land or a people before a noun, the one name of its run: "France's consumer", "Irish
runner" (not "Union mission" of the European Union, nor "Cup captain")."""
_NAME_BEFORE = re.compile(r"(?<![\w'’.&-])(?!(?:Which|What|Who|Whose|How|When|Where|Why|In|For|"
                          r"From|By|To|At|On|Did|Does|Do|Is|Was|Are|Were|Has|Have|Had|Will|"
                          r"Would|Can|Could|Should)\s)"
                          r"[A-Z][\w.&-]*\s+$")
"""A capitalised word, not the question's first word, before a name: both are one name's."""
_PEOPLE_BEFORE = re.compile(rf"\b({DEMONYM})\s+([a-z][a-z-]+)\b")


def other_people(question: str, sentence: str) -> bool:
    """Whether the sentence gives another land's people's adjective where the question names
    its land or people, before the same noun, and never that land: "Italian consumer confidence
    rose to 104.4" answers no "What did France's consumer confidence index fall to?"."""
    asked = [(re.sub(r"['’]s$", "", m.group(1)), m.group(2)[:5])
             for m in _OWNER_BEFORE.finditer(question)
             if not _NAME_BEFORE.search(question, 0, m.start())]
    if not asked:
        return False
    for said in _PEOPLE_BEFORE.finditer(sentence):
        people, noun = said.group(1), said.group(2)[:5]
        for land, asked_noun in asked:
            if asked_noun != noun or land == people or demonym_of(people, land) \
                    or demonym_of(land, people) or re.search(rf"\b{land[:5]}", sentence) \
                    or people in question:
                continue
            return True
    return False
