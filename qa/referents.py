"""What a follow-up's pronouns and definite nouns stand for: the names of the previous turn
(its question, its answer sentence and its best passage), found by capitalisation, never
from a list of any corpus's names. qa.rewrite puts them in place."""

from __future__ import annotations

import re

from .answer import Answer, Hit
from .bodies import ORGANISATIONS
from .lands import demonym_of
from .names import (
    AUXILIARIES,
    AUXILIARY_PATTERN,
    KINDS_DESCRIBED,
    OPENERS,
    QUESTION_WORDS,
    entities,
    is_role,
    is_time,
    name_words,
    names_by_head,
    new_names,
    person,
    possessive,
    strip_possessive,
)
from .objects import object_done
from .passages import split_sentences
from .phrases import OPENING_CLAUSE
from .slots import answer_type
from .vocab import MONTH_PATTERN, ORGANISATION_WORDS, STOPWORDS, terms

TIME = re.compile(
    r"\b(?:(?:in|on|during|since|by|before|after)\s+)?(?:(?:early|late|mid)[-\s])?"
    rf"(?:(?:{MONTH_PATTERN})\.?(?:\s+\d{{1,2}},?)?\s+)?"
    r"(?:1[89]|20)\d\d(?:[-/]\d{1,2}\b(?![-/]))?\b"  # "2005-6"
    r"|\b(?:(?:in|on|during|since|by|before|after|for)\s+)?(?:the\s+(?:current|coming|past|"
    r"previous)|last|this|next)\s+(?:week|month|year|quarter|spring|summer|fall|autumn|winter)\b",
    re.IGNORECASE)
"""A year or a season named in a question ("in July 2023", "last year")."""


def searched_text(answer: Answer) -> str:
    """What was searched for an answer: its interpretation, else the question itself."""
    return answer.interpreted_as or answer.question


def best_hit(previous: Answer) -> Hit | None:
    """The previous answer's passage (its best passage when "not found"), if any."""
    return previous.passages[(previous.rank or 1) - 1] if previous.passages else None


def said(previous: Answer) -> str:
    """The previous answer's sentence; when it was "not found", its best passage's sentence
    (still the likeliest place for the name a pronoun stands for)."""
    if previous.text:
        return previous.text
    for hit in previous.passages[:1]:
        if hit.highlight:
            return hit.text[hit.highlight[0]:hit.highlight[1]]
    return ""


_DETERMINER = r"(?:the|an?|this|that|these|those|its|their|his|her)\b"


_WHO_DID_THE = re.compile(r"\s*(?i:who)\s+(?:(?:did|does|do|has|had|will)\s+"
                          r"(?:[A-Z][\w'’.-]*\s+){1,3}|(?:has|had|will)\s+)?"
                          r"(?!(?:is|was|are|were|be|been|become|did|does|do)\b)"
                          r"[a-z]+\s+(the\s+(?:[\w'’.-]+\s+){0,2}?[a-z][\w-]*)"
                          r"(?=\s+(?:to|of|for|in|at|on|from|with|by|about|against)\b|\s*\?)")
"""'Who wrote the letter…?', 'Who did Ann Lee write the letter with?': the thing done, which
"it" stands for when the one who did it is a person (or not found)."""


