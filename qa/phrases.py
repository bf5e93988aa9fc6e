"""Phrases of the previous question that a follow-up borrows: the noun it repeats as the
previous question put it ("the foot and mouth outbreak"), and the previous question as a
clause ("Why?" -> "Why did Ostria suspend permits?")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .names import AUXILIARIES, OPENERS, QUESTION_WORDS
from .vocab import TIME_WORDS

DETERMINERS = frozenset({"the", "that", "this", "these", "those"})
"""Words that make the noun after them one the reader already knows ("the company")."""
PREPOSITIONS = frozenset({"of", "on", "to", "for", "about", "with", "in", "over", "between",
                          "against", "from", "by", "at"})
BE_HAVE = frozenset("is are was were has have had".split())
"""The auxiliaries after which a counted noun is the subject ("How many votes were…")."""
_HOW = frozenset({"much", "many", "long", "old", "far", "big", "often", "soon"})


def phrase_in(noun: str, before: str, clause: bool = False) -> str | None:
    """The noun as the previous question put it, with its names and what followed it:
    'letter' in 'did the Green letter ask' -> 'Green letter'; 'report' in 'presented a report to
    Obi on Brandian democracy' -> 'report to Obi on Brandian democracy'; with `clause`, also
    the clause that says which one it is ('survey that found callers hang up')."""
    words = before.rstrip(" ?").split()
    stem = singular(noun.lower())[:5]
    for j, w in enumerate(words):
        if singular(re.sub(r"['’]s?$", "", w.lower().strip(",.?")))[:5] != stem or len(stem) < 3:
            continue
        left = j
        while left > 0 and words[left - 1][:1].isupper() and j - left < 6 \
                and words[left - 1].lower() not in QUESTION_WORDS:
            left -= 1
            if _of_the_in_a_name(words, left - 1):  # "Lady of the Lakes"
                left -= 2
        if left == j:  # 'in the foot and mouth outbreak': its lower-case modifiers
            left = _modified_from(words, j)
        right = j + 1
        if right < len(words) and words[right].lower() in PREPOSITIONS:
            right = min(len(words), right + 6)
            verb = next((k for k in range(j + 2, right)
                         if _verb(words[k], words[k - 1], words[k + 1] if k + 1 < len(words)
                                  else "")), None)
            right = verb if verb is not None else right  # 'committee of MPs warned that…'
            right = next((k for k in range(j + 2, right) if words[k].lower() == "by"), right)
            # 'tie in Israel by a knee injury': "by" after the qualifier says who did it
            while right > j + 1 and words[right - 1].lower() in PREPOSITIONS | DETERMINERS:
                right -= 1
        elif clause and not words[j].endswith(","):
            right = _object_clause(words, left, right)  # 'the survey that found callers…'
        out = " ".join(words[left:right]).strip(",;")
        return re.sub(r"['’]s$", "", out)
    return None


_CLAUSE_WORDS = 16
"""At most this many words of a clause that says which one the noun is."""
_NOT_IN_CLAUSE = TIME_WORDS | frozenset("it he she they we i you this these those".split())
"""Words after "that" that make it no clause the noun can take along ("the report that it
published", "the deal that week")."""
_TELLING = frozenset("""of tell tells told warn warns warned assure assures assured convince
convinced inform informs informed remind reminded persuade persuaded notify notified advise
advised show showed shown teach taught promise promised""".split())
"""Words after which "the inquiry that warnings were ignored" says what was told, not which
inquiry; and "of" ("How many of the staff that were hired have left?": the subject's)."""


def _object_clause(words: list[str], left: int, right: int) -> int:
    """Where the clause ends that follows the noun phrase words[left:right] to the end of the
    question ("…commissioned the survey that found callers hang up?"), when the phrase is what
    a verb or preposition governs (not the subject: "Why did the talks that began in May
    collapse?") and the clause is short and opens with a verb; else `right`."""
    if right + 1 >= len(words) or words[right].lower() not in ("that", "which") or left < 2 \
            or words[left - 1].lower() not in ("the", "a", "an") \
            or not words[left - 2].islower() or words[left - 2] in AUXILIARIES | _TELLING \
            or not words[right + 1].islower() or words[right + 1] in DETERMINERS | _NOT_IN_CLAUSE:
        return right
    end = next((k + 1 for k in range(right, len(words)) if words[k].endswith((",", ";"))),
               len(words))
    return end if end - right <= _CLAUSE_WORDS else right


def _modified_from(words: list[str], j: int) -> int:
    """Where the noun phrase of words[j] starts after its determiner ("the foot and mouth
    outbreak" -> "foot", "a Velmora backbench rebellion" -> "Velmora", "the Lady of the Lakes
    stage musical" -> "Lady"), when up to four lower-case words (and names) lead from one to
    the noun; else j."""
    k, steps = j - 1, 0
    while k > max(0, j - 9) and steps < 4:
        if _of_the_in_a_name(words, k):
            k -= 2  # "of the" inside a name: "Lady of the Lakes"
            continue
        word = words[k].lower()
        if word in _NOUN_OPENERS:
            # "did the council scrap plans": a subject and its verb, not modifiers
            return j if words[k - 1].lower() in AUXILIARIES else k + 1
        if word != "and" and word in QUESTION_WORDS | PREPOSITIONS | _HOW \
                or not re.fullmatch(r"[\w-]+", words[k]):
            return j
        k, steps = k - 1, steps + (not words[k][:1].isupper())  # a name's words: one
    return j


def _of_the_in_a_name(words: list[str], k: int) -> bool:
    """Whether words[k - 1:k + 1] are "of the" between two capitalised words of one name ("Lady
    of the Lakes"; not after a question word: "Which of the Orla teams")."""
    return k > 1 and k + 1 < len(words) and words[k - 1] == "of" \
        and words[k].lower() == "the" and words[k - 2][:1].isupper() \
        and words[k + 1][:1].isupper() and words[k - 2].lower() not in QUESTION_WORDS


def _verb(word: str, before: str, after: str = "") -> bool:
    """Whether a word of a noun's trailing phrase is the question's verb or a participle,
    which ends the phrase: "warned" in "committee of MPs warned", "aiming" in "mission in
    Ostria aiming to…", not "elected" in "of the elected MPs" nor "clothing" in "the Orla
    clothing factory"."""
    if not word[:1].islower():
        return False  # "Manchester United", "after leaving Orla"
    word, before = word.strip(",.?"), before.lower()
    return (word in AUXILIARIES or word.endswith("ed") and word != "hundred"
            or word.endswith("ing") and len(word) > 5 and after.lower() in _AFTER_PARTICIPLE) \
        and before not in PREPOSITIONS | DETERMINERS | _NOUN_OPENERS | _BEFORE_GERUND \
        and not before.endswith("ly")  # "highly skilled engineers": an adjective


_NOUN_OPENERS = DETERMINERS | {"a", "an", "its", "their", "his", "her"}
"""Words that open a noun phrase whose modifiers lead to its noun."""
_BEFORE_GERUND = frozenset({"and", "after", "before", "since", "while", "without", "when"})
"""Words after which a word in -ing is no verb but a gerund ("after leaving Orla")."""
_AFTER_PARTICIPLE = frozenset({"to", "a", "an", "the", "its", "their", "his", "her"})
"""Words after which a word in -ing is a participle ("aiming to", "seeking a"), not a noun
("the clothing factory", "school funding")."""


def singular(word: str) -> str:
    """'plans' -> 'plan', so that 'the plans' finds 'plan' in the previous question."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") \
        else word


def as_clause(question: str) -> str:
    """The previous question as a topic: 'Why did Ostria suspend permits?' -> 'Ostria
    suspend permits'."""
    words = question.rstrip(" ?").split()
    if len(words) > 1 and words[0].lower() == "how" and words[1].lower() in _HOW:
        words = words[2:]
    while words and words[0].lower().strip(",") in QUESTION_WORDS:
        words = words[1:]
    return " ".join(words)


OPENING_CLAUSE = re.compile(r"[^,?]{1,100},\s+(?=(?:(?:in|on|at|by|for|from|to|with)\s+)?"
                            r"(?:who|whom|whose|what|which|when|where|how)\b)", re.IGNORECASE)
"""What a question says before its question word ("According to Ann Lee, ", "In 2004, "):
passed over to tell what the previous answer was and what the previous question asked.
`slots.slot` keeps such a question slotless on purpose: with a slot, the evidence reads the
question's words near the answer value, which misses the clause's, and leave-one-split-out
found 435 near-topic questions "Not found" against 443."""


def with_previous_clause(question: str, before: str) -> str:
    """'Why?' after 'Did Ostria suspend permits?' -> 'Why did Ostria suspend permits?';
    'Who announced it?' after 'According to the report, what turned into a crisis?' -> 'Who
    announced what turned into a crisis?'."""
    stem = question.rstrip(" ?")
    opened = OPENING_CLAUSE.match(before)
    asked = (before[opened.end():] if opened else before).rstrip(" ?").split()
    if re.search(r"\s(?:it|that|this)$", stem, re.IGNORECASE) and len(asked) > 1 \
            and asked[0].lower() in ("what", "who") and asked[1].lower() not in AUXILIARIES:
        return f"{stem.rsplit(None, 1)[0]} {asked[0].lower()} {' '.join(asked[1:])}"
    words = before.rstrip(" ?").split()
    if len(words) > 1 and words[0].lower() == "how" and words[1].lower() in _HOW:
        words = words[2:]  # 'How much will X cost' -> 'will X cost'
        aux = next((k for k, w in enumerate(words[:4]) if w.lower() in AUXILIARIES), 0)
        rest = words[aux + 1:]
        subject = 0  # 'will Marks & Spencer cut', 'will the council cut': a subject of its own
        while subject < len(rest) and (rest[subject][:1].isupper() or rest[subject] == "&"):
            subject += 1
        if not subject and rest and rest[0].lower() in _NOUN_OPENERS:
            subject = 2
        if aux and (words[aux].lower() in BE_HAVE or not subject):  # 'How many votes were
            words = [words[aux], *words[:aux], *rest]  # counted' -> 'were votes counted'
        elif aux:  # 'How many jobs will X cut in Y' -> 'will X cut jobs in Y'
            words = [words[aux], *rest[:subject + 1], *words[:aux], *rest[subject + 1:]]
    elif words and words[0].lower() in QUESTION_WORDS - AUXILIARIES:
        words = words[1:]  # 'When did X…' -> 'did X…'
    if words and words[0].lower() in AUXILIARIES:
        return f"{stem} {words[0].lower()} {' '.join(words[1:])}"
    return f"{stem} {as_clause(before)}"


_SAID_IT = re.compile(
    r"\b(?:say|says|said|tell|tells|told|announc(?:e|es|ed)|claim(?:s|ed)?|report(?:s|ed)?|"
    r"reveal(?:s|ed)?|confirm(?:s|ed)?|den(?:y|ies|ied)|stat(?:e|es|ed))\s+"
    r"(?P<it>it|that|this|so)\s*\??\s*$", re.IGNORECASE)
"""A follow-up that asks about saying the previous answer: "Who said that?", "When did she
announce it?", "Who said so?"."""
_SAYS_THAT = re.compile(r"\b(?:sa(?:y|ys|id)|told|announced|claimed|reported|revealed|"
                        r"confirmed|stated|wrote|warned|insisted|added)\s+(?:\w+\s+){0,3}?"
                        r"that\s+(?P<clause>\S.*)")
_QUOTED = re.compile(r"[\"“](?P<quote>[^\"“”]{12,}?)[,.]?[\"”],?\s+[A-Z]")
"""An answer that quotes someone and then says who: '"We will stay," Ann Lee said.'"""
_WHAT_DID = re.compile(r"\s*(?i:what)\s+(?:did|does|do|has|have|had)\s+([A-Z][\w'’.&-]*"
                       r"(?:\s+[A-Z][\w'’.&-]*)*)\s+([a-z]+)\b")
"""'What did Ostria suspend…?': the name and its verb."""
_ATTRIBUTED = re.compile(r",\s+(?:(?:[A-Z][\w'’.-]*\s+){1,4}|(?:the|its|their)\s+(?:[a-z][\w-]*\s+)"
                         r"{1,2})(?:said|says|told|added|wrote)\b.*$")
"""'…, Ann Lee said', '…, the union said': who said it, which a follow-up asks about."""
_SAYS = re.compile(r"\b(?:said|says|told\s+\w+|warned|insisted|added)\s+(?P<clause>(?:the|an?|it|"
                   r"he|she|they|we|[A-Z][\w'’-]*)\s+\S.*)")
"""'Ann Lee said the plant would close': what she said, with no "that"."""
_SAYING_ASKED = re.compile(r"\b(?:say|said|tell|told|announce|claim|report|reveal|confirm|"
                           r"deny|state|warn|call|argue|insist|add)\b", re.IGNORECASE)
"""A what-question about what someone said, whose answer "that" can stand for."""
_SAID_WORDS = 40
"""The most words of the previous answer a follow-up repeats."""


def said_it(question: str, before: str, answer: str | None,
            done_object: Callable[[], tuple[str, str] | None] = lambda: None
            ) -> tuple[int, str] | None:
    """Where the pronoun of "Who said that?" (or "When did she announce it?") starts, and what
    it stands for after a what-question with an answer: what was done, when it asked what a
    name did (`done_object()`, read only for such a follow-up: ("suspend", "the permits"):
    "that Ostria suspended the permits"), else
    what the answer says, as a that-clause ("that Canada will contribute to the mission").
    None for other questions."""
    m = _SAID_IT.search(question)
    opened = OPENING_CLAUSE.match(before)
    asked = before[opened.end() if opened else 0:]
    so = bool(m) and m["it"].lower() == "so"  # "Who said so?": the answer, whatever was asked
    if not m or not answer or not so and not re.match(r"\s*what\b", asked, re.IGNORECASE):
        return None
    did = _WHAT_DID.match(asked)
    done = done_object() if did else None
    if not (done and did) and not so and not _SAYING_ASKED.search(asked):
        return None  # "Who wrote it?" after "What is Ann Lee's new album called?": the album
    if done and did and did[2] == done[0] and not _EVENT_VERBS.match(done[0]):
        return m.start("it"), f"that {did[1]} {past(done[0])} {done[1]}"
    text = " ".join(answer.split()).rstrip(" .")
    quoted = _QUOTED.match(text)  # '"…," Ann Lee said.': what she said
    says = None if quoted else _SAYS_THAT.search(text) or _SAYS.search(text)
    text = quoted["quote"] if quoted else says["clause"] if says else text.strip("\"“”'‘’ ")
    text = _ATTRIBUTED.sub("", text)  # "…, Ann Lee said": she is asked about
    first = text.split(maxsplit=1)[0] if text.split() else ""
    if first.lower() in OPENERS and first != "I":  # "Under the rule, …": "that under the rule"
        text = text[:1].lower() + text[1:]
    return m.start("it"), f"that {' '.join(text.split()[:_SAID_WORDS])}"


_LINKS = "|".join(sorted(PREPOSITIONS | {"and", "or", "but", "who", "which", "that", "when"}))
"""Words that end a phrase: a preposition, a conjunction or a relative."""


def placing(topic: str, before: str) -> str | None:
    """The previous question's words that place its topic, to carry into a follow-up that
    names nothing: 'at Newcastle's 2-1 win' (of 'the attendance at Newcastle's 2-1 win over
    Bolton'), 'for Firefox', 'according to INSEE's flash estimate'; None when no preposition
    puts the topic there."""
    m = re.search(rf"\b(?i:according to|at|in|on|for|during|about|over|against|from)\s+"
                  rf"(?:the\s+)?{re.escape(topic)}(?:['’]s?)?(?:\s+(?!(?:{_LINKS})\b)"
                  rf"[\w'’.-]+){{0,4}}?(?=\s*,|\s+(?:{_LINKS})\b)", before)
    return m.group()[:1].lower() + m.group()[1:].rstrip(" ,") if m else None



def as_question(text: str) -> str:
    """One space between words, a capital first letter kept as typed, one question mark."""
    text = " ".join(text.split()).rstrip(" ?,")
    return f"{text}?"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_BETWEEN = (r"(?:between|in|over|with|against)\s+(?:the\s+)?[A-Z][\w'’-]*"
            r"(?:\s+(?:and\s+|of\s+)?[A-Z][\w'’-]*){0,3}")
"""What sets a noun among others in a text: 'between Ostria and Velmora', 'in Velmora'."""


def described(noun: str, texts: list[str]) -> str | None:
    """'the conflict between Ostria and Velmora' for 'conflict' when one of `texts` (the
    previous answer, its passage) says which one it is by names after it; else None."""
    for text in texts:
        m = re.search(rf"\b{re.escape(noun)}\s+({_BETWEEN})", text)
        if m:
            return f"the {noun} {m.group(1)}"
    return None


def phrase_end(text: str, start: int) -> int:
    """Where the phrase that starts at `start` ends: the next comma or preposition that opens
    another phrase, else the end."""
    for m in re.compile(r",|\s(?:and|but|when|while|after|before|because)\s").finditer(text, start):
        if m.group().strip() == "and" and text[m.end():m.end() + 1].isupper() \
                and text[:m.start()].split()[-1][:1].isupper():
            continue  # 'in England and Wales' is one place
        return m.start()
    return len(text)


_EVENT_VERBS = re.compile(r"(?:announc|confirm|den[iy]|report|reveal|explain|suggest|claim|"
                          r"disclos|sa(?:y|id)\b|states?\b|stated\b)")
"""Stems of verbs that take a that-clause: "Who announced it?" after "When did Ostria suspend
the permits?" asks who announced that Ostria suspended them."""
_DID_EVENT = re.compile(r"\s*(?i:when|why|how|where)\s+(?i:did)\s+([A-Z][\w'’.&-]*"
                        r"(?:\s+[A-Z][\w'’.&-]*)*)\s+([a-z]+)\b(.*?)\s*\??\s*$")
"""'When did Ostria suspend…?': a name (no "the": "the Ostrian government suspend" would
take "government" for the verb), its verb and the rest."""
_IRREGULAR_PAST = dict(pair.split(":") for pair in """make:made take:took send:sent buy:bought
sell:sold pay:paid win:won lose:lost leave:left bring:brought give:gave hold:held meet:met
set:set cut:cut put:put begin:began run:ran say:said tell:told find:found build:built
spend:spent lead:led keep:kept go:went come:came get:got see:saw write:wrote fall:fell
rise:rose grow:grew speak:spoke choose:chose shut:shut quit:quit flee:fled strike:struck
become:became seek:sought withdraw:withdrew occur:occurred refer:referred admit:admitted
commit:committed submit:submitted permit:permitted regret:regretted control:controlled
break:broke catch:caught draw:drew drive:drove fight:fought fly:flew forbid:forbade
hit:hit hurt:hurt lay:laid lend:lent let:let mean:meant shake:shook shoot:shot sink:sank
sit:sat stand:stood steal:stole stick:stuck teach:taught tear:tore think:thought
throw:threw understand:understood undertake:undertook wear:wore overcome:overcame
oversee:oversaw overtake:overtook undergo:underwent forecast:forecast broadcast:broadcast
bet:bet bid:bid cost:cost read:read spread:spread arise:arose bear:bore hang:hung
freeze:froze forget:forgot ride:rode ring:rang swim:swam wake:woke""".split())
_NOT_VERBS = re.compile(r"(?:and|or|but|not|also|then|first|ever|never|finally|\w+ly)$")
"""Words after a name that are no verb ("Ostria and Brandia", "Ostria officially")."""


_NOUN_OF = dict(pair.split(":") for pair in """lose:loss sell:sale grow:growth fly:flight
choose:choice""".split())
"""Verbs whose noun is another word ("How much did Orla lose?" / "a loss of $5m")."""


def _forms() -> dict[str, frozenset[str]]:
    """Each whole word of an irregular verb -> all its forms ("lost" -> lose, loses, losing,
    lost, loss, losses), so no word is taken for another that merely starts the same way
    ("spokesman" is no form of "speak")."""
    forms: dict[str, frozenset[str]] = {}
    for verb, did in _IRREGULAR_PAST.items():
        stem = verb[:-1] if verb.endswith("e") else verb
        group = {verb, f"{verb}s", f"{verb}es", f"{stem}ing", f"{verb}{verb[-1]}ing", did}
        if noun := _NOUN_OF.get(verb):
            group |= {noun, f"{noun}s", f"{noun}es"}
        for form in group:
            forms[form] = forms.get(form, frozenset()) | frozenset(group)
    return forms


_FORMS = _forms()


def said_otherwise(asked: Iterable[str], said: set[str]) -> set[str]:
    """The first five letters of each asked word that the text says in another form of the
    same verb (`said`: the text's whole words, lower case): "lose" for a text saying "loss"
    or "lost", "sold" for one saying "sell"."""
    return {w[:5] for w in asked if _FORMS.get(w, frozenset()) & said}


def past(verb: str) -> str:
    """The past tense of an English verb ("suspend" -> "suspended", "ban" -> "banned")."""
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return f"{verb}d"
    if re.search(r"[^aeiou]y$", verb):
        return f"{verb[:-1]}ied"
    if re.fullmatch(r"[^aeiou]+[aeiou][^aeiouwxy]", verb):  # one syllable: "ban", "stop"
        return f"{verb}{verb[-1]}ed"
    return f"{verb}ed"


def event_clause(verb: str, before: str) -> str | None:
    """What "it" after `verb` stands for when the verb takes an event and the previous
    question asked when, why, how or where a name did something: "that Ostria suspended the
    permits" for "Who announced it?" after "When did Ostria suspend the permits?"."""
    done = _DID_EVENT.match(before)
    if not done or not _EVENT_VERBS.match(verb.lower()) or _NOT_VERBS.match(done.group(2)):
        return None
    return f"that {done.group(1)} {past(done.group(2))}{done.group(3)}"
