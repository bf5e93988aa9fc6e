"""Whether a question leans on the previous turn: an ellipsis ("and in 2003?"), a pronoun or
demonstrative pointing back ("she", "that deal"), a definite noun with nothing named of its
own ("the company"), or too few words to search on ("Why?"). qa.rewrite rewrites such a
question; this module only tells them apart, with no list of any corpus's names."""

from __future__ import annotations

import re

from .names import (
    AUXILIARY,
    AUXILIARY_PATTERN,
    PERSON_PRONOUNS,
    QUESTION_WORDS,
    THING_PRONOUNS,
    entities,
    is_role,
    is_time,
    names_person,
    strip_possessive,
)
from .phrases import DETERMINERS, phrase_in
from .referents import ORGANISATIONS, TIME
from .slots import asked_kind
from .vocab import TIME_WORDS, terms

_REFERRING = frozenset({"this", "that", "these", "those", "there", "then", "same", "such"}) \
    | frozenset(PERSON_PRONOUNS) | frozenset(THING_PRONOUNS)
"""Words that point back at something said before."""
ELLIPSIS = re.compile(r"^\s*(?:and|also|but|or|then|so)?\s*(?:what|how)\s+about\s+|"
                      r"^\s*(?:and|also)\s+", re.IGNORECASE)
"""The opening of an elliptical follow-up ("and in 2003?", "what about Brandia?")."""
WORD = re.compile(r"[\w'’-]+")
"""A word of a question, with its apostrophes and hyphens."""
KINDS = ORGANISATIONS | frozenset("minister player manager coach country city region".split())
"""Nouns that name what a who/which answer is ("the company", "the club")."""
PLACES = frozenset("island country city town village region state province nation".split())
"""Nouns that the place the previous question named stands for whole ("the island")."""
_REFERENCES = PLACES | KINDS | frozenset("""match game final race fight election vote trial
deal concert tournament war film album book report show""".split())
"""Nouns that, after "the X of", are what a follow-up refers back to."""


def is_follow_up(question: str) -> bool:
    """True when a question leans on the previous turn to make sense."""
    q = question.strip()
    if not q:
        return False
    if ELLIPSIS.match(q) or _CITING_BACK.search(q):
        return True
    words = WORD.findall(q)
    own_terms = terms(q)
    own_entities = own_names(q)
    referring = [i for i in range(len(words)) if refers_back(words, i)]
    if referring:  # "Who will he succeed at Orla KK?": no person named before "he"
        return not own_entities or len(own_terms) <= 3 or any(
            words[i].lower() in PERSON_PRONOUNS and not names_person(" ".join(words[:i]))
            or _acting_it(words, i) or _owning_subject(words, i) or _object_it(words, i)
            for i in referring)
    noun = definite_noun(words)
    if noun is not None and all(is_time(name) for name in own_entities) and (
            len(own_terms) <= 5 or strip_possessive(words[noun].lower()) in _NAMED_BY_KIND):
        return True  # "Which winger has the club already lost to a serious injury?": a
        # body named by its kind alone, in a question that names nothing but times ("in
        # the 12 months through June"), is the last turn's
    return len(own_terms) <= 1 and not own_entities and not TIME.search(q)


_NAMED_BY_KIND = frozenset({"club", "team", "side", "company", "firm", "band", "corporation"})
"""Bodies a long question names by their kind alone only after another named them (not "the
government", "the party", which a question may mean whole)."""
_CITING_BACK = re.compile(r"^\W*according to (?:it|him|her|them)\b", re.IGNORECASE)
"""A source named by a pronoun ("According to it, …?"): the previous answer's."""


def _acting_it(words: list[str], i: int) -> bool:
    """Whether words[i] is "it" or "they" as the subject of a question's verb ("How many
    planes had it ordered?", "What did they say…?"): it stands for the thing of the previous
    turn, whatever names the question has. "How long will it take…?" has no such subject."""
    word = words[i].lower()
    if word not in ("it", "they") or not 0 < i < len(words) - 1 \
            or words[i + 1].lower() in _EMPTY_VERBS:
        return False
    after = {w.lower() for w in words[i + 1:]}
    if words[i - 1].lower() in _BE:  # "How much was it fined…?": the subject of a passive,
        # not "When was it announced that…?"
        return words[i + 1].lower().endswith(("ed", "en")) and not after & {"that", "to"}
    if words[i - 1].lower() not in _DID:
        return False
    before = {w.lower() for w in words[:i]}
    # "…that it would": another clause; "Orla and Zeta … they": named here
    return "that" not in after and not (word == "they" and "and" in before)


