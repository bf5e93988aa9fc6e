"""Follow-up questions rewritten from the previous turn, with no LLM and no list of any
corpus's names.

A follow-up leans on the previous turn: it starts with "and"/"what about" (an ellipsis), refers
back with a pronoun ("she", "their") or a definite phrase ("the company", "that deal") without
naming anything of its own, or is too short to search on ("Why?"). It is rewritten into a
readable question from the previous question, its answer sentence and the names in its top
passages (runs of capitalised words); a question that stands on its own is asked as typed.
Which questions lean back is qa.leaning's to tell.
"""

from __future__ import annotations

import re
from itertools import chain, islice

from . import dates
from .answer import Answer
from .counts import counted_referent
from .defines import asked_name, asks_a_role, role_asked
from .definites import replace_definite, turn_text
from .echoes import described_again, echoed, of_the_topic
from .grafts import FRAME, WH, graft
from .leaning import (
    ELLIPSIS,
    PLACES,
    WORD,
    asks_no_person,
    definite_noun,
    definite_nouns,
    earlier_definite,
    is_follow_up,
    names_earlier_noun,
    no_person,
    own_names,
    refers_back,
    still_refers,
)
from .names import (
    AUXILIARIES,
    AUXILIARY_PATTERN,
    PASSAGE_BREAK,
    PERSON_PRONOUNS,
    QUESTION_WORDS,
    THING_PRONOUNS,
    entities,
    is_role,
    is_time,
    names_person,
    of_pronoun,
    people,
    person,
    persons_name,
    possessive,
    strip_possessive,
)
from .objects import said_object
from .phrases import (
    PREPOSITIONS,
    as_clause,
    as_question,
    capital,
    event_clause,
    phrase_end,
    said_it,
    with_previous_clause,
)
from .referents import (
    ORGANISATIONS,
    TIME,
    best_hit,
    done_object,
    named_as,
    named_by_kind,
    named_head,
    said,
    said_before,
    searched_text,
    thing,
)
from .slots import answer_type
from .swaps import (
    paired,
    placed_again,
    placed_in,
    placed_name,
    swap_name,
    swapped_asked_noun,
    swapped_noun,
    swapped_object,
    swapped_owned,
    swapped_phrase,
)
from .vocab import MAX_QUESTION_CHARS, terms

_BE_ASKED = re.compile(r"\s*(?i:what|which|who|how much|how many)\s+(?i:is|was|are|were)\s")


def rewrite_follow_up(question: str, previous: Answer | None) -> str | None:
    """What to search for a follow-up question, or None when it stands on its own."""
    q = " ".join(question[:MAX_QUESTION_CHARS].split())
    if previous is None or not re.search(r"\w", q):
        return None
    if echo := echoed(q, previous):  # "the Velmoran bank" after "Which Velmoran bank…?"
        return as_question(echo)
    rewritten = _rewritten(q, previous)  # else 'the company' after "Which computer giant…?",
    got = rewritten or echoed(q, previous, by_noun=True) or of_the_topic(q, previous) \
        or described_again(q, previous) or named_as(q, previous)  # 'the deal', 'the ski-maker'
    return as_question(got) if got else None


def _rewritten(q: str, previous: Answer) -> str | None:
    """The follow-up rewritten by what leans on the previous turn or names a thing of it."""
    before = searched_text(previous).strip()
    leans = is_follow_up(q) or names_earlier_noun(q, before)
    headed = None if ELLIPSIS.match(q) else named_head(q, previous)
    if headed:  # 'the council' -> 'the United Nations Security Council'
        named = q[:headed[0].start()] + headed[1] + q[headed[0].end():]
        return as_question(_replace_pronouns(named, previous) if leans else named)
    if leans:
        return _leaning(q, before, previous)
    named = named_by_kind(q, previous)  # 'the agency's' -> "IAEA's", 'the oil firm' -> 'Yukos'
    return as_question(named) if named else None


