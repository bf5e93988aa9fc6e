"""Names in text without a named-entity model: runs of capitalised words, the titles and
dates in front of them removed, and whether a run looks like a person's."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from .vocab import MONTH_PATTERN, ORGANISATION_WORDS, STOPWORDS, WEEKDAYS

PERSON_PRONOUNS = {"he": "subject", "she": "subject", "him": "object", "his": "possessive",
           "her": "object", "hers": "possessive"}
"""Pronouns that can only stand for a person, with their role."""
THING_PRONOUNS = {"it": "subject", "they": "subject", "them": "object", "its": "possessive",
          "their": "possessive", "theirs": "possessive"}
"""Pronouns that stand for an organisation, a place or a group."""
QUESTION_WORDS = frozenset("""who whom whose what which when where why how is are was were do
does did can could should would will has have had and but or so also then tell please""".split())
AUXILIARIES = frozenset("""is are was were do does did can could should would will has have
had""".split())
"""The verbs a question opens or inverts with ("Did…", "what does…")."""
AUXILIARY_PATTERN = "|".join(sorted(AUXILIARIES))
"""A regex alternation of AUXILIARIES (use with \\b after it)."""
AUXILIARY = AUXILIARIES | {"may", "might"}
"""Auxiliaries and the modals "may" and "might": words that are no answer nor modifier."""
_CAPITALISED = r"[A-Z](?:[\w'’.-]|&(?=[A-Z]))*"
"""One capitalised word, an ampersand inside it ("AT&T", "M&S")."""
CAPITALISED_RUN = re.compile(rf"\b{_CAPITALISED}(?:\s+(?:of\s+|de\s+|the\s+|&\s+)?{_CAPITALISED})*")
"""Runs of capitalised words, "of", "de", "the" or "&" allowed inside ("Bank of Ostria",
"Marks & Spencer")."""
_PORTFOLIOS = frozenset("""general former deputy prime home shadow culture health trade defence
education transport environment interior foreign affairs""".split())
"""Words of a title that say which office, not who ("Home Secretary"): no person's role alone."""
TITLES = frozenset("mr mrs ms miss dr sir dame lord lady".split())
"""Titles written before a person's name ("Mr Obi", "Dame Ann Lee")."""
_ROLES = _PORTFOLIOS | TITLES | frozenset("""minister ministers
secretary secretary-general president vice premier mayor senator mp mps msp msps mep meps critic
leader ambassador envoy chief executive chairman chairwoman chair spokesman spokeswoman spokesperson
chancellor king queen prince princess governor judge justice coach manager captain director
founder boss star singer actor actress striker player presenter presenters host hosts dj
djs ceo cfo coo cto treasurer editor producer commissioner""".split())
"""English titles and roles that come before a name and are not part of it."""
_WHEN_WORDS = frozenset(WEEKDAYS) | frozenset(m for m in MONTH_PATTERN.split("|") if len(m) > 3)
"""Dropped from the front of a name run ("July Ada Obi"), kept inside ("Theresa May")."""

OPENERS = frozenset("""according following despite including regarding given like unlike
amid among along across beyond within without however meanwhile yesterday today tomorrow
also instead earlier later now""".split()) | STOPWORDS
"""English words capitalised only because they open a sentence ("According to…", "By how
much…"), never names on their own there."""
KINDS_DESCRIBED = frozenset("""club side team firm company group giant outfit capital city town
country region state province county village port""".split())
"""Nouns a name before them describes ("the London club", "the French capital")."""


def modifies(preceding: str, following: str) -> bool:
    """Whether a name between these only describes the noun after it ("the London club")."""
    noun = re.match(r"\s+([a-z][\w-]*)", following)
    return bool(re.search(r"\b[Tt]he\s+$", preceding)) and noun is not None \
        and noun.group(1) in KINDS_DESCRIBED


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_CLERGY = frozenset({"rev", "reverend", "revd"})
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|into|outside|across)\s+(?:the\s+)?$", re.IGNORECASE)
"""A name after these is a place or an organisation, not a person ("died in Beverly Hills");
after "to" or "from" it is as often a person ("went to Ann Lee")."""


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()  # (not after a quote closed by a comma: '," Lee said')
    return not before or before[-1:] in '.!?:;"“(' and not before.endswith((',"', ',”')) \
        or before.endswith("'")


