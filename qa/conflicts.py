"""Whether a sentence puts another name where the question has one: "ambassador to Brandia"
for the ambassador to Velmora, "Bo Park won 84 caps" for Ann Lee's caps. Such a sentence
answers the same question about something else (the `names_conflict` gate of qa.evidence)."""

from __future__ import annotations

import re

from .aliases import middle_differs, past_the, same_root
from .bodies import BODIES
from .lands import DEMONYM, demonym_of
from .names import (
    AUXILIARIES,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    initials_of,
    is_role,
    is_time,
    modifies,
    name_words,
    person,
    strip_possessive,
)
from .vocab import ORGANISATION_WORDS, STOPWORDS

_RUNS = re.compile(r"(?<![\w'’.&-])[A-Z][\w'’.&-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’.&-]*)*")
"""Runs of capitalised words, each from the start of a word (so a search is linear)."""
_LINKS = frozenset({"the", "a", "an", "and", "of", "in", "at", "by", "with", "for", "from", "on",
                    "to", "into"})
_PLACE_LINKS = "in|at|from|to|into"
"""Words that put a name in a place ("sold in Velmora", "fled to Ostria")."""
_PLACED = re.compile(rf"\b([a-z0-9][\w-]*)\s+(?:[A-Z][\w.-]*\s+){{0,3}}({_PLACE_LINKS})\s+"
                     r"(?:the\s+)?$")
"""A word and the link that puts a name in a place ("sold in", "born at", "fled Velmora to"),
a name between them."""
_LINKED = {"to": "(?:in)?to", "into": "(?:in)?to"}
"""Links that say the same ("fled to" / "fled into")."""
_QUALIFIES = re.compile(r"\s+([a-z][\w-]*)\s+[A-Z]")
"""A lower-case word between two names: a role when the first describes the second."""
_NEAR = 80
"""Characters either side of a name read for its context."""
_MAX_NAMES = 12
"""Names of a question judged for a conflict: enough for a real one, a bound on a hostile one."""


