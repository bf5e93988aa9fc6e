"""What each kind of answer looks like in a sentence: a date, an age, a sum of money, a share,
a duration, a race's time, a match's score, a count, a measure, a rank, a bookmaker's odds,
a place, a person's or any name (the patterns `qa.slots.answer_values` reads values with)."""

from __future__ import annotations

import re

from .vocab import MONTH_PATTERN, WEEKDAYS

MONTH = "(?:" + MONTH_PATTERN.title() + ")"
"""Month names as written in text: capitalised ("may" is a verb)."""
WEEKDAY = "|".join(d.title() for d in WEEKDAYS)
_NUMBER_WORD = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                "forty|fifty|hundred|thousand|dozens?|hundreds?|thousands?|millions?|billions?")
_AMOUNT = r"\d[\d,.]{0,24}(?:\s?(?:bn|mn|m|k|billion|million|thousand|trillion)\b)?"
_SCALE = r"(?:million|billion|thousand|trillion|bn|m)"
_CURRENCY = (r"(?:dollars|pounds|euros|yen|yuan|rupees|roubles|francs|pence|cents|p|kronor|"
             r"kroner|krona|pesos|baht|ringgit|rupiah|dinars?|shekels?|zlotys?|lira|lire|crowns|"
             r"marks|rand|dirhams?|riyals?|naira|shillings?|forints?|korun[ay]|hryvnias?|"
             r"pesetas|guilders|drachmas?|escudos|kwacha|cedis?|reais|leva|lei)")
