"""Whether a sentence names the holder of the role a question asks about.

"Who is the mayor of Velmora?" is answered by a sentence that puts a name beside "mayor"
("Mayor Ann Lee said…", "Ann Lee, the city's mayor,…"), not by one that quotes someone else
about the mayor. Only questions that ask who holds a relation are judged ("who is the X of
Y", "who is Y's X", "the name of Y's X"); "which striker scored?" is often answered by a
sentence that never says "striker".
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from .lands import demonym_of
from .names import (
    CAPITALISED_RUN,
    TITLES,
    initials_of,
    is_organisation,
    is_role,
    is_time,
    name_words,
    person,
    portfolios,
    strip_possessive,
)
from .offices import UNDER, ranks, sent_elsewhere, sent_to
from .slots import SENTENCE_OPENERS, slot
from .vocab import STOPWORDS

_RELATIONS = frozenset("""father mother wife husband widow widower son daughter brother sister
partner girlfriend boyfriend""".split())
"""Family relations, asked about as roles are ("Who was Ann Lee's father?")."""
_ASKING = (
    re.compile(r"^(?i:who)\s+(?:is|was|are|were|will\s+be|has\s+been|became)\s+"
               r"(?:(?:the|a|an)\s+)?"),
    re.compile(r"^(?i:who)\s+(?:is|was)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*['’]s?\s+"),
    re.compile(r"\bnames?\s+of\s+(?:the\s+|[\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*['’]s?\s+)"),
)
"""Where the asked-for role follows: "Who is the…", "Who is Ann Lee's…", "the name of…"."""
_ENDS = frozenset("""of in at for to from by with who that which whose is was are were did does
do has have had will would the a an and""".split())
TOKEN = re.compile(r"[\w'’.-]+")
_ANYONE = frozenset("""man woman men women boy girl boys girls person people child children
teenager pensioner victim victims""".split())
"""Nouns that a sentence naming the person seldom repeats ("Bo Park, 34, was charged…")."""
_PAST = frozenset({"former", "late", "then", "previous", "erstwhile"})
"""Words before a role that make its holder a past one."""
_PAST_ASKED = _PAST | {"was", "were"}
"""Words of a question that ask about a past holder too."""
_POSSESSIVES = frozenset({"its", "his", "her", "their", "our", "as"})
"""Words before a role that end its qualifier ("named Ann Lee as its ambassador": Ann Lee
holds the role, she does not qualify it)."""
GENERIC = frozenset({"unit", "city", "town", "rove", "coun", "club", "grou", "plc", "inc",
                      "ltd", "corp", "fc", "athl", "comp", "bank"})
"""Stems of words many names end in ("United", "City"), which say little of whose a role is."""
_PRONOUNS = frozenset({"I", "We", "You", "He", "She", "It", "They", "This", "That", "These",
                       "Those"})
_ADDRESSED = re.compile(r"\b(?:told|tells|telling|asked|asks|informed|thanked|urged|warned|"
                        r"met|meets)\s+$")
"""A verb whose object is spoken to, after the role: that name is not the role's holder."""
WINDOW = 4
"""How near a name must be to the role: fewer than WINDOW words between them ("Steve Beeks,
president of…", "the president of Lions Gate, Steve Beeks" are near; a name a clause away
is not)."""


def asked_role(question: str) -> str | None:
    """The role whose holder the question asks for ("mayor" in "Who is the mayor of
    Velmora?", "executive" in "Who is the chief executive of Orla?"), or None. A role word
    that comes before a name describes someone the question names ("record producer Tom
    Ek's father" asks for a father)."""
    question = _TITLE.sub(_lowered, question)  # "the Prime Minister": "the prime minister"
    for asking in _ASKING:
        m = asking.search(question)
        if not m:
            continue
        words = TOKEN.findall(question[m.end():])[:6]
        found = last = None
        for n, word in enumerate(words):
            if word.lower() in _ENDS:
                if word.lower() in ("who", "whom") and asking is _ASKING[-1] and last \
                        and last not in _ANYONE:
                    return last  # "the name of the Brazilian programmer who…"
                break
            following = words[n + 1] if n + 1 < len(words) else ""
            if word.islower() and _is_role(word) and not following[:1].isupper():
                found = word
            last = word if word.islower() and len(word) > 2 else last
        if found:
            return found
    return None


_TITLE = re.compile(r"(?<=\S )(?:[A-Z][a-z]+\s)*[A-Z][a-z]+\b")
"""Capitalised words inside a question, which may be a role written as a title."""