def names_conflict(question: str, sentence: str) -> bool:
    """Whether the sentence puts another name where the question has one, and never names
    the question's: "ambassador to Velmora" / "to Brandia", "Ostria's trade surplus" /
    "Brandia's", "in the Aston ward" / "in the Bordesley ward": it answers the same question
    about something else. ("The UK's" / "Britain's" also conflict: qa has no aliases list.)"""
    runs = [(m.start(), m.end(), m.group(0)) for m in _RUNS.finditer(sentence)]
    if not runs:
        return False
    if _subject_taken(question, sentence) or _speaker_taken(question, sentence) \
            or _passive_taken(question, sentence):
        return True
    for n, m in enumerate(_RUNS.finditer(question)):
        if n == _MAX_NAMES:
            break
        name = m.group(0)
        if m.start() == 0 or name.split()[0] in {"The", "A", "An", "In", "On"} \
                or re.search(r"[A-Z][\w'’.-]*\s+&\s+$", question[:m.start()]):
            continue  # (nor "Lee" of "Orla & Lee": the firm's first name says which one)
        qualifier = _QUALIFIES.match(question, m.end())
        if qualifier and is_role(qualifier.group(1)):
            continue  # "to Orla Bank chief Ann Lee": the name describes Ann Lee
        base = strip_possessive(name)
        before = re.search(r"(?<![\w'’.&-])((?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s+$",
                           question[max(0, m.start() - _NEAR):m.start()])
        if re.search(rf"(?<!\w){re.escape(base)}(?!\w)", sentence, re.IGNORECASE):
            if before and _slot_taken(before.group(1), base, sentence):
                return True  # "Brandia's ambassador to Velmora" for Velmora's to Brandia
            continue
        after = re.match(r"\s+((?:[a-z0-9][\w-]*\s+)?[a-z][\w-]*)",
                         question[m.end():m.end() + _NEAR])  # ("Orla's 5G network")
        placed = _PLACED.search(question, max(0, m.start() - _NEAR), m.start())
        if placed and (placed.group(1) in _LINKS or placed.group(1) in AUXILIARIES):
            placed = None
        own = _own_words(base)
        for start, end, run in runs:
            other = strip_possessive(run)
            if middle_differs(base, other, sentence):
                return True  # "the World Economic Forum" for "the World Social Forum"
            if same_root(other, base) or own & _words(other) \
                    or not _words(other) - ORGANISATION_WORDS \
                    or _shortens(other, base) or _shortens(base, other) \
                    or demonym_of(other, base):  # "VE's profit" for Velmora Electric's, "EU"
                # for European Union, "the Cup" for the Hopman Cup, "the Welsh" for Wales
                continue
            following = sentence[end:end + _NEAR]
            preceding = sentence[max(0, start - _NEAR):start]
            if after and name != base and other != run \
                    and re.match(rf"\s+{re.escape(after.group(1))}\b", following):
                return True  # "Ostria's trade surplus" / "Brandia's trade surplus"
            if before and re.fullmatch(r"(?:[a-z][\w-]*\s+)?[a-z][\w-]*\s+the", before.group(1)) \
                    and (verb := before.group(1).split()[-2]) not in _LINKS \
                    and verb not in STOPWORDS and verb not in AUXILIARIES \
                    and re.search(rf"\b{re.escape(verb)}\s+the\s+$", preceding):
                return True  # "won the Wessex Trophy" / "won the Northfield Trophy"
            if before and before.group(1).split()[-1] not in _LINKS \
                    and before.group(1) not in STOPWORDS:
                if re.search(rf"\b{re.escape(before.group(1))}\s+(?:the\s+)?$", preceding):
                    return True  # "ambassador to Velmora" / "ambassador to Brandia"
            elif placed and not is_time(other) and not _shortens(other, base) \
                    and not _shortens(base, other) \
                    and not modifies(preceding, following) \
                    and re.search(rf"\b{_stem(placed.group(1))}\w{{0,3}}(?:\s+[\w,-]+){{0,5}}\s+"
                                  rf"{_LINKED.get(placed.group(2), placed.group(2))}"
                                  r"\s+(?:the\s+)?$", preceding, re.IGNORECASE):
                return True  # "sold in France" / "sold 3m cars in Germany" (not "in M&S",
                # nor "moved to the London club": a name that only describes a noun)
            elif before and len(before.group(1).split()) == 2 and after \
                    and re.search(rf"\b{re.escape(before.group(1))}\s+(?:the\s+)?$", preceding) \
                    and re.match(rf"\s+{re.escape(after.group(1).split()[0])}\b", following):
                return True  # "in the Aston ward" / "in the Bordesley ward"
    return False


_SUBJECT = re.compile(r"\b(did|does|do|has|have|will)\s+(?:the\s+)?"
                      r"([A-Z][\w.&-]*(?:['’]s(?=\s+[A-Z]))?(?:\s+(?:of\s+|de\s+|and\s+|&\s+)?"
                      r"[A-Z][\w.&-]*)*(?:['’]s(?=\s+[a-z][\w-]+\s*\?))?)"
                      r"\s+([a-z][\w-]+)")
"""An auxiliary, the name that is its subject and the verb: "does Orla Motors employ", "does
Fenner's employ?" (not a passive: in "When was Ann Lee arrested?" the name is what was done
to)."""
_PLACED_NAME = rf"\b(?:{_PLACE_LINKS})\s+(?:the\s+)?([A-Z][\w'’-]+)"
"""A name the question places after its verb: where, not who."""
_NOT_ASKED_VERB = frozenset({"be", "been", "not", "also", "still", "now", "ever", "never", "just",
                             "to", "the", "a", "an", "have", "has", "had", "do", "get", "got",
                             "say", "said"})
