"""Whom a sentence's definite subject stands for: "The bank has 2.3 million customers" after
"Ostrava Savings Bank raised its rate, a week after Kellin Bank cut its own" is Ostrava's,
and answers nothing about Kellin Bank.

News names a body or a person once and then says "the bank", "the club", "the striker". The
one a reader takes it for is the subject of the sentence before (the centre of attention
carried over), not whatever name came last. Only that sentence is read, and only when its
subject is plainly a name of the same kind (a body for "the company", a person for "the
minister"); anything less sure decides nothing, and the sentence is weighed as before.
"""

from __future__ import annotations

import re

from .bodies import BODIES, holds_role
from .lands import DEMONYM, demonym_of
from .names import (
    CAPITALISED_RUN,
    FIRM_ENDS,
    KINDS_DESCRIBED,
    OPENERS,
    TITLES,
    initials_of,
    is_organisation,
    is_role,
    is_time,
    person,
    strip_possessive,
)
from .passages import split_sentences
from .vocab import ASKS_WHO_OR_WHICH, ORGANISATION_WORDS, PUBLIC_SERVICE_WORDS, STOPWORDS

_PEOPLE = re.compile(rf"(?:{DEMONYM})s")
"""A people's name ("Georgians"), which no role or body stands for (not "Meridian", a firm's
name as much as a people's adjective)."""
_DEFINITE = re.compile(r"[^\w\"“]*The((?:\s+[a-z][\w-]*(?:['’]s)?){1,4})")
"""A sentence opening with a definite noun ("The bank", "The oil firm", "The former
minister", "The club's top scorer"), not a quote."""
_ITS = re.compile(r"[^\w\"“]*(?:Its\s+[a-z]|It\s+(?:also\s+)?[a-z]+ed\b)")
"""A sentence opening with "Its" or "It" and a verb done, read as "the company": the body the
sentence before is about ("Linden Retail reported… Its shares rose 6%", "It recruited…")."""
_OPENING = re.compile(r"\W*(?:(?:But|And|However|Meanwhile|Now|So|Yet|Also|Still|Instead),?\s+)?")
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
_DESCRIBED = re.compile(r"(?:[A-Z][a-z]+\s+(?:[a-z][\w-]*\s+){1,3}?|(?:[Tt]he\s+)?"
                        r"(?:[a-z][\w-]*\s+){0,3}?)(?=[A-Z])")
"""What may come before a subject's name: "The broadcaster", "Rival carrier", "State-owned"."""
_DESCRIBING = BODIES | KINDS_DESCRIBED | frozenset({"operator", "owner", "provider"})
"""Nouns between two names that make the first describe the second ("Channel Tunnel
operator Eurotunnel")."""
_BODY_NOUNS = BODIES | frozenset("""lender insurer carmaker miner supplier utility service trust
manufacturer developer builder brewer grocer supermarket exchange fund operator outfit giant
club side squad""".split())
"""Nouns that stand for a body named before ("the lender", "the carmaker")."""
_BODY_NOUN_PATTERN = "|".join(sorted(_BODY_NOUNS))
_NOUNS = _BODY_NOUNS - {"house"}
"""Those read in a sentence's opening ("The house price…" is no auction house)."""
_GENERIC = _BODY_NOUNS | FIRM_ENDS | PUBLIC_SERVICE_WORDS \
    | frozenset("the fc city united town health".split())