def _lowered(m: re.Match[str]) -> str:
    """A role written as a title ("Prime Minister", "Chief Executive"), in lower case."""
    words = m.group().split()
    if _is_role(words[-1].lower()) and all(_is_role(w.lower()) or portfolios([w])
                                           for w in words[:-1]):
        return m.group().lower()
    return m.group()


@functools.lru_cache(maxsize=256)
def holder_asked(question: str) -> str | None:
    """The role whose holder a question asks for, when it asks for a person or a name (not
    the post of one asked as another's predecessor: "…Halm's predecessor as minister?")."""
    return asked_role(question) if slot(question) in ("person", "name") \
        and not _BEFORE_OR_AFTER.search(question) else None


_BEFORE_OR_AFTER = re.compile(r"\b(?:predecessor|successor|replacement)s?\s+(?:as|at|in)\b",
                              re.IGNORECASE)


def role_unnamed(question: str, sentence: str) -> bool:
    """Whether the question asks who holds a role ("Who is the mayor of Velmora?") and the
    sentence names no one beside that role."""
    role = holder_asked(question)
    return role is not None and not role_named(question, role, sentence)


@functools.lru_cache(maxsize=256)
def asked_words(question: str) -> frozenset[str]:
    """The question's words, lower case, possessives stripped."""
    return frozenset(strip_possessive(w).lower() for w in TOKEN.findall(question))


def role_named(question: str, role: str, sentence: str) -> bool:
    """Whether the sentence puts a name the question does not hold beside `role` (within
    WINDOW words, or in one run: "Mayor Ann Lee"); an organisation's name ("Velmora Council
    said the mayor…") is no holder."""
    low = sentence.lower()
    if (done := _DONE_BY.get(role)) and (by := re.search(
            rf"\b{done}\s+by\s+(?:[a-z-]+\s+){{0,3}}([A-Z][\w'’-]+)", sentence)) \
            and by.group(1).lower() not in asked_words(question):
        return True  # "Lee is coached by … Bo Park", "the Greens, led by Jon Arre"
    if role[:4] not in low and role[-4:] not in low \
            and not re.search(rf"\b{_ABBREVIATED.get(role, '^$')}\b", low):
        return False  # no word of the role (nor the end of a compound: "goalkeeper")
    asked = asked_words(question)
    tokens = list(TOKEN.finditer(sentence))
    words = [m.group() for m in tokens]
    starts = [m.start() for m in tokens]
    owned_by = _owner(question, role)
    owner = frozenset(w.lower()[:4] for w in owned_by)
    owner_letters = initials_of(" ".join(owned_by)).lower()
    sent, letters = sent_to(question, role)
    at = [n for n, word in enumerate(words) if same_role(word.lower(), role)
          and not _several(word.lower(), role)
          and not _someone_elses(tokens, words, n, asked, owner, owner_letters)
          and not (sent and sent_elsewhere(tokens, n, sent, letters))
          and _asked_rank(question, role) == ranks(words, n)]
    runs = list(CAPITALISED_RUN.finditer(sentence))
    if at and _owner_unsaid(owned_by, words, sentence) \
            and _names_another(runs, starts, at):
        at = [n for n in at if _owned(words, n)]
    if not at:
        return False
    ends = [_qualified(tokens, words, n) for n in at]
    for run in runs:
        run_words = run.group().split()
        last_role = max((n + 1 for n, w in enumerate(run_words)
                         if same_role(w.lower(), role) or _is_role(w.lower())), default=0)
        rest = name_words(" ".join(run_words[last_role:]))
        rest = rest[1:] if rest[:1] in (["A"], ["An"], ["The"]) else rest  # "A Labour spokesman"
        if rest and rest[0] in _PRONOUNS:
            continue  # '"We expect…"': no name
        if not rest or (run.start() == 0 and len(run_words) == 1) \
                or is_organisation(" ".join(rest)):
            continue  # only titles, a capitalised first word, or an organisation
        if all(strip_possessive(w.strip(".,")).lower() in asked for w in rest):
            continue  # the person the question is about
        if _ADDRESSED.search(sentence, 0, run.start()) and person(run.group()) is None:
            continue  # "a Labour spokesman told BBC News": whom he spoke to, not who he is
        first = bisect.bisect_left(starts, run.start())
        last = first + len(run_words)
        if any(first <= n < last or 0 < first - n <= WINDOW or 0 <= n - last < WINDOW
               or (len(rest) > 1 and _apposed(tokens, end, first))
               for n, end in zip(at, ends, strict=True)):
            return True
    return False