"""Currencies said after their figure ("19,800 yen")."""
CURRENCY_WORD = re.compile(_CURRENCY)
PATTERNS = {
    "date": rf"\b(?:{MONTH}\.? ?\d{{0,2}}|(?:1[89]|20)\d\d|{WEEKDAY}|yesterday|today|"
            r"(?:last|this|next) (?:week|month|year|fall|spring|summer|winter)|"
            r"(?:first|second|third|fourth|final|last) quarter|(?:first|second) half|"
            r"\d{1,2}(?:[:.]\d\d)?\s?[ap]m|midnight|midday)\b|"
            r"^[\"“‘(]?(?:Yesterday|Today|(?:Last|This|Next) (?:week|month|year|fall|spring|"
            r"summer|winter))\b",  # capitalised only opening the sentence (not "the Today show")
    "age": r"\b(?:aged? (?:of )?\d{1,3}|\d{1,3}[- ]years?[- ]old|age of \d{1,3})\b|\(\d{1,3}\)|"
           r"(?<=[a-z], )\d{1,2}(?=, )|"  # "John Houston, 54, was due to stand"
           r"\b(?<=at )\d{1,2}(?=[,.;](?!\d)|\s+(?:and|in|when|after|before|but)\b)",  # "became
           # an MP at 27 and Leader of the Opposition at 36"
    "money": rf"(?:[$£€¥]|\b(?:US|Sfr|SFr|CHF|Rs|HK|EUR|GBP|USD)\$?)\s?{_AMOUNT}|"
             rf"\b{_AMOUNT}\s?(?:Swiss |Hong Kong |Australian |US )?{_CURRENCY}\b",
    "percent": r"\b\d[\d.,]{0,24}\s?(?:%|per ?cent\b|percentage points?\b)|%|"
               r"(?<!second )(?<!first )\b(?:half|(?:a|one|two|three)[- ](?:thirds?|quarters?|"
               r"fifths?))\b(?=\s+(?:of|its|their|his|her|the)\b)",  # "half of", "a third of"
    "duration": rf"\b(?:\d[\d,.]{{0,24}}|a|an|{_NUMBER_WORD}|several|few)[-\s]+"
                r"(?:seconds?|minutes?|"
                r"hours?|days?|weeks?|months?|years?|decades?|seasons?|games?|match(?:es)?)\b"
                rf"|\bsince (?:{MONTH}|(?:1[89]|20)\d\d)\b|\b(?:decades|centuries)\b"
                r"|\b(?:just|only|mere)\s+(?:minutes|hours|days|weeks|months|years)"
                r"(?=\s+(?:before|after|later|earlier|into)\b)",
    "count": r"\b\d{1,3}(?:st|nd|rd|th)(?=\s+(?:consecutive|straight|successive|time)\b)|"
             r"\b(?:(?<![$£€¥\d.,])(?<![$£€¥]\s)"  # "$499", "£1.35bn": sums, not counts
             r"\d[\d,.]{0,24}(?!\d)(?:\s?(?:million|billion|thousand|m|bn))?|"
             rf"(?:{_NUMBER_WORD})(?![-‐]\w))\b"  # "one-off", "two-way": no counts
             rf"(?![\d,.]*\s?(?:{_SCALE}\s?)?(?:%|per ?cent\b|percentage points?\b|"
             rf"{_CURRENCY}\b))",  # "6.7%", "19,800 yen", "5 million pounds": no counts
    "odds": r"(?<![\d/])\d{1,3}/\d{1,3}(?![\d/])|\b\d{1,3}-\d{1,3}(?=\s+(?:on|against|"
            r"favourites?|outsiders?|shots?|chances?|with)\b)|(?<=\bat )\d{1,3}-\d{1,3}\b|"
            r"\bevens\b|\bodds-on\b",  # a bookmaker's "5/1", "5-2 favourites", "at 5-1", "evens"
    "score": r"(?<![\d,.])(?<!\d[-–])\d{1,3}\s?[-–]\s?\d{1,3}(?![\d%]|[,.]\d|[-–]\d)",  # "3 - 1"
    "time": r"\b\d{1,2}(?::\d\d){1,2}(?:\.\d+)?(?![\d:])|\b\d+(?:\.\d+)?\s?(?:secs?|seconds?|"
            r"mins?|minutes?|hrs?|hours?)\b|\b\d+\.\d+\s?s\b|\b\d{1,2}\.\d\d\b(?!\s?%)",
    # "2:04:55", "19.85 seconds", "9.85"
    "measure": r"(?<![$£€¥\w.,])\d[\d,.]{0,24}(?:\s(?:million|billion|thousand))?(?:\s?-?(?:"
               r"metres?|meters?|feet|foot|ft|inches|"
               r"miles?|km|kilometres?|kilometers?|yards?|kg|kilos?|kilograms?|tonnes?|tons?|"
               r"lbs?|stone|cm|mm|degrees?(?:\s+(?:celsius|centigrade|fahrenheit))?|celsius|"
               r"fahrenheit)|m|in|°?[CF]|-(?:metre|meter|foot|mile|tonne|ton))\b",
    # "1,637 metres", "6ft 4in", "17.30m" (not "$5m", nor "1990 in Velmora")
    "speed": r"(?<![$£€¥\w.,])\d[\d,.]{0,24}\s?-?(?:mph|m\.p\.h\.?|kph|kmh|km/hr?|m/s|knots|"
             r"[kmg]hz|(?:mega|giga)hertz|miles-per-hour|"
             r"[kmg]bps|[kmg]b(?:its?)?/s|(?:kilo|mega|giga)?(?:bits?|bytes?) (?:a|per) second|rpm|"
             r"(?:kilo|mega|giga|tera|peta)?flops|(?:miles|kilometres|kilometers|km|metres|meters)"
             r" (?:an|a|per) (?:hour|second)|[a-z]+ per (?:second|minute|hour))(?![\w/])",
    # "1.25GHz", "90mph", "70.72 teraflops", "200 miles an hour": a speed asked for
    "rank": r"\b\d{1,3}(?:st|nd|rd|th)\b|(?:(?<=finished )|(?<=came )|(?<=placed )|(?<=ranked )|"
            r"(?<=is )|(?<=was )|(?<=finish )|(?<=finishing )|(?<=came in )|"
            r"(?<=beaten into )|(?<=pushed into ))(?:first|second|third|fourth|fifth|sixth|"
            r"seventh|eighth|ninth|tenth|last)\b|"
            r"\bnumber (?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    # "finished seventh", "beaten into fourth", "12th", "number three"
    "name": r"\b[A-Z][\w'’.&-]+(?:\s+(?:of |de |the |and )?[A-Z][\w'’.&-]+)*",
    "person": r"\b[A-Z][\w'’.-]+(?:\s+(?:(?:de|da|di|del|van|von|der|du|dos|bin|al|le|la) ){0,2}"
              r"[A-Z][\w'’.-]+)+|(?<=Mr |Ms |Dr )[A-Z][\w'’-]+|"  # "Rodrigo de Rato"
              r"(?<=Mrs )[A-Z][\w'’-]+|"
              r"(?<=,[\"”] )[A-Z][\w'’-]+(?=\s+(?:said|says|added|told|insisted|"
              r"warned)\b)|(?:(?<=\bsaid )|(?<=\bsays )|(?<=\badded ))[A-Z][\w'’-]+(?=[.,;]|$)",
    # a speaker by surname: '," Lee said', '," said Park.'
    "place": r"(?:(?<=\bin )|(?<=\bat )|(?<=\bfrom )|(?<=\bnear )|(?<=\bto )|(?<=\bas )|"
             r"(?<=\binto )|(?<=\bin the )|(?<=\bat the )|(?<=\bfrom the )|(?<=\bto the )|"
             r"(?<=\bcapital, )|(?<=\bcity, )|(?<=\btown, )|(?<=\bvillage, )|(?<=\bcity of )|"
             r"(?<=\btown of )|(?<=\bvillage of )|(?<=\bregion of )|(?<=\bprovince of ))"
             r"[A-Z][\w'’.-]+(?:\s+(?:of |de |the |and )?[A-Z][\w'’.-]+)*|"
             r"(?<![\w'’.])[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)*(?=-based\b)",
    # "Santa Monica-based", the whole capitalised run before it (qa.slots reads "Its New
    # York-based rival" and "Orla's Hong Kong-based" as no base of the one asked)
}
BASED_OWNER = re.compile(r"^(?:Its|His|Her|Their|Our|Both)\s|['’]s\s")
"""A run before "-based" that gives another's base ("Its New York-based rival")."""
COMPARATIVE = (r"(?:more|less|cheaper|dearer|costlier|higher|lower|bigger|larger|smaller|greater|"
               r"faster|slower|better|worse|further)")