"""Words of a name that say what it is, not which ("Bank" of "Kellin Bank", "Fire" of "Kelby
Fire Service"): two names that share only these are two."""
_GENERIC_SAID = _GENERIC | ORGANISATION_WORDS
"""...and the words that do not say a name when a sentence says them ("energy" of "Brightwell
Energy"), though another name that shares one may be the same ("The Energy Standards Office
has fined Brightwell Energy…")."""
QUESTION_NAME = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]+(?:\s+(?:&\s+)?[A-Z][\w'’-]+)*")
"""A question's name: capitalised words past its first ("Ada Obi", "Marks & Spencer")."""
_MAX_NAMES = 12
"""A question's names read: enough for any real question, a bound for a hostile one."""


def subject_elsewhere(question: str, sentence: str, passage: str) -> bool:
    """Whether `sentence` (in `passage`) opens with a definite noun ("The bank…") that stands
    for another body or person than the one the question names and the sentence does not:
    the subject of the sentence before is a name of that kind, and none of the question's."""
    if _rival_said(question, sentence):
        return True
    opening = _DEFINITE.match(sentence)
    if opening:
        words = [re.sub(r"['’]s$", "", w) for w in opening.group(1).split()]
    elif _ITS.match(sentence):
        words = ["company"]  # "Its shares rose 6%": the company's, whom the sentence before says
    else:
        return False
    at = next((i for i, w in enumerate(words[:3]) if w in _NOUNS or is_role(w)), None)
    if at is None or {"of", "for", "in", "at"} & set(words[at + 1:at + 3]):
        return False  # "The chief executive of Orla" says whose
    noun = words[at]
    # a people the question names ("Georgians") is no one "The president" stands for
    missing = [n for n in _missing(question, sentence) if not _PEOPLE.fullmatch(n)]
    if not missing or (start := passage.find(sentence)) <= 0:
        return False
    if noun not in _NOUNS and _labelled_other(noun, missing, passage[:start]):
        return True
    before = [passage[a:b] for a, b in split_sentences(passage, 0, start)
              if passage[a:b].strip()]
    if not before:
        return False
    found = _subject(before[-1].rsplit("\n", 1)[-1], passage)  # (a headline's own line)
    if found is None:
        return False
    subject, lead = found
    if noun in _NOUNS and noun not in _OVERSEERS and any(
            w.lower() in _OVERSEERS for w in f"{lead} {subject}".split()):
        # "The Civil Aviation Authority fined Pellow Air…. The airline…": the one acted on
        acted = _ACTED_ON.search(before[-1], before[-1].find(subject) + len(subject))
        return acted is not None and bool(missing) \
            and not any(_same(acted.group(1), n) for n in missing)
    if noun in _NOUNS:
        if not _a_body(subject, passage, bool(lead)):
            owner = _OWNER_ROLE.fullmatch(lead)  # "Dunmore striker Tobias Ferrin scored…. The
            if not owner or not is_role(owner.group(2)) or not _owner_name(owner.group(1),
                                                                           passage):
                return False  # club…": Dunmore, whose striker
            subject = owner.group(1)
        missing = [n for n in missing if not _held_by_person(n, passage)]
    else:
        if lead.lower() == "the" or not (
                _held_by_person(subject, passage) or " " in subject and person(subject)):
            return False  # "the Scottish Executive" is no one
        missing = [n for n in missing
                   if _held_by_person(n, passage) or person(n, single=True, context=passage)]
    return bool(missing) and not any(_same(subject, n) for n in missing)


def _rival_said(question: str, sentence: str) -> bool:
    """Whether the sentence is about a rival it sets off ("Its largest competitor, Nexory,
    reported…", "Corvell's main rival, Brisco Dairies, said…", "Rival Helix reported…") or a
    parent it does not name ("Its parent company reported…") and the question names another:
    what they did is theirs."""
    m = _RIVAL.match(sentence)
    if m is None or re.search(r"\b(?:rivals?|competitors?|parents?|owners?)\b", question,
                              re.IGNORECASE):
        return False  # "Who is Hart-Wyler's main rival?" asks for the one set off
    asked = [_own(a) for a in _missing(question, "")]
    if (named := m.group(1) or m.group(2)) is None:  # "Its parent company reported…": a body
        # not named, unless the question asks who or which
        return bool(asked) and not ASKS_WHO_OR_WHICH.match(question)
    rival = _own(named)
    if m.group(2) and any(a & _own(sentence, fallback=False) for a in asked):
        return False  # "Rival bidder Helix had offered $1bn, but Zeta chose Orla's": Orla's too
    return bool(asked) and not any(a & rival for a in asked)


def _own(name: str, generic: frozenset[str] = _GENERIC_SAID, fallback: bool = True) -> set[str]:
    """A name's words that say which one it is, not what it is ("Nexory" of "Nexory Systems"),
    by their first five letters; all its words when it has no others (with `fallback`)."""
    words = {strip_possessive(w).lower() for w in name.split()}
    return {w[:5] for w in words - generic} or ({w[:5] for w in words} if fallback else set())


_RIVAL = re.compile(r"\W*(?:[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*['’]s?|Its|Their)\s+"
                    r"(?:[a-z][\w-]*\s+){0,2}(?:(?:rivals?|competitors?),\s+"
                    r"([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4}),|(?:parent|owner)"
                    r"(?:\s+(?:company|group|firm))?)\s+[a-z]|"
                    r"\W*(?:Rival|Competitor)s?\s+(?:[a-z][\w-]*\s+){0,2}"
                    r"([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4}),?\s+[a-z]")
"""A sentence about another body than the one it names first: its rival set off ("Its largest
competitor, Nexory, reported…") or its parent ("Its parent company reported…")."""


_ACTED_ON = re.compile(r"\s(?:has\s+|have\s+|had\s+)?[a-z]+ed\s+"
                       r"([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)")
"""What a body's verb was done to: "… fined Pellow Air"."""
_OWNER_ROLE = re.compile(r"([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)\s+([a-z][\w-]*)")
"""A name and a role before a person's name: the body the person works for ("Dunmore
striker")."""


def _owner_name(name: str, passage: str) -> bool:
    """Whether the words before a role name a body ("Dunmore striker"), not the role's own
    ("Chief executive", "Finance minister": the passage says "finance" in lower case) nor a
    name's generic word alone ("City chairman" of Ashcombe City)."""
    words = name.split()
    return not any(is_role(w) or w.lower() in _RANKS for w in words) \
        and any(w.lower() not in _GENERIC_SAID for w in words) \
        and not re.search(rf"\b{re.escape(words[0].lower())}\b", passage)


_RANKS = frozenset("former deputy acting interim senior managing general assistant".split())
"""Words that open a role, capitalised at a sentence's start ("Managing director…")."""
_OVERSEERS = frozenset("""regulator watchdog authority office commission ombudsman court tribunal
inspectorate ministry department""".split())
"""Bodies that act on others (fine, rule, inspect): "the airline", "the lender" after one is the
body it acted on, not it."""


def _labelled_other(noun: str, missing: list[str], before: str) -> bool:
    """Whether the text before the sentence calls someone else by the role its "the `noun`"
    says, and none of the question's people, and names none of them since: "The winger was
    born in Lisbourne" after "… signed winger Paolo Restrepo" is Restrepo, whoever was named
    before him."""
    labelled = list(re.finditer(
        rf"\b(?i:{re.escape(noun)})\s+((?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)", before))
    if not labelled:
        return False
    lasts = [re.escape(asked.split()[-1]) for asked in missing]
    since = before[labelled[-1].end():]
    return not any(_same(m.group(1), asked) for m in labelled for asked in missing) \
        and not any(re.search(rf"\b{last}\b", since) for last in lasts) \
        and not any(re.search(rf"\b{last}(?:\s*,|\s+as)\s*(?:(?:the|a|an)\s+)?(?:[\w-]+\s+)"
                              rf"{{0,2}}{re.escape(noun)}\b", before, re.IGNORECASE)
                    for last in lasts)  # "Falkirk, the winger", "Dalmer as finance minister"


def _missing(question: str, sentence: str) -> list[str]:
    """The question's names that the sentence does not say, by any word of their own
    ("Kellin" of "Kellin Bank") or their initials."""
    said = {w[:5] for w in re.findall(r"[\w'’-]+", sentence.lower())}
    out = []
    for n, m in enumerate(QUESTION_NAME.finditer(question.strip())):
        if n == _MAX_NAMES:
            break
        parts = [strip_possessive(w) for w in m.group().split() if w != "&"]
        name = " ".join(parts)
        if is_time(name) or m.group().isupper() and len(m.group()) <= 3:
            continue
        own = [w for w in parts if w.lower() not in _GENERIC_SAID]
        short = initials_of(name)
        if own and not any(w.lower()[:5] in said for w in own) and not (
                len(short) > 1 and re.search(rf"\b{re.escape(short)}\b", sentence)):
            out.append(name)
    return out


def _subject(sentence: str, passage: str) -> tuple[str, str] | None:
    """The name a sentence opens with, as its subject ("Ostrava Savings Bank raised…", "Rival
    carrier Jetmaro said…"), and the words before it that say what it is ("Rival carrier",
    "the"); or None: a quote, a common word ("Shoppers at…"), another's ("Silver Ramble's
    former drummer"), a time, or no verb after it."""
    if re.match(r"\W*[\"“]", sentence):
        return None  # a quote first: whose words, not who did
    text = _QUOTE.sub("", sentence).strip(" ,")
    text = text[_OPENING.match(text).end():]
    lead = _DESCRIBED.match(text)
    described = lead.group(0) if lead else ""
    if described and described[:1].isupper() and not described.startswith("The ") \
            and _capitalised_inside(described.split()[0], passage):
        described = ""  # "Transport Minister Jon Tallis": the name's own start
    if any(w.lower() in STOPWORDS for w in described.split()[1:]):
        return None
    rest = text[len(described):]
    run = CAPITALISED_RUN.match(rest)
    if run and (owned := _OWNED_APPOSITION.match(rest, run.end())) \
            and owned.group(1).split()[-1] in _RELATIONS:
        return owned.group(2), owned.group(1)  # "Corvell's main competitor, Ostrander
        # Automotive, announced…": Ostrander Automotive, the one set off
    if not run or re.search(r"['’]s?$", run.group(0)) or re.match(r"['’]", rest[run.end():]):
        return None
    between = re.match(r"\s+([a-z][\w-]*)\s+(?=[A-Z])", rest[run.end():])
    if between and (between.group(1) in _DESCRIBING or is_role(between.group(1))):
        rest, described = rest[run.end() + between.end():], f"{run.group(0)} {between.group(1)}"
        run = CAPITALISED_RUN.match(rest)
    words = strip_possessive(run.group(0).strip(" .,")).split()
    if not words or words[0].lower() in STOPWORDS | OPENERS \
            or not described and len(words) == 1 and not _capitalised_inside(words[0], passage):
        return None
    name = " ".join(words)
    after = rest[run.end():]
    if is_time(name) or _ROLE_SET_OFF.match(after) or not re.match(
            r"(?:,[^,.;:]{1,60},)?\s+(?:[a-z]+\s+)?[a-z]+", after):  # "Aventa, based in…,"
        return None
    return name, described.strip()


_OWNED_APPOSITION = re.compile(r"(?<=['’]s)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*),\s+"
                               r"([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4}),\s+[a-z]")
"""A name's noun set off by another name, the sentence's subject: "Corvell's main competitor,
Ostrander Automotive, announced…"."""
_RELATIONS = _BODY_NOUNS | frozenset("""competitor rival owner parent subsidiary partner supplier
customer buyer bidder suitor""".split())
"""What a body is to another's name ("Corvell's main competitor"), unlike a role ("Orla's chief
executive, Bo Park,")."""
_ROLE_SET_OFF = re.compile(r",\s*(?:who\b|(?:[a-z][\w-]*\s+){1,4}(?:of|at|for)\s+(?:the\s+)?[A-Z])")
"""A clause after a name that makes it a person's: "Trent Mallory, regional officer of the
Allied Makers Union, said…", "…, who…"."""



def _capitalised_inside(word: str, passage: str) -> bool:
    """Whether the passage capitalises `word` somewhere other than at a sentence's start, or
    says it as a body's name ("Harrowgate Bank agrees…" in a headline)."""
    return any(not _STARTS.search(passage, max(0, m.start() - 3), m.start())
               or is_organisation(m.group(1) or "")
               for m in re.finditer(rf"\b{re.escape(word)}\b(?:\s+([A-Z][\w'’-]+))?", passage))


_STARTS = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")
"""What comes right before a sentence's first word."""


def _held_by_person(name: str, passage: str) -> bool:
    """Whether the passage gives `name` a person's role or title ("winger Luca Ferro", "Mr
    Lee")."""
    full = re.search(rf"\b(?:[A-Z][\w'’-]+\s+)?{re.escape(name)}\b", passage)
    return holds_role(full.group(0) if full else name, passage) or holds_role(name, passage) \
        or re.search(rf"\b(?:Mr|Mrs|Ms|Dr)\.?\s+{re.escape(name.split()[-1])}\b",
                     passage) is not None


def _a_body(name: str, passage: str, described: bool) -> bool:
    """Whether a subject is plainly a body's name, not a person's: no role or title is given
    it ("Former Scots Guardsman Allan Hendry", "Ferro" after "winger Luca Ferro"), and words
    before it say what it is ("Rival carrier Jetmaro"), or it has a body's word ("Ostrava
    Savings Bank", "Dunmore City"), or it does not look like a person's name ("Trent Mallory
    said…" and "Wardle was speaking…" do)."""
    if _held_by_person(name, passage) or any(
            is_role(w) or w.lower() in TITLES or w.lower() == "former" for w in name.split()):
        return False
    return described or is_organisation(name) or _called_a_body(name, passage) \
        or person(name, single=True, context=passage) is None


def _called_a_body(name: str, passage: str) -> bool:
    """Whether the passage calls the name a body ("the punk group Static Orchard", "charity
    Brightsteps") or gives it a body's word ("Trellis Software")."""
    return re.search(rf"\b(?:{_BODY_NOUN_PATTERN})\s+{re.escape(name)}\b"
                     r"(?!\s+[a-z]+(?:ed|s)\b)", passage) is not None or any(  # (not "the
        # group Ann Lee founded")
        is_organisation(run) for run in re.findall(
            rf"\b{re.escape(name)}(?:\s+[A-Z][\w'’-]+)+", passage))


def _same(subject: str, name: str) -> bool:
    """Whether two names are one: a word of their own shared, one the other's initials, or a
    land and its people ("Georgia" and "Georgians")."""
    return bool(_own(subject, _GENERIC, fallback=False) & _own(name, _GENERIC, fallback=False)) \
        or initials_of(subject) == name \
        or initials_of(name) == subject \
        or demonym_of(name, subject) or demonym_of(subject, name)