def thing(previous: Answer, plural: bool = False, role: bool = False,
          noun: str = "") -> str | None:
    """What "it", "they" or "the company" most likely stands for after `previous`.

    After a who/which question, the name its answer gives (a person's after "which
    striker", when `role`: "the striker" stands for a person, "it" does not); otherwise the
    first name the previous question itself used (its subject), in possessive form stripped.
    A name inside "a … `noun`" (the noun the follow-up repeats) only qualifies it ("a
    little-known Ruritanian company" names no company; "the Acme company" does), a name
    after "in" or "near" is where it was, and the land of the question's "Which French…" is
    not the answer.
    """
    before = searched_text(previous)
    if not plural and not role and (done := _WHO_DID_THE.match(before)) and (
            previous.text is None or person(said(previous), True, before, before.lower())):
        return done.group(1)  # "When was it sent?" after "Who wrote the letter…?": the letter
    opened = OPENING_CLAUSE.match(before)  # "According to the report, which country's…?"
    if answer_type(before[opened.end():] if opened else before) in ("name", "place"):
        asked = before.lower()
        hit = best_hit(previous)
        top = hit.text if hit else ""
        asked_role = re.match(r"(?:\w+ )?(?:which|what)\s+(?:[\w'’-]+\s+){0,3}?([a-z][\w-]*)\s+"
                              rf"(?:{AUXILIARY_PATTERN})\b", before, re.IGNORECASE)
        if asked_role and is_role(asked_role.group(1)):
            # 'Which Ostrian striker…': the answer is a person, whom "the striker" stands for;
            # "it" does not; "they" after "Which MPs…" stands for the MPs
            if plural and not role and asked_role.group(1).endswith("s"):
                return _pair((said(previous), top), asked) or f"the {asked_role.group(1)}"
            if not role:
                return topic(before)
            for text in (said(previous), top):
                name = person(text, single=True, context=f"{top} {before}", asked=asked)
                if name:
                    return name
            return None
        if plural and not role and previous.text is None \
                and re.match(r"\s*whom?\b", before, re.IGNORECASE):
            pair = _pair((top,), "")  # "they" after an unanswered "Who did Ann Lee write it
            if pair and any(n.lower() not in asked for n in pair.split(" and ")):  # with?"
                return pair  # the two people the passage names together
        named = new_names(_named_before(previous, asked_role.group(1) if asked_role else None),
                          asked)
        if named:
            return re.split(r"['’]s\s+", named[-1])[-1]  # "Ostria's Orla": Orla
        for text in (said(previous), top):
            names = [_owner(n) for n in new_names(text, asked, top) if not _demonym(n, text)
                     and (role or plural or not _titled(n, text))
                     and not any(demonym_of(w, n) for w in asked.split())]
            names = [n for n in names if not noun or not (
                re.search(rf"\b(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(n)}\s+"
                          rf"{re.escape(noun)}\b", text, re.IGNORECASE)
                or answer_type(before) != "place"
                and re.search(rf"\b(?:in|near)\s+(?:the\s+)?{re.escape(n)}", text))]
            if names:
                for first, second in zip(names, names[1:], strict=False) if plural else ():
                    if re.search(rf"{re.escape(first)}\s+and\s+(?:[\w-]+\s+){{0,3}}?"
                                 rf"{re.escape(second)}", text):
                        # "they": the two a sentence names together ("Ann Lee and Orla MP
                        # Bo Park"), titles dropped
                        return " and ".join(" ".join(name_words(n)) for n in (first, second))
                headed = noun and re.search(rf"\b(?:the|an?)\s+(?:[a-z][\w-]*\s+){{0,2}}"
                                            rf"{re.escape(names[0])}((?:\s+(?!{_DETERMINER})"
                                            rf"[a-z][\w-]*){{1,2}}\s+{re.escape(noun)})\b", text)
                return names[0] + headed.group(1) if headed else names[0]  # "the ID cards bill"
    subject = topic(before)
    if subject and not role and person(subject):  # "What did Ann Lee present?": "it" is no
        did = object_done(before, said(previous))  # person but "the report" she did
        subject = did[1] if did else subject
    modified = re.search(rf"\bthe\s+{re.escape(subject)}\s+([a-z][\w-]+)\b(?!['’])",
                         before) if subject else None
    if modified and re.search(rf"\b(?i:{AUXILIARY_PATTERN})\s+$", before[:modified.start()]) \
            and not re.match(r"\s+[a-z][\w-]*\b(?<!\bin)(?<!\bon)(?<!\bto)(?<!\bfor)",
                             before[modified.end():]):
        modified = None  # "will the VBC invest in…": its verb, not "the EU mission send"
    if modified and modified.group(1) not in STOPWORDS and not plural:
        return f"the {subject} {modified.group(1)}"  # "the EU mission", not the EU
    if subject:
        return subject
    # No name: the thing the previous question was about ("the hunts" in "How many hunts
    # met?", "the library" in "How much will the library cost?").
    m = re.match(r"how\s+many\s+([a-z][\w-]+)", before, re.IGNORECASE)
    if m and plural and terms(m.group(1)):
        return f"the {m.group(1)}"
    m = re.search(r"\b(?:the|its|their)\s+([a-z][\w-]+)", before)
    if m and terms(m.group(1)) and m.group(1) not in QUESTION_WORDS:
        return f"the {m.group(1)}"
    return None


