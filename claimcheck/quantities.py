"""Quantities in claim text, read and compared as quantities rather than as words.

"14 people died" and "nine people were killed" give two values of one measure ("deaths") that
cannot both be true; "at least 30 dead" and "about 40 killed" can; "12 miles" and "20 km" are
one distance. Years, dates, clock times, ordinals and numbers inside names ("G7", "COVID-19")
are not quantities of a claim and are never returned.

Rules, in brief:

* Numbers: digits with thousands separators and decimals, written-out numbers ("twenty-five",
  "a hundred", "two dozen", "half a million", "two and a half million"), scale words and
  suffixes ("3 million", "1.2bn", "$5m", "50k"), "several"/"a few"/"a couple of" before a scale
  word ("several hundred" is 300..900).
* Vague plurals are ranges: "dozens" 24..99, "scores" 40..199, "hundreds" 200..999,
  "thousands" 2,000..9,999, "millions" 2e6..(1e7 - 1); "tens of thousands" 20,000..99,999 and
  "hundreds of thousands" 200,000..999,999 (likewise for millions and billions).
* Qualifiers: "more than", "over", "upwards of", "or more", "30+" leave the value open above;
  "at least" (and "no fewer than", "a minimum of") does too, except in a toll, where it is the
  count so far: "at least 11 died" is 11 to 16.5 (`FLOOR_SPAN`), so a report of 20 or more
  disagrees with it; "at most", "up to", "fewer than", "under", "as many as" open below (from 0);
  "nowhere near", "far below", "far short of", "a fraction of" put it under half the figure;
  "about", "around", "nearly", "some", "an estimated", "or so", "30-odd" mark it approximate.
  Ranges: "between 10 and 15", "10 to 15", "10-15", "10 or 15" ("from 12 to 23" is a change,
  so two values). A descending or equal pair ("2-1", "2008-10") is a score or a span of years
  and is dropped.
* Units are converted to one key per dimension: length "km", mass "kg" (a ton is taken as a
  tonne), area "km2", speed "kmh", duration "hours", "percent", "percentage_points", "age";
  money keeps one key per currency ("usd", "eur", "gbp", ...), never converted. "pounds" is
  sterling unless hyphenated ("a 500-pound bomb") or followed by "of" (mass). Durations count
  only when clearly durations: after "for"/"lasted"/"past"/"within"/..., hyphenated
  ("a three-day siege") or followed by "of"/"long"; "three days later" is dropped.
* Counted nouns: casualty words make the measure "deaths", "injured", "arrested", "missing" or
  "casualties", found in the noun itself ("40 dead", "23 deaths"), shortly after it ("nine
  people were killed") or shortly before the number ("killing at least 30", "the death toll
  rose to 23"). Generic people (people, residents, civilians, men, women, demonyms such as
  "Palestinians") then give the bare measure; any other group keeps itself, as
  "deaths:troops" or "injured:children", because a count of soldiers killed says nothing
  about a count of people killed. Without a casualty word a small canonical map applies
  ("soldiers" -> "troops", "militants" -> "fighters", "residents" -> "people", "houses" ->
  "buildings"), else the plural noun itself, crudely singularised ("tanks" -> "tank"), else
  the unit is "" (unknown) and the value is never compared.

A part of a group ("seven of the dead", "two of those killed") is counted as a part
("part:deaths"), never compared with a total.

A percentage is of something, and only percentages of one thing are compared: "51.9 percent
of the vote" is "percent:vote", "93 percent of polling stations" "percent:station", and
"turnout had reached 71.4 percent" takes the measure named up to ten words before it
("percent:turnout"; a share of voters is turnout too). A percentage of nothing named stays
"percent"; "the remaining 4 percent" is never compared. "About 63 percent" is 63 give or take
two points, not 15% of 63.

A value per something is a rate, never compared with a total: "100,000 florins per customer",
"$500 a day" and "5 euros each" get the keys "florin/customer", "usd/day" and "eur/each"
("120 km an hour" is the speed "kmh").

Comparison (`compatible`): two values agree when their intervals overlap after widening an
approximate value by 15% each way, a physical or money value by 5% (rounding and unit
conversion), and a percentage by half a point (two and a half when approximate). Counts are
otherwise exact.

Limitations: rules read a fixed window of words, so a clause between a number and its
casualty verb ("14 people, officials said, died") loses the measure; a bare "several" or
"a few" and "no one was killed" (zero) are not read as values; currencies are never
converted; fractions ("two-thirds", "a third") are not read.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimcheck.text import MONTH_NAMES

__all__ = ["Quantity", "compatible", "find_quantities", "is_possibility", "quantities_conflict"]

_INF = math.inf
APPROX_TOLERANCE = 0.15  # "about 40" agrees with 34..46
MEASURE_TOLERANCE = 0.05  # "12 miles" (19.3 km) agrees with "20 km"
PERCENT_TOLERANCE = 0.5  # "12 percent" agrees with "12.4 percent"
APPROX_PERCENT_POINTS = 2.0  # "about 63 percent" agrees with 60.5..65.5 percent


@dataclass(frozen=True)
class Quantity:
    """One quantity expression found in a text, in its measure's canonical unit."""

    low: float
    high: float  # == low for an exact number; inf when open above
    unit: str  # canonical measure key; "" when unknown
    start: int  # character span of the whole expression in the text
    end: int
    approximate: bool


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    kind: str  # "num", "word", "sym" or "time"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Num:
    low: float
    high: float
    end: int  # token index after the number
    scale: float = 1.0
    currency: str = ""
    plain_four: bool = False  # four digits, no separator: possibly a year
    bare_one: bool = False
    vague: bool = False
    skip: bool = False  # a number that is not a quantity (ordinal, id, decade): consume it


@dataclass(frozen=True, slots=True)
class _Unit:
    key: str
    factor: float
    end: int
    kind: str  # "measure", "currency", "duration", "age", "strong" or "skip"


_TOKEN = re.compile(
    r"(?P<time>(?<![0-9])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9]))"
    r"|(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<sym>[^\s\w]|_)"
)

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_WORDS = {"hundred": 100.0, "dozen": 12.0, **_BIG, "bn": 1e9, "mn": 1e6, "tn": 1e12}
_SCALE_SUFFIX = {"k": 1e3, "bn": 1e9, "mn": 1e6, "tn": 1e12, **_BIG}
_VAGUE = {
    "dozens": (24.0, 99.0), "scores": (40.0, 199.0), "hundreds": (200.0, 999.0),
    "thousands": (2e3, 9999.0), "millions": (2e6, 1e7 - 1), "billions": (2e9, 1e10 - 1),
}
_VAGUE_BASE = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_MULTIPLIERS = {"several": (3.0, 9.0)}
_NUMBER_WORDS = frozenset(
    {*_SMALL, *_TENS, *_SCALE_WORDS, *_VAGUE, "tens", "several", "half"}
)