def _pieces(match: re.Match[str]) -> Iterator[tuple[str, int]]:
    """A run split where a sentence ends inside it ("US. New Yorker"), each piece with the
    offset it starts at."""
    run, at = match.group(0), 0
    for end in re.finditer(r"(?<=\w\w)\.\s+", run):
        yield run[at:end.start()], match.start() + at
        at = end.end()
    yield run[at:], match.start() + at


_MR = frozenset({"mr", "mrs", "ms", "dr"})
"""Titles that only ever open a person's name (not "Lady", "Dame": "the Orla Lady Cup")."""
_FIRST_PERSON = re.compile(r"I(?:['’](?:ve|m|d|ll))?")
"""'I', "I've": the speaker, never a name."""


def entities(text: str) -> list[str]:
    """Runs of capitalised words, minus a leading question word (and any function word that is
    capitalised only because it opens the sentence): a cheap stand-in for NER."""
    out: list[str] = []
    runs = (piece for match in CAPITALISED_RUN.finditer(text) for piece in _pieces(match))
    for run, start in runs:
        run = run.strip(" .,'’-")
        words = run.split()
        opening = _opens_sentence(text, start)
        while words and (words[0].lower() in QUESTION_WORDS or words[0].lower() in PERSON_PRONOUNS
                         or words[0].lower() in THING_PRONOUNS or _FIRST_PERSON.fullmatch(words[0])
                         or words[0] in {"A", "An", "The", "In", "On", "At"}
                         or (opening and words[0].lower() in OPENERS)):
            words = words[1:]
        titled = next((i for i, w in enumerate(words[1:], 1) if w.lower().strip(".") in _MR
                       and words[i - 1].lower().strip(".") not in _ROLES), None)
        words = words[titled:] if titled else words  # "Analysing Mr Brown's…": Mr Brown
        if words:
            run = " ".join(words)
            if run not in out:
                out.append(run)
    return out


def person(text: str, single: bool = False, context: str = "", asked: str = ""
           ) -> str | None:
    """The first name in `text` that looks like a person's, titles removed ("Ada Obi");
    with `single`, a lone surname ("Quill died…") will do when no full name comes first, if
    neither `text` nor `context` uses the word in lower case ("Deals" is no name) and one of
    them capitalises it inside a sentence. A name after "in", "at", "near" and the like is
    taken for a place; a name that `asked` (a question, lower case) already holds is passed
    over."""
    for run in entities(text):
        words = name_words(run)
        if len(words) > 4 or (len(words) < 2 and not (single and words)):
            continue
        if len(words) == 1:
            bare = strip_possessive(words[0])
            both = f"{text} {context}"
            said = list(re.finditer(rf"\b{re.escape(bare)}\b", both))
            if re.search(rf"\b{re.escape(bare.lower())}\b", both) \
                    or not any(not _opens_sentence(both, m.start()) for m in said):
                continue  # a common word, or only ever capitalised as a sentence's first
            if any(modifies(both[max(0, m.start() - 5):m.start()], both[m.end():m.end() + 30])
                   for m in said):
                continue  # "joined the Velmora side": a place's or a club's name
        if asked and (re.search(rf"\b{re.escape(' '.join(words).lower())}\b", asked) or len(
                words) > 2 and re.search(rf"\b{initials_of(' '.join(words)).lower()}\b", asked)):
            continue  # (or by its initials: "RSS" for Really Simple Syndication)
        if is_organisation(" ".join(words)):
            continue
        if any(w.lower() in {"of", "de", "the"} or strip_possessive(w).isupper()
               or any(c.isdigit() for c in w) for w in words):  # "the UK's" names no one
            continue
        at = text.find(" ".join(words))
        if at >= 0 and (_PLACE_BEFORE.search(text[:at]) or _THE_BEFORE.search(text[:at])
                        and words[0].lower().strip(".") not in _CLERGY):
            continue  # (nor after "the": "the Tampa Bay Buccaneers"; but "the Rev Ann Lee")
        if strip_possessive(words[-1]).lower() in _PLACE_ENDS or len(words) > 1 \
                and words[0].lower().strip(".") in _PLACE_OPENERS:
            continue  # "the Prince Edward Theatre", "New Zealand"
        qualified = _QUALIFIED.match(text, at + len(" ".join(words))) if at >= 0 else None
        if qualified and (is_role(qualified.group(1)) or qualified.group(1) in _RANKS):
            continue  # "two-time London Marathon runner-up Susan Chepkemei": whose runner-up
        return strip_possessive(" ".join(words))
    return None


