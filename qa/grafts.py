"""Follow-ups that open with a question word ("and in how many countries?", "and who won
the plate title?"): grafted onto the previous question, or asked with what it was about."""

from __future__ import annotations

import re
from collections.abc import Callable

from .answer import Answer
from .leaning import WORD
from .names import (
    AUXILIARIES,
    AUXILIARY_PATTERN,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    entities,
    is_role,
)
from .phrases import (
    BE_HAVE,
    PREPOSITIONS,
    as_question,
    capital,
    placing,
    with_previous_clause,
)
from .referents import thing
from .referents import topic as question_topic
from .slots import asked_kind

_FIRM = ("company", "firm")
"""Two words for one kind: "the firm" after "Which company…?" is the answer."""
_TIME_NOUNS = frozenset("day date month year week season time hour and or".split())
"""The words of 'in which month and year?': a time asked, grafted as 'when' is."""
_SAME_ASKED = re.compile(rf"((?:how\s+(?:many|much)|which|what)\s+[a-z][\w-]*)\s+(of\s+.+?)\s+"
                         rf"(?=(?:{AUXILIARY_PATTERN})\b)", re.IGNORECASE)
"""'What share of UK mobiles does…': the thing asked and what it is of."""
_HOW_MANY_DONE = re.compile(r"(how\s+(?:many|much))(?:\s+[a-z][\w-]*)?\s+(were|was|have been|has "
                            r"been|are|is)\s+([a-z][\w-]*(?:ed|wn)|[a-z]+(?<![mr])en|built|sent|"
                            r"spent|lost|hurt|left|kept|held|caught|brought|bought|sold|told|"
                            r"found|made|paid|shot|hit|cut|put|struck|won|seen)\b", re.IGNORECASE)
"""'How many people were killed': what was counted and what was done to them."""
_WH_WORDS = (r"(?:(?:in|on|at|for|from|by|to|with|since|until)\s+)?(?:how\s+(?:many|much|long|"
             r"old|far|often)|which|what|when|where|who|whom|whose|why)")
"""A question word, with the preposition before it ("in how many", "on which")."""
WH = re.compile(rf"{_WH_WORDS}\b", re.IGNORECASE)
FRAME = re.compile(r",\s*according to [^,?]+$", re.IGNORECASE)
"""The source a question is asked of (", according to the 2020 report"), which its ellipsis
follow-up is asked of too ("And the head of Armenia's government?")."""
_ASKED = re.compile(rf"{_WH_WORDS}"
                    rf"(?:\s+((?!(?:{AUXILIARY_PATTERN})\b)[\w'’-]+(?:\s+(?!(?:{AUXILIARY_PATTERN})\b)[\w'’-]+)?))?"
                    rf"\s+({AUXILIARY_PATTERN})\s+(.+)", re.IGNORECASE)


def graft(fragment: str, base: str, previous: Answer,
          resolve: Callable[[str, Answer], str]) -> str:
    """A question word alone ('and in how many countries?', 'and why?') takes the place of the
    previous question's: after 'How many votes were counted in the city?' it asks 'In how
    many countries were votes counted in the city?'; after a yes/no question ('Did the
    council raise taxes?') it asks 'Why did the council raise taxes?'. A fragment that is a
    question of its own ('and who ran it?') is asked with its pronouns resolved (`resolve`),
    and what the previous question was about when it names nothing."""
    wh = WH.match(fragment)
    tail = fragment[wh.end():].split() if wh else []
    how_many = re.match(r"how\s+(?:many|much)\s", fragment, re.IGNORECASE)
    counted = len(tail) <= 3 and how_many \
        and not any(w.endswith("ed") for w in tail)  # (not "how many homes destroyed")
    bare = (len(tail) <= 1 or counted or all(w.lower() in _TIME_NOUNS for w in tail)) \
        and not any(  # "and how many asphalt plants?", "and in which month and year?"
        w.lower() in AUXILIARIES or w.lower() in PERSON_PRONOUNS or w.lower() in THING_PRONOUNS
        or w.lower() in PREPOSITIONS for w in tail)
    if bare:
        asked = _ASKED.match(base)
        if asked is None:
            return as_question(capital(with_previous_clause(fragment, base)))
        noun, aux, rest = asked.groups()
        # 'How many votes were counted' keeps 'votes' (the subject, before be or have);
        # 'What company did X buy' drops 'company' (the object, which has no place now).
        keep = noun and aux.lower() in BE_HAVE \
            and re.match(r"how\s+(?:many|much)|which|what", base, re.IGNORECASE) \
            and not (tail and how_many)
        # ('And how many seats?' after 'How many votes were counted…?': seats were counted)
        return as_question(capital(f"{fragment} {aux} {noun + ' ' if keep else ''}{rest}"))
    verb = _HOW_MANY_DONE.fullmatch(fragment)  # "and how many were injured?" after "How many
    done = _HOW_MANY_DONE.match(base) if verb else None  # people were killed in the blast?"
    if verb and done and verb.group(1).lower() == done.group(1).lower() and re.match(
            r"\s*(?:(?:in|at|during|by|after|since|when)\b|\??$)", base[done.end(3):]):
        return as_question(capital(base[:done.start(3)] + verb.group(3) + base[done.end(3):]))
    if (same := _SAME_ASKED.match(base)) and re.match(  # "And what share can…?" after
            rf"{re.escape(same.group(1))}\s+(?!of\b)", fragment, re.IGNORECASE):  # "What share
        return as_question(capital(  # of UK mobiles…?": what share of UK mobiles can…
            f"{fragment[:len(same.group(1))]} {same.group(2)}{fragment[len(same.group(1)):]}"))
    resolved = resolve(fragment, previous)
    topic = thing(previous)
    kind = asked_kind(base)  # "club" of "Which club did Bo Park leave?"
    kinds = _FIRM if kind in _FIRM else (kind,) if kind else ()
    back = any(re.search(rf"\bthe\s+{re.escape(k)}\b", fragment, re.IGNORECASE) for k in kinds)
    if resolved == fragment and not back and not any(is_role(w) for w in WORD.findall(fragment)):
        # ("And who runs the club now?" after "Which club did Bo Park leave?": the answer's)
        topic = question_topic(base) or topic  # "and who won the plate title?" is asked of
        # the previous question's subject, not its answer; "and who is the boss?" of the answer
        if topic and re.search(rf"\bthe\s+{re.escape(topic)}(?!\s+[a-z])", base):
            topic = f"the {topic}"  # "the Republic of Ireland's goal"
    if not entities(resolved) and topic and topic.lower() not in resolved.lower():
        if where := placing(topic, base):  # "Who was the referee at Newcastle's 2-1 win?"
            joint = ", " if where.lower().startswith("according") else " "
            return as_question(capital(f"{resolved.rstrip(' ?')}{joint}{where}"))
        return as_question(capital(f"{resolved}, for {topic}"))
    return as_question(capital(resolved))