def _owner(name: str) -> str:
    """A name that is a body's role ("Orla's CEO", "Orla's Chairman"): the body."""
    owner, _, held = name.rpartition("'s ") if "'s " in name else name.rpartition("’s ")
    return owner if owner and is_role(held.lower()) else name


_NAME = r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
_PAIR = re.compile(rf"\b{_NAME}\s+and\s+{_NAME}")
"""Two names said together ("Ann Lee and Bo Park", "Lee and Park")."""


def _pair(texts: tuple[str | None, str], asked: str) -> str | None:
    """The first two people a text names together that the question (`asked`, lower case) did
    not ("Ann Lee and Bo Park"), from the texts in order."""
    for text in texts:
        for m in _PAIR.finditer(text or ""):
            if all(person(n, single=True, context=text) == n and n.lower() not in asked
                   for n in m.groups()):
                return f"{m.group(1)} and {m.group(2)}"
    return None


def _demonym(name: str, text: str) -> bool:
    """Whether the name is a people's adjective before a noun ("Velmoran victims"), no thing
    (not "The Orlean reported": a verb)."""
    if " " in name or not name.endswith(("ian", "ean", "ese", "ish")):
        return False
    m = re.search(rf"\b{re.escape(name)}\s+([a-z][\w-]*)", text)
    return bool(m) and m.group(1) not in STOPWORDS and not m.group(1).endswith("ed") \
        and m.group(1) not in _SAYING


def _titled(name: str, text: str) -> bool:
    """Whether the text gives the name a person's title or role ("Minister Ann Lee"): "it"
    does not stand for it."""
    m = re.search(rf"\b([A-Za-z-]+)\.?\s+{re.escape(name)}\b", text)
    return bool(m) and is_role(m.group(1).lower())


_SAYING = frozenset("said says told tells reported reports announced claimed".split())


def done_object(previous: Answer) -> tuple[str, str] | None:
    """The verb of the previous what-did question and what its answer says was done with it
    (("suspend", "the export") for "What did Ostria suspend?" answered by "Ostria suspended
    the export of drones"), or None."""
    return object_done(searched_text(previous), said(previous))


def _named_before(previous: Answer, kind: str | None) -> str:
    """The passage text before the answer sentence when that sentence only describes what the
    which-question asked for ("The Ostrian firm is also expected…" after "Which Ostrian oil
    firm…?"; not "The firm Orla won…", which names it): the name it stands for is the last
    one given just before ("led by Velmora Gas and Ostria's Orla"). Only the last sentence
    before it, else empty."""
    if not kind or not re.match(
            rf"(?:[A-Z]\w*\s+)?(?i:the)\s+(?:[\w-]+\s+){{0,2}}{re.escape(kind)}\b(?!,?\s+[A-Z])",
            said(previous)):
        return ""
    return said_before(previous)


def said_before(previous: Answer) -> str:
    """The sentence before the previous answer's in its passage ("" when it opens it): where
    a pronoun that opens the answer ("He told BBC Sport…") is named."""
    hit = best_hit(previous)
    spans = split_sentences(hit.text, 0, hit.highlight[0]) if hit and hit.highlight else []
    return hit.text[spans[-1][0]:spans[-1][1]] if spans else ""