@functools.lru_cache(maxsize=256)
def _asked_rank(question: str, role: str) -> frozenset[str]:
    """The `UNDER` words the question says of the role it asks about: a sentence's holder of
    the role without them, or with others, holds another office ("foreign minister" for the
    deputy minister, "vice-president" for the president)."""
    words = TOKEN.findall(question)
    at = [n for n, w in enumerate(words) if same_role(w.lower(), role)]
    return ranks(words, at[0]) if at else frozenset()


def _owner(question: str, role: str) -> tuple[str, ...]:
    """Whose role the question asks about, as its capitalised words ("Ostria" in "Who is
    Ostria's foreign minister?", "Velmora" in "Who is the mayor of Velmora?"), or ()."""
    m = _OWNER_BEFORE.search(question) or _OWNER_AFTER.search(question)
    if not m or role not in m.group(0).lower():
        return ()
    return tuple(w for w in strip_possessive(m.group("owner")).split() if w[:1].isupper())


def _owner_unsaid(owner: tuple[str, ...], words: list[str], sentence: str) -> bool:
    """Whether the question names an owner of the role (`_owner`) and the sentence (its
    `words`) says it in no form ("Ostrian", its initials): "Foreign Minister Ann Lee said…"
    in an article about another country names another country's minister."""
    if not owner:
        return False
    said = {strip_possessive(w)[:4].lower() for n, w in enumerate(words)
            if not _PEOPLE.search(w)  # "ethnic Ostrians" are people, not Ostria's government
            and not _acted_on(words, n)}
    letters = initials_of(" ".join(owner))
    return not any(w[:4].lower() in said for w in owner) \
        and not (len(letters) > 1 and re.search(rf"\b{re.escape(letters)}\b", sentence))


_ACTED_ON = frozenset({"against", "on", "toward", "towards"})
"""Words before a name that make it what a role's holder acts on ("calling on Ann Lee to take
action against Ostria"), not whose the role is."""


def _offices(words: Iterable[str]) -> set[str]:
    """The office words among these that tell one office from another ("foreign", "prime");
    "affairs" names none alone ("Home Affairs" / "Foreign Affairs")."""
    return portfolios(words) - {"affairs"}


def _acted_on(words: list[str], n: int) -> bool:
    """Whether words[n] names what a role's holder acts on ("action against Ostria"), not
    whose a title is ("pressure on Ostrian Foreign Minister Ann Lee", "on Ostria's …")."""
    following = words[n + 1] if n + 1 < len(words) else ""
    return n > 0 and words[n - 1].lower() in _ACTED_ON \
        and strip_possessive(words[n]) == words[n] and not following[:1].isupper() \
        and not _is_role(following.lower()) and not portfolios([following])


_PEOPLE = re.compile(r"(?:ians|ans)$")
"""The ending of a plural demonym ("Ostrians", "Velmorans")."""
_OWNER_BEFORE = re.compile(r"(?P<owner>[A-Z][\w.&-]*(?:\s+(?:&\s+)?[A-Z][\w.&-]*)*)['’]s?\s+"
                           r"(?:[a-z-]+\s+){0,3}[a-z-]+")
_OWNER_AFTER = re.compile(r"\b[a-z-]+\s+(?:of|at|for)\s+(?:the\s+)?"
                          r"(?P<owner>[A-Z][\w.&-]*(?:\s+(?:&\s+|of\s+(?:the\s+)?)?"
                          r"[A-Z][\w.&-]*)*)")
"""Whose role a question asks about: "Ostria's foreign minister", "mayor of Velmora", "Orla &
Lee's chief executive"."""


def _names_another(runs: list[re.Match[str]], starts: list[int], at: list[int]) -> bool:
    """Whether the sentence's capitalised `runs` name something away from the role (more
    than WINDOW words from each of its places in `at`, `starts` being the words' offsets),
    besides its first word (or a quote's) and people: "Foreign Minister Ann Lee said Brandia
    would help" names Brandia, whose minister she may be; in "Mayor Ann Lee said so" every
    name is beside the role, and in "thanks to Bo Park and (chairman) Ann Lee" Bo Park is
    no one's owner."""
    for run in runs:
        opens = not run.string[:run.start()].strip(SENTENCE_OPENERS)
        if (opens or run.group().lower() in STOPWORDS) and " " not in run.group() \
                or is_time(run.group()) or person(run.group()) is not None \
                or (_KIND.match(run.string, run.end())
                    and _COMPASS & {w.lower() for w in run.group().split()}):
            continue  # "The South Yorkshire company": the firm described, not another
        first = bisect.bisect_left(starts, run.start())
        last = first + len(run.group().split()) - 1
        if all(first - n > WINDOW or n - last > WINDOW for n in at):
            return True
    return False


