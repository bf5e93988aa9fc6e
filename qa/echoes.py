"""Follow-ups that name the previous answer by a description, with no LLM and no list of any
corpus's names.

After "Which Velmoran bank is Orla Bank buying?", "the Velmoran bank" is the
bank that answered: the words the previous question asked it with, now definite. After an
answer naming one person, "the Frenchman" or "the Spaniard" is that person.
"""

from __future__ import annotations

import re

from .answer import Answer
from .bodies import BODIES, ORGANISATIONS
from .definites import turn_text
from .lands import DEMONYM
from .leaning import PLACES, own_names
from .names import (
    AUXILIARIES,
    AUXILIARY_PATTERN,
    is_role,
    is_time,
    people,
    person,
    possessive,
    strip_possessive,
)
from .referents import name_for, said, searched_text, topic
from .slots import answer_values
from .vocab import ASKING_PREPOSITION

_AUXILIARIES = f"(?:{AUXILIARY_PATTERN})"
_WHICH = re.compile(rf"\W*(?:{ASKING_PREPOSITION}\s+)?(?:which|what)\s+"
                    rf"((?:(?!{_AUXILIARIES}\b)[\w'’-]+\s+){{0,3}}?(?!{_AUXILIARIES}\b)[\w'’-]+)"
                    rf"\s+(?={_AUXILIARIES}\b)", re.IGNORECASE)
"""'Which Velmoran bank is…': the words that asked what the answer is."""
_WHICH_DOES = re.compile(r"\W*(?i:which|what)\s+(?!of\b)((?:[\w'’-]+\s+){1,4}?[a-z][\w-]*)\s+"
                         r"[a-z]+(?:ed|s)\b")
"""'Which South Korean card firm averted…': the words that asked who did it, before its verb."""
_WHICH_DID = re.compile(rf"\W*(?i:which|what)\s+((?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)\s+"
                        rf"(?!{_AUXILIARIES}\b)[a-z]+\b")
"""'Which insurer bought…': the words that asked who did it (not after "did": then the answer
is what it was done to)."""
_PEOPLE = re.compile(r"\bthe\s+((?:French|English|Irish|Scots|Welsh|Dutch)(?:man|woman)|Spaniard|"
                     r"Swede|Dane|Pole|Finn|Briton|Scot|Kiwi|Aussie)(['’]s)?\b"
                     r"(?![\w-])")
"""A person named by where they are from ("the Frenchman", "the Spaniard's")."""
_OPENERS = frozenset("On In At By For From But And Last This Next".split())
"""Capitalised words that open a sentence before a name, no part of it."""


def of_the_topic(question: str, previous: Answer) -> str | None:
    """The question with an event or body it names by its noun alone ('the deal', 'the
    match', 'the charity') given as the previous question's subject's: 'Ostria's deal' after
    "Which country has Ostria agreed to pay 30% more for gas?", 'the Fostering League' for
    'the charity' after "Who is the director of the Fostering League?". For a question
    nothing else rewrote; None when the subject is a post's holder or the question's own."""
    hit = _EVENT_OR_BODY.search(question)
    before = searched_text(previous)
    if hit and hit.group(1) != hit.group(2) and not re.search(  # "the oil firm", "the court
            rf"\b{re.escape(hit.group(1).split()[0])}", f"{before}\n{turn_text(previous)}",
            re.IGNORECASE):
        return None  # case": said of something the previous turn did not say
    subject = (topic(before) or _role_owner(before, hit.group(2), turn_text(previous))) \
        if hit else None
    if hit is None or subject is None or is_role(subject.split()[-1].lower()) \
            or re.fullmatch(DEMONYM, subject) or person(subject) is not None \
            or re.search(rf"\b{re.escape(subject)}\b", question, re.IGNORECASE):
        return None  # (no person's talks: "Did Unison back the talks?" after Ann Lee's turn)
    noun = hit.group(2)
    if noun.lower() not in BODIES and own_names(question[:hit.start()]):
        return None  # "What did Zeta say about the merger?": maybe Zeta's, not Orla's
    if not subject.lower().startswith("the ") and re.search(
            rf"\bthe\s+(?:\S+\s+)?{re.escape(subject)}", before):
        subject = f"the {subject}"  # "the Fostering League", "the (2005) Tigers"
    if noun.lower() in BODIES:
        return _put(question, hit, name_for(subject, noun, False))
    return _put(question, hit, f"{possessive(subject)} {hit.group(1)}")