_QUALIFIED = re.compile(r"\b(?i:which|what)\s+$")
"""What comes before a name that only qualifies what is asked for: "which German city"."""
_COUNTED = re.compile(r"\b(?i:how many|how much)\s+$")
_COUNTED_NOUN = re.compile(rf"\s+[a-z][\w-]*\s+(?i:{AUXILIARY_PATTERN})\b")
"""...or the noun counted, before its verb: "how many Zeta X2 planes has…"."""
_SUBJECT_NAMED = re.compile(r"\s+(?:the\s+)?[A-Z]")
"""A name right after the counted noun's auxiliary: the subject ("…planes has Orla Air
ordered")."""
_BODY_KINDS = KINDS_DESCRIBED | ORGANISATIONS | ORGANISATION_WORDS | frozenset(
    "airline carrier maker retailer broadcaster label brand chain operator insurer lender "
    "manufacturer developer publisher studio subsidiary unit".split())
"""Nouns for a body that an owner's name may come before ("Ostria's state airline Orla Air")."""
_QUALIFIED_AFTER = re.compile(rf"\b(?i:which|what)\s+(?:(?!(?:{AUXILIARY_PATTERN}|the|a|an)\b)"
                              r"[a-z][\w-]*(?<!ed)\s+){1,3}$")
"""...or adjectives before it: "which small UK electronics firm will…"."""
_OWNER_OF_NAME = re.compile(r"((?:\s+(?!(?:the|a|an|and|or|of|to|in)\b)[a-z][\w-]*){1,3})\s+"
                            r"[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*\s+[a-z]")
"""What follows an owner that only says whose the next name is, that name then a verb:
" low-cost airline Orla Air ordered"."""
_NOUN_THEN_VERB = re.compile(rf"(?:\s+[a-z][\w-]*){{1,2}}\s+(?:{AUXILIARY_PATTERN})\b")


def topic(before: str) -> str | None:
    """The first name the previous question used (its subject), possessive stripped; not a
    day or month, and not a word that only qualifies what was asked for ("German" in "which
    German city", "UK" in "which small UK electronics firm")."""
    for run in entities(before):
        if not (TIME.fullmatch(run) or is_time(run) or _only_qualifies(before, run)):
            return strip_possessive(" ".join(name_words(run)) or run)
    return None


def _only_qualifies(before: str, run: str) -> bool:
    """Whether a name of the question only qualifies what is asked for or its subject: "German"
    in "which German city", "Zeta X2" in "how many Zeta X2 planes has Orla Air…", "Ostria's" in
    "has Ostria's low-cost airline Orla Air ordered" (not "Orla's chief Ann Lee", "Zeta's board
    tell Bo Park", "Zeta's new signing Bo Park")."""
    at = before.find(run)
    end = at + len(run)
    if at > 0 and _QUALIFIED.search(before[:at]) and re.match(r"\s+[a-z]", before[end:]):
        return True
    if at > 0 and _QUALIFIED_AFTER.search(before[:at]) and _NOUN_THEN_VERB.match(before, end):
        return True
    if _COUNTED.search(before[:at]) and (counted := _COUNTED_NOUN.match(before, end)) \
            and _SUBJECT_NAMED.match(before, counted.end()):
        return True
    owned = _OWNER_OF_NAME.match(before, end) if run.endswith(("'s", "’s")) else None
    return owned is not None and owned[1].split()[-1] in _BODY_KINDS


_TIME_NOUNS = frozenset("day week month year season decade century".split())
"""Nouns of a time, which no name stands for ("the week")."""
_DEFINED = r"(?!\s+(?:of|in|at|for|from|near)\b)"
"""Not followed by what pins the noun down ("the council of Europe", "the bank in Ostria")."""
_DEFINITE = re.compile(rf"\b(?i:the|that|this)\s+([a-z][a-z-]{{2,}})\b{_DEFINED}")
_KIND = re.compile(rf"\b(?i:the)\s+((?:[a-z][\w-]*\s+){{0,2}}?)"
                   rf"({'|'.join(sorted(ORGANISATIONS))})(?:['’]s)?\b{_DEFINED}(?!\s+[A-Z])")
_AFTER = re.compile(r"\s+([a-z][\w-]*)")
_ADVERBS = frozenset("still also now then not never just ever first last already".split())