_KIND = re.compile(r"\s+(?:company|firm|group|giant|business|carrier|airline|retailer|"
                   r"maker|chain|club|side|team)\b")
_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                      "western", "north-east", "north-west", "south-east", "south-west"})
"""A firm's kind after a region ("The South Yorkshire company, led by new chief executive
Ann Lee"): the region only describes the firm (but "the rival Zeta company" names another)."""


def _owned(words: list[str], n: int) -> bool:
    """Whether the role at words[n] is said to be someone's just before it ("its chief
    executive", "the bank's governor"): a sentence may name the owner so."""
    return any(w.lower() in ("its", "their", "his", "her")
               or (w.endswith(("'s", "’s")) and w.islower()) for w in words[max(0, n - 3):n])


def _apposed(tokens: list[re.Match[str]], end: int, first: int) -> bool:
    """Whether the name starting at tokens[first] follows tokens[end] after a comma (a
    person's full name there is the role's holder; one word may be a place)."""
    return first == end + 1 and first < len(tokens) and \
        tokens[end].string[tokens[end].end():tokens[first].start()].strip() == ","


def _qualified(tokens: list[re.Match[str]], words: list[str], n: int) -> int:
    """Where the role at words[n] ends with the name it is of, at or for ("director of the
    Velmora Society for the Protection of Birds, Ann Lee": the holder comes after the
    society's name, lower-case "for the" and "of" inside it)."""
    k = n + 1
    if k + 1 >= len(words) or words[k] not in ("of", "at", "for"):
        return n
    k += 2 if words[k + 1] == "the" else 1
    end = n
    while k < len(words) and (end == n or joined(tokens, k - 1)):
        if words[k][:1].isupper():
            end = k
        elif not (words[k] in _IN_NAMES and k + 1 < len(words) and joined(tokens, k)
                  and (words[k + 1][:1].isupper() or words[k + 1] == "the")):
            break
        k += 1
    return end


_IN_NAMES = frozenset({"of", "and", "&", "for", "the", "on"})
"""Lower-case words inside a body's name ("Society for the Protection of Birds")."""