_QUALIFIED = re.compile(r"(?:['’]s?)?\s+([a-z][\w-]*)\s+[A-Z]")
"""A lower-case noun between a name and another: the first name says whose."""
_RANKS = frozenset("""runner-up champion winner holder legend veteran great hopeful favourite
rival team-mate colleague counterpart""".split())
"""Nouns that rank a person after whose they are ("Orla champion Bo Park")."""


def possessive(name: str) -> str:
    """'Orla' -> "Orla's"; 'Orla Motors' -> "Orla Motors'" (the inverse of strip_possessive)."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def strip_possessive(name: str) -> str:
    """'Orla's' -> 'Orla'; 'Orla Motors'' -> 'Orla Motors'."""
    return re.sub(r"(?:(?<=s)['’]|['’]s)$", "", name)


def initials_of(name: str) -> str:
    """The capitals that start a name's words: "MS" for "Marks & Spencer", "VB" for "Velmora
    Bank"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


_PERSON_ROLES = (_ROLES | frozenset("""winger midfielder defender goalkeeper keeper batsman
bowler full-back centre-back left-back right-back wing-back half-back fly-half scrum-half
prop hooker forward sprinter athlete runner
producer rapper songwriter writer author designer chef artist musician comedian entrepreneur
analyst economist businessman businesswoman tycoon official referee umpire linesman lieutenant
aide adviser advisor lawyer solicitor barrister prosecutor expert editor investor buyer bidder
donor backer seller purchaser suitor interviewer journalist reporter correspondent
photographer promoter architect engineer scientist researcher doctor surgeon""".split())) \
    - _PORTFOLIOS
"""Nouns that "which X" asks a person for ("which striker", "which record producer")."""


def is_organisation(run: str) -> bool:
    """Whether a run of capitalised words names an organisation ("Velmora Council")."""
    return any(strip_possessive(w.strip(".")).lower() in ORGANISATION_WORDS for w in run.split())


def is_role(noun: str) -> bool:
    """Whether "which X" asks for a person ("which striker", "which record producer")."""
    return noun.lower() in _PERSON_ROLES


_OFFICE_WORDS = _PORTFOLIOS - {"former", "deputy", "shadow", "general"}


def portfolios(words: Iterable[str]) -> set[str]:
    """The words that say which office a role is ("prime", "foreign" in "foreign affairs
    minister"), lower case; not "former", "deputy" or "shadow", which say whose."""
    return {w.lower() for w in words} & _OFFICE_WORDS


def said_in(name: str, question: str) -> bool:
    """Whether the question says a word of a name, in any case, by the shorter's first letters
    ("ITV" for "ITV1", "Kashmir" in "how many live in kashmir?")."""
    word = name.lower()[:5]
    return len(word) > 1 and any(w.startswith(word) or word.startswith(w)
                                 for w in (q.lower()[:5] for q in re.findall(r"[\w'’&.]{2,}",
                                                                            question)))


