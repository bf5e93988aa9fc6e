"""Whether a sentence says the verb a question asks about.

"Who directed the comedy?" is not answered by a sentence naming its stars: some verbs
("born", "founded", "directed", "signed") are seldom left unsaid by a sentence that answers
a question asking about them, so a sentence that says none of their forms answers something
else.
"""

from __future__ import annotations

import functools
import re

from .counted import counted_verb
from .names import AUXILIARY_PATTERN, initials_asked, strip_possessive
from .offices import UNDER
from .roles import GENERIC, TOKEN, asked_words, joined, same_role
from .verb_forms import PREDICATES
from .vocab import ASKING_PREPOSITION, STOPWORDS

_ASKER = re.compile(rf"(?:who|(?:{ASKING_PREPOSITION} )?(?:which|what) "
                    rf"(?!(?:{AUXILIARY_PATTERN}|the|a|an)\b)[\w-]+)\s+(?:has |had |have |will |"
                    r"is |was |were )?([a-z][\w-]*)", re.IGNORECASE)
"""The verb right after "who" or "which N" ("Who directed…?", "Which firm owns…?")."""
_MADE_EVENT = re.compile(r"(?:(?<=\bmade)|(?<=\bmakes))\s+(?:(?:the|a|an|its|their|his|her|that|"
                         r"this|these|those|such|any|no)\s+)?(?:[\w$£€.,-]+\s+){0,2}"
                         r"(?:announcement|statement|decision|comment|claim|call|remark|speech|"
                         r"move|mistake|change|offer|bid|allegation|accusation|promise|pledge|"
                         r"appeal|attempt|error|apology|point|case|difference|debut|appearance|"
                         r"progress|headway)(?:s|es)?\b", re.IGNORECASE)
"""'Who made the announcement?': "made" only carries the noun after it, which is asked."""
_PARTICIPLES = ("ed", "en", "born", "built", "made", "paid", "sold", "bought")
"""Endings and forms of a past participle: the verb of a passive ("was submitted")."""
_WHAT_DID = re.compile(r"\s*what\s+([a-z][\w-]*ed)\b", re.IGNORECASE)
"""A past verb right after "what" ("What caused…?")."""
_DUE_TO = re.compile(r"(?<!who )(?<!which )(?<!that )\b(?:is|are|was|were) "
                     r"(?:(?!(?:who|which|that)\b)[\w'’-]+ ){0,6}"
                     r"(?:due|set|expected|scheduled) to ([a-z]+)\b")
"""The verb a question asks about after "due to", "set to" ("When is Ann Lee due to arrive?"),
not in a relative clause ("the striker who is expected to sign…")."""
_AUXILIARY_ASKED = re.compile(r"\b(?:did|does|do|was|were|is|are|will|has|have|had|would|"
                              r"could|can)\b", re.IGNORECASE)
_LOWER = re.compile(r"(?<![\w'’-])[a-z][\w-]*")
"""A lower-case word of a question (not "ervice" in "Service")."""
_NOT_THE_VERB = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|these|those|of|to|would|"
                           r"could|should|might|may|can|will)\s+$", re.IGNORECASE)
"""A word after these is a noun ("the head of the Orla Fund") or the verb of another clause
("say would cost", "appoint to head"), not the question's verb."""
_CLAUSE = re.compile(r"\b(?:when|before|after|while|who|whom|where|because|that|since|as)\b",
                     re.IGNORECASE)
"""Where a question's own clause ends: "How old was Ann Lee when she died?" asks no "died"."""


def verbs_said(question: str, sentence: str) -> set[str]:
    """The question's main verbs (lower case, as asked) that the sentence says in one of
    their forms ("wrote" when it says "penned")."""
    return {verb for verb, said in _asked_verbs(question) if said.search(sentence)}