def _someone_elses(tokens: list[re.Match[str]], words: list[str], n: int,
                   asked: frozenset[str], owner: frozenset[str] = frozenset(),
                   owner_letters: str = "") -> bool:
    """Whether the role at tokens[n] is said of something the question does not name:
    "Brandian foreign minister" for "Who is Ostria's foreign minister?", "executive director
    of Zeta Bank" for "…chief executive of Orla?", or of a past holder ("former foreign
    minister" for "Who is the foreign minister?"). Its qualifier is the capitalised words
    joined to it by single spaces just before it (past two lower-case ones: "Brandian
    foreign"), or the name after "of", "at" or "for" (past other roles: "executive director
    of"); none of them may be the question's, nor may they leave out a word of the
    question's `owner` (word stems) while naming one it lacks ("Manchester United manager"
    for "…manager of Hereford United?"). A name before a comma ("Ann Lee, chief
    executive"), a titled name run on to the role ("Dr Mark Tuffy games systems director"),
    a capitalised function word ("The", "Its", "But") or a day is no qualifier, and the
    owner's initials (`owner_letters`, lower case) are the owner's ("KSE
    chairman" for the Karachi Stock Exchange's)."""
    said: list[str] = []
    current = not asked & _PAST_ASKED
    if current and words[n].lower().startswith("ex-"):
        return True  # "ex-chairman Bo Park" for "Who is the chairman?"
    j = n - 1
    while j >= 0 and n - j <= 2 and words[j].islower() and words[j] not in _ENDS \
            and words[j] not in _POSSESSIVES and joined(tokens, j) \
            and (words[j] not in STOPWORDS or words[j] in _PAST):  # "Ann Lee as its envoy",
        # "… games but Chairman Bo Park": "but" ends the qualifier
        if strip_possessive(words[j]) != words[j]:
            break  # "the former colony's president": "former" is the colony's
        if current and (words[j] in _PAST or words[j].startswith("ex-")):
            return True  # "former foreign minister Ann Lee" for "Who is … foreign minister?"
        if words[j] in UNDER and words[j] not in asked:
            return True  # "vice president Bo Park" for "Who is the president?"
        j -= 1
    office, k = set(), n - 1  # the office words joined to the role ("Foreign Minister")
    while k >= 0 and n - k <= 2 and joined(tokens, k) and portfolios([words[k]]):
        office |= _offices([words[k]])
        k -= 1
    wanted = _offices(asked)
    if office and wanted and not office & wanted:
        return True  # "Foreign Minister Bo Park" for "Who is the prime minister?"
    while j >= 0 and n - j <= 5 and words[j][:1].isupper() and joined(tokens, j) \
            and words[j].lower() not in STOPWORDS and not is_time(words[j]):
        said.append(words[j])
        if strip_possessive(words[j]) != words[j]:
            break  # "Ann Lee, Orla's managing director": the qualifier is Orla alone
        j -= 1
    if said and said[-1].lower().rstrip(".") in TITLES:
        said = []  # a titled name: who holds the role
    k = n + 1
    while k < len(words) and k - n <= 2 and words[k].islower() and _is_role(words[k]):
        k += 1  # "executive director of Zeta Bank"
    if k + 1 < len(words) and words[k] in ("of", "at", "for"):
        k += 2 if words[k + 1] == "the" else 1
        while k < len(words) and words[k][:1].isupper():
            said.append(words[k])
            k += 1
            if k < len(words) and not joined(tokens, k - 1):
                break  # "of the Velmora FA, Ann Lee,": the body ends at its comma
    said = [strip_possessive(w).lower() for w in said]
    said = [w for w in said if len(w) > 2 and not _is_role(w) and (current or w not in _PAST)
            and not (len(owner_letters) > 1 and w == owner_letters)]  # "KSE chairman"
    stems = {w[:4] for w in asked}
    named = {w[:4] for w in said if not portfolios([w])}  # (not "Foreign Affairs")
    if owner and named & owner and owner - named - GENERIC and not named <= stems:
        return True  # "Manchester United manager" for "…manager of Hereford United?" (not
        # "Veteran Hereford manager": "United" is any club's, "City" any town's)
    return bool(said) and not any(_same_word(w, a) for w in said for a in asked)


def _same_word(said: str, asked: str) -> bool:
    """Whether a qualifier names what a question's word does: the same first five letters, or
    one is the other's demonym ("British" for Britain; not "Euronext" for Lycos Europe)."""
    return said[:5].lower() == asked[:5].lower() or demonym_of(said, asked) \
        or demonym_of(asked, said)


def _several(word: str, role: str) -> bool:
    """A plural of the role asked for in the singular ("Presidents Lee and Park" for "Who
    is the president of the bank?"): holders of it elsewhere, not the one asked about."""
    return word in (f"{role}s", f"{role}es") and not role.endswith("s")


def joined(tokens: list[re.Match[str]], j: int) -> bool:
    """Whether only one space parts tokens[j] from the next token."""
    return tokens[j + 1].start() - tokens[j].end() == 1 \
        and tokens[j].string[tokens[j].end()] == " "


def _is_role(word: str) -> bool:
    """A role or a family relation ("mayor", "widow")."""
    return is_role(word) or word in _RELATIONS


_ABBREVIATED = {"executive": "ceo", "ceo": "executive"}
_DONE_BY = {"coach": "coached", "leader": "led", "manager": "managed", "chairman": "chaired",
            "chair": "chaired", "director": "directed", "captain": "captained", "owner": "owned",
            "founder": "founded", "head": "headed", "editor": "edited", "producer": "produced"}
"""A role and the verb by which a sentence names its holder ("coached by Ann Lee")."""
"""A role and how it is also written ("chief executive", "CEO")."""


def same_role(word: str, role: str) -> bool:
    """The role itself, its plural or possessive, how it is also written ("CEO" for "chief
    executive"), or a compound of one with the other ("keeper" for "goalkeeper",
    "goalkeeper" for "keeper"); not "season" for "son"."""
    word = strip_possessive(word.strip(".,;:"))
    if "-" in word and "-" not in role:
        word = word.rsplit("-", 1)[1]  # "caretaker-boss" is a boss
    return word in (role, f"{role}s", f"{role}es", _ABBREVIATED.get(role)) or (
        len(min(word, role, key=len)) >= 5 and (word.endswith(role) or role.endswith(word)))