def _object_it(words: list[str], i: int) -> bool:
    """Whether words[i] is "it" or "them" after a preposition and a name of the question ("What
    might Orla offer to do with it…?"): a name of the same clause would be "itself", so the
    pronoun is the previous turn's thing, unless another clause came first."""
    before = [w.lower() for w in words[:i]]
    return words[i].lower() in ("it", "them") and 0 < i and before[-1] in _OBJECT_OF \
        and not _CLAUSE_WORDS & set(before) and before[-2:] != ["according", "to"] \
        and bool(own_names(" ".join(words[:i])))  # (not "How did Orla react when Zeta bid
    # for it?": Orla; "Which firms did Orla survey, and according to them…?": the firms)


_OBJECT_OF = frozenset("with about for from into against over of on to".split())
"""Prepositions whose object a pronoun may be ("do with it", "pay for it")."""
_CLAUSE_WORDS = frozenset("""and when while before after since until because if as that which
who whom whose where paying having""".split())
"""Words that open another clause, whose pronoun may stand for a name of the first."""


def _owning_subject(words: list[str], i: int) -> bool:
    """Whether words[i] is "its" or "their" opening the subject of a question's verb, before
    any name ("How quickly did its capital reject Armenia's claim?"): it owns the thing of the
    previous turn. Not a leading phrase's ("In its report, what did Orla say?"), which looks
    ahead to the name."""
    return words[i].lower() in ("its", "their") and 0 < i and (
        words[i - 1].lower() in _DID | _BE or i == 2 and words[1].lower() == "of"
        and words[0].lower() in ("which", "who", "how", "what", "whom")  # "Which of its
    ) and not own_names(" ".join(words[:i]))  # executives…?"


_DID = frozenset("had has have did do does could would will can should might may".split())
"""Auxiliaries after which "it" is a doer ("had it ordered", "could it invest"), unlike
"is it"."""
_BE = frozenset("is was were are".split())
"""Before "it" and a participle, the auxiliary of a passive ("was it fined")."""
_EMPTY_VERBS = frozenset("""take takes took taken be been being seem seems seemed appear
appears appeared matter mattered rain snow true possible likely cost costs mean means make
makes get gets""".split())
"""Verbs after which "it" stands for nothing ("will it take", "does it mean")."""


def refers_back(words: list[str], i: int) -> bool:
    """Whether words[i] is a pronoun or demonstrative pointing at something said before."""
    word = words[i].lower()
    if word not in _REFERRING:
        return False
    following = words[i + 1] if i + 1 < len(words) else ""
    if word == "that" and following and (following[0].isupper()
                                         or following.lower() in QUESTION_WORDS
                                         or following.lower() in PERSON_PRONOUNS
                                         or following.lower() in THING_PRONOUNS
                                         or following.lower() in {"the", "a", "an", "we", "i",
                                                                  "you"}):
        return False  # "said that Ostria…": a conjunction, not a reference
    if word == "that" and i > 1 and words[i - 2].lower() in ("the", "a", "an") \
            and words[i - 1].islower() and following.islower() \
            and following not in TIME_WORDS:
        return False  # "the survey that found…": a relative pronoun (not "the deal that day")
    if word == "there" and i > 0 and words[i - 1].lower() in {"is", "are", "was", "were"}:
        return False  # "was there a ceasefire": existential
    if word == "there" and i == 1:
        return False  # "Are there…", "Is there…"
    if word == "then" and i == 0:
        return False
    if word == "it" and following.lower() in {"true", "possible", "likely"}:
        return False  # "is it true that…"
    return True


def definite_noun(words: list[str]) -> int | None:
    """Index of the noun in a definite phrase ("the company", "that deal"), or None; in "the X
    of the Y", Y when it names a place, a kind of answer or an event ("the population of the
    island", "the referee for the match")."""
    found = None
    for noun in definite_nouns(words):
        if found is not None:
            return noun if noun == found + 3 and words[noun].lower() in _REFERENCES else found
        if noun + 1 >= len(words) or words[noun + 1].lower() not in ("of", "for"):
            return noun
        found = noun
    return found


def definite_nouns(words: list[str]) -> list[int]:
    """Indexes of every definite phrase's noun, in order ("the name", "the linesman", "the
    winger" of "What is the name of the linesman the winger barged?")."""
    return [i + 1 for i, word in enumerate(words[:-1]) if word.lower() in DETERMINERS
            and (_is_role_acronym(words[i + 1]) or _common_noun(words[i + 1]))
            and (word.lower() != "that" or refers_back(words, i))]


def own_names(question: str) -> list[str]:
    """The question's names; "MP" in "the MP" is a role."""
    return [name for name in entities(question) if not _is_role_acronym(name)]


