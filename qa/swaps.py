"""What an ellipsis swaps in the previous question: a name for a name ("and Million Dollar
Baby?"), with the plain words after it when the ellipsis has its own; a noun for a noun
("and the first goal?", "and revenues?"); a phrase for one that opens or ends alike ("and
best male?")."""

from __future__ import annotations

import re
from itertools import accumulate

from .names import AUXILIARIES, entities, is_role, is_time, strip_possessive
from .phrases import DETERMINERS, PREPOSITIONS, singular
from .vocab import MONTH_PATTERN, STOPWORDS, terms


def swap_name(base: str, target: str, fragment: str, name: str) -> str:
    """The previous question with `target` swapped for `name`, and with the plain words after
    it too when the fragment ends in plain words of its own: 'and Acme's Dash gaming chair?'
    after 'How much is Zeta's Glo remote control expected to cost?' asks about the chair, not
    its remote. Possessive for possessive: 'and Bo Ek's father?' after 'What did Ann Lee's
    mother say?' swaps both; after 'What did Ann Lee say?' only the name."""
    at, start = base.find(target), fragment.find(name)
    if at < 0 or start < 0:
        return base.replace(target, name, 1)
    after = base[at + len(target):]
    if base.endswith("The ", 0, at) and not name.lower().startswith("the "):
        at -= 4  # "The Aviator", a title: "And Million Dollar Baby?" swaps it whole
    if _APPOSITIVE.fullmatch(after):
        after = ""  # 'How old is Ann Lee, Orla's finance chief?' + 'And Bo Ek?': not his post
    mark, words, end = _noun_words(fragment[start + len(name):])
    old_mark, old_words, _ = _noun_words(after)
    wanted = sum(len(w.split("-")) for w in words)  # 'gaming-chair' for 'remote control'
    sizes = list(accumulate((len(w.split("-")) for w in old_words), initial=0))
    if not words or not re.fullmatch(r"\W*", fragment[start + len(name) + end:]) \
            or mark != old_mark or wanted not in sizes:
        return base[:at] + name + after
    taken = sizes.index(wanted)
    _, _, old_end = _noun_words(after, taken)
    return base[:at] + name + mark + " " + " ".join(words) + after[old_end:]


_APPOSITIVE = re.compile(r",\s+(?:the|a|an|its|his|her|their|[A-Z][\w.&-]*['’]s?)\s+[^,]+")
"""What a name's apposition says of it, to the end of the question (", Orla's former chief")."""
_PLAIN_WORD = re.compile(r"\s+([a-z][\w-]*)\b")


def _noun_words(text: str, most: int = 8) -> tuple[str, list[str], int]:
    """The possessive ("'s", "'" or "") and the plain lower-case words (no function words, at
    most `most`) that open `text`, and where they end."""
    possessive = re.match(r"['’]s?", text)
    at = possessive.end() if possessive else 0
    words: list[str] = []
    while len(words) < most:
        m = _PLAIN_WORD.match(text, at)
        if not m or m.group(1) in STOPWORDS or m.group(1) in AUXILIARIES:
            break
        words.append(m.group(1))
        at = m.end()
    return (possessive.group() if possessive else ""), words, at


