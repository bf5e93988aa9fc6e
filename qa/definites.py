"""A follow-up's definite noun ("the company", "the letter", "that deal") said in full from
the previous turn: its answer's name, the previous question's phrase, or what the passage
says of it."""

from __future__ import annotations

import re
from itertools import islice

from .answer import Answer
from .bodies import body
from .defines import asks_a_role
from .lands import demonym_of
from .leaning import KINDS, PLACES
from .names import AUXILIARIES, AUXILIARY_PATTERN, is_role, people, person, strip_possessive
from .phrases import as_clause, described, phrase_in
from .qualify import qualified
from .referents import ORGANISATIONS, best_hit, called, name_for, said, thing
from .referents import topic as question_topic
from .slots import answer_type

_EVENT_SUFFIXES = ("ment", "tion", "sion", "ance", "ence", "ure", "al", "ing", "sal")
"""A definite noun ending so ("that announcement", "the decision") names what happened in the
previous turn, not a thing in it: the previous question is added, the noun kept."""


def turn_text(previous: Answer) -> str:
    """The previous answer's sentence and its passage, where names are said with what they
    are ("Rob Andrew, coach of …", "China and Italy")."""
    hit = best_hit(previous)
    return f"{said(previous)}\n{hit.text if hit else ''}"


_OWN_QUALIFIER = re.compile(r"\s+(?:to\s+(?:the\s+)?[A-Z]|(?:of|for|from|about|on|against)\s+"
                            r"(?!an?\s)\S)")
"""What says which one a definite noun is ("the letter to Joly", "the report on the war"); not
an indefinite ("the striker on a season-long loan")."""