def _leaning(q: str, before: str, previous: Answer) -> str | None:
    """A question that leans on the previous turn, rewritten (None when nothing fits)."""
    ellipsis = ELLIPSIS.match(q)
    if ellipsis:
        return _rewrite_ellipsis(q[ellipsis.end():].rstrip(" ?"), before, previous)

    said_that = said_it(q, before, previous.text, lambda: done_object(previous))  # "Who said
    # that?"
    if said_that:
        return as_question(_replace_pronouns(q[:said_that[0]], previous) + said_that[1])
    rewritten = _replace_pronouns(q, previous)
    words = WORD.findall(rewritten)
    earlier = earlier_definite(words, before)
    noun = definite_noun(words) if is_follow_up(q) else earlier
    if noun is not None and (not own_names(rewritten) or earlier is not None):
        others = [n for n in definite_nouns(words) if n != noun and _asks_for(before, words[n])]
        others += [earlier] if earlier not in (None, noun, *others) else []  # (last: "the
        # final" after "Who won the 2010 final?"; "the band" is no award won)
        put = (role_asked(before) or "").lower() if previous.text is None else ""
        for tried in (noun, *others):  # "the linesman the winger barged": the winger
            phrase = f"{words[tried - 1]} {words[tried]}".lower()
            if phrase in put and phrase not in q.lower():
                continue  # "the presenter", put for "he": said as the question asked
            replaced = replace_definite(rewritten, words, tried, before, previous, q == rewritten)
            if replaced != rewritten:
                rewritten = replaced
                break
    if rewritten != q and not still_refers(rewritten):
        return as_question(rewritten)
    if len(terms(rewritten)) <= 1 and not entities(rewritten):
        return as_question(with_previous_clause(rewritten, before))
    clause = as_clause(before)
    if clause and still_refers(rewritten) and not entities(rewritten):
        return as_question(f"{rewritten.rstrip(' ?')} about {clause}")
    return as_question(rewritten) if rewritten != q else None


def _acting_person(before: str) -> bool:
    """Whether the previous question names a person as its subject ("Which player did Piet
    Larsen criticise?", "…did Orla manager Carla Renz drop?"), whom "he" may stand for."""
    return any(re.search(rf"\b(?:{AUXILIARY_PATTERN})\s+(?:[\w'’-]+\s+){{0,4}}?"
                         rf"{re.escape(name)}\b(?!['’])", before, re.IGNORECASE)
               for name in islice(people(before), _NAMES_READ))


_NAMES_READ = 4
"""The previous question's people read for one acting: a real question names fewer."""


def _gender_fits(role: str, question: str) -> bool:
    """Whether "he"/"she" may be `role` ("the spokesman" is no "she", "the actress" no "he")."""
    said = {w.lower() for w in WORD.findall(question)}
    head = re.split(r"\s+of\s+", role)[0].split()[-1].lower()  # "the spokesman of Orla Bank"
    male = head.endswith("man") and not head.endswith("woman")
    female = head.endswith(("woman", "ess", "wife"))
    return not (male and said & {"she", "her", "hers"} or female and said & {"he", "him", "his"})


def _asks_for(before: str, noun: str) -> bool:
    """Whether the previous question asks which `noun` ("Which Hearts winger…": "winger's")."""
    bare = strip_possessive(noun)
    return re.match(rf"(?:\w+\s+)?(?i:which|what)\s+(?:[\w'’-]+\s+){{0,3}}{re.escape(bare)}\b",
                    before) is not None