_QUALIFIERS: dict[tuple[str, ...], str] = {
    # "at least 11 died": the toll so far, a floor that reports raise
    **dict.fromkeys(
        [("at", "least"), ("no", "fewer", "than"), ("no", "less", "than"),
         ("not", "less", "than"), ("not", "fewer", "than"), ("a", "minimum", "of")],
        "floor",
    ),
    **dict.fromkeys(
        [("more", "than"), ("over",),
         ("upwards", "of"), ("upward", "of"), ("in", "excess", "of"), ("greater", "than"),
         ("above",), ("exceeding",), ("well", "over"), ("just", "over"), ("well", "above"),
         ("just", "above"),
         # "toll tops 30": a headline's verb that passes a figure
         ("tops",), ("topped",), ("topping",), ("exceeds",), ("exceeded",), ("exceed",),
         ("surpasses",), ("surpassed",), ("surpassing",)],
        "above",
    ),
    **dict.fromkeys(
        [("at", "most"), ("up", "to"), ("fewer", "than"), ("less", "than"), ("under",),
         ("no", "more", "than"), ("not", "more", "than"), ("below",), ("as", "many", "as"),
         ("as", "much", "as"), ("a", "maximum", "of"), ("just", "under"), ("well", "under"),
         ("just", "below"), ("well", "below")],
        "below",
    ),
    **dict.fromkeys(
        [("about",), ("around",), ("nearly",), ("almost",), ("roughly",), ("some",),
         ("an", "estimated"), ("estimated",), ("approximately",), ("approx",), ("circa",),
         ("close", "to"), ("more", "or", "less"), ("just", "about"), ("in", "the", "region",
         "of"), ("on", "the", "order", "of"), ("an", "approximate")],
        "approx",
    ),
    # "nowhere near the three billion": well under the figure, not about it
    **dict.fromkeys(
        [("nowhere", "near"), ("far", "below"), ("far", "under"), ("far", "short", "of"),
         ("well", "short", "of"), ("far", "less", "than"), ("far", "fewer", "than"),
         ("a", "fraction", "of")],
        "far_below",
    ),
    ("between",): "between",
}
FAR_BELOW_SHARE = 0.5  # "nowhere near X" reads as at most half of X
FLOOR_SPAN = 1.5  # a toll's "at least N" reads as N to 1.5 N
_TOLL_MEASURES = frozenset(("deaths", "injured", "missing", "arrested", "casualties"))


def _by_first_word(keys: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(keys, key=len, reverse=True):  # longest match first
        index.setdefault(key[0], []).append(key)
    return index


_QUALIFIER_KEYS = _by_first_word(list(_QUALIFIERS))
_SUFFIXES: dict[tuple[str, ...], str] = {
    ("or", "more"): "above", ("and", "more"): "above", ("or", "above"): "above",
    ("and", "above"): "above", ("or", "over"): "above", ("and", "over"): "above",
    ("or", "so"): "approx", ("or", "fewer"): "below", ("or", "less"): "below",
    ("or", "under"): "below", ("and", "under"): "below", ("or", "below"): "below",
}
_SUFFIX_KEYS = _by_first_word(list(_SUFFIXES))
_RANGE_WORDS = frozenset({"to", "or", "-", "–", "—"})
_RANGE_OR_AND = _RANGE_WORDS | {"and"}

_CURRENCY_SYMBOLS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₹": "inr", "₽": "rub",
                     "₪": "ils"}
_DOLLAR_PREFIX = {"us": "usd", "a": "aud", "au": "aud", "c": "cad", "ca": "cad", "hk": "hkd",
                  "nz": "nzd", "s": "sgd"}
_CURRENCY_CODES = {"usd": "usd", "eur": "eur", "gbp": "gbp", "jpy": "jpy", "cny": "cny",
                   "inr": "inr", "rub": "rub", "ils": "ils", "nis": "ils", "aud": "aud",
                   "cad": "cad", "chf": "chf", "rmb": "cny"}
_CURRENCY_WORDS = {
    **dict.fromkeys(["dollar", "dollars", "usd", "bucks"], "usd"),
    **dict.fromkeys(["euro", "euros", "eur"], "eur"),
    **dict.fromkeys(["sterling", "gbp", "pound", "pounds"], "gbp"),
    **dict.fromkeys(["yen", "jpy"], "jpy"),
    **dict.fromkeys(["yuan", "renminbi", "cny", "rmb"], "cny"),
    **dict.fromkeys(["rupee", "rupees", "inr"], "inr"),
    **dict.fromkeys(["rouble", "roubles", "ruble", "rubles", "rub"], "rub"),
    **dict.fromkeys(["shekel", "shekels", "ils", "nis"], "ils"),
}
_MONEY_KEYS = frozenset({*_CURRENCY_WORDS.values(), *_DOLLAR_PREFIX.values(), "chf"})