def replace_definite(question: str, words: list[str], noun: int, before: str,
                      previous: Answer, alone: bool = False) -> str:
    """'Who signed the letter?' -> 'Who signed the Green letter?' (the noun was in the previous
    question); 'How much did the company pay?' -> 'How much did Time Warner pay?'. When the
    noun is `alone` what leans on the previous turn (no pronoun was resolved), a clause of the
    previous question that said which one it is comes with it ("the survey that found…")."""
    det, asked = noun - 1, re.match(rf"(?:\w+ )?(?i:which|what)(?!\s+(?:{AUXILIARY_PATTERN})\b)"
                                    r"((?:\s+[\w'’-]+){1,4})", before)  # (not "What did…")
    while asked and noun + 1 < len(words) and words[noun + 1][:1].islower() \
            and words[noun + 1] not in AUXILIARIES \
            and strip_possessive(words[noun + 1]) in asked.group(1).split():
        noun += 1  # "the former keeper" after "Which former Arsenal keeper…?": the keeper
    word = words[noun]
    owning = re.search(r"['’]s$", word) is not None
    bare = re.sub(r"['’]s$", "", word)
    lead = " ".join(words[det:noun])
    phrase = f"{lead} {word}"
    if (at := question.find(phrase)) >= 0 and _OWN_QUALIFIER.match(question, at + len(phrase)):
        return question  # "Who signed the letter to Joly?" says which letter itself
    asked_for = re.match(rf"(?:\w+ )?(?:which|what)\s+"
                         rf"(?:(?!(?:{AUXILIARY_PATTERN}|the|a|an)\b)[\w'’-]+\s+)"
                         rf"{{0,3}}{re.escape(bare)}\b", before, re.IGNORECASE)
    earlier = phrase_in(bare, before, clause=alone and not owning and at >= 0 and not re.match(
        r"\s+(?:that|which)\s", question[at + len(phrase):]))  # (not with its own clause)
    if asked_for and answer_type(before) not in ("name", "place"):
        # 'What initiative did the Velmora council launch?' is answered by no name: 'the
        # initiative' is the Velmora council's
        return qualified(question, phrase, before)
    if asked_for:  # the name that answered it; none when nothing did (the passages' first
        # name would be a guess): the previous question's own phrase
        referent = body(bare, thing(previous, role=True, noun=bare), said(previous),
                        turn_text(previous), before, answered=True) if previous.text else None
        if referent and not referent.startswith("the ") and not re.search(
                rf"\b{re.escape(referent)}\b", question, re.IGNORECASE):  # ("Canada's … to
            # Canada")
            named = name_for(referent, bare, owning)
            return re.sub(rf"\b{re.escape(phrase)}", lambda _: named, question, count=1)
        earlier = earlier if earlier and earlier.lower() != bare.lower() else None
        return re.sub(rf"\b{re.escape(phrase)}", lambda _: f"the {earlier}", question,
                      count=1) if earlier else question
    if earlier and earlier.lower() != bare.lower():
        return re.sub(rf"\b{re.escape(f'{lead} {bare}')}\b",
                      lambda _: f"the {earlier}", question, count=1)
    if earlier:
        return qualified(question, phrase, before)
    if word.lower().endswith(_EVENT_SUFFIXES) and words[det].lower() != "the":
        clause = as_clause(before)
        if clause:
            stem = question.rstrip(" ?")
            return f"{stem} about {clause}"
        return question
    if is_role(bare) and answer_type(before) != "name" \
            and len(named := list(islice(people(before), 2))) == 1 \
            and _called(bare, named[0], f"{before}\n{turn_text(previous)}"):  # "the striker"
        # after "Against which country was Carlton Cole injured?", whom the passage calls so
        return re.sub(rf"\b{re.escape(phrase)}", lambda _: name_for(named[0], bare, owning),
                      question, count=1)
    if bare.lower() not in KINDS:  # "the conflict between Ostria and Velmora", as said before
        which = described(bare, [said(previous), *(h.text for h in previous.passages[:1])])
        if not which and not is_role(bare) and (name := called(bare, previous)):
            return question.replace(phrase, name_for(name, bare, owning), 1)  # "Skis
            # Rossignol, the ski-maker"
        return question.replace(phrase, which, 1) if which else qualified(question, phrase, before)
    own = question_topic(before) if bare.lower() in ORGANISATIONS and re.match(
        r"\s*who\b", before, re.IGNORECASE) and asks_a_role(before) and not re.search(
        rf"\b{re.escape(bare)}\b", said(previous), re.IGNORECASE) else None
    referent = own if own and not person(own) else body(
        bare, thing(previous), said(previous), turn_text(previous), before)  # "the company" after
    # "Who is the chief executive of Yukos?" is Yukos, not a name in the answer's passage
    if not referent or referent.startswith("the "):
        return question  # only a name says more than "the council" does
    if bare.lower() in PLACES and person(referent):
        return question  # "the population of the country" is no person's
    if bare.lower() in ("country", "nation") and not _a_land(referent, text := turn_text(
            previous)) and (land := question_topic(before)) and _a_land(land, text):
        referent = land  # "the country" after "Who did Canada name as its ambassador to
        # Armenia?" is Canada, not Yerevan, where the embassy is
    named = name_for(referent, bare, owning)
    if referent.isupper() and re.search(rf"\b(?i:the) {re.escape(referent)}\b",
                                        f"{before}\n{said(previous)}"):
        named = f"the {named}"  # "the VBC's": initials the previous turn says with "the"
    return re.sub(rf"\b{re.escape(phrase)}", lambda _: named, question, count=1)


def _called(role: str, name: str, text: str) -> bool:
    """Whether the previous turn calls `name` by `role` ("striker Carlton Cole", "The striker,
    who…") and gives him no other role first ("Ostby United manager Carla Renz" is no
    striker)."""
    surname = re.escape(name.split()[-1])
    other = re.search(rf"\b([a-z][\w-]*)\s+(?:[A-Z][\w'’-]*\s+)*{surname}\b", text)
    if other and is_role(other.group(1)) and other.group(1).lower() != role.lower():
        return False
    return re.search(rf"\b{re.escape(role)}\b", text, re.IGNORECASE) is not None


def _a_land(name: str, text: str) -> bool:
    """Whether the text calls anything by the name's people ("Canadian" for Canada), as it
    does a country's and not a city's ("Yerevan")."""
    return any(demonym_of(word, name) and word != name  # (not the name itself: "Yerevan")
               for word in set(re.findall(r"\b[A-Z][a-z]{3,}", text)))