def is_time(run: str) -> bool:
    """A run of capitalised words that only names a day or month ("Saturday", "July")."""
    return all(w.lower().strip(".,") in _WHEN_WORDS for w in run.split())


def name_words(run: str) -> list[str]:
    """A run of capitalised words without the titles and dates in front of it, and without
    what qualifies a title ("UN", "Ostrian")."""
    words = [w for w in re.split(r"\s+", run) if w]
    whole = list(words)
    while words and (words[0].lower().strip(".") in _ROLES
                     or words[0].lower().strip(".,") in _WHEN_WORDS
                     or len(words) > 3 and words[1].lower().strip(".") in _ROLES):
        words = words[1:]  # "UN Secretary-General Ada Obi", "Ostrian President Ada Obi"
    if len(words) == 1 and strip_possessive(words[0]).lower() in ORGANISATION_WORDS:
        return whole  # 'General Motors' is a firm, not an officer named Motors
    return words


def new_names(text: str, asked: str, context: str = "") -> list[str]:
    """Names in `text` that the question (`asked`, lower-case) did not use; a word that opens
    `text` only when `context` (its passage) names it inside a sentence (`named_within`)."""
    names = []
    for run in entities(text):
        words = name_words(run)
        name = " ".join(words)
        if words and name.lower() not in asked and not (
                len(words) == 1 and text.startswith(name) and not named_within(name, context)):
            names.append(strip_possessive(name))
    return names


def named_within(word: str, passage: str) -> bool:
    """Whether `passage` writes `word` capitalised after a lower-case word, and never in lower
    case: a name, not a sentence's first word ("Canada" in "…said Canada will…", not
    "Since", nor "Company" when it also says "the company")."""
    word = word.rstrip(".,")
    return bool(passage) and word.lower() not in _CAPITALISED_WORDS and re.search(
        rf"\b[a-z][\w,]*[ \t]+{re.escape(word)}\b", passage) is not None \
        and re.search(rf"\b{re.escape(word.lower())}\b", passage) is None


_CAPITALISED_WORDS = frozenset("""christmas easter government parliament cabinet treasury
internet web church state""".split()) | _WHEN_WORDS
"""English words often capitalised inside a sentence that name no one ("over Christmas",
"the Government"), and days and months."""


_TITLED = re.compile(rf"\b(?:{'|'.join(t.title() for t in sorted(TITLES))})\.?\s+[A-Z]")


def names_person(text: str) -> bool:
    """Whether the text names a person ("Ada Obi", "Mr Obi")."""
    return person(text) is not None or _TITLED.search(text) is not None


_HE, _SHE = frozenset("he him his himself".split()), frozenset("she her hers herself".split())
_SUBJECT = re.compile(r"\b(?:[Hh]e|[Hh]is|[Ss]he|[Hh]er)\b")
_GOVERNED = re.compile(r"\b(?:to|by|from|with|for|of|on|at|about|against|and)\s+"
                       r"(?:[A-Z][\w'’-]+\s+)*$")
_TITLE_BEFORE = re.compile(rf"\b({'|'.join(t.title() for t in sorted(TITLES))})\.?\s+"
                           r"(?:[A-Z][\w'’-]+\s+)*$")
_TITLE_PRONOUN = {"mr": "he", "sir": "he", "lord": "he", "mrs": "she", "ms": "she",
                  "miss": "she", "dame": "she", "lady": "she"}
"""The pronoun each of TITLES implies ("Dr" none)."""
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


PASSAGE_BREAK = "\n\n\n"
"""Between passages joined into one text for `pronoun_of` (a paragraph break is two lines)."""