_ROLE_OWNER = re.compile(r"\W*(?i:which|what)\s+((?:[A-Z][\w&'’.-]*\s+){1,3}?)([a-z][\w-]*)")


def _role_owner(before: str, noun: str, text: str) -> str | None:
    """The body whose post a which-question asks about ("Bombardier" of "Which Bombardier chief
    executive…?"), which 'the firm' or 'the club' stands for; None for an event ('the deal')."""
    m = _ROLE_OWNER.match(before)
    if m is None or noun.lower() not in ORGANISATIONS or not is_role(m.group(2)) \
            or re.fullmatch(rf"{DEMONYM}|[A-Z][a-z]+an", name := m.group(1).strip()):
        return None  # ("Which French minister…", "Which German…": a people's, no body's)
    name = strip_possessive(name)
    owns = re.finditer(rf"\b{re.escape(name)}['’]s?\s+([a-z]+)", text)  # a body the answer
    return name if any(is_role(m.group(1)) for m in owns) else None  # says has a post
    # ("Bombardier's president"; not "Silicon Valley's best-known bosses")


_EVENT_OR_BODY = re.compile(
    r"\bthe\s+((?:[a-z][\w-]*\s+)?(deal|match|tour|game|race|scheme|plan|trial|case|talks|"
    r"summit|meeting|contract|review|inquiry|takeover|merger|auction|campaign|festival|"
    r"charity|firm|company|club|network|agency|union|party|group))(['’]s)?\b"
    r"(?![\w-]|\s+(?:of|for|between)\b|\s+(?:in|at)\s+[A-Z])")
"""An event or a body named by its noun, perhaps after one word ("the pilot scheme"), that
nothing after it pins down ("the match of the day", "the talks between…")."""


def echoed(question: str, previous: Answer, by_noun: bool = False) -> str | None:
    """The question with the previous answer put for the words that described it: 'the
    Velmoran bank' after 'Which Velmoran bank…?'; with `by_noun` (when nothing else rewrote
    the question), also 'the mill' after 'Which Ukrainian steel mill…?', 'the company' after
    'Which computer giant…?' and 'the Frenchman' after an answer naming one person. None when
    none is there, or the answer names no one thing."""
    if previous.text is None:
        return None
    asked = _WHICH.match(previous.question)
    phrase = asked.group(1) if asked else ""
    hit = _described(question, phrase, by_noun) if len(phrase) > 2 and not is_role(
        phrase.split()[-1]) else None  # (a post's holder is the rest of qa.rewrite's)
    if hit and (answered := _answered(previous, phrase, by_noun)):
        return _put(question, hit, answered)
    doer = None if by_noun else _WHICH_DID.match(previous.question)  # (tried already)
    if doer and doer.group(1).split()[-1].lower() in _BODY_WORDS and (
            its := re.search(r"\b(?:its|their)\b", question)) \
            and not own_names(question[:its.start()]):  # ("…Riverton to rebuild its levees")
        values = {v.rstrip(".,;: ") for _, v in answer_values(previous.question, previous.text)}
        if len(values) == 1 and not person(value := values.pop()):  # "Which of its executives"
            return question[:its.start()] + possessive(value) + question[its.end():]
    hit = _PEOPLE.search(question) if by_noun else None  # (after qa.rewrite's own reading)
    if hit is None or person(previous.question) is not None:
        return None  # ("the Spaniard" after "Who beat Jon Arre…?" may be Arre)
    named = list(people(said(previous)))
    return _put(question, hit, named[0]) if len(named) == 1 else None


def described_again(question: str, previous: Answer) -> str | None:
    """The question with its noun alone ('the firm') put back as the previous which-question
    described it ('the South Korean card firm' after "Which South Korean card firm averted…?"),
    when the answer names no one thing for it: for a question nothing else rewrote."""
    if previous.text is None:
        return None
    asked = _WHICH.match(previous.question) or _WHICH_DOES.match(previous.question)
    phrase = asked.group(1) if asked else ""
    if " " not in phrase or is_role(phrase.split()[-1]):
        return None
    hit = _described(question, phrase, True)
    if hit is None or hit.group(1).lower().startswith(phrase.lower()) \
            or _answered(previous, phrase, True):
        return None
    return _put(question, hit, f"the {phrase}")