def _rewrite_ellipsis(fragment: str, before: str, previous: Answer) -> str | None:
    """'and in 2003?', 'what about Brandia?': the previous question with that part swapped."""
    if not fragment:
        return None
    if fragment.lower() in PERSON_PRONOUNS or fragment.lower() in THING_PRONOUNS:
        resolved = _replace_pronouns(fragment, previous)  # "what about her?"
        return as_question(f"What about {resolved}") if resolved != fragment else None
    base = before.rstrip(" ?")
    if dates.RELATIVE.fullmatch(fragment):
        return as_question(dates.moved_by(base, fragment) or f"{base} {fragment}")
    if month := dates.month_phrase(fragment) or dates.month_swapped(base, fragment):
        return as_question(capital(dates.swap_month(base, month.group(0))))  # "and in July?"
    if _BE_ASKED.match(base) and (owned := swapped_owned(fragment, base)):
        return as_question(owned)  # "And its sales in 2003?" after "What was Orla's profit…?"
    if TIME.search(fragment):
        if old_time := TIME.search(base):
            new_time = fragment
            prep = _TIME_PREPOSITION
            if not re.match(r"[a-z]+\s", old_time.group(), re.IGNORECASE):  # "the 2020 war"
                new_time = prep.sub("", TIME.search(fragment).group())  # + "the 1994 war?"
            elif (said := prep.match(old_time.group())) and not re.match(r"[a-z]+\s", fragment,
                                                                         re.IGNORECASE):
                new_time = f"{said.group()}{fragment}"  # "in 1999" + "What about 2002?"
            elif re.fullmatch(r"\d{4}", fragment):
                new_time = f"in {fragment}"  # "last year" + "And 2003?"
            base = base[:old_time.start()] + new_time + base[old_time.end():]
        elif re.match(r"the\s", fragment, re.IGNORECASE) \
                and re.match(r"\s*(?:how long|when|why|where)\s", base, re.IGNORECASE) \
                and (subject := _SUBJECT.search(base)):  # "How long did the blockade last?"
            base = base[:subject.start(1)] + fragment + base[subject.end(1):]  # + "the 2020 war"
        else:
            base = f"{base} {fragment}"
        return as_question(capital(base))
    lead = fragment.split()[0].lower()
    if lead in PREPOSITIONS | {"according"} and not WH.match(fragment):  # ("on which day?")
        # 'and according to the Orla government?' swaps 'according to the AP'; 'and in tax
        # cuts?' 'in wasteful spending'; 'and to offer?' 'to stop'
        m = re.search(r"\bto\s+(?!(?:the|an?|his|her|its|their)\b)[a-z]" if _INFINITIVE.match(
            fragment) else rf"\b{re.escape(fragment.split()[0])}\b", base, re.IGNORECASE)
        if m:
            start = m.start() + len(fragment.split()[0])
            run = re.match(r"\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w'’.-]*)*",
                           base[start:])
            # 'in England and Wales up on the year' swaps the place only; 'of the UK
            # population do…' swaps the place with the noun it qualifies
            noun = re.match(r"\s+[a-z][\w-]*", base[start + run.end():]) if run else None
            end = start + run.end() + (noun.end() if noun and "the" in run.group().split()
                                        else 0) if run else phrase_end(base, start)
            return as_question(base[:m.start()] + fragment + base[end:])
    if WH.match(fragment):
        return graft(fragment, base, previous, _replace_pronouns)
    if swapped := swapped_noun(fragment, base) or swapped_asked_noun(fragment, base):
        return as_question(swapped)  # 'and the first goal?', 'and its CFO?', 'and revenues?'
    copula = re.match(r"(who|what|which \w+)\s+(is|are|was|were)\s+\S", base, re.IGNORECASE)
    if copula and (lead in {"the", "a", "an"} or _OWNED_ASPECT.match(fragment)) \
            and not re.search(r"[A-Z]\w*['’]s?$", fragment) \
            and not _NAME_ONLY.fullmatch(fragment):  # not "The Orlas'", "the Velmora Council"
        # 'Who is the club's captain?' + 'and the vice-captain?'; 'And the finance director?'
        whose = re.match(r"(?:the|a|an)\s+[a-z][\w\s-]*?(\s+(?:of|at)\s+.+)$",
                         base[copula.end() - 1:])  # after '…the chief of the Orla Bank?': its
        tail = whose.group(1) if whose and lead in {"the", "a", "an"} \
            and not re.search(r"\b(?:of|at)\b|\s[A-Z][\w'’-]*\s+[a-z]", fragment) \
            else ""  # ("Nokia's …", "the Brandian president": whose said)
        tail = re.split(r",|\s+(?:who|which|that)\b", tail)[0]  # "…, which…"
        frame = "" if "accord" in fragment.lower() else (FRAME.search(base) or [""])[0]
        return as_question(f"{copula.group(1)} {copula.group(2)} {fragment}{tail}{frame}")
    owned = _OWNED_ASPECT.fullmatch(fragment)
    if owned and re.match(r"(?i:why|what|when)\b", base) and not re.search(
            rf"\b{re.escape(owned.group(1)[:4])}|[A-Z]\w*['’]s?\s+[a-z]", base, re.IGNORECASE):
        # 'What about Turkey's reaction?' after 'Why did Canada suspend…?': a new aspect (not
        # after "Ann Lee's mother", a swap, nor "How many soldiers…?"); "When was…?" after when
        return as_question(f"{'When' if base[:4].lower() == 'when' else 'What'} {_tense(base)} "
                           f"{fragment}")
    if (of := _OF_A_NAME.fullmatch(fragment)) and of.group(1).lower() not in PLACES \
            and not re.match(r"\s*how\b", base, re.IGNORECASE):  # 'and the date of X?'
        who = re.match(r"\s*who\b", base, re.IGNORECASE)  # "Who heads…?" + "and the head of…?"
        return as_question(f"{'Who' if who else 'What'} {_tense(base)} {fragment}")
    named = [strip_possessive(e) for e in entities(fragment) if not is_time(e)]  # (not "in
    if named:  # the year to October")
        old = [e for e in entities(base) if not TIME.fullmatch(e) and not is_time(e)
               and not is_role(strip_possessive(e))]  # not "MPs"
        if strip_possessive(named[0]) in map(strip_possessive, old) \
                and (owned := swapped_owned(fragment, base)):
            return as_question(owned)  # "And its non-EU shortfall?": not the EU's deficit
        if old:
            target = old[-1] if len(old) > 1 and answer_type(base) is None else old[0]
            people = [e for e in old if names_person(e) and not re.search(
                rf"\b(?:in|at|from|near|to)\s+(?:the\s+)?{re.escape(e)}", base)]  # (a place)
            if people and persons_name(named[0]) and target not in people \
                    and no_person(target, base):
                target = people[0]  # "And Bo Park?" after "…Ann Lee hold in the Orla Party?"
            target = paired(named[0], old, turn_text(previous)) or target
            name = named[0]
            slot = placed_name(fragment, name)
            same = slot and placed_in(slot, base)
            if slot and same and same.group(2) in old:
                target = (same.group(1) or "") + same.group(2)  # "And its payment to Zeta?"
                name = (slot.group(2) or "") + name  # after "did Orla pay to Ostria?": Ostria
            elif slot and not same and (again := placed_again(fragment, base, slot)):
                return as_question(again)  # "And its shares in New York?"
            target = strip_possessive(target)
            if re.match(rf"the\s+{re.escape(name)}", fragment, re.IGNORECASE) \
                    and re.search(rf"\b(?:{_BEFORE_THE})\s+{re.escape(target)}", base):
                name = f"the {name}"  # 'of Armenia' + 'the United Nations': 'of the United…'
            swapped = swap_name(base, target, fragment, name)
            if swapped == base and _OWNED_START.match(fragment):  # "And Uefa's delegate at
                who = re.match(r"\s*whom?\b", base, re.IGNORECASE) or asks_a_role(  # the
                    base) or is_role(fragment.split()[-1])  # match?": a person, as was asked
                if not who and (done := _WHICH_DONE.match(base)):  # "Which Zentra product was
                    return as_question(f"{capital(done[1])} {fragment} {done[2]}")  # recalled?"
                return as_question(f"{'Who' if who else 'What'} {_tense(base)} {fragment}")
            return as_question(swapped)
        return as_question(f"{base}, for {fragment}")
    if swapped := swapped_phrase(fragment, base):  # 'and best male?', 'and the women's race?'
        return as_question(swapped)
    if swapped := swapped_object(fragment, base):  # 'and fears of ethnic cleansing?'
        return as_question(swapped)
    subject = thing(previous)
    if subject and subject.lower() not in fragment.lower():
        return as_question(f"What about {fragment} for {subject}")
    return as_question(f"{base}, and {fragment}")