def pronoun_of(name: str, text: str) -> str | None:
    """"he" or "she", as `text` speaks of the person `name`: the title before a mention of the
    surname ("Mrs Lee"), or the first he, she, his or her after a mention that no preposition
    governs and that is no possessive ("Lee said she…", not "a report to Lee on…" or "Lee's
    husband said he…"), in its sentence or opening the next, with no quote and no other
    person's two-word name in between; None when the text says neither, or both as often."""
    votes = {"he": 0, "she": 0}
    words = [w for w in name.split() if w.lower() not in _SUFFIXES] or name.split()
    surname = strip_possessive(words[-1]).rstrip(".")
    for m in re.finditer(rf"\b{re.escape(surname)}\b(?![’']s\b)", text):
        title = _TITLE_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        if title and title.group(1).lower() in _TITLE_PRONOUN:
            votes[_TITLE_PRONOUN[title.group(1).lower()]] += 1
            continue
        if _GOVERNED.search(text[max(0, m.start() - 60):m.start()]):
            continue
        after = re.sub(r"^,?\s+(?:Jr|Sr)\b\.?", "", _QUOTED.sub(
            " ", text[m.end():m.end() + 400].split(PASSAGE_BREAK, 1)[0]))  # (its own passage)
        end = re.search(r"[.!?][”\"’')]*\s+", after)  # (a pronoun: here or opening the next)
        said = _SUBJECT.search(after[:end.start()] if end else after) \
            or (end and _SUBJECT.match(after, end.end()))
        if said and not _someone_else(after[:said.start()], name, text):
            votes["he" if said.group().lower() in _HE else "she"] += 1
    if votes["he"] == votes["she"]:
        return None
    return max(votes, key=lambda k: votes[k])


def _someone_else(between: str, name: str, text: str) -> bool:
    """Whether `between` names a person other than `name`: a run of two or more capitalised
    words, not after "the" ("the Global Affairs Canada"), whose first word `text` never
    writes in lower case."""
    for run in CAPITALISED_RUN.finditer(between):
        if len(run.group().split()) < 2 or run.group() in name \
                or between[:run.start()].rstrip().lower().endswith("the"):
            continue
        if not _lower_case(run.group(), text):
            return True
    return False


def of_pronoun(pronoun: str, name: str, others: Iterable[str | None], text: str) -> str | None:
    """`name`, unless `text` speaks of that person with the other gender's pronouns than
    `pronoun` ("she" after a question whose passages are about Mr Lee): then the first of
    `others` it speaks of with `pronoun`'s, or None (no one it names is meant). A name whose
    first word the text also writes in lower case is no person's ("Global Affairs Canada")."""
    want = "he" if pronoun.lower() in _HE else "she" if pronoun.lower() in _SHE else None
    if want is None or pronoun_of(name, text) in (want, None):
        return name
    return next((o for o in others if o and o != name and pronoun_of(o, text) == want
                 and not _lower_case(o, text)), None)


def _lower_case(name: str, text: str) -> bool:
    """Whether `text` writes the first word of `name` in lower case too ("global")."""
    return re.search(rf"\b{re.escape(name.split()[0].lower())}\b", text) is not None


def people(text: str) -> Iterator[str]:
    """The persons' names in `text`, as `person` finds them, in order, each once."""
    seen: list[str] = []
    asked = ""
    while (found := person(text, asked=asked)) is not None and found not in seen:
        yield found
        seen.append(found)
        low = found.lower()
        asked += f" {low} {low}'s {low}’s"  # passed over however the text writes it


@functools.lru_cache(maxsize=256)
def initials_asked(question: str) -> dict[str, str]:
    """The initials of each run of two or more capitalised words in the question ("osa" for
    "Orla Software Alliance"), each with what must be in a sentence for it to stand for that
    name: nothing for three letters or more, the name itself for two ("UK" may be another)."""
    runs = re.findall(r"(?:\b[A-Z][\w'’-]*\s+){1,5}[A-Z][\w'’-]*", question[1:])
    return {initials_of(run).lower(): "" if len(initials_of(run)) > 2
            else strip_possessive(run) for run in runs}


FIRM_ENDS = frozenset({"international", "group", "corporation", "corp", "inc", "ltd", "plc",
                        "holdings", "company", "co", "industries", "limited", "llc", "ag", "sa"})