"""A degree after "how much" ("How much cheaper are drugs sold in Africa?"): a multiple, a
share or a sum ("thirty times", "40%", "18% less"), not the price that a verb of paying
asks."""
MONEY_VERBS = (r"costs?|costing|pa(?:y|ys|id|ying)|spen(?:d|ds|t|ding)|worth|"
               r"earn(?:s|ed|ing)?|fetch(?:es|ed|ing)?|sell(?:s|ing)?|sold|rais(?:e|es|ed|ing)|"
               r"charg(?:e|es|ed|ing)|ow(?:e|es|ed|ing)|invest(?:s|ed|ing)?|bid(?:s|ding)?|"
               r"offer(?:s|ed|ing)?|valu(?:e|es|ed|ing)|ma(?:ke|kes|de|king)|los(?:e|es|t|ing)|"
               r"borrow(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|get(?:s|ting)?|got|win(?:s|ning)?|won|"
               r"fin(?:e|es|ed|ing)|award(?:s|ed|ing)?|compensat(?:e|es|ed|ing)|su(?:e|es|ed|ing)|"
               r"contribut(?:e|es|ed|ing)|donat(?:e|es|ed|ing)|fund(?:s|ed|ing)?|damages|"
               r"financially")
"""Verbs whose how-much question asks a sum ("How much did Orla pay…?")."""
MONEY_NOUNS = ("price|cost|budget|salary|fee|fine|income|profit|revenue|turnover|loss|debt|"
               "earnings|deficit|surplus|shortfall|valuation|dividend")
"""What a what-question asks a sum for ("What record profit…?"); "bill", "value" only after
"What is/was" ("What bill did the Senate pass?" wants a name)."""
MASS_ASKED = (rf"(?!(?:{MONEY_NOUNS}|money|cash|aid|funding|investment|compensation|damages|tax|"
              r"vat|rent|ransom|interest|capital|wage|pay|bonus|pension|subsid(?:y|ies)|grant|"
              r"loan|royalt(?:y|ies)|bail|severance|equity|borrowing|spending|commission|"
              r"alimony|premium|debt)s?\b)[a-z]+ "
              r"(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|had)\b")
"""After "how much": a thing and the verb's auxiliary ("How much feta does Ostria make?"), an
amount of the thing, no sum."""

SLOT_PATTERNS = {slot: re.compile(p, 0 if slot in ("date", "name", "place", "person")
                                   else re.IGNORECASE)
                  for slot, p in PATTERNS.items()}

AGE_BEFORE = re.compile(r"\b(?:the\s+)?(?:age|ages)\s+of\s+$|\baged\s+$", re.IGNORECASE)
"""What makes the number after it an age ("over the age of 10"), not a count."""


def is_money(value: str) -> bool:
    """Whether an answer value is a sum of money ("$5m", "19,800 yen"), not a bare count."""
    return SLOT_PATTERNS["money"].search(value) is not None