_WHICH_DONE = re.compile(r"\s*(?i:which|what)\s+(?:[A-Z][\w.&'’-]*\s+)*(?:[a-z][\w-]*\s+){1,2}?"
                         r"(is|was|are|were|has|have|had|will|can)\s+(.+)$")
"""'Which Zentra product was recalled': the auxiliary and what it says was done, to ask the
same of another thing ('Was Zentra's toaster recalled?')."""


def _tense(base: str) -> str:
    """'was' after a question in the past ('What did…', 'Who was…'), else 'is'."""
    return "was" if re.search(r"\b(?:did|was|were|had)\b", base) else "is"


_TIME_PREPOSITION = re.compile(r"^(?:in|on|during|since|by|before|after|for)\s+",
                               re.IGNORECASE)  # what a time is said after ("in 1999")
_BEFORE_THE = ("of|in|at|to|for|from|with|by|on|about|against|into|does|did|do|is|was|are|were|"
               "has|have|had|will")
"""Words after which a name keeps the fragment's "the" ("of the United Nations"), where one
after "many" or a noun would not ("How many Liberals", "the union TGWU")."""
_NAME_ONLY = re.compile(r"(?i:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w.&'’-]*)+")
"""A fragment that is a name alone, of two words or more ("the United Nations"), which swaps a
name, not a noun ("the CFO" is one)."""
_INFINITIVE = re.compile(r"to\s+(?!(?:the|an?|his|her|its|their|them|him|us|me|it)\b)"
                         r"[a-z][\w-]*(?<![^s]s)(?:\s+what)?$")