def _stands_alone(question: str, start: int, end: int) -> bool:
    """Whether the phrase at question[start:end] ends its noun phrase: not "the court case"
    or "the council tax", unless it is the subject after an auxiliary ("did the company
    pay")."""
    after = _AFTER.match(question, end)
    if after is None or question[end:end + 1] in "'’":
        return True
    word = after.group(1)
    if word in AUXILIARIES or word in _ADVERBS or word in ("and", "or", "but", "to"):
        return True
    before = question[max(0, start - 20):start].split()
    return bool(before) and before[-1].lower() in AUXILIARIES


def named_head(question: str, previous: Answer) -> tuple[re.Match[str], str] | None:
    """'the council' after an answer about 'the United Nations Security Council': the
    definite phrase and the name it shortens, a name of the previous answer sentence or
    question headed by the phrase's noun (`qa.names.names_by_head`). A time ('the week') is no
    name's, and a noun that leads a compound ('the council tax') is not the phrase's."""
    names = [names_by_head(said(previous)), names_by_head(searched_text(previous))]
    passage: dict[str, str] | None = None
    for m in _DEFINITE.finditer(question):
        noun = m.group(1)
        if noun in _TIME_NOUNS or not terms(noun) or not _stands_alone(question, m.start(),
                                                                        m.end()):
            continue
        named = [found[noun] for found in names if noun in found]
        if not named and _passage_may_name(noun, previous):
            if passage is None:  # "the Embassy of the Republic of Ostria" in its passage
                hit = best_hit(previous)
                passage = names_by_head(hit.text) if hit else {}
            named = [passage[noun]] if noun in passage else []
        if named:  # the fullest: "the Reserve Bank of Australia" over "the Reserve Bank"
            return m, f"the {max(named, key=len)}"
    return None


def _passage_may_name(noun: str, previous: Answer) -> bool:
    """Whether the previous answer's passage may say which one "the <noun>" is: not for a
    role ("the minister" is no "Prime Minister" the passage names), nor for a noun the
    previous question already called its own ("the report")."""
    return not is_role(noun) and not re.search(rf"\b(?:the|this|that)\s+{re.escape(noun)}\b",
                                               searched_text(previous).lower())


def kind_phrase(question: str) -> re.Match[str] | None:
    """'the oil firm', 'the agency's': a body named by its kind alone, with at most two
    plain words before the noun, that no name or 'of …' pins down and that is not the first
    noun of a compound ('the court case')."""
    m = _KIND.search(question)
    if m is None or not _stands_alone(question, m.start(), m.end()) or any(
            w in QUESTION_WORDS or w in STOPWORDS or not terms(w) for w in m.group(1).split()):
        return None
    return m


def apposed(phrase: str, texts: list[str]) -> str | None:
    """The name a text sets right after `phrase` ("Yukos" of "Russian oil firm Yukos")."""
    for text in texts:
        m = re.search(rf"\b{re.escape(phrase)}\s+((?:[A-Z][\w&.'’-]*\s?){{1,4}})", text)
        if m:
            return strip_possessive(m.group(1).strip())
    return None


def named_by_kind(question: str, previous: Answer) -> str | None:
    """The question with a body it names by its kind alone (`kind_phrase`) given its name
    from the previous turn: 'the agency's' -> "IAEA's" (the previous turn's subject, unless
    the question names things of its own: then only a name the previous answer or question
    set beside the noun) and 'the oil firm' -> 'Yukos' (only when the previous turn's texts
    set a name right after 'oil firm'). None when nothing fits."""
    kind = kind_phrase(question)
    if kind is None:
        return None
    own = [said(previous), searched_text(previous)]
    if kind.group(1):  # described: 'the oil firm'
        referent = apposed(kind.group(1) + kind.group(2), own + [h.text for h in
                                                                 previous.passages[:3]])
    elif entities(question):
        referent = apposed(kind.group(2), own)
    else:
        referent = thing(previous)
    if not referent or referent.startswith("the ") or person(referent):
        return None
    named = name_for(referent, kind.group(2), kind.group(0).endswith(("'s", "’s")))
    return question[:kind.start()] + named + question[kind.end():]