_DEVERBAL = ("ing", "ed", "es", "s", "e")
_SAID_BEFORE = (r"(?:\s+(?:has|have|had|also|now|only|already|then|currently|will|would|could|may|"
                r"might|can))*(?:\s+(?:aims?|aimed|plans?|planned|wants?|wanted|hopes?|hoped|"
                r"intends?|intended|agreed|decided|(?:is|are|was|were)\s+(?:set|due|about|going|"
                r"reported|said|understood|believed|thought))\s+to(?:\s+have)?)?")
"""What may stand between a name and its verb: "Orla has now sold", "Orla aims to open"."""
_NOT_NOUN = ("has|is|was|says|does|plans|aims|wants|hopes|expects|intends|its|his|this|thus|as|"
             "us|less|unless")
"""Words ending in s that are no plural noun after a name ("Orla has", "Orla says")."""
_BODY_WORD = "|".join(sorted(ORGANISATION_WORDS | BODIES))
"""A body's generic noun after its name ("The Eastmere service employs…")."""
_DOER = re.compile(rf"({_RUNS.pattern})(?:,\s+[^,]{{1,40}},|,\s+who|\s+(?:{_BODY_WORD})\b|"
                   rf"(?:\s+(?!(?:{_NOT_NOUN})\b)[a-z]+s){{1,2}}"
                   rf"(?:\s+(?:currently|now|still|also|together))?)?{_SAID_BEFORE}\s+$")
"""A name right before a verb, what may stand between them allowed, a short aside, "who" or a
plural noun or two ("Ekwueme, 24, scored", "Ferro, who served", "The two Telegraph titles
currently employ"): who does it."""
_AGENT = re.compile(rf"({_RUNS.pattern})\s+(?:is|was|are|were|remains?|became)\s+(?:(?:the|a|an|"
                    r"[A-Z][\w-]*['’]s?)\s+)?((?:[a-z][\w-]*\s+){0,3})$")
"""A name said to be the doer of the asked verb by its agent noun, a few words describing it
between ("Zeta is Europe's second largest producer" of "does Orla produce"): who does it."""
_NOT_NOW = frozenset("other former fellow another one new rival potential would-be".split())
"""Words before an agent noun that make it no one who does the thing as asked ("the other
bidder", "a former producer")."""
_FIRST = frozenset("top leading main biggest largest".split())
"""Words that rank an agent first, as superlatives do ("the top exporter")."""
_SUBJECTS = sorted([p for p, role in (PERSON_PRONOUNS | THING_PRONOUNS).items()
                    if role == "subject"] + ["we", "i"])
"""Pronouns that may be a verb's subject ("it", "she", "we")."""
_SOMEONE = re.compile(rf"\b(?i:{'|'.join(_SUBJECTS)})\b|^\W*(?:The|A|An)\s+[a-z]")
"""A pronoun that may do the asked thing, or a sentence opening with a common noun ("The
region produces…"): who does it may be named by neither."""


def _agent(sentence: str, at: int, verb: str) -> re.Match[str] | None:
    """The name the sentence calls the doer of `verb` by its agent noun at `at` ("Zeta is
    Europe's second largest producer"), or None: the noun is the verb's own ("producer", not
    "winter" nor "order"), the words before it describe it and rank it first (a superlative,
    "top", "leading"; no function word, no owner's, no "other" or "former"), and the sentence
    has no pronoun nor opens with a common noun ("It makes 30,000 tonnes, although Zeta
    remains the largest producer")."""
    if verb in _KIN or verb in _IRREGULAR \
            or not re.match(rf"{_stem(verb)}(?:e?r|or)s?\b(?!-)", sentence[at:], re.IGNORECASE):
        return None
    other = _AGENT.search(sentence, max(0, at - 2 * _NEAR), at)
    describing = other.group(2).split() if other else []
    if other is None or any(w in STOPWORDS or w in _NOT_NOW or re.search(r"['’]s?$", w)
                            for w in describing) \
            or not any(w.endswith("est") or w in _FIRST for w in describing):
        return None  # only "the largest producer", "the top exporter": no one else does more
    if _SOMEONE.search(sentence):
        return None  # "It makes 30,000 tonnes, but Zeta is the largest producer": it may be
    return other  # the one asked about, doing it by another verb