_KM, _KG, _KM2, _KMH, _HOURS = "km", "kg", "km2", "kmh", "hours"
_UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"],
                    (_KM, 1.0)),
    **dict.fromkeys(["m", "metre", "metres", "meter", "meters"], (_KM, 1e-3)),
    **dict.fromkeys(["cm", "centimetre", "centimetres", "centimeter", "centimeters"],
                    (_KM, 1e-5)),
    **dict.fromkeys(["mm", "millimetre", "millimetres", "millimeter", "millimeters"],
                    (_KM, 1e-6)),
    **dict.fromkeys(["mi", "mile", "miles"], (_KM, 1.609344)),
    **dict.fromkeys(["ft", "foot", "feet"], (_KM, 3.048e-4)),
    **dict.fromkeys(["yd", "yds", "yard", "yards"], (_KM, 9.144e-4)),
    **dict.fromkeys(["inch", "inches"], (_KM, 2.54e-5)),
    **dict.fromkeys(["kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes",
                     "kilo", "kilos"], (_KG, 1.0)),
    **dict.fromkeys(["g", "gram", "grams", "gramme", "grammes"], (_KG, 1e-3)),
    **dict.fromkeys(["t", "tonne", "tonnes", "ton", "tons"], (_KG, 1e3)),
    **dict.fromkeys(["lb", "lbs"], (_KG, 0.45359237)),
    "km2": (_KM2, 1.0),
    **dict.fromkeys(["hectare", "hectares", "ha"], (_KM2, 0.01)),
    **dict.fromkeys(["acre", "acres"], (_KM2, 4.0468564e-3)),
    **dict.fromkeys(["kmh", "kph"], (_KMH, 1.0)),
    "mph": (_KMH, 1.609344),
    **dict.fromkeys(["knot", "knots"], (_KMH, 1.852)),
    **dict.fromkeys(["percent", "pct", "%"], ("percent", 1.0)),
}
_MULTI_UNITS: dict[tuple[str, ...], tuple[str, float]] = {
    ("per", "cent"): ("percent", 1.0),
    ("percentage", "points"): ("percentage_points", 1.0),
    ("percentage", "point"): ("percentage_points", 1.0),
    **{("square", w): (_KM2, 1.0) for w in ("km", "kilometres", "kilometers", "kilometre",
                                            "kilometer")},
    ("sq", "km"): (_KM2, 1.0),
    **{("square", w): (_KM2, 2.589988) for w in ("miles", "mile")},
    ("sq", "mi"): (_KM2, 2.589988),
    **{("square", w): (_KM2, 1e-6) for w in ("metres", "meters", "metre", "meter")},
    ("km", "/", "h"): (_KMH, 1.0),
    ("miles", "per", "hour"): (_KMH, 1.609344),
    ("miles", "an", "hour"): (_KMH, 1.609344),
    **{(w, "per", "hour"): (_KMH, 1.0) for w in ("kilometres", "kilometers")},
    ("nautical", "miles"): (_KM, 1.852),
    ("us", "dollars"): ("usd", 1.0),
    ("canadian", "dollars"): ("cad", 1.0),
    ("australian", "dollars"): ("aud", 1.0),
    ("hong", "kong", "dollars"): ("hkd", 1.0),
    ("pounds", "sterling"): ("gbp", 1.0),
}
_MULTI_UNIT_KEYS = _by_first_word(list(_MULTI_UNITS))
_DURATIONS = {
    **dict.fromkeys(["second", "seconds", "sec", "secs"], 1 / 3600),
    **dict.fromkeys(["minute", "minutes", "min", "mins"], 1 / 60),
    **dict.fromkeys(["hour", "hours", "hr", "hrs", "h"], 1.0),
    **dict.fromkeys(["day", "days"], 24.0),
    **dict.fromkeys(["week", "weeks"], 168.0),
    **dict.fromkeys(["fortnight", "fortnights"], 336.0),
    **dict.fromkeys(["month", "months"], 730.485),
    **dict.fromkeys(["year", "years", "yr", "yrs"], 8765.82),
    **dict.fromkeys(["decade", "decades"], 87658.2),
}
_DURATION_CUES = frozenset({
    "for", "lasted", "lasting", "lasts", "last", "past", "next", "spanning", "spent", "spend",
    "spends", "took", "take", "takes", "taking", "within", "during", "over", "served", "serving",
})
_MEASURE_KEYS = frozenset({_KM, _KG, _KM2, _KMH, _HOURS})
_PERCENT_KEYS = frozenset({"percent", "percentage_points"})

_GLUED_UNIT_OK = frozenset({*_UNITS, *_DURATIONS})
_SINGLE_LETTER_UNITS = frozenset({"m", "t", "g", "h"})

_CASUALTY_NOUNS = {
    **dict.fromkeys(["dead", "deaths", "death", "fatalities", "fatality", "bodies"], "deaths"),
    **dict.fromkeys(["injured", "wounded", "injuries", "injury"], "injured"),
    **dict.fromkeys(["arrests"], "arrested"),
    "missing": "missing",
    **dict.fromkeys(["casualties", "casualty"], "casualties"),
}
_CASUALTY_VERBS = {
    **dict.fromkeys(["died", "killed", "perished", "slain", "drowned", "fatally", "dead"],
                    "deaths"),
    **dict.fromkeys(["injured", "wounded", "hurt", "hospitalised", "hospitalized"],
                    "injured"),
    **dict.fromkeys(["arrested", "detained"], "arrested"),
    "missing": "missing",
}
_TRANSITIVE = {
    **dict.fromkeys(["kill", "kills", "killed", "killing"], "deaths"),
    **dict.fromkeys(["injure", "injures", "injured", "injuring", "wound", "wounds", "wounded",
                     "wounding", "hurting"], "injured"),
    **dict.fromkeys(["arrest", "arrested", "arresting", "detain", "detains", "detained",
                     "detaining"], "arrested"),
}
_TOLL_NOUNS = {"toll": "deaths", "deaths": "deaths", "fatalities": "deaths",
               "injuries": "injured", "arrests": "arrested", "casualties": "casualties"}
_CASUALTY_MEASURES = frozenset(
    {*_CASUALTY_NOUNS.values(), *_CASUALTY_VERBS.values(), *_TRANSITIVE.values()}
)
_VERB_WINDOW = 4
_TOLL_WINDOW = 9
_RISE_WINDOW = 16
_COUNT_VERBS = frozenset(("rose", "rises", "risen", "rising", "climbed", "climbs", "climbing",
                          "jumped", "jumps", "stands", "stood", "reached", "reaches"))
_AFTER_WINDOW = 5
_ASIDE_WINDOW = 12
_GAP_BLOCKERS = frozenset({
    "in", "on", "at", "during", "after", "before", "by", "near", "since", "for", "from",
    "with", "when", "who", "which", "that", "was", "were", "is", "are", "has", "have", "had",
    "been", "be", "as", "into",
})
_HARD_STOPS = frozenset({"and", "but", "while", "whereas", "including", "plus"})
_AFTER_STOPS = frozenset({
    "and", "but", "or", "while", "whereas", "including", "although", "though", "because",
    "as", "after", "before", "when", "where", "since", "plus", "than",
})
_CLAUSE_PUNCT = frozenset(".,;:!?()[]{}\"“”")
_SENTENCE_END = frozenset(".;:!?")

_CANON = {
    **dict.fromkeys(["people", "person", "persons", "residents", "resident", "civilians",
                     "civilian", "inhabitants", "villagers", "locals", "individuals", "men",
                     "man", "women", "woman", "citizens", "others"], "people"),
    **dict.fromkeys(["soldiers", "soldier", "troops", "servicemen", "serviceman",
                     "servicemembers", "marines", "paratroopers", "conscripts", "reservists"],
                    "troops"),
    **dict.fromkeys(["fighters", "fighter", "militants", "militant", "rebels", "rebel",
                     "insurgents", "insurgent", "combatants", "gunmen", "gunman",
                     "guerrillas", "guerrilla", "jihadists", "jihadist", "militiamen"],
                    "fighters"),
    **dict.fromkeys(["police", "policemen", "policeman", "policewomen", "policewoman"],
                    "police"),
    **dict.fromkeys(["children", "child", "kids", "minors", "boys", "girls", "infants",
                     "babies", "toddlers"], "children"),
    **dict.fromkeys(["protesters", "protestors", "demonstrators"], "protesters"),
    **dict.fromkeys(["journalists", "journalist", "reporters"], "journalists"),
    **dict.fromkeys(["buildings", "building", "houses", "homes", "structures"], "buildings"),
}
_IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "cattle": "cattle",
                      "sheep": "sheep", "personnel": "personnel", "staff": "staff",
                      "aircraft": "aircraft", "livestock": "livestock", "crew": "crew",
                      "fish": "fish", "deer": "deer", "militia": "militia"}