@functools.lru_cache(maxsize=256)
def _asked_verbs(question: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each main verb of the question seldom left unsaid, with the forms that say it."""
    question = question.strip()
    verbs = []
    m = _ASKER.match(question)
    if m and not _MADE_EVENT.match(question, m.end()):
        verbs.append(m.group(1))
    m = _WHAT_DID.match(question)
    if m:
        verbs.append(m.group(1))  # "What caused the explosion?"
    m = _DUE_TO.search(question)
    if m:
        verbs.append(m.group(1))  # "When is Ann Lee due to arrive?"
    if counted := counted_verb(question):
        verbs.append(counted)  # "How many people fled…?"
    aux = _AUXILIARY_ASKED.search(question)
    if aux:  # "Where did Ann Lee die?": the verbs of the auxiliary's own clause
        clause = question[aux.end():]
        end = _CLAUSE.search(clause)
        own = clause[:end.start()] if end else clause
        did = aux.group().lower() in ("did", "does", "do", "would", "could", "can")
        words = [m.group() for m in _LOWER.finditer(own)
                 if not _NOT_THE_VERB.search(own, 0, m.start())
                 and not _MADE_EVENT.match(own, m.end())]  # "has made a $3bn offer"
        # after "did": "did Orla pay for Zeta?", not "made" in "calls made in Velmora" nor
        # "cost" in "say would cost jobs" (a noun that is also a verb, "did the design
        # cost…?", is seldom left unsaid either); after "was": "was submitted", "be sentenced"
        verbs.extend("founded" if did and w == "found" else w  # "did Ann Lee found Orla"
                     for w in words if _participle(w) is not did)
    verbs.extend(verb for verb, said in _TWO_WORDS if said.search(question))
    acting = _ACTING.search(question) and not _PLAYS_A_PART.search(question)
    return tuple((verb.lower(), said) for verb in verbs for asked, said in PREDICATES
                 if asked.fullmatch(verb.lower()) and (acting or not verb.startswith("play")))


_ACTING = re.compile(r"\b(?:film|movie|series|show|sitcom|drama|soap|musical|biopic|"
                     r"production|adaptation|character)s?\b|"
                     r"\bplay(?:s|ed)? the (?!(?:key|leading|lead|major|central|big|decisive)\b)"
                     r"(?:[a-z-]+ ){0,2}in (?-i:[A-Z])", re.IGNORECASE)
"""A question about a film or a show, or one playing a part in a title ("Who plays the rapper in
Orla Nights?"): its "play" is a part, said as one (not "Who did England play?", "Which club does
she play for?", "Who plays the holders in the final?")."""
_PLAYS_A_PART = re.compile(r"\b(?:what|which)\s+(?:\w+\s+)?(?:role|part)\b", re.IGNORECASE)
"""'What role did Ostria play in the talks?': any verb may say it."""


_ASKS_WORDS = re.compile(r"\s*(?i:what|how)\s+(?:did|does|do|has|have|had|will|would)\s+"
                         r"(?:[\w'’.&-]+\s+){1,6}?(?:say|said|tell|told)\b")
"""'What did Ostria say about…?': a name's words are asked for."""
_STANCE = re.compile(r"\b(?:welcom|prais|condemn|dismiss|accus|found\b|finds\b|show|conclu|"
                     r"reveal|recommend|ban(?:s|ned)?\b|criticis|criticiz|blam|reject|back(?:s|ed)\b|"
                     r"support|oppos|hail|slam|attack|defend|vow|threat|maintain|believ|think|"
                     r"thought|feel|felt|hope|fear|expect|want|demand|appeal|brand|dub|"
                     r"recogni[sz]|acknowledg|apologi|thank|congratulat|protest|object)",
                     re.IGNORECASE)
"""Verbs that report a stance as well as words do ("Ostria welcomed the move", "the report
found"): what a name said may be told with them."""


def words_unsaid(question: str, sentence: str, verb_missing: bool | None = None) -> bool:
    """Whether the question asks what someone said and the sentence neither quotes nor
    reports anyone's words: "What did Ostria say about the embassy?" is not answered by "The
    move comes months before Velmora opens an embassy in Ostria" (a gate, where the weighed
    `predicate_missing` leaves a strong sentence through). `verb_missing` is that check's
    result when the caller has it already."""
    if not _ASKS_WORDS.match(question):
        return False
    if verb_missing is None:
        verb_missing = predicate_missing(question, sentence)
    return verb_missing and not _STANCE.search(sentence)


def _participle(word: str) -> bool:
    """Whether a word is a past participle ("submitted", "built"; not "succeed", "open")."""
    return word.endswith(_PARTICIPLES) and not word.endswith(("eed", "pen"))


def predicate_missing(question: str, sentence: str) -> bool:
    """Whether the question's main verb is one seldom left unsaid ("born", "founded",
    "directed") and the sentence says it in no form: "Who directed the comedy?" is not
    answered by a sentence naming its stars; nor by one that says it only of another
    ("Evil Dead director Sam Raimi", `agent_elsewhere`). Asked when, the doer's noun does not
    say it either: "since founder Ann Lee died in 2002" tells when she died."""
    said = _asked_verbs(question)
    when = _ASKS_WHEN.match(question)
    return bool(said) and not any(
        _says(s, sentence, when) or verb in ("cost", "costs") and _priced(question, sentence)
        for verb, s in said) or agent_elsewhere(question, sentence)


def _says(said: re.Pattern[str], sentence: str, when: re.Match[str] | None) -> bool:
    """Whether the sentence says the verb (`said`); asked when, not only by the doer's noun."""
    return any(not when or not _DOER.fullmatch(_WORD_AT.match(sentence, m.start()).group())
               for m in said.finditer(sentence))


_ASKS_WHEN = re.compile(r"\s*(?:when|(?:in |by |since )?(?:what|which) (?:year|date|month|day))\b",
                        re.IGNORECASE)
_DOER = re.compile(r"[\w-]+(?:er|or)s?|co-?founders?", re.IGNORECASE)
"""A doer's noun ("founder", "directors"): who did it, not when."""
_WORD_AT = re.compile(r"[\w-]*")
_TWO_WORDS = (("set up", re.compile(r"\bset\s+up\b", re.IGNORECASE)),
              ("lift off", re.compile(r"\b(?:lift|blast)(?:s|ed|ing)?\s+off\b", re.IGNORECASE)))
"""Verbs said in two words, asked as one: "When was the pact set up?" ("set" alone says
little), "When did the probe lift off?" (not "lifted the ban")."""


_PRICED = re.compile(r"[£$€¥]\s?\d[\d.,]*\s?(?:bn|m|k|billion|million)?\s+([a-z-]+)"
                     r"(?:\s+([a-z]+))?")
"""A sum right before a noun, perhaps past one word ("the £456m system", "a $2bn new
plant"): the noun's price."""


def _priced(question: str, sentence: str) -> bool:
    """Whether the sentence puts a sum before a noun of the question: "How much did the
    computer system cost?" is answered by "the £456m system"."""
    asked = {w.lower() for w in _LOWER.findall(question)} - STOPWORDS
    return any(m[1] in asked or m[1] not in STOPWORDS and m[2] in asked
               for m in _PRICED.finditer(sentence))


_AGENTS = {
    "direct": ("director",), "produc": ("producer",), "found": ("founder",),
    "coach": ("coach",), "own": ("owner",), "head": ("head",), "chair": ("chairman", "chair"),
    "design": ("designer",), "present": ("presenter",), "host": ("host",),
    "manag": ("manager",), "lead": ("leader",), "led": ("leader",)}
"""The noun for the one who does a verb ("director" for "directed"), by the verb's stem."""
_ASKS_AGENT = re.compile(r"^(?i:who|which [\w-]+)\s+(?:has |had |will |(?:is|was) (?=\w+ing\b))?"
                         r"(direct|produc|found|coach|own|head|chair|design|present|host|"
                         r"manag|lead|led)(?:s|es|ed|ing|e)?\b")
"""'Who directed…?', 'Which firm owns…?': the stem of the verb whose doer is asked for (not
a passive: "Who was found guilty?")."""
_VERB_SAID = {"lead": r"lead|leads|leading|led", "led": r"lead|leads|leading|led"}
_ADJECTIVE = re.compile(r"(?:ian|an|ish|ese|ic|i)$|-")
"""How a capitalised word that describes rather than names ends: "Russian", "British",
"Oscar-winning"."""


def agent_elsewhere(question: str, sentence: str) -> bool:
    """Whether the question asks who does a verb to something it names ("Who directed Hide
    and Seek?") and the sentence says it only with the doer's noun, each time of another:
    "Evil Dead director Sam Raimi" (a name before the noun that the question lacks, while
    the sentence never names what was asked about), "deputy head of the department". The
    verb itself ("directed by") is never judged, nor a noun whose name is only described
    ("British director Danny Boyle"), nor one when the sentence names what was asked about."""
    agent = _asked_agent(question.strip())
    if agent is None:
        return False
    stem, asked, owner = agent
    said = _VERB_SAID.get(stem, rf"{stem}(?:s|es|ed|ing)")
    if re.search(rf"\b(?:{said})\b", sentence, re.IGNORECASE):
        return False  # the verb itself is said
    tokens = list(TOKEN.finditer(sentence))
    words = [t.group() for t in tokens]
    at = [n for n, word in enumerate(words) for noun in _AGENTS[stem]
          if same_role(word.lower(), noun)]
    low = sentence.lower()
    owner_said = bool(owner) and all(re.search(rf"\b{re.escape(w)}", low) for w in owner)
    return bool(at) and all(_elsewhere(tokens, words, n, asked, owner_said, owner) for n in at)


@functools.lru_cache(maxsize=256)
def _asked_agent(question: str) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """The stem of the verb whose doer the question asks for, the question's words and
    initials, and the 4-letter stems of what it names as done ("dark", "harb" for "…the
    thriller Dark Harbour?"), or None."""
    m = _ASKS_AGENT.match(question)
    if not m:
        return None
    run = re.match(r"\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?([A-Z][\w'’.&-]*(?:\s+(?:of\s+|and\s+)?"
                   r"[A-Z][\w'’.&-]*)*)", question[m.end():])
    owner = frozenset(w[:4] for w in strip_possessive(run.group(1)).lower().split()
                      if w not in ("of", "and")) if run else frozenset()
    return m.group(1), asked_words(question) | set(initials_asked(question)), owner


def _elsewhere(tokens: list[re.Match[str]], words: list[str], n: int, asked: frozenset[str],
               owner_said: bool, owner: frozenset[str]) -> bool:
    """Whether the doer's noun at words[n] is another's (`agent_elsewhere`): a name before
    it that shares nothing with the question, or only a word many names share ("Zeta Bank
    chairman" for the Velmora Banks Association's)."""
    if any(w.lower() in UNDER and w.lower() not in asked for w in words[max(0, n - 2):n]):
        return True  # "deputy head"
    if owner_said or not owner:
        return False
    qualifier = []
    j = n - 1
    while j >= 0 and words[j][:1].isupper() and joined(tokens, j) and n - j <= 4:
        qualifier.append(words[j])
        j -= 1
    named = {strip_possessive(w).lower()[:4] for w in qualifier
             if not _ADJECTIVE.search(w.lower()) and w.lower() not in STOPWORDS}
    if not named or named <= {a[:4] for a in asked}:
        return False
    return not named & owner or bool(owner - named - GENERIC)


_KEPTS = (r"(?:prevent(?:s|ed|ing)?|stop(?:s|ped|ping)?|bar(?:s|red|ring)?|ban(?:s|ned|ning)?|"
          r"keep(?:s|ing)?|kept|block(?:s|ed|ing)?|deter(?:s|red|ring)?|discourag(?:e|es|ed|ing))")
_KEPT_FROM = re.compile(rf"\b{_KEPTS}\s+[^.;:]{{0,160}}?\bfrom\s+$", re.IGNORECASE)
"""What keeps a thing from happening, right before its verb ("preventing some 700,000 civilians
… from returning")."""
_ASKS_KEPT = re.compile(rf"\b(?:{_KEPTS}|unable|not|never)\b|n['’]t\b", re.IGNORECASE)


def kept_from(question: str, sentence: str) -> bool:
    """Whether the sentence says the question's main verb only of what is kept from happening:
    "…preventing some 700,000 civilians who were pushed out from returning" answers no "How
    many civilians have returned?" (unless the question asks what is kept from happening)."""
    said = _asked_verbs(question)
    if not said or _ASKS_KEPT.search(question):
        return False
    hits = [m.start() for _, pattern in said for m in pattern.finditer(sentence)]
    return bool(hits) and all(_KEPT_FROM.search(sentence, max(0, at - 200), at) for at in hits)