def _answered(previous: Answer, phrase: str, by_noun: bool) -> str | None:
    """The one name the previous answer gives for the question's `phrase`, with the phrase's
    noun when the answer says it after the name ("the ID cards bill"). Not a name sharing
    the phrase's words ("Velmora's" for "Velmoran bank"), nor one the answer places
    ("in Upper Velmora") unless a place was asked; and when the follow-up said only the
    noun ('the mill', `by_noun`), no person, and a name set beside a word of the phrase."""
    text = previous.text or ""
    words = phrase.split()
    described = {w[:5].lower() for w in words[:-1]}  # ("… Bank" is one)
    values = {(at, v.rstrip(".,;: ")) for at, v in answer_values(previous.question, text)
              if not {w[:5].lower() for w in v.split()} & described}
    if len(values) > 1:  # "… enlisted the help of Dutch legend Johann Cruyff, a consultant
        values = {(at, v) for at, v in values if _set_after(text, at, phrase, previous.question)}
    if len(values) != 1:
        return None
    at, value = values.pop()
    end = at + len(value)
    head = re.escape(words[-1])
    whole = re.compile(rf"\s+(?:(?!(?:the|an?|and|of|to|in)\b)[a-z][\w-]*\s+){{0,2}}?{head}\b",
                       re.IGNORECASE).match(text, end)  # "the ID cards bill"
    if _PLACED.search(text, max(0, at - 8), at) and words[-1].lower() not in PLACES:
        return None  # "The ZTV-9 affiliate in Upper Velmora": where, not which station
    if by_noun and (person(value) or not whole and not re.search(
            rf"\b(?:{'|'.join(map(re.escape, words))})\s+(?:[A-Z][\w-]*\s+)?$",
            text[max(0, at - 40):at], re.IGNORECASE)):
        return None  # "Computer giant Ibex" for "the company"; not "a mill sold to Ann Lee"
    names = value.split()
    while len(names) > 1 and (names[0] in _OPENERS or is_time(names[0])):
        names = names[1:]  # "On Monday Zeta": Zeta
    return f"the {' '.join(names)}{whole.group()}" if whole else " ".join(names)


_PLACED = re.compile(r"\b(?:in|at|from|near)\s+(?:the\s+)?$")


def _set_after(text: str, at: int, phrase: str, question: str) -> bool:
    """Whether the name at text[at] comes right after the words that asked for it, in a clause
    that says a word the question did ("Ajax have enlisted the help of Dutch legend Johann
    Cruyff" for "Which Dutch legend have Ajax enlisted…?"; not "Orla, advised by Velmoran bank
    Zeta, is buying…" for "Which Velmoran bank is Orla buying?")."""
    asking = re.search(rf"\b{re.escape(phrase)}\s+$", text[:at], re.IGNORECASE)
    if asking is None:
        return False
    clause = re.split(r"[,;:]", text[:asking.start()])[-1]
    if re.match(r"\s*(?:who|which|that|after|before|while|when|having|despite)\b", clause):
        return False  # "Ann Lee, who had hoped to join Velmoran club Zeta, signed for Orla"
    asked = {w[:5] for w in re.findall(r"\b[a-z][\w-]{3,}", question)
             if w not in AUXILIARIES and w not in phrase.lower().split()}
    return bool(asked & {w[:5] for w in re.findall(r"\b[a-z][\w-]{3,}", clause)})


def _described(question: str, phrase: str, by_noun: bool) -> re.Match[str] | None:
    """'the Velmoran bank' for the phrase "Velmoran bank", or its noun alone ('the
    mill' for "Ukrainian steel mill") or a body by another word for one ('the company' for
    "computer giant") when `by_noun`; not before "of" ("the date of the
    letter" is another's)."""
    words = phrase.split()
    head = words[-1].lower()
    nouns = [re.escape(phrase)]
    if by_noun and len(words) > 1 and head not in _TIME_NOUNS:
        nouns.append(re.escape(head))
        if head in _BODY_WORDS:
            nouns.append("company|firm|group")
    for noun in nouns:
        hit = re.search(rf"\bthe\s+({noun})(['’]s)?\b(?![\w-]|\s+of\b)", question,
                        re.IGNORECASE)
        if hit:
            return hit
    return None


_TIME_NOUNS = frozenset("day date week month year season time hour minute".split())
_BODY_WORDS = ORGANISATIONS | frozenset("giant insurer brewer lender operator".split())
"""Words for a body that "the company" may stand for ("Which computer giant…?")."""


def _put(question: str, hit: re.Match[str], name: str) -> str:
    """The question with `name` in place of the phrase `hit` (its "'s" kept)."""
    owning = hit.group().endswith(("'s", "’s"))
    return question[:hit.start()] + (possessive(name) if owning else name) + question[hit.end():]
