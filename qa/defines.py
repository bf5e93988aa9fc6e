"""Questions that ask who someone is ("Who is Joly?"): the answer says what they are, a role
set beside their name ("Foreign Affairs Minister Melanie Joly", "Joly, the foreign minister,"),
not another person's name."""

from __future__ import annotations

import re

from .names import CAPITALISED_RUN, TITLES, is_role, person, strip_possessive
from .vocab import ASKING_PREPOSITION

_WHO_IS = re.compile(r"\s*(?i:who)(?:['’]s| is| was)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
                     r"\s*[?.!]*\s*$")
"""'Who is Joly?', 'Who was Stephane Dion?': the name, and nothing else, after who is/was."""
_BEFORE = re.compile(r"((?:[\w'’-]+\s+){1,4})$")
"""Up to four words right before a name ("former foreign minister")."""
_AFTER = re.compile(r"(?:,\s+|\s+(?:is|was|has been|became|as)\s+)(?:now\s+)?((?:(?:the|a|an|its|"
                    r"their|his|her|[A-Z][\w-]*['’]s)\s+)?[^,.;:\"“”()]{2,80})")
"""What follows a name and says what it is: ", the foreign minister", " is a Velmoran MP", " as
Velmora's new ambassador"."""


def asked_name(question: str) -> str | None:
    """The name a who-is question asks about ("Joly" in "Who is Joly?"), else None."""
    m = _WHO_IS.match(question)
    if m is None or _role(strip_possessive(m.group(1).split()[-1])):
        return None  # "Who is Gibraltar's Chief Minister?", "Who is Barclays Chairman?": a
        # role's holder (a surname that is a role, "Ann Judge", is read so too)
    return m.group(1).strip()


def _role(word: str) -> bool:
    """A person's role ("minister", "MPs"); not a title, which comes with any name ("Mr")."""
    word = word.lower().strip(".,")
    return word not in TITLES and (is_role(word) or is_role(word.removesuffix("s")))


def role_values(question: str, sentence: str) -> list[tuple[int, str]]:
    """(offset, text) of each role the sentence sets beside the name the question asks about:
    before the name ("Foreign Affairs Minister" in "Foreign Affairs Minister Melanie Joly",
    "former foreign minister" in "former foreign minister Stephane Dion") or after it (", the
    foreign minister,", "is a Velmoran MP"). The name is matched by its last word, its
    surname."""
    name = asked_name(question)
    if name is None:
        return []
    surname = strip_possessive(name.split()[-1]).lower()
    out = []
    for run in CAPITALISED_RUN.finditer(sentence):
        words = run.group(0).split()
        at = next((i for i, w in enumerate(words)
                   if strip_possessive(w.strip(".,")).lower() == surname), None)
        if at is None:
            continue
        roles = [i for i, w in enumerate(words[:at]) if _role(w)]
        if roles:  # "Foreign Affairs Minister" in the run itself, not the first name after it
            out.append((run.start(), " ".join(words[:roles[-1] + 1])))
            continue
        before = _BEFORE.search(sentence, max(0, run.start() - 200), run.start())
        if before and any(_role(w) for w in before.group(1).split()[-2:]):
            out.append((before.start(1), before.group(1).strip()))  # "foreign minister Joly"
            continue
        after = _AFTER.match(sentence, run.end())
        said = after.group(1).split() if after else []
        if said and said[0].lower() not in ("who", "which", "that", "and", "whose") \
                and not (said[0][:1].isupper() and not _role(said[0])
                         and not said[0].endswith(("'s", "’s"))) \
                and any(_role(w) for w in said[:4]):  # (not "Ann Lee, Bo Park and …")
            out.append((after.start(1), after.group(1).strip()))
    return out


_WHICH = re.compile(rf"(?:{ASKING_PREPOSITION} )?which ")
_ENDS_PHRASE = frozenset("""is are was were do does did can could should would will has have had
of from in at for with to by on that who whose whom""".split())
_PAST = frozenset("""won wrote said spoke made took led ran threw told gave became left met sent
hit put beat saw got had did was is will would can could may might went came brought bought sold
kept held found thought paid lost shot struck fell rose broke chose drove flew grew knew began
sang stood caught taught fought sought built spent felt quit cut set let scored""".split())
"""Verbs that end a which-question's noun phrase without "-ed" ("Which player threw…")."""
_ROLES_TOO = frozenset("""agent doctor surgeon reporter journalist editor commissioner lawyer
solicitor msp officer scientist researcher professor campaigner activist""".split())
"""People's roles a which-question may ask for beyond names.is_role ("which FBI agent")."""