"""'to offer', 'to achieve what': a verb's infinitive, which swaps another."""
_OF_A_NAME = re.compile(r"the\s+([a-z][\w-]*)\s+of\s+.*\b[A-Z].*")
"""'the date of the NDP's letter': a thing of a name, said whole."""
_OWNER = r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*['’]s?\s+"
"""A name in the possessive, "the" before it allowed ("Turkey's", "the Orla Party's")."""
_OWNED_ASPECT = re.compile(rf"{_OWNER}(?:[a-z][\w-]*\s+){{0,2}}([a-z][\w-]*)")
"""'Turkey's reaction': a name's … something, its noun last."""
_OWNED_START = re.compile(rf"{_OWNER}[a-z]")
"""'Uefa's delegate at the match': a name's something, whatever follows."""
_SUBJECT = re.compile(rf"\b(?:{AUXILIARY_PATTERN})\s+(the\s+[a-z][\w-]*(?:\s+of\s+the\s+"
                      r"[a-z][\w-]*)?)\s+[a-z]+\W*$")
"""The subject of a question ending in its verb ("did the blockade of the region last"): a
time ellipsis naming an event swaps it when the question asks how long, when, why or where
(not "How many goals did the striker score?" + "And the 2019 season?")."""
def _replace_pronouns(question: str, previous: Answer) -> str:
    """The question with its first person pronoun and first 'it/they/its' resolved."""
    before = searched_text(previous)
    sentence = said(previous)
    hit = best_hit(previous)
    top = hit.text if hit else sentence
    asked = before.lower()
    named = asked_name(before) or person(before)  # "Who is Lee?": she is Lee
    about = re.match(r"\s*who(?:['’]s|\s+is|\s+was)\s+", before, re.IGNORECASE)
    name = (person(sentence, asked=asked)  # "He said Orla will sign Bo Park": Bo Park; "He
            or re.match(r"\W*(?:He|She)\b", sentence)  # told BBC Sport…": named just before
            and person(said_before(previous), asked=asked)
            or person(sentence, single=True, context=f"{top} {before}", asked=asked)
            or person(top, asked=asked)) if answer_type(before) == "name" \
        and not asks_no_person(before, named) \
        and not (about and named == before[about.end():].strip(" ?")) else None  # "Who is
    # Ann Lee?": she
    if previous.text is None and (role := role_asked(before)) \
            and not _acting_person(before) and _gender_fits(role, question):
        name = role  # "her report" after an unanswered "Which W5 journalist…?": hers, not a
        # guess from the passages ("Which fake site did Britons say…?"); but "he" after
        # "Which player did Piet Larsen criticise?" is Piet Larsen
    name = name or named or person(sentence) or person(top)  # the passage's first person
    if name and " " not in name:  # "Melcher" -> "Terry Melcher", as the passage names him
        full = {m.group() for m in re.finditer(rf"\b[A-Z][\w'’-]+\s+{re.escape(name)}\b", top)
                if person(m.group()) == m.group()}
        name = full.pop() if len(full) == 1 else name  # (not when two people share it)
    words = WORD.findall(question)
    said_of = next((w for w in words if w.lower() in PERSON_PRONOUNS), None)
    if name and said_of:  # "she": not Mr Lee, whom the passages call "he"
        texts = PASSAGE_BREAK.join(h.text for h in previous.passages)  # (passages apart)
        name = of_pronoun(said_of, name, chain((named, person(sentence)), people(texts)),
                          texts)  # (the others' names only read when needed)
    out = question
    done: set[str] = set()
    for i, word in enumerate(words):
        low = word.lower()
        kind = "person" if low in PERSON_PRONOUNS else "thing" if low in THING_PRONOUNS else None
        if kind is None or kind in done or not refers_back(words, i):
            continue
        if kind == "thing" and THING_PRONOUNS[low] == "possessive" and (
                _thing_named(words[:i]) or definite_noun(words[:i]) is not None
                and not own_names(question)):
            continue  # "What did he say Orla has to do in its third year?": Orla's; "Where
            # will the musical make its debut?": the musical's
        if low in ("he", "she") and names_person(" ".join(words[:i])) \
                and not (i and words[i - 1].lower() in _REPORTING):
            continue  # 'when had Mr Ek decided he would quit?': he is Mr Ek (but 'did Ann
            # Lee say he would start?' may be about someone else)
        referent = name if kind == "person" else thing(previous, low in ("they", "them", "their"))
        if low in ("they", "them") and (counted := counted_referent(before, referent)):
            referent = counted  # "the people who fled Ostria", not "Ostria"
        elif low == "they" and i and words[i - 1].lower() in ("are", "were", "was", "is") \
                and (ended := _PLURAL_LAST.match(before)) and ended.group(1) not in ORGANISATIONS:
            referent = f"the {ended.group(2)}"  # "Where were they from?" after "Which country
            # did Ostria accuse of sending mercenaries?": the mercenaries, not the country
        if low == "it" and i and words[i - 1].islower() and words[i - 1] not in AUXILIARIES \
                and words[i - 1] not in QUESTION_WORDS:  # "Who announced it?": the thing done
            did = done_object(previous)
            referent = (did[1] if did else said_object(words[i - 1], said(previous))
                        or event_clause(words[i - 1], before) or referent)
        elif low == "it" and i and words[i - 1] == "do" and re.match(
                r"\s*what\s+(?:did|does|do|will)\b", searched_text(previous), re.IGNORECASE):
            did = done_object(previous)  # "When did he do it?" after "What did Ann Lee
            if did:  # suspend?": what was done, said again ("suspend the export")
                word, referent = f"do {word}", f"{did[0]} {did[1]}"
        if kind == "thing" and low == "it" and (not referent or referent == name) \
                and not (i and words[i - 1].lower() in ("do", "does", "did", "done")) \
                and (last := _LAST_THING.search(before)) and last.group(1) not in question:
            referent = last.group(1)  # "When did he deliver it?" after "What did Gordon Brown
            # announce in the pre-Budget report?": it is the report, not he
        if not referent or (kind == "thing" and referent == name and "person" in done) \
                or low in ("it", "them") and re.search(rf"\b{re.escape(referent)}\b", question):
            continue  # "does he reckon it saves": not he; "What will Orla do with it?": not Orla
        role = (PERSON_PRONOUNS if kind == "person" else THING_PRONOUNS)[low]
        if role == "possessive" or (low == "her" and i + 1 < len(words)
                                    and words[i + 1].lower() not in QUESTION_WORDS
                                    and terms(words[i + 1])):
            referent = possessive(referent)
        out = re.sub(rf"\b{re.escape(word)}\b", lambda _, r=referent: r, out, count=1)
        done.add(kind)
    return out


_PLURAL_LAST = re.compile(r"\s*(?i:which|what)\s+([a-z]+)(?<!s)\s+.*\s([a-z]{3,}[^s\W]?s)\s*\??$")
"""A question for one thing ("Which country…") that ends on a plural noun ("…mercenaries?");
not for a body, which "they" may stand for ("Which band…?")."""
_LAST_THING = re.compile(r"\b(?:in|on|about)\s+(the\s+(?:(?!(?:in|on|at|of|with|for|from|to|"
                         r"by|about)\b)[\w'’-]+\s+){0,3}?[a-z][\w-]*)\s*\??$")
"""The thing a question ends on, after its preposition ("…in the pre-Budget report?")."""


def _thing_named(words: list[str]) -> bool:
    """Whether the words before a possessive name a thing (no person, no day) it refers to."""
    return any(not names_person(name) and not is_time(name)
               for name in entities(" ".join(words[1:])))


_REPORTING = frozenset("""say says said tell tells told think thinks thought believe believes
believed claim claims claimed insist insists insisted add adds added""".split())
"""Verbs after which "he" or "she" is as often someone else as the speaker."""