_HAS = r"\b(?:has|have|had)(?=\s+(?:\d|(?:about|around|some|more|over|nearly|almost|only|just|a|" \
    r"an|no|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|millions)\b))"
""""has" as the verb of having ("Zeta has 1.9 million customers"), not a tense ("has won")."""
_FORECAST = r"forecast|predict|expect|estimat|project"
_PAID = r"pa(?:y|id)|bid|offer|spen[dt]"
_KIN = {"forecast": _FORECAST, "forecasts": _FORECAST, "predict": _FORECAST,
        "expect": _FORECAST, "estimate": _FORECAST, "project": _FORECAST,
        "pay": _PAID, "spend": _PAID, "bid": _PAID, "offer": _PAID}
"""Verbs that say the same of a figure: another name that predicted or bid it is the doer of a
forecast or a payment asked about ("How much did Orla forecast…?" / "Zeta expects 3%"); not
"said", which any report's source does ("…, Reuters said")."""
_IRREGULAR = {"sell": "sell|sold", "buy": "buy|bought", "win": "win|won", "make": "mak|made",
              "lose": "los[et]|lost", "hold": "hold|held", "build": "build|built",
              "send": r"send|sent\b", "spend": r"spend|spent\b"}
"""Verbs whose past is another word ("How many copies did Lila sell?" / "Corin Haze sold…")."""
_NO_OTHER = frozenset({"The", "It", "He", "She", "They", "This", "That", "But", "And", "In", "On",
                       "At", "A", "An", "His", "Her", "Its", "Their", "I", "We", "You"})
_TITLES = frozenset({"Mr", "Ms", "Mrs", "Dr", "Sir", "Dame", "Lord", "Lady"})
_NO_NAME = re.compile(rf"(?:[A-Z][\w.]*\s+)*[A-Z][\w.]*-[a-z][\w-]*|{DEMONYM}")
"""Capitalised words that name no one doing a thing: "the (San) US-based company sold", "the
German bank sold"."""
_DESCRIBED_FIRST = frozenset("""rival rivals fellow competitor former budget discount local
smaller larger bigger struggling troubled embattled loss-making state-owned cut-price low-cost
neighbouring""".split())
"""Words that open a sentence capitalised before a firm's name and describe it ("Rival
Pellworth employs…"): no first name."""
_GROUPS = frozenset("""police officials bosses voters critics analysts ministers workers fans
investors experts researchers scientists doctors staff unions members residents campaigners
protesters organisers organizers judges players executives directors managers sources
observers""".split())
"""Plural nouns that open a sentence capitalised ("Police arrested…"): no other name."""