_NP_ADJECTIVES = frozenset({
    "more", "other", "additional", "further", "extra", "new", "young", "old", "elderly",
    "armed", "unarmed", "innocent", "foreign", "local", "many", "total", "different",
    "separate", "suspected", "alleged", "senior", "junior", "former", "active", "wounded",
    "injured", "dead", "unidentified", "unknown", "fellow", "off", "duty", "own",
})
_NP_STOP = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "into",
    "onto", "near", "across", "and", "or", "but", "nor", "were", "was", "is", "are", "be",
    "been", "being", "have", "has", "had", "will", "would", "could", "should", "may", "might",
    "must", "can", "do", "does", "did", "who", "whom", "which", "that", "this", "these",
    "those", "it", "its", "they", "them", "their", "there", "here", "he", "she", "his", "her",
    "we", "our", "you", "your", "i", "as", "than", "per", "each", "while", "when", "after",
    "before", "during", "since", "until", "said", "says", "say", "according", "including",
    "among", "so", "not", "no", "also", "reportedly", "allegedly", "times", "ago", "later",
    "earlier", "away", "apiece", "percent", "out", "up", "down", "off", "back", "between",
    *_CASUALTY_VERBS,
})

_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th"})
_TIME_WORDS = frozenset({"am", "pm", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst",
                         "pdt", "o'clock", "o’clock", "hrs"})
_YEAR_STRONG = frozenset({
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "of", "circa",
    "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter", "year", "the",
    "'s", "’s",
})
_ID_PREFIX = frozenset({
    "no", "nos", "number", "article", "articles", "resolution", "chapter", "section", "page",
    "pages", "p", "pp", "room", "gate", "platform", "flight", "route", "highway", "interstate",
    "exit", "terminal", "ward", "paragraph", "clause", "annex", "phase", "stage", "round",
    "level", "tier", "version", "episode", "season", "volume", "vol", "figure", "fig", "table",
    "category", "grade", "precinct", "hangar", "apartment", "suite",
})
_ONE_BLOCK = frozenset({"no", "the", "this", "that", "any", "every", "each", "which",
                        "another", "someone"})
_ONE_BLOCK_AFTER = frozenset({"of", "another", "by", "or", "and"})

_STARTERS = frozenset({
    *_NUMBER_WORDS, *(k[0] for k in _QUALIFIERS), *_CURRENCY_CODES, *_DOLLAR_PREFIX, "a",
    "an",
})