def _is_role_acronym(word: str) -> bool:
    """A role written in capitals ("the MP", "the CEO"), not a name ("the BBC")."""
    return word.isupper() and is_role(word.lower())


def earlier_definite(words: list[str], before: str) -> int | None:
    """Index of the noun of a definite phrase that the previous question `before` named:
    `definite_noun`'s, or another ("the book" in "What takes the boy in the book…?" after
    "Which book won?") unless the question names things of its own that `before` does not."""
    first = definite_noun(words)
    if first is not None and _named_in(words[first], before):
        return first
    if any(name.lower() not in before.lower() for name in own_names(" ".join(words))):
        return None  # "What did Zeta announce at the end of the week?" asks about Zeta
    return next((i + 1 for i, word in enumerate(words[:-1]) if word.lower() in DETERMINERS
                 and _common_noun(words[i + 1]) and _named_in(words[i + 1], before)), None)


def _common_noun(word: str) -> bool:
    """A lower-case content word that is no question word: the noun of "the company"."""
    return word.islower() and bool(terms(word)) and word not in QUESTION_WORDS


def _named_in(noun: str, before: str) -> bool:
    """Whether the previous question `before` names the noun ("the company's": company)."""
    return phrase_in(re.sub(r"['’]s$", "", noun), before) is not None


_OPENS_A_REQUEST = AUXILIARY | {"am", "shall", "must", "tell", "name", "names", "list", "give",
                                 "show", "describe", "explain", "find", "identify", "define",
                                 "summarise", "summarize", "compare", "look", "count",
                                 "according"}
"""Words that open a question or a request ("Did…", "List…"), perhaps after "please"."""
_ASKS = re.compile(r"[?？؟¿]|^\W*(?:(?:please|kindly|now|so|and|but|also|then|ok|okay)\W+)?"
                   rf"(?:{'|'.join(sorted(_OPENS_A_REQUEST))})\b|"
                   r"\b(?:who|whom|whose|what|which|when|where|why|how|whats|whos)\b|"
                   r"n['’]t\b", re.IGNORECASE)
KEYWORDS = 4
"""At most this many words with nothing that asks are a search, not a question."""


def asks(text: str) -> bool:
    """Whether the text asks something: a question word, an auxiliary or a request opening
    it (perhaps after "please"), a question word anywhere, a question mark, or more than
    KEYWORDS words (a sentence may be a request). "red" or "Canada Turkey drones" asks
    nothing, so there is no answer to give, only the passages that match it."""
    return bool(_ASKS.search(text)) or len(text.split()) > KEYWORDS


def names_earlier_noun(question: str, before: str) -> bool:
    """'What did the report say…?' after a question about 'a report to Obi': the definite
    noun was named in the previous question, so the question leans on it."""
    return earlier_definite(WORD.findall(question), before) is not None


def still_refers(question: str) -> bool:
    """Whether a (rewritten) question still has a word that refers back (`refers_back`)."""
    words = WORD.findall(question)
    return any(refers_back(words, i) for i in range(len(words)))


_NO_PERSON = ORGANISATIONS | PLACES | frozenset("""championship championships tournament
competition award prize cup league event match game final race film movie album song book show
series report deal bill law newspaper magazine product brand title seat constituency ward
post job""".split())
"""What a which-question asks for that no "he" or "she" stands for: she is someone the question
names ("Which championships did Ann Lee pull out of?" + "Where could she win?")."""


def asks_no_person(before: str, named: str | None) -> bool:
    """Whether a which-question asks for a thing while naming a person, who is then what "he"
    or "she" stands for ("Which championships did Ann Lee pull out of?"; not "Which union
    leader…?", nor "Which firm did Ann Lee's husband found?")."""
    wanted = asked_kind(before)
    return bool(wanted and named and wanted.lower() in _NO_PERSON  # (not "union leader")
                and re.search(rf"\b{re.escape(wanted)}\s+(?:{AUXILIARY_PATTERN}|[a-z]+(?:es|ed))\b",
                              before) and not re.search(rf"\b{re.escape(named)}['’]", before))


def no_person(name: str, base: str) -> bool:
    """Whether a name of the previous question is no person's: more than one word that is not
    a person's name, initials, or one word before a noun it qualifies ("Orla captain Ann Lee",
    "Orla goals"; not "did Caprice get", where one word may be a person)."""
    if " " in name or strip_possessive(name).rstrip("s").isupper():
        return True  # "Orla Party", "UN", "MPs'"
    after = re.search(rf"\b{re.escape(name)}\s+([a-z][\w-]*)", base)
    return bool(after) and (is_role(after.group(1))
                            or re.search(r"[^s]s$", after.group(1)) is not None)