"""Words that end a firm's full name ("Orla Group" is Orla)."""


def same_entity(found: str, asked_stems: set[str]) -> bool:
    """Whether a name shares a word with the question's ("Mr Smith" / "Doug Smith"), or is one
    word of the same stem ("Sweden" / "Swedish")."""
    words = [strip_possessive(w.strip(".")).lower() for w in found.split()]
    if len(words) > 1 and words[0] in asked_stems and all(w in FIRM_ENDS for w in words[1:]):
        return True  # "Tyco International" is the Tyco the question names
    if len(words) > 1:
        # "Ann Lee" is not "Ann Smith" (a first name shared), but "The Green Party" is "the
        # Greens": any word past the first; "Lib Dems" are the Liberal Democrats asked about
        return any(len(w) > 2 and w in asked_stems for w in words[1:]) or all(
            len(w.rstrip("s")) > 2 and any(a.startswith(w.rstrip("s")) and len(a) > len(w) + 2
                                           for a in asked_stems) for w in words)  # (not "Ann")
    if any(len(w) > 2 and w in asked_stems for w in words):
        return True
    return len(words) == 1 and words[0][:4] in {a[:4] for a in asked_stems if len(a) > 3}


_HEADED_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w&.'’-]*"
                         r"(?:\s+(?:(?:of|and|for)\s+(?:the\s+)?)?[A-Z][\w&.'’-]*){0,5}")
"""A run of capitalised words, "of (the)", "and" or "for" inside it ("Embassy of the Republic
of Ostria")."""
_SENTENCE_END = re.compile(r"[.!?:;]\s+$")


def names_by_head(text: str) -> dict[str, str]:
    """The text's names of two words or more (runs of capitalised words) by their head, the
    last word before any "of" or "for", lower-cased: "council" -> "United Nations Security
    Council", "bank" -> "Reserve Bank of Ostria", "institute" -> "Lemkin Institute for
    Genocide Prevention". A leading "The", a time and a sentence-opening
    "-ing" or "-ly" word are left out, and "Marks and Spencer" heads nothing."""
    out: dict[str, str] = {}
    for run in _HEADED_RUN.finditer(text):
        words = run.group(0).split()
        opens = run.start() == 0 or _SENTENCE_END.search(text, max(0, run.start() - 4), run.start())
        while words and (words[0].lower() in QUESTION_WORDS | STOPWORDS or is_time(words[0])
                         or opens and words[0].lower().endswith(("ing", "ly"))):
            words, opens = words[1:], False
        name = strip_possessive(re.sub(r"(?<=[a-z])[.:;]$", "", " ".join(words)))
        words = name.split()  # "Prevention." at a sentence's end, "Institute's"
        cut = next((i for i, w in enumerate(words) if w in ("of", "for")), len(words))
        inner = words[cut + 1 + (words[cut + 1:cut + 2] == ["the"]):]
        for found in (words, inner if "the" in words[cut:cut + 2] else []):
            # "Governor of the Reserve Bank of Ostria" heads "governor", and names the bank
            head = found[:next((i for i, w in enumerate(found) if w in ("of", "for")),
                               len(found))]
            if len(found) >= 2 and head and "and" not in head[-2:]:
                out.setdefault(head[-1].lower(), " ".join(found))
    return out


_PLACE_OPENERS = frozenset("""port mount lake new fort san santa st saint cape north south east
west upper lower""".split())
_PLACE_ENDS = frozenset("rovers united city town island islands valley county athletic "
                        "wanderers rangers theatre theater stadium arena road square hotel "
                        "museum gallery airport station palace cathedral festival marathon "
                        "awards lecture prize".split())
"""Words that make capitalised words a place's or a club's name, not a person's."""


def persons_name(name: str) -> bool:
    """Whether a follow-up's name is a person's ("Bo Park"; not "Port Orla", "Orla Rovers":
    `person` passes over a place's or a club's name)."""
    return person(name) is not None