def _subject_taken(question: str, sentence: str) -> bool:
    """Whether the sentence has another name do what the question asks its name did, and
    never names the question's: "How many caps has Ann Lee won?" / "Cy Dunn won 84 caps",
    "How many people does Orla Motors employ?" / "Zeta employs 163,000 people". The other
    name is none of the question's words, not its initials nor a name they are the initials
    of ("VE" / Velmora Electric, "SEC" / Securities and Exchange Commission), not a group of
    people ("Police arrested…"), and no person acting for a body the question names ("Chief
    executive Bo Park cut 500 jobs" for Orla Motors)."""
    if (m := _SUBJECT.search(question)) is None:
        return False
    aux, name, verb = m.group(1).lower(), m.group(2), m.group(3)
    if is_role(verb) and re.match(r"\s+[A-Z]", question[m.end():]):
        return False  # "did Scotland forward Euan Murray's ban end": a role, no verb
    having = verb == "have" and aux != "have"  # "does Orla have": what Zeta has is Zeta's
    if (verb in _NOT_ASKED_VERB and not having) or not name_words(name):
        return False  # "did the Chancellor announce": a role, said many ways
    if aux in ("has", "have") and not re.search(r"(?:ed|en|n|t|ld|de|id)$", verb):
        return False  # "has Orla won / sold / built / bought"
    if _says_name(name, sentence):
        return False
    asked = {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]+", question)}
    placed = {w.lower() for w in re.findall(_PLACED_NAME, question[m.end():])}
    asked -= placed  # "open its embassy in Ostria": Ostria is where, not who opens
    body = person(name) is None
    done_verb = _HAS if having else \
        rf"\b(?:{_KIN.get(verb, _IRREGULAR.get(verb, _stem(verb)))})\w*\b"
    for done in re.finditer(done_verb, sentence):  # each
        # time the verb, or one that says the same of a figure, is said,
        other = _DOER.search(sentence, max(0, done.start() - 2 * _NEAR), done.start()) \
            or _agent(sentence, done.start(), verb)  # who
        if other is None:
            continue
        words = [w for w in other.group(1).split() if w not in _TITLES]  # "Ms King"
        titled = len(words) < len(other.group(1).split())
        words = past_the(words)
        described = len(words) > 1 and words[0].lower() in _DESCRIBED_FIRST \
            and not sentence[:other.start()].strip(" \"'“‘")
        if described:
            words = words[1:]  # "Rival Pellworth employs…": Pellworth, no person
        named = " ".join(words)
        full = " ".join([*re.findall(r"(\b[A-Z]\w*) (?:and|&) $", sentence[:other.start()]), named])
        if re.search(rf"\b(?:on|{_PLACE_LINKS})\s+$",
                     sentence[max(0, other.start() - 6):other.start()]):
            continue  # "a snap at Boots would cost £5": a place, not who does it
        if re.search(r"(?:['’]s?|\b(?:its|their|his|her))\s+$",
                     sentence[max(0, other.start() - 12):other.start()], re.IGNORECASE):
            continue  # "the firm's London plants employ": another's, the question's maybe
        own = [w for w in words if strip_possessive(w).lower() not in ORGANISATION_WORDS]
        if not words or strip_possessive(words[0]) in _NO_OTHER or _NO_NAME.fullmatch(named) \
                or _words(" ".join(own)) & asked \
                or initials_of(name) == named or initials_of(full).endswith(name) \
                or any(o[:3].lower() == n[:3].lower() for o in own for n in name.split()) \
                or words[0].lower() in _GROUPS \
                or (body and (titled or person(named) is not None and not (
                    described or _firm_like(other.group(1), other.group(0)[len(other.group(1)):],
                                            sentence[:other.start()])))):
            continue
        return True
    return False


def _firm_like(run: str, rest: str, before: str) -> bool:
    """Whether a name that looks like a person's is said as a firm's: after a word for a body
    or one that describes a firm ("Rival label Harrow Sound", "the rival Moorland"), or owning
    a plural noun ("Quanta Loop's offices employ"). Otherwise it may be someone acting for the
    body the question names ("Chief executive Bo Park cut 500 jobs", "Bo Park cut…")."""
    last = re.search(r"([a-z][\w-]*)\s+$", before)
    return bool(last and (last.group(1) in BODIES or last.group(1) in _DESCRIBED_FIRST)) \
        or bool(re.search(r"['’]s$", run) and re.match(r"\s+[a-z]+s\b", rest))


_PASSIVE = re.compile(r"\b(?:was|were|is|are)\s+(?:the\s+)?([A-Z][\w.&'’-]*(?:\s+"
                      r"(?:of\s+|and\s+|&\s+)?[A-Z][\w.&'’-]*)*)\s+"
                      r"((?:[a-z]+\s+)?[a-z]+(?:ed|en|wn|rn|lt|ld|ht|de|id))\b")
"""A passive question's name and participle: "was Harrowgate Bank founded", "were the
Orlas first elected"."""