_WHO_DOES = re.compile(r"who (?:coach|chair|direct|manag|voice|present|host|captain|edit)"
                       r"(?:e?s|e?d)\b")
"""'Who coaches…?', 'Who directed…?': what a person does."""
_WHO_IS_THE = re.compile(r"who(?:['’]s| is| was| will be| has been) (?:the |its |their |"
                         r"(?:[\w.&-]+ ){0,3}[\w.&-]+['’]s )(?:[\w-]+ ){0,2}?([\w-]+)"
                         r"(?: of\b|\?|$)")
"""'Who is the chief executive of…?', "Who is Orla's manager?": the role asked about."""


def asks_a_role(question: str) -> bool:
    """Whether a which-question asks for a person by a role among its first three words, before
    any verb or preposition ("Which former FBI agent…", "Which Labour MP…", "Which club's
    manager…"), not possessive ("Which manager's club…" asks for a club)."""
    q = question.lower().strip()
    if _WHO_DOES.match(q):
        return True
    who = _WHO_IS_THE.match(q)
    if who and (is_role(who.group(1)) or who.group(1) in _ROLES_TOO):
        return True
    m = _WHICH.match(q)
    words = [w.strip("?,.;:") for w in q[m.end():].split()[:4]] if m else []
    for i, word in enumerate(words[:3]):
        if word in _ENDS_PHRASE:
            return False
        after = words[i + 1] if i + 1 < len(words) else ""
        if (is_role(word) or word in _ROLES_TOO) and (
                not after or after in _ENDS_PHRASE or after.endswith(("ed", "s"))
                or after in _PAST):  # the role heads the phrase: not "which host city"
            return True
    return False


def role_asked(question: str) -> str | None:
    """The person a question asks for, said by the role it names ("the W5 journalist" for
    "Which W5 journalist speaks…?", "the president of the Parents Television Council" for
    "Who is the president of the Parents Television Council, which…?"), else None."""
    if not asks_a_role(question):
        return None
    who = _ROLE_OF.match(question)
    if who:
        return who.group(1)
    m = _WHICH.match(question.lower().strip())
    words = question.strip()[m.end():].split()[:3] if m else []
    at = next((i for i, w in enumerate(words) if is_role(w.lower().strip("?,.;:"))
               or w.lower().strip("?,.;:") in _ROLES_TOO), None)
    return None if at is None else "the " + " ".join(words[:at + 1]).strip("?,.;:")


_ROLE_OF = re.compile(r"\s*(?i:who)(?:['’]s|\s+(?:is|was))\s+(the\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+"
                      r"of\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*)")
"""'Who is the president of the Parents Television Council…': the role and whose it is."""
_LONE = re.compile(r"(?<![\w'’.-])[A-Z][a-z][\w'’-]*(?![\w'’-]|\s+[A-Z])")
"""A capitalised word with no capitalised word after it."""


def surnames(sentence: str, passage: str, asked_words: set[str]) -> list[tuple[int, str]]:
    """(offset, surname) of each person the sentence names by surname alone ("with Troncon")
    whom the passage names in full ("Alessandro Troncon"), unless the question names them."""
    out = []
    for m in _LONE.finditer(sentence):
        word = strip_possessive(m.group())
        before = sentence[:m.start()].split()[-1:]
        if word.lower() in asked_words or before and before[0][:1].isupper():
            continue  # the end of a longer name
        if any(person(full.group()) == full.group() for full in re.finditer(
                rf"(?<![\w'’.-])[A-Z][\w'’-]+\s+{re.escape(word)}\b", passage)):
            out.append((m.start(), word))
    return out


_HONORIFICS = frozenset("""prof professor rev sgt insp capt gen col maj lt det supt cllr
father bishop judge""".split())


def namesake(found: str, question: str) -> bool:
    """Whether `found` ("Nigel Williams") shares its surname with a person the question names
    by another first name ("Matt Williams"): another person, not the one asked about."""
    words = found.rstrip(".,;:").split()
    if len(words) != 2 or not words[0][:1].isupper() or is_role(words[0].lower().strip(".")) \
            or words[0].lower().strip(".") in _HONORIFICS:
        return False  # "Prof Lee" may be the Ann Lee asked about
    other = re.search(rf"\b([A-Z][a-z]+)\s+{re.escape(strip_possessive(words[1]))}\b", question)
    return bool(other) and other.group(1) != words[0] and not is_role(other.group(1).lower())