_OWNER = r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}['’]s?"
"""A name in the possessive: "Orla Bank's", "Orla Motors'"."""
_SWAP = re.compile(rf"((?i:the|its|his|her|their)|(?P<owner>{_OWNER}))\s+"
                   r"((?:[\w'’-]+\s+){0,4}[A-Za-z][\w-]*)")
"""An ellipsis naming a thing: 'the first goal', 'its finance director', 'his rival's lawyer'."""
_NOT_A_MODIFIER = r"(?!(?:the|a|an|its|his|her|their|and|or|of|to|in|on|at|for|did|does|do|is|"\
    r"was|are|were|will|has|have|had|can|could|would)\b)"
_BEFORE_NOUN = re.compile(rf"(?:(?<![\w'’])(?:the|its|his|her|their)|(?P<owner>(?<![\w'’.&-])"
                          rf"{_OWNER}))\s+(?P<mods>(?:{_NOT_A_MODIFIER}[a-z0-9][\w'’-]*\s+){{0,3}})$")
"""What stands right before a noun of the previous question: 'the ' or "Orla Bank's ", then
up to three words that say which one ('injury-time ', "men's ")."""
_OWNED_LAST = re.compile(rf"[Ww](?:ho|hat)\s+(?:is|was|are|were)\s+(?P<owner>{_OWNER})\s+"
                         r"(?P<noun>(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)")
"""'Who is Orla Bank's chief executive': whose, and the noun that ends the question."""
_WINDOW = 80
"""Characters before a noun read for what stands before it (a bound on the work)."""


def swapped_noun(fragment: str, before: str) -> str | None:
    """The previous question about another of the same kind of thing, when an ellipsis names
    one: 'And the first goal?' after "Who scored Orla's injury-time goal?" -> "Who scored
    Orla's first goal?"; 'And its finance director?' after "Who is Orla Bank's chief
    executive?" -> "Who is Orla Bank's finance director?"; "And his rival's lawyer?" after
    "Who is Ann Lee's lawyer?" -> "Who is Ann Lee's rival's lawyer?"; 'And the Velmora
    ambassador?' after "Who is Ostria's ambassador?" -> 'Who is the Velmora ambassador?'. None
    when the fragment names no such thing or the previous question has none to swap."""
    m = _SWAP.fullmatch(fragment)
    if m is None or len(m.group(3).split()) < 2 and m.group(1).lower() == "the":
        return None  # 'the goal' alone says no other one
    det, phrase, owner = m.group(1).lower(), m.group(3), m.group("owner")
    head = phrase.split()[-1]
    owned = _OWNED_LAST.fullmatch(before.strip())
    if det in ("its", "their"):  # any noun its owner has, after "Who is Orla Bank's …?"
        if owned is None or owned.group("noun") == phrase:
            return None
        return before[:owned.start("noun")] + phrase + before[owned.end("noun"):]
    found = []  # the same noun, another one of it: 'the first goal', 'his rival's lawyer'
    for noun in re.finditer(rf"\b(?:{re.escape(head)}|{re.escape(singular(head))}s?)\b", before):
        start = max(0, noun.start() - _WINDOW)
        said = _BEFORE_NOUN.search(before, start, noun.start())
        if said and (said.group("owner") or det == "the"):
            found.append((said, noun))
    if owner:  # "And Zeta's full-year profit?" after "What were Orla's quarterly profits?"
        if len(found) == 1 and found[0][0].group("owner"):
            return before[:found[0][0].start()] + fragment + before[found[0][1].end():]
        if not found and owned is not None:  # "And Bo Park's wife?" after "Who is Ann Lee's
            return before[:owned.start("owner")] + fragment + before[owned.end("noun"):]  # coach?"
        return None
    which = _WHICH_PERSON.match(before)
    if not found and det == "the" and which and is_role(which.group(2)) \
            and (is_role(head) or _PERSON_NOUN.search(head)):
        return before[:which.start(1)] + phrase + before[which.end(2):]  # 'Which Ostrian
        # sprinter will run…?' + 'And the Olympic silver medallist?'
    if len(found) != 1 or f"{found[0][0].group('mods')}{head}" == phrase:
        return None
    said, noun = found[0]
    if said.group("owner") and re.search(r"\b[A-Z]", phrase):  # 'the Velmora ambassador':
        return before[:said.start()] + f"the {phrase}" + before[noun.end():]  # another's
    return before[:said.start("mods")] + phrase + before[noun.end():]


_BARE_NOUNS = re.compile(r"(?:(?i:its|their)\s+)?((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")
"""An ellipsis naming what was asked of another thing: 'revenues', 'its operating profit'."""
_ASKED_NOUN = re.compile(r"(?i:what|which)\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+"
                         r"(?=(?:did|does|do|has|have|had|was|were|is|are|will)\s+[A-Z])")
"""'What net profit did Orla make…': the noun it asks of, its modifiers with it."""
_NAMES_NOUN = re.compile(r"\b(?:did|does|do|has|have|had|will)\s+(?:the\s+)?[A-Z][\w.&-]*"
                         r"(?:\s+[A-Z][\w.&-]*)*(?P<owner>['’]s?)?\s+((?:[a-z][\w-]*\s+){0,2}?"
                         r"[a-z][\w-]*)\s+(?=[a-z][\w-]*(?:\s+(?:in|on|at|by|for|from|to|over|"
                         r"since|during|last|this)\b|\s*[?,.]|\s*$))")
"""'did Ostria's economy grow', 'did US exports rise': a name's noun, the question's subject
(a name's plural, or any noun the name owns; not the verb in "did the Orla Academy name…")."""


def swapped_asked_noun(fragment: str, before: str) -> str | None:
    """The previous question asked of another thing an ellipsis names with a bare noun: 'And
    revenues?' after 'What profit did Orla post in 2004?' -> 'What revenues did Orla post in
    2004?'; 'And imports?' after 'By how much did Ostria's exports rise?' -> '…Ostria's
    imports rise?'. None when the fragment is no bare noun or the question asks no noun."""
    m = _BARE_NOUNS.fullmatch(fragment)
    if m is None or any(w in _NOT_NOUNS or w.endswith("ly") for w in m.group(1).split()):
        return None  # "and recently?", "and her mother?"
    asked = _ASKED_NOUN.match(before.strip())
    if asked is None and (named := _NAMES_NOUN.search(before)) and (named["owner"] or (
            re.search(r"[^s]s$", named.group(2)) and re.search(r"[^s]s$", m.group(1)))):
        asked = named
    if asked is None or asked.group(asked.lastindex or 1) == m.group(1):
        return None
    at = asked.lastindex or 1  # (the noun is the last group)
    return before[:asked.start(at)] + m.group(1) + before[asked.end(at):]


def swapped_phrase(fragment: str, before: str) -> str | None:
    """The previous question asked of another of the things it named, when an ellipsis names
    it by the same first words ('And best male?' after 'Who won best female artist…?' ->
    'Who won best male artist…?') or the same noun ('And the women's race?' after 'Who won
    the men's 9.2km race at…?' -> 'Who won the women's race at…?'). None otherwise."""
    said = re.sub(r"^(?i:the|a|an)\s+", "", fragment).split()
    words = before.rstrip(" ?").split()
    low = [w.lower() for w in words]
    plain = _PLAIN
    if len(said) < 2 or said[0].lower() in plain or not said[-1][:1].islower() \
            or any(w.lower() in PREPOSITIONS for w in said):
        return None
    for i in range(len(words)):
        shared = 0
        while shared < len(said) and i + shared < len(words) \
                and low[i + shared] == said[shared].lower():
            shared += 1
        if shared and shared < len(said) and i + shared < len(words) \
                and words[i + shared][:1].islower() and low[i + shared] not in plain:
            end = i + shared  # "best female artist" -> "best male": the phrase's words all
            while end < len(words) and words[end][:1].islower() and low[end] not in plain \
                    and not words[end - 1].endswith(","):
                end += 1
            return " ".join(words[:i] + said + words[end:]) + "?"
    head = [i for i, w in enumerate(low) if w == said[-1].lower()]
    if len(head) != 1:
        return None
    start = head[0]
    while start and low[start - 1] not in DETERMINERS and not words[start - 1][:1].isupper() \
            and low[start - 1] not in PREPOSITIONS and low[start - 1] not in AUXILIARIES:
        start -= 1  # the noun's modifiers ("men's 9.2km race")
    if start == head[0] or words[start - 1].lower() not in DETERMINERS:
        return None
    return " ".join(words[:start] + said + words[head[0] + 1:]) + "?"


_NOT_NOUNS = frozenset("""the a an so then now also again more less why how when where what
who which else still yet too not yes no thanks ok okay please is was did does do can will would
could should her his my our your their its them him us me today tomorrow yesterday tonight
later earlier before after since per ago""".split())
"""Fragment words that name nothing ('and so?', 'and then?')."""
_PLAIN = _NOT_NOUNS | PREPOSITIONS | AUXILIARIES | DETERMINERS
"""Words that name nothing, in a fragment or in the phrase it swaps."""


_WHICH_PERSON = re.compile(r"(?:which|what)\s+((?:[\w'’-]+\s+){0,5}?)([a-z][\w-]*)\s+(?:will|is|"
                           r"was|has|had|did|does|do|are|were|can|could|would)\b", re.IGNORECASE)
"""A which-question asking for someone by a role ("Which Ostrian sprinter will…")."""
_PERSON_NOUN = re.compile(r"(?:ist|er|or|ian)s?$")
"""Nouns for who someone is ("medallist", "winner", "editor", "historian")."""


_DID_OBJECT = re.compile(r"\s*((?i:what|who|whom)\s+(?:did|does|do)\s+.+?\s+[a-z][\w-]*)\s+"
                         r"(?:the|an?|its|his|her|their)\s+[^,]+$")
"""'What did the embassy call the NDP letter': all but the object that ends the question."""
_NOUN_PHRASE = re.compile(r"(?:(?:the|an?|its|his|her|their)\s+)?['‘\"“]?[a-z][\w'’-]*"
                          r"(?:\s+[\w'’-]+){0,5}['’\"”]?")


def swapped_object(fragment: str, before: str) -> str | None:
    """The previous question with the object it ends on swapped for the fragment's: 'And
    fears of ethnic cleansing?' after 'What did the embassy call the NDP letter?' -> 'What
    did the embassy call fears of ethnic cleansing?'; None when the question does not end on
    its verb's object or the fragment is no noun phrase."""
    m = _DID_OBJECT.match(before.rstrip(" ?"))
    head = fragment.split()[-1].lower().strip("'’\"”") if fragment.split() else ""
    if m is None or before.rstrip(" ?").split()[-1].lower() in PREPOSITIONS \
            or m.group(1).split()[-1].lower() in PREPOSITIONS \
            or not _NOUN_PHRASE.fullmatch(fragment) or re.search(
            r"\b(?:who|which|that|is|was|are|were|said|says)\b|^(?:his|her|its|their)\b",
            fragment, re.IGNORECASE) or is_role(head) or head in _SPEAKERS:
        return None  # ("And her lawyer?", "And the foreign ministry?": who else said it)
    return f"{m.group(1)} {fragment}"


_SPEAKERS = frozenset("""ministry office department embassy government police court council
agency company firm union party group spokesman spokeswoman""".split())
"""Nouns for who may say or do what the previous question asked of its subject."""


_OWNER_KEPT = re.compile(r"(?i:(?:and\s+|what\s+about\s+)?(?:its|his|her|their))\s+"
                         r"(?P<owned>[^?]+?)\W*")
_NAME_RUN = r"[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*"
"""A run of capitalised words: one name ("Orla Bank", "New York")."""
_OWNER = re.compile(rf"{_NAME_RUN}['’]s?\s+")
_TIME_SAID = re.compile(rf"\s+(?:in|on|during|since|by|before|after|for)\s+(?:the\s+)?"
                        rf"(?:(?:{MONTH_PATTERN})\b|(?:1[89]|20)\d\d\b|(?:last|this|next)\s)",
                        re.IGNORECASE)
_OWNED_END = re.compile(rf"{_TIME_SAID.pattern}|\s*[,?]|\s+(?:who|which|that)\b", re.IGNORECASE)
"""Where what a name owns ends: at a time ("in November"), a clause or the question's end."""


_PLACED_NAME = re.compile(r"(?i:(?:and\s+|what\s+about\s+)?(?:its|his|her|their)\s+[a-z][\w\s-]*?"
                          r"\b(with|to|from|against|in|at|for|of|by)\s+(the\s+)?)"
                          rf"({_NAME_RUN})\W*")


def placed_name(fragment: str, name: str) -> re.Match[str] | None:
    """A fragment that keeps the owner ("its") and names `name` after a preposition ("And its
    payment to Zeta?"), as a match of the preposition, "the " and the name; or None."""
    slot = _PLACED_NAME.fullmatch(fragment)
    return slot if slot and strip_possessive(slot.group(3)) == name else None


def placed_in(slot: re.Match[str], before: str) -> re.Match[str] | None:
    """Where the question puts a name after the fragment's preposition (`slot`, from
    `placed_name`): "to Ostria" in "How much did Orla pay to Ostria?" for "And its payment to
    Zeta?", as a match of "the " and the name; or None."""
    return re.search(rf"\b{slot.group(1)}\s+(the\s+)?({_NAME_RUN})", before)


def placed_again(fragment: str, before: str, slot: re.Match[str]) -> str | None:
    """The question asked of the same owned thing in the place the fragment names (`slot`,
    from `placed_name`): 'And its shares in New York?' after 'Did Orla's shares rise on
    Monday?' adds the place ('…on Monday in New York?'); after 'What did Ann Lee say about her
    time at Orla?', 'And her time with Zeta?' puts it where the question's was. None when the
    fragment owns something the question does not name, or the question names another name
    than the owner, whose place the new one may take ("on the London market")."""
    owned = terms(fragment[:slot.start(1)])
    if not owned or not set(owned) <= set(terms(before)):
        return None
    place = fragment[slot.start(1):].rstrip(" ?.!")
    said = re.search(rf"\b(?i:{re.escape(owned[-1])})\w*\s+((?:with|to|from|against|in|at|for|"
                     rf"of|by|near|outside)\s+(?:the\s+)?{_NAME_RUN})", before)
    if said:
        return before[:said.start(1)] + place + before[said.end(1):]
    if len([e for e in entities(before) if not is_time(e)]) > 1:
        return None  # "on the London market", "as Orla's coach": another name's place
    return f"{before} {place}"


def swapped_owned(fragment: str, before: str) -> str | None:
    """'And its non-EU shortfall?' after 'What was the UK's trade deficit with the EU in
    November?': the same owner's other thing, 'What was the UK's non-EU shortfall in
    November?' (a time of the fragment's own takes the place of the question's). None unless
    the fragment keeps the owner ("its") and the question names one ("the UK's")."""
    kept, owner = _OWNER_KEPT.fullmatch(fragment), _OWNER.search(before, 1)
    if not kept or not owner:
        return None
    if _TIME_SAID.search(kept.group("owned")):  # "…in December?": its own time, not the
        return before[:owner.end()] + kept.group("owned")  # question's
    end = _OWNED_END.search(before, owner.end())
    return before[:owner.end()] + kept.group("owned") + before[end.start() if end else len(before):]


def paired(name: str, old: list[str], text: str) -> str | None:
    """The one name of `old` (the previous question's) that `text` (its answer sentence and
    passage) lists with `name` ("China and Italy", "Orla, Zeta"): the one an ellipsis naming
    `name` swaps ("And Italy?" after "When will Ireland play China?" asks when Ireland plays
    Italy). None when no name, or more than one, is listed with it."""
    new = re.escape(strip_possessive(name))
    listed = {o for o in old for a, b in ((re.escape(strip_possessive(o)), new),
                                          (new, re.escape(strip_possessive(o))))
              if re.search(rf"\b{a}(?:['’]s?)?(?:,|\s+(?:and|or|as well as))\s+(?:the\s+)?{b}\b"
                           rf"(?!['’]?\s+(?!{_LIST_GOES_ON})[a-z])", text)}
    return listed.pop() if len(listed) == 1 else None


_LIST_GOES_ON = (r"(?:and|or|as|in|on|at|to|for|from|with|by|over|after|before|which|who|that|"
                 r"have|has|had|are|were|will|would|both|all|between|each|last|this|next)\b")
"""Words that may follow a list of names; another lower-case word after the second is its
verb, the list a clause's end ("Ann Lee joined Orla and Tom Reyes joined Zentra")."""