_NAMED_AS = (r"(?<![\w&'’-])([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){{0,3}}),\s+the\s+"
             r"(?:(?!(?:of|for|at|in|on|to|with|from|by|the|a|an|and|or)\b)[\w'’-]+\s+){{0,3}}?"
             r"{}(?=[,;.)]|$)")
"""A name the text then calls by a noun, the aside closed by a comma or the sentence's end
("Skis Rossignol, the world's largest ski-maker, …"; not "the company's chief executive", "the
handset maker", nor "Unlike Zeta, the ski-maker has…", where no comma closes it, nor "Ann
Lee, the head of the bank,")."""
_NAMED_AFTER = (r"(?<![\w'’-]){}[ \t]+([A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){{0,3}})"
                r"(?![\w&'’-]|[ \t]+[A-Z]|,?[ \t]+and[ \t]+[A-Z]|,[ \t]+[A-Z])")
"""A name right after its noun on one line, not one of a list ("hurdler Ann Lee"; not the
"Group B game Zeta won": `_DETERMINED`)."""
_DETERMINED = re.compile(rf"\b(?i:{_DETERMINER}|each|every|any|no|one|another|other|some|"
                         r"which|whose|fellow|rival|former|compatriot)\s+"
                         r"(?:[\w'’-]+\s+){0,3}$|\b(?i:will|would|to|can|could|may|might|must|"
                         r"shall|should|did|does|do)\s+$")
"""What opens the noun's phrase when the name after it opens a clause ("the game Zeta won"),
is another than the one asked about ("fellow hurdler"), or makes the noun a verb ("will fight
Bo Park")."""
_OPENERS = OPENERS | frozenset("last next rival separately since although though near speaking"
                               .split())
"""Words that open a sentence, no name ("In March, the ski-maker…", "Yesterday Zeta, …")."""


def called(noun: str, previous: Answer) -> str | None:
    """The one name the previous answer sentence or its passage calls by `noun` after a comma
    ("Zeta, the world's largest ski-maker") or right before it ("hurdler Ann Lee"), or None."""
    texts = [said(previous), *(h.text for h in previous.passages[:1])]
    asked = searched_text(previous)
    said_so = [(n, text) for text in texts for pattern in (_NAMED_AS, _NAMED_AFTER)
               for n in re.finditer(pattern.format(re.escape(noun)), text)
               if pattern is _NAMED_AS or not _DETERMINED.search(text, 0, n.start())
               and re.search(rf"\b{re.escape(strip_possessive(n.group(1)))}\b", asked)]  # (the
    # one the turn asked about: not "Ann Lee trains with fellow hurdler Bo Park")
    if any(re.search(r"(?:\band|&)\s*$", text[:n.start()]) for n, text in said_so):
        return None  # "Zeta and Orla, the carmakers": which one is unsaid
    found = {f for n, _ in said_so if (f := strip_possessive(n.group(1))).split()[0].lower()
             not in _OPENERS and not is_time(f) and not re.search(r"['’]s?\s", f)}  # (not
    # "Velmora's Zeta")
    return found.pop() if len(found) == 1 else None


def named_as(question: str, previous: Answer) -> str | None:
    """The question with 'the <noun>' put as the name the previous turn `called` so ('the
    ski-maker' -> 'Skis Rossignol'). None when no name is."""
    for m in _DEFINITE.finditer(question):
        noun = m.group(1)
        if noun in _TIME_NOUNS or is_role(noun) or not terms(noun) \
                or not _stands_alone(question, m.start(), m.end()):
            continue
        if (name := called(noun, previous)) and name.lower() not in question.lower():
            return question[:m.start()] + name + question[m.end():]
    return None


def name_for(referent: str, noun: str, owning: bool) -> str:
    """The name put for 'the company' or 'the council's': "Orla Media", "the United Nations
    Security Council's" (a name headed by the noun keeps its article, as a sentence would)."""
    named = possessive(referent) if owning else referent
    words = referent.lower().split()
    head = words[:words.index("of")] if "of" in words else words
    return f"the {named}" if head and head[-1] == noun.lower() else named