def _passive_taken(question: str, sentence: str) -> bool:
    """Whether the sentence says another name had done to it what the question asks was
    done to its name, and never names the question's: "When was Harrowgate Bank founded?" or
    "Who founded Harrowgate Bank?" / "Penfold Savings was founded in 1962"."""
    if m := _PASSIVE.search(question):
        name, verb = m.group(1), m.group(2).split()[-1]
    elif m := _DONE_BY.match(question):
        verb, name = m.groups()
    else:
        return False
    if not name_words(name):
        return False
    if _says_name(name, sentence):
        return False
    for done in re.finditer(rf"(?:\b(?:was|were|is|are|has been|have been|had been)\s+"
                            rf"(?:\w+\s+)?|(?<=,)\s+){re.escape(verb)}\b", sentence):
        other = _DONE_TO.search(sentence, max(0, done.start() - 2 * _NEAR), done.start())
        if other is None:  # (a window before each verb: linear in the sentence)
            continue
        words = [w for w in other.group(1).split() if w not in _TITLES]
        words = past_the(words)
        named = " ".join(words)
        own = {w[:5] for w in _own_words(name) if w not in _LINKS}
        if words and strip_possessive(words[0]) not in _NO_OTHER and not _NO_NAME.fullmatch(named) \
                and words[0].lower() not in _GROUPS and initials_of(name) != named \
                and initials_of(named) != name \
                and not any(w.lower()[:5] in own for w in words if w.lower() not in _LINKS):
            return True
    return False


_DONE_BY = re.compile(r"\s*Who\s+([a-z]+ed|won|sold|bought|made|built|held|lost)\s+(?:the\s+)?"
                      r"([A-Z][\w.&'’-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w.&'’-]*)*)"
                      r"(?=\s*\?|\s+(?:in|on|at|last|this)\b)")
"""A question for who did something to a name: "Who founded Quillon Software?" asks what
"Nimbra was founded by…" answers for Nimbra."""
_DONE_TO = re.compile(rf"({_RUNS.pattern})(?:\s+(?:{_BODY_WORD})\b)?"
                      rf"(?:,\s+[^,]{{1,40}},|,\s+(?:which|that|who))?,?\s*$")
"""A name right before "was founded", an aside or "which" allowed ("Alma Rusk, 48, was born",
"Dunmore's, which was founded", "Marrowby Software, founded in…"): what it was done to."""


def _stem(verb: str) -> str:
    """A verb without its ending, for its other forms ("export" for "exports", "suspend" for
    "suspended"; not "compa" for "compare", which "company" would match)."""
    return re.escape(next((verb[:-len(end)] for end in _DEVERBAL
                           if verb.endswith(end) and len(verb) - len(end) >= 3), verb))


