"""Whether a sentence names the holder of the role a question asks about.

"Who is the mayor of Velmora?" is answered by a sentence that puts a name beside "mayor"
("Mayor Ann Lee said…", "Ann Lee, the city's mayor,…"), not by one that quotes someone else
about the mayor. Only questions that ask who holds a relation are judged ("who is the X of
Y", "who is Y's X", "the name of Y's X"); "which striker scored?" is often answered by a
sentence that never says "striker".
"""

from __future__ import annotations

import bisect
import re

from .names import CAPITALISED_RUN, is_organisation, is_role, name_words, strip_possessive

_RELATIONS = frozenset("""father mother wife husband widow widower son daughter brother sister
partner girlfriend boyfriend""".split())
"""Family relations, asked about as roles are ("Who was Ann Lee's father?")."""
_ASKING = (
    re.compile(r"^(?i:who)\s+(?:is|was|are|were|will\s+be|has\s+been|became)\s+"
               r"(?:(?:the|a|an)\s+)?"),
    re.compile(r"^(?i:who)\s+(?:is|was)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*['’]s?\s+"),
    re.compile(r"\bname\s+of\s+(?:the\s+|[\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*['’]s?\s+)"),
)
"""Where the asked-for role follows: "Who is the…", "Who is Ann Lee's…", "the name of…"."""
_ENDS = frozenset("""of in at for to from by with who that which whose is was are were did does
do has have had will would the a an and""".split())
_TOKEN = re.compile(r"[\w'’.-]+")
WINDOW = 4
"""How near a name must be to the role: fewer than WINDOW words between them ("Steve Beeks,
president of…", "the president of Lions Gate, Steve Beeks" are near; a name a clause away
is not)."""


def asked_role(question: str) -> str | None:
    """The role whose holder the question asks for ("mayor" in "Who is the mayor of
    Velmora?", "executive" in "Who is the chief executive of Orla?"), or None. A role word
    that comes before a name describes someone the question names ("record producer Tom
    Ek's father" asks for a father)."""
    for asking in _ASKING:
        m = asking.search(question)
        if not m:
            continue
        words = _TOKEN.findall(question[m.end():])[:6]
        found = None
        for n, word in enumerate(words):
            if word.lower() in _ENDS:
                break
            following = words[n + 1] if n + 1 < len(words) else ""
            if word.islower() and _is_role(word) and not following[:1].isupper():
                found = word
        if found:
            return found
    return None


def role_named(question: str, role: str, sentence: str) -> bool:
    """Whether the sentence puts a name the question does not hold beside `role` (within
    WINDOW words, or in one run: "Mayor Ann Lee"); an organisation's name ("Velmora Council
    said the mayor…") is no holder."""
    asked = {strip_possessive(w).lower() for w in _TOKEN.findall(question)}
    tokens = list(_TOKEN.finditer(sentence))
    starts = [m.start() for m in tokens]
    at = [n for n, m in enumerate(tokens) if _same_role(m.group().lower(), role)
          and not _someone_elses(tokens, n, asked)]
    if not at:
        return False
    for run in CAPITALISED_RUN.finditer(sentence):
        words = run.group().split()
        last_role = max((n + 1 for n, w in enumerate(words)
                         if _same_role(w.lower(), role) or _is_role(w.lower())), default=0)
        rest = name_words(" ".join(words[last_role:]))
        if not rest or (run.start() == 0 and len(words) == 1) or is_organisation(" ".join(rest)):
            continue  # only titles, a capitalised first word, or an organisation
        if all(strip_possessive(w).lower() in asked for w in rest):
            continue  # the person the question is about
        first = bisect.bisect_left(starts, run.start())
        last = first + len(words)
        if any(first <= n < last or 0 < first - n <= WINDOW or 0 <= n - last < WINDOW
               for n in at):
            return True
    return False


def _someone_elses(tokens: list[re.Match[str]], n: int, asked: set[str]) -> bool:
    """Whether the role at tokens[n] is said of something the question does not name:
    "Canadian foreign minister" for "Who is Turkey's foreign minister?", "executive director
    of Korea Development Bank" for "…chief executive of LG Card?". Its qualifier is the
    capitalised words just before it (past two lower-case ones: "Canadian foreign") or the
    name after "of", "at" or "for"; none of them may be the question's."""
    words = [m.group() for m in tokens]
    said: list[str] = []
    j = n - 1
    while j >= 0 and n - j <= 2 and words[j].islower() and words[j] not in _ENDS:
        j -= 1
    while j >= 0 and n - j <= 5 and words[j][:1].isupper():
        said.append(words[j])
        if strip_possessive(words[j]) != words[j] or j == 0 \
                or tokens[j - 1].end() + 1 < tokens[j].start():
            break  # "Ann Lee, BT's managing director": the qualifier is BT alone
        j -= 1
    if n + 2 < len(words) and words[n + 1] in ("of", "at", "for"):
        k = n + 3 if words[n + 2] == "the" else n + 2
        while k < len(words) and words[k][:1].isupper():
            said.append(words[k])
            k += 1
    said = [strip_possessive(w).lower() for w in said]
    said = [w for w in said if len(w) > 2 and not _is_role(w)]
    stems = {w[:4] for w in asked}
    return bool(said) and not any(w[:4] in stems for w in said)


def _is_role(word: str) -> bool:
    """A role or a family relation ("mayor", "widow")."""
    return is_role(word) or word in _RELATIONS


def _same_role(word: str, role: str) -> bool:
    """The role itself, its plural or possessive, or a compound of one with the other
    ("keeper" for "goalkeeper", "goalkeeper" for "keeper"); not "season" for "son"."""
    word = strip_possessive(word.strip(".,;:"))
    return word in (role, f"{role}s", f"{role}es") or (
        len(min(word, role, key=len)) >= 5 and (word.endswith(role) or role.endswith(word)))