def _tokenize(text: str) -> list[_Tok]:
    return [
        _Tok(m.group(), m.group().lower(), m.lastgroup or "sym", m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


def _glued(toks: list[_Tok], k: int) -> bool:
    return 0 < k < len(toks) and toks[k].start == toks[k - 1].end


def _low(toks: list[_Tok], k: int) -> str:
    return toks[k].low if 0 <= k < len(toks) else ""


def _is_month(toks: list[_Tok], k: int) -> bool:
    return 0 <= k < len(toks) and toks[k].text in MONTH_NAMES


def _match(toks: list[_Tok], k: int, words: tuple[str, ...]) -> bool:
    return k + len(words) <= len(toks) and all(
        toks[k + d].low == w for d, w in enumerate(words)
    )


def _plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (
        len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    )


def _singular(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _skip(end: int) -> _Num:
    return _Num(0.0, 0.0, end, skip=True)


def _m_is_million(toks: list[_Tok], m: int, currency: str) -> bool:
    # "3m people" and "$5m" are millions; "100m from the border" and "a 50m wall" are metres.
    if currency:
        return True
    nxt = _low(toks, m + 1)
    return bool(nxt) and toks[m + 1].kind == "word" and (
        nxt in _CANON or nxt in _CURRENCY_WORDS or (_plural(nxt) and nxt not in _NP_STOP)
    )


def _read_digits(toks: list[_Tok], k: int, currency: str) -> _Num:
    n = len(toks)
    t = toks[k]
    if not currency and _glued(toks, k):
        prev = toks[k - 1]
        if prev.kind == "word" or prev.text in "#/'’.":
            return _skip(k + 1)  # "G7", "A4", "#1", "’90s"
        if prev.text in "-–" and _glued(toks, k - 1) and toks[k - 2].kind == "word":
            return _skip(k + 1)  # "COVID-19", "F-16"
    if t.text.count(".") > 1:
        return _skip(k + 1)  # version numbers, addresses
    value = float(t.text.replace(",", ""))
    plain_four = len(t.text) == 4 and t.text.isdigit() and not currency
    scale = 1.0
    m = k + 1
    if m < n and _glued(toks, m):
        s = toks[m]
        if s.kind == "word":
            if s.low in _ORDINAL_SUFFIX or s.low in ("s", "am", "pm"):
                return _skip(m + 1)  # "9th", "1990s", "3pm"
            if s.low in _SCALE_SUFFIX or (s.low == "b" and currency):
                scale = _SCALE_SUFFIX.get(s.low, 1e9)
                m += 1
            elif s.low == "m" and _m_is_million(toks, m, currency):
                scale = 1e6
                m += 1
            elif s.low not in _GLUED_UNIT_OK or (
                s.low in _SINGLE_LETTER_UNITS and not s.text.islower()
            ):
                return _skip(m + 1)  # "5G", "3D", "4x4"
        elif s.text == "/" and m + 1 < n and toks[m + 1].kind == "num" and _glued(toks, m + 1):
            return _skip(m + 2)  # "9/11", "24/7"
    while m < n and toks[m].kind == "word":
        w = toks[m].low
        if w in _SCALE_WORDS:
            scale *= _SCALE_WORDS[w]
        elif w == "m" and currency:
            scale *= 1e6
        else:
            break
        m += 1
    return _Num(value * scale, value * scale, m, scale=scale, currency=currency,
                plain_four=plain_four and scale == 1.0)


def _read_words(toks: list[_Tok], k: int) -> _Num | None:
    n = len(toks)
    first = toks[k].low
    if first in ("tens", "hundreds") and _low(toks, k + 1) == "of":
        base = _VAGUE_BASE.get(_low(toks, k + 2))
        if base is not None:
            f = 10.0 if first == "tens" else 100.0
            return _Num(2 * f * base, 10 * f * base - 1, k + 3, scale=base, vague=True)
    if first in _VAGUE:
        lo, hi = _VAGUE[first]
        return _Num(lo, hi, k + 1, vague=True)
    mult: tuple[float, float] | None = None
    p = k
    if first in _MULTIPLIERS:
        mult, p = _MULTIPLIERS[first], k + 1
    elif first == "a" and _low(toks, k + 1) == "few":
        mult, p = (2.0, 5.0), k + 2
    elif first == "a" and _low(toks, k + 1) == "couple":
        mult, p = (2.0, 2.0), k + 3 if _low(toks, k + 2) == "of" else k + 2
    if mult is not None:
        scale = 1.0
        while p < n and toks[p].low in _SCALE_WORDS and toks[p].low not in ("bn", "mn", "tn"):
            scale *= _SCALE_WORDS[toks[p].low]
            p += 1
        if scale == 1.0:
            return None  # "several people" is not a value
        return _Num(mult[0] * scale, mult[1] * scale, p, scale=scale, vague=True)
    total, group, last, scale = 0.0, 0.0, "", 1.0
    if first in ("a", "an") and _low(toks, k + 1) in ("hundred", "dozen", *_BIG):
        group, last, p = 1.0, "a", k + 1
    elif first == "half" and _low(toks, k + 1) == "a" and _low(toks, k + 2) in ("dozen", *_BIG):
        group, last, p = 0.5, "a", k + 2
    while p < n:
        t = toks[p]
        w = t.low
        if (t.text in "-–" and last == "tens" and _glued(toks, p) and _glued(toks, p + 1)
                and _SMALL.get(_low(toks, p + 1), 10) < 10):
            group += _SMALL[toks[p + 1].low]
            last, p = "small", p + 2
            continue
        if t.kind != "word":
            break
        if w in _SMALL:
            if last in ("small", "a") or (last == "tens" and _SMALL[w] >= 10):
                break
            group += _SMALL[w]
            last = "small"
        elif w in _TENS:
            if last in ("small", "tens", "a"):
                break
            group += _TENS[w]
            last = "tens"
        elif w in ("hundred", "dozen"):
            if not last or last == "hundred":
                break
            group = (group or 1.0) * _SCALE_WORDS[w]
            scale = max(scale, _SCALE_WORDS[w])
            last = "hundred"
        elif w in _BIG:
            if not last:
                break
            total += (group or 1.0) * _BIG[w]
            scale = _BIG[w]
            group, last = 0.0, "big"
        elif w == "and" and last in ("hundred", "big") and _low(toks, p + 1) in (*_SMALL, *_TENS):
            pass
        elif (w == "and" and last in ("small", "tens") and _match(toks, p + 1, ("a", "half"))
              and _low(toks, p + 3) in ("dozen", *_BIG)):
            group += 0.5
            p += 3
            continue
        else:
            break
        p += 1
    if not last or last == "a":
        return None
    value = total + group
    bare_one = p == k + 1 and first == "one"
    return _Num(value, value, p, scale=scale, bare_one=bare_one)


def _read_number(toks: list[_Tok], j: int) -> _Num | None:
    n = len(toks)
    if j >= n:
        return None
    t = toks[j]
    currency = ""
    k = j
    if (t.kind == "word" and t.low in _DOLLAR_PREFIX and t.text.isupper() and j + 2 < n
            and toks[j + 1].text == "$" and _glued(toks, j + 1)
            and toks[j + 2].kind == "num" and _glued(toks, j + 2)):
        currency, k = _DOLLAR_PREFIX[t.low], j + 2
    elif t.kind == "sym" and t.text in _CURRENCY_SYMBOLS and j + 1 < n:
        currency, k = _CURRENCY_SYMBOLS[t.text], j + 1
    elif t.kind == "word" and t.text.isupper() and t.low in _CURRENCY_CODES and j + 1 < n:
        currency, k = _CURRENCY_CODES[t.low], j + 1
    t = toks[k]
    if t.kind == "num":
        return _read_digits(toks, k, currency)
    if currency or t.kind != "word":
        return None
    return _read_words(toks, k)


def _match_qualifier(toks: list[_Tok], i: int) -> tuple[str, int]:
    if toks[i].kind != "word":
        return "", i
    for key in _QUALIFIER_KEYS.get(toks[i].low, ()):
        if _match(toks, i, key):
            kind, j = _QUALIFIERS[key], i + len(key)
            if kind == "far_below" and _low(toks, j) == "the":
                j += 1  # "nowhere near the 3 billion reported": the figure named before
            return kind, j
    return "", i


def _match_suffix(toks: list[_Tok], k: int) -> tuple[str, int]:
    if k >= len(toks):
        return "", k
    if toks[k].text == "+" and _glued(toks, k):
        return "above", k + 1
    if toks[k].text == "-" and _glued(toks, k) and _glued(toks, k + 1):
        if _low(toks, k + 1) == "plus":
            return "above", k + 2
        if _low(toks, k + 1) == "odd":
            return "approx", k + 2
    for key in _SUFFIX_KEYS.get(toks[k].low, ()):
        if _match(toks, k, key):
            return _SUFFIXES[key], k + len(key)
    return "", k


def _read_unit(toks: list[_Tok], k: int, currency: str, duration_cue: bool) -> _Unit | None:
    n = len(toks)
    if k >= n:
        return None
    hyphen = False
    if toks[k].text in "-–" and _glued(toks, k) and _glued(toks, k + 1):
        if toks[k + 1].kind != "word":
            return None
        hyphen, k = True, k + 1
    t = toks[k]
    if t.text == "%":
        return _Unit("percent", 1.0, k + 1, "measure")
    if t.kind != "word":
        return None
    w = t.low
    for key in _MULTI_UNIT_KEYS.get(w, ()):
        if _match(toks, k, key):
            unit, factor = _MULTI_UNITS[key]
            kind = "currency" if unit in _MONEY_KEYS else "measure"
            return _Unit(unit, factor, k + len(key), kind)
    if w in ("year", "years", "yr", "yrs"):
        if _low(toks, k + 1) == "old":
            return _Unit("age", 1.0, k + 2, "age")
        if _low(toks, k + 1) == "-" and _low(toks, k + 2) == "old":
            return _Unit("age", 1.0, k + 3, "age")
    if w in ("pound", "pounds") and not currency and (hyphen or _low(toks, k + 1) == "of"):
        return _Unit(_KG, 0.45359237, k + 1, "measure")
    if w in _CURRENCY_WORDS:
        return _Unit(_CURRENCY_WORDS[w], 1.0, k + 1, "currency")
    if w in _UNITS and (w not in _SINGLE_LETTER_UNITS or hyphen or _glued(toks, k)
                        or toks[k - 1].kind == "num"):
        unit, factor = _UNITS[w]
        return _Unit(unit, factor, k + 1, "measure")
    if w in _DURATIONS:
        clear = hyphen or duration_cue or _low(toks, k + 1) in ("of", "long")
        return _Unit(_HOURS, _DURATIONS[w], k + 1, "duration" if clear else "skip")
    if hyphen:
        if w == "strong":
            return _Unit("", 1.0, k + 1, "strong")
        return _Unit("", 1.0, k + 1, "skip")  # "two-thirds", "one-off", "five-star"
    return None


def _read_np(toks: list[_Tok], k: int, high: float) -> tuple[str | None, str | None, int]:
    """Counted noun after a number: (canonical head, casualty measure, token end)."""
    words: list[int] = []
    p = k
    while p < len(toks) and len(words) < 3:
        t = toks[p]
        if t.kind != "word" or t.low in _NP_STOP or t.low in _NUMBER_WORDS:
            if t.low in _CASUALTY_NOUNS and t.kind == "word":
                words.append(p)  # "40 dead", "12 missing"
            break
        words.append(p)
        p += 1
    casualty: str | None = None
    end = k
    for p in words:
        if toks[p].low in _CASUALTY_NOUNS:
            casualty, end = _CASUALTY_NOUNS[toks[p].low], p + 1
            break
    for p in words:
        if toks[p].low in _CANON:
            return _CANON[toks[p].low], casualty, max(end, p + 1)
    for p in words:
        t = toks[p]
        if t.text[0].isupper() or t.low in _NP_ADJECTIVES or t.low in _CASUALTY_NOUNS:
            continue
        if _plural(t.low) or high <= 1:
            return _singular(t.low), casualty, max(end, p + 1)
        break
    if words and all(toks[p].text[0].isupper() for p in words) and _plural(toks[words[-1]].low):
        return "people", casualty, max(end, words[-1] + 1)  # "14 Palestinians"
    return None, casualty, end


def _aside_end(toks: list[_Tok], p: int) -> int | None:
    """Where an aside opened at `p` ends (the token after its closing comma or bracket):
    "Seven people, among them four soldiers, lost their lives". None for no aside."""
    opened = toks[p].text
    if opened == ",":
        if not (_match(toks, p + 1, ("among", "them")) or _match(toks, p + 1, ("among", "whom"))
                or _low(toks, p + 1) == "including"):
            return None
        closing = {","}
    elif opened == "(":
        closing = {")"}
    else:
        return None
    for q in range(p + 1, min(len(toks), p + 1 + _ASIDE_WINDOW)):
        if toks[q].kind == "sym" and toks[q].text in closing:
            return q + 1
        if toks[q].kind == "sym" and toks[q].text in _SENTENCE_END:
            return None
    return None


def _after_trigger(toks: list[_Tok], k: int) -> str | None:
    p, seen = k, 0
    while p < len(toks) and seen < _AFTER_WINDOW:
        t = toks[p]
        aside = _aside_end(toks, p) if t.kind == "sym" else None
        if aside is not None:
            p = aside  # the aside does not count towards the window
            continue
        at = p
        p, seen = p + 1, seen + 1
        if t.kind in ("num", "time"):
            return None
        if t.kind == "sym":
            if t.text in _CLAUSE_PUNCT:
                return None
            continue
        if t.low in _AFTER_STOPS or t.low in _NUMBER_WORDS:
            return None
        if t.low in _CASUALTY_VERBS:
            return _CASUALTY_VERBS[t.low]
        if t.low == "lost" and _match(toks, at + 1, ("their", "lives")):
            return "deaths"
    return None


def _inherited(toks: list[_Tok], p: int, owner: list[int], measures: list[str]) -> str | None:
    """The casualty measure of the clause before "including" at `p`, if it has one."""
    for q in range(p - 1, max(-1, p - _TOLL_WINDOW), -1):
        t = toks[q]
        if owner[q] >= 0 and measures[q]:
            return measures[q]  # "14 people were killed, including five children"
        if t.kind == "sym" and t.text in _SENTENCE_END:
            return None
        if t.low in _CASUALTY_VERBS:
            return _CASUALTY_VERBS[t.low]
        if t.low in _TRANSITIVE:
            return _TRANSITIVE[t.low]
    return None


def _before_trigger(
    toks: list[_Tok], i: int, owner: list[int], measures: list[str]
) -> str | None:
    p, gap, blocked = i - 1, 0, False
    # "The death toll from Tuesday's derailment on the Karvesse Viaduct rose to 26": a
    # count's verb right before the figure reaches back to its toll past a long modifier
    window = _RISE_WINDOW if i >= 2 and _low(toks, i - 2) in _COUNT_VERBS \
        and _low(toks, i - 1) in ("to", "at") else _TOLL_WINDOW
    while p >= 0 and gap < window:
        t = toks[p]
        prior = owner[p - 1] if p >= 1 else -1
        if t.low == "to" and prior >= 0 and _low(toks, prior - 1) == "from":
            # "the death toll rose from 12 to 23": 23 reads through "from 12 to"
            p, gap, blocked = prior - 2, gap + 1, True
            continue
        if owner[p] >= 0 or t.kind in ("num", "time"):
            return None
        if t.kind == "sym":
            if t.text in _SENTENCE_END:
                return None
            blocked = True
        else:
            w = t.low
            if w in _TOLL_NOUNS:
                return _TOLL_NOUNS[w]
            if w == "dead" and _low(toks, p - 1) in ("of", "the"):
                return "deaths"  # "the number of dead rose to 40"
            if w == "of" and _low(toks, p - 1) == "lives":
                return "deaths"  # "claimed the lives of 14 people"
            if not blocked and gap < _VERB_WINDOW and w in _TRANSITIVE:
                return _TRANSITIVE[w]
            if w == "including":
                return _inherited(toks, p, owner, measures)
            if w in _HARD_STOPS or w in _NUMBER_WORDS:
                return None
            if w in _GAP_BLOCKERS:
                blocked = True
        p -= 1
        gap += 1
    return None


_NUMBER_OF_WINDOW = 24
_NUMBER_OF_AUX = frozenset(("have", "has", "had", "been", "were", "was"))


def _number_of(toks: list[_Tok], i: int) -> tuple[str, str] | None:
    """The head and measure a count at token `i` takes from "the number of <noun> who <died>"
    earlier in its sentence, past the toll window: "The number of children who died after
    taking the syrup has risen to at least 62" counts children's deaths."""
    for p in range(i - 1, max(i - _NUMBER_OF_WINDOW, 0), -1):
        t = toks[p]
        if t.kind in ("num", "time") or (t.kind == "sym" and t.text in _SENTENCE_END):
            return None
        if t.low == "of" and _low(toks, p - 1) == "number":
            head, _, q = _read_np(toks, p + 1, 2.0)  # a count above one: a plural head
            if head is None or _low(toks, q) not in ("who", "that"):
                return None
            q += 1
            while _low(toks, q) in _NUMBER_OF_AUX:
                q += 1
            measure = _CASUALTY_VERBS.get(_low(toks, q)) or _TRANSITIVE.get(_low(toks, q))
            return (head, measure) if measure else None
    return None


def _is_time_after(toks: list[_Tok], k: int) -> bool:
    w = _low(toks, k)
    if w in _TIME_WORDS:
        return True
    return w in ("a", "p") and _low(toks, k + 1) == "." and _low(toks, k + 2) == "m"


def _is_date(toks: list[_Tok], j: int, k: int) -> bool:
    # "Mar. 8", but not "in March. 30 people died"
    before = j - 2 if _low(toks, j - 1) == "." and len(_low(toks, j - 2)) <= 4 else j - 1
    if _is_month(toks, before) or _is_month(toks, k):
        return True
    if _low(toks, k) == "of" and _is_month(toks, k + 1):
        return True
    # "8 and 9 March", "8-9 March"
    return (
        _low(toks, k) in ("and", "or", "to", "-", "–")
        and k + 1 < len(toks)
        and toks[k + 1].kind == "num"
        and _is_month(toks, k + 2)
    )


def _parse_at(
    toks: list[_Tok], i: int, owner: list[int], measures: list[str]
) -> tuple[Quantity | None, int] | None:
    t = toks[i]
    if t.kind == "time":
        return None, i + 1
    if (t.kind == "word" and t.low not in _STARTERS) or (
        t.kind == "sym" and t.text not in _CURRENCY_SYMBOLS
    ):
        return None
    qual, j = _match_qualifier(toks, i)
    num = _read_number(toks, j)
    if num is None:
        return None
    if num.skip:
        return None, num.end
    n = len(toks)
    low, high, k, currency = num.low, num.high, num.end, num.currency
    ranged = False
    if qual == "between" or (_low(toks, k) in _RANGE_WORDS and _low(toks, j - 1) != "from"):
        conn = _low(toks, k)
        if (qual == "between" and conn == "and") or (
            qual != "between" and not (conn == "or" and _low(toks, k + 1) in ("more", "so",
                                                                              "fewer", "less"))
        ):
            num2 = _read_number(toks, k + 1) if conn in _RANGE_OR_AND else None
            if num2 is not None and not num2.skip:
                lo1, hi1 = low, high
                if num.scale == 1.0 and num2.scale > 1.0 and lo1 * num2.scale <= num2.low:
                    lo1, hi1 = lo1 * num2.scale, hi1 * num2.scale
                if num2.low <= lo1 or (num.plain_four and num2.plain_four):
                    return None, num2.end  # "2-1" score, "2008-10", "2008-2010"
                low, high, k, ranged = lo1, num2.high, num2.end, True
                currency = currency or num2.currency
        if qual == "between":
            qual = ""
    suffix, k = _match_suffix(toks, k)
    if _is_date(toks, j, k) or _is_time_after(toks, k):
        return None, k
    prev = _low(toks, i - 1)
    if not qual and not currency:
        id_prev = _low(toks, i - 2) if prev == "." else prev
        if id_prev in _ID_PREFIX:
            return None, k  # "Article 5", "No. 10"
    if num.bare_one and (prev in _ONE_BLOCK or _low(toks, k) in _ONE_BLOCK_AFTER):
        return None, k  # "no one", "the one", "one of"
    kv = k + 1 if num.vague and _low(toks, k) == "of" else k
    cue = prev in _DURATION_CUES or _low(toks, j - 1) in _DURATION_CUES
    unit = _read_unit(toks, kv, currency, cue)
    key, factor, end = "", 1.0, k
    head: str | None = None
    measure: str | None = None
    if unit is not None and unit.kind == "skip":
        return None, unit.end
    if currency:
        key = currency
        if unit is not None and unit.kind == "currency":
            end = unit.end
    elif unit is not None and unit.kind != "strong":
        key, factor, end = unit.key, unit.factor, unit.end
    elif prev == "aged" or _low(toks, j - 1) == "aged":
        key = "age"
    else:
        base = unit.end if unit is not None else k  # after "-strong" in "a 2,000-strong force"
        head, measure, np_end = _read_np(toks, base if unit is not None else kv, high)
        end = np_end if head is not None or measure is not None else base
        if measure is None:
            # "30 people or fewer died": the casualty verb after the qualifier
            after = end if suffix else _match_suffix(toks, end)[1]
            measure = _after_trigger(toks, after) or _before_trigger(toks, i, owner, measures)
        if measure is None and head is None:
            head, measure = _number_of(toks, i) or (None, None)
        if measure is not None:
            key = measure if head in (None, "people") else f"{measure}:{head}"
        else:
            key = head or ""
    if key == "percent":
        key = _percent_of(toks, i, end)
    rate = _rate_after(toks, end) if key else None
    if rate is not None:
        # "100,000 florins per customer" is no total; "120 km an hour" is a speed
        key = "kmh" if (key, rate) == ("km", "hour") else f"{key}/{rate}"
    if key and _low(toks, num.end) == "of" and _low(toks, num.end + 1) in _PARTITIVE:
        key = f"part:{key}"  # "seven of the dead were from Pellaton": part of a toll
    if not suffix and key:
        # "3 billion florins or more", "30 people or fewer": the qualifier after the unit
        suffix, after = _match_suffix(toks, end)
        end = after if suffix else end
    if num.plain_four and not ranged and 1000 <= num.low <= 2100 and key not in _MONEY_KEYS:
        strong = prev in _YEAR_STRONG or _is_month(toks, i - 1)
        counted = unit is not None or head in _CANON.values() or measure is not None
        if strong or (num.low >= 1900 and not counted):
            return None, max(end, k)  # "in 2008", "the 2008 elections", "2008-style"
    if num.bare_one and unit is None and head not in _CANON.values() and measure is None:
        return None, k  # "one" as a pronoun or in an idiom
    kind = suffix or qual
    if kind == "floor":
        # a toll's "at least N" is the count so far: a report above 1.5 N disagrees with it
        if key.split(":")[0] in _TOLL_MEASURES:
            kind, high = "", low * FLOOR_SPAN
        else:
            kind = "above"
    if kind == "above":
        high = _INF
    elif kind == "below":
        low = 0.0
    elif kind == "far_below":
        low, high = 0.0, low * FAR_BELOW_SHARE
    end = max(end, k)
    quantity = Quantity(
        low=low * factor,
        high=high * factor,
        unit=key,
        start=toks[i].start,
        end=toks[end - 1].end if end > i else toks[i].end,
        approximate=kind == "approx",
    )
    return quantity, min(end, n)


_PARTITIVE = frozenset(("the", "those", "these", "them", "its", "their", "our"))
# what a percentage measures, named before it: "turnout of about 63 percent"
_SHARE_MEASURES = frozenset((
    "turnout", "unemployment", "inflation", "approval", "growth", "yield", "ratio", "support",
    "participation", "occupancy", "capacity"))
# "71.4 percent of registered voters" is the turnout
_SHARE_CANON = {"voter": "turnout", "electorate": "turnout"}
_SHARE_REST = frozenset(("remaining", "other", "last", "further", "additional", "extra"))
_SHARE_SKIP = frozenset(("the", "a", "an", "all", "its", "their", "our", "his", "her",
                         "registered", "eligible", "valid", "normal", "total", "million",
                         "billion", "thousand"))


def _percent_of(toks: list[_Tok], i: int, end: int) -> str:
    """The measure of a percentage starting at token `i` and ending before `end`: what it
    is of ("51.9 percent of the vote": "percent:vote", "93 percent of polling stations":
    "percent:station"), or the measure named up to ten words before it ("turnout had reached 71.4
    percent": "percent:turnout"); else plain "percent". Two percentages of different things
    are never compared."""
    if _low(toks, i - 1) in _SHARE_REST:
        return ""  # "the remaining 4 percent of polling stations": the rest of a whole
    if _low(toks, end) == "of":
        k = end + 1
        while k < len(toks) and (toks[k].kind == "num" or toks[k].low in _SHARE_SKIP):
            k += 1
        words: list[str] = []
        while k < len(toks) and toks[k].kind == "word" and toks[k].low.isalpha() \
                and len(words) < 3:
            words.append(toks[k].low)
            k += 1
        if words:
            noun = next((w for w in words if _plural(w)), words[0])
            noun = _singular(noun) if _plural(noun) else noun
            return f"percent:{_SHARE_CANON.get(noun, noun)}"
    for k in range(i - 1, max(-1, i - 11), -1):
        if toks[k].low in _SHARE_MEASURES:
            return f"percent:{toks[k].low}"
        if toks[k].kind == "sym" and toks[k].text in ".;?!":
            break
    return "percent"


def _is_percent(unit: str) -> bool:
    """Whether a unit key is a percentage, of whatever ("percent:turnout")."""
    return unit.split(":")[0] in _PERCENT_KEYS


_RATE_PERIODS = frozenset(("day", "week", "month", "year", "hour", "head", "person",
                           "night", "minute", "second"))


def _rate_after(toks: list[_Tok], k: int) -> str | None:
    """What a value is counted per: "per customer", "a day", "each", or None."""
    word, following = _low(toks, k), _low(toks, k + 1)
    if word == "per" and following.isalpha():
        return _singular(following)
    if word in ("a", "an") and following in _RATE_PERIODS:
        return following
    if word in ("each", "apiece"):
        return "each"
    return None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression in `text`, left to right, skipping years, dates and ids."""
    toks = _tokenize(text)
    owner = [-1] * len(toks)  # start token of the expression covering each token
    measures = [""] * len(toks)  # that expression's casualty measure
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        res = _parse_at(toks, i, owner, measures)
        if res is None:
            i += 1
            continue
        quantity, end = res
        end = max(end, i + 1)
        owner[i:end] = [i] * (end - i)
        if quantity is not None and quantity.unit.split(":")[0] in _CASUALTY_MEASURES:
            measures[i:end] = [quantity.unit.split(":")[0]] * (end - i)
        if quantity is not None:
            found.append(quantity)
        i = end
    return found


def _bounds(q: Quantity) -> tuple[float, float]:
    if _is_percent(q.unit):
        # "about 63 percent" is 63 give or take a couple of points, not 15% of 63
        pad = PERCENT_TOLERANCE + (APPROX_PERCENT_POINTS if q.approximate else 0.0)
        return q.low - pad, q.high + pad
    rel = APPROX_TOLERANCE if q.approximate else 0.0
    if q.unit in _MEASURE_KEYS or q.unit in _MONEY_KEYS:
        rel = max(rel, MEASURE_TOLERANCE)
    return q.low * (1 - rel), q.high * (1 + rel)


def upper_bound(q: Quantity) -> float:
    """The largest value a quantity allows, as compared: a toll's "at least 8" allows 12."""
    return _bounds(q)[1]


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of the same measure can both be true, allowing for rounding."""
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    eps = 1e-9 * max(1.0, abs(lo_a), abs(lo_b))
    return lo_a <= hi_b + eps and lo_b <= hi_a + eps


_POSSIBILITY_MODALS = frozenset({"could", "may", "might"})
_WORD = re.compile(r"[\w’']+")


def is_possibility(text: str, q: Quantity) -> bool:
    """Whether a quantity is only a possibility: a hedging modal shortly before it ("the
    figure could rise to about 3.8 billion") or right after it ("12 people may have died").
    Such a figure is no count, so it never conflicts with one. ("May 12": the month is
    capitalised.)"""
    before = _WORD.findall(text[max(0, q.start - 40):q.start])[-4:]
    after = _WORD.findall(text[q.end:q.end + 30])[:3]
    return any(w in _POSSIBILITY_MODALS for w in (*before, *after))


def quantities_conflict(a: str, b: str) -> bool | None:
    """Compare the quantities of two claim texts measure by measure.

    True: both texts give the same measure (same unit key) and no pair of their values on that
    measure is compatible; False: they share a measure and a compatible value; None: no shared
    measure (not comparable). With several shared measures, one conflicting measure is enough
    for True. Quantities of unknown unit ("") and possibilities ("could rise to 40") are never
    compared.
    """
    return _conflict(figures(a), figures(b))


Figures = dict[str, list[Quantity]]


def figures(text: str) -> Figures:
    """The quantities of `text` that can be compared, by measure: a known unit, and not a mere
    possibility."""
    table: Figures = {}
    for q in find_quantities(text):
        if q.unit and not is_possibility(text, q):
            table.setdefault(q.unit, []).append(q)
    return table


def _conflict(by_a: Figures, by_b: Figures) -> bool | None:
    shared = sorted(by_a.keys() & by_b.keys())
    if not shared:
        return True if _part_exceeds_whole(by_a, by_b) or _part_exceeds_whole(by_b, by_a) \
            else None
    return any(
        not any(compatible(x, y) for x in by_a[unit] for y in by_b[unit]) for unit in shared
    )


def _whole_of(unit: str) -> str | None:
    """The measure a subgroup's is part of: "deaths:patient" (patients who died) and
    "part:deaths" ("seven of the dead") are parts of "deaths"."""
    if unit.startswith("part:"):
        return unit[len("part:"):]
    if _is_percent(unit):
        return None  # a share of one thing is no part of a share of another
    return unit.split(":")[0] if ":" in unit else None


def _part_exceeds_whole(parts: Figures, wholes: Figures) -> bool:
    """Whether a subgroup's count is above every total given for its measure: "twenty or
    more patients died" cannot be true with "at least 11 people died" (a toll's "at least"
    read as the count so far). A part under its whole says nothing either way."""
    for unit, found in parts.items():
        whole = _whole_of(unit)
        if whole is not None and whole in wholes and all(
                _bounds(x)[0] > _bounds(y)[1] for x in found for y in wholes[whole]):
            return True
    return False


def figure_relation(a: str | Figures, b: str | Figures) -> int:
    """How the figures of text `a` bear on those of text `b` (either given as text or as its
    `figures`), on the measures both give: -1 when they conflict (as `quantities_conflict`);
    +1 when every figure of `a` lies within one of `b`'s, allowing for rounding ("counted 64
    bodies" holds "about 60 or more people were killed"; "at least 11 dead" does not); 0
    otherwise, or with no shared measure."""
    by_a = figures(a) if isinstance(a, str) else a
    by_b = figures(b) if isinstance(b, str) else b
    conflict = _conflict(by_a, by_b)
    if conflict is None:
        return 0
    if conflict:
        return -1
    shared = by_a.keys() & by_b.keys()
    within = all(any(_bounds(y)[0] <= x.low and x.high <= _bounds(y)[1] for y in by_b[unit])
                 for unit in shared for x in by_a[unit])
    return 1 if within else 0