def _says_name(name: str, sentence: str) -> bool:
    """Whether the sentence says a word of the name's own, capitalised as the name is ("Holloway"
    of "Holloway Group"; not "Group", which "Teller Group" says too, nor "economic" growth)."""
    return any(not m.group(0)[0].islower() or name[0].islower() for w in _own_words(name)
               if len(w) > 2 for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", sentence, re.I))


def _own_words(name: str) -> set[str]:
    """A name's words less those that say what it is ("group" of "Holloway Group", which
    "Teller Group" says too), unless it has no others."""
    words = _words(name)
    return words - ORGANISATION_WORDS or words


def _words(name: str) -> set[str]:
    """A name's words, lower-cased, each without a possessive ("OTA's Summer School" has
    "ota", so the sentence's "OTA's annual Summer School" names it)."""
    return {strip_possessive(w.strip(".,")).lower() for w in name.split()}


def _slot_taken(context: str, base: str, sentence: str) -> bool:
    """Whether the sentence says the role and relation the question puts before a name
    ("ambassador to") only before other names: the relation runs the other way ("Who is
    Velmora's ambassador to Brandia?" / "…as Brandia's ambassador to Velmora")."""
    words = context.split()
    if len(words) != 2 or words[1] not in ("to", "at", "for") or not is_role(words[0]):
        return False  # a role and its relation: "ambassador to", "envoy for"
    filled = [m.group(1) for m in re.finditer(
        rf"\b{re.escape(context)}\s+(?:the\s+)?((?-i:[A-Z])[\w'’.&-]*)", sentence,
        re.IGNORECASE)]  # a name, not "ambassador to the region"
    return bool(filled) and not any(same_root(f, base) for f in filled)


def _shortens(short: str, name: str) -> bool:
    """Whether `short` may be initials of `name` ("M&S" for Marks, "CSOs"; not "US" for "UK")."""
    plural = re.sub(r"(?<=[A-Z])s$", "", short)  # "CSOs": only the whole name's initials
    letters, whole = re.sub(r"[^A-Z]", "", short), initials_of(name) if not name.isupper() else name
    return len(letters) > 1 and plural.isupper() and (
        letters == whole if plural != short else letters.startswith(whole))


_SAYS = r"(?:said|says|added|told\s+\w+|wrote|argued|claimed|insisted|warned|stated)"
_ASKS_SAID = re.compile(r"\s*(?i:what|how)\s+(?:did|does|do|has|have|had|will|would)\s+"
                        rf"({_RUNS.pattern})\s+(?:say|said|tell|told|claim|write|"
                        r"wrote|argue|think|thought)\b")
""""What did Ostria say about…?": whose words are asked for (not "the President", a title
whoever holds it: "Mr Bush said" may be his words)."""
_SPEAKING = r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+(?:the\s+)?|de\s+)?[A-Z][\w'’.&-]*)*"
"""A name that speaks, "of the" within it ("The Embassy of the Republic of Ostria")."""
_SPEAKER = re.compile(rf"[\"”],?\s+(?:{_SAYS}\s+({_SPEAKING})|({_SPEAKING})\s+{_SAYS}\b)|"
                      rf"^(?:[\w'’-]+\s+){{0,4}}?({_SPEAKING})\s+(?:on\s+[A-Z][a-z]+day\s+)?"
                      r"(?:said|says|informed|announced|stated|told)\s+(?:that\b|\w+\s+that\b)")
"""Whose the sentence's words are: '…," said Ann Lee' or '…," Ann Lee said' (a quote's mark
anchors it), or the subject that opens it, saying that ("Velmoran minister Ann Lee on Monday
announced that…"; not "Ostria must act, he said")."""
_ABOUT = 60
"""Characters after a speaker's name that may say whom they speak for (", head of Orla")."""


def _speaker_taken(question: str, sentence: str) -> bool:
    """Whether the question asks what a name said and the sentence quotes only another, who
    speaks for no one the question names: "What did Ostria say about the ban?" is not answered
    by '"I have suspended the permits to Ostria," Bo Park said' (but '…," said Bo Park,
    Ostria's minister' speaks for Ostria)."""
    asked = _ASKS_SAID.match(question)
    if not asked:
        return False
    name = strip_possessive(asked.group(1))
    own = {w[:4].lower() for w in name.split() if len(w) > 3}
    speakers = []
    for m in _SPEAKER.finditer(sentence):
        at = next(i for i in (1, 2, 3) if m.group(i))
        who = re.sub(r"^(?:The|A|An)\s+", "", m.group(at))
        first = who.split()[0] if who else ""
        if not who or first in _NO_OTHER or first.lower() in _GROUPS \
                or first in _TITLES and len(who.split()) == 1:
            continue
        about = sentence[:m.start(at)] if at == 3 else \
            re.split(r"[\"“”.;]", sentence[m.end(at):m.end(at) + _ABOUT])[0]  # ", of Velmora"
        if any(w[:4].lower() in own for w in re.findall(r"[A-Z][\w'’-]+", f"{who} {about}")):
            return False  # "Ostrian minister Bo Park", "Bo Park, head of Ostria": Ostria's words
        speakers.append(who)
    return bool(speakers) and not any(
        _words(name) & _words(strip_possessive(x)) or _shortens(x, name) or _shortens(name, x)
        for x in speakers)
