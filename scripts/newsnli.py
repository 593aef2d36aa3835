"""Templated news-style NLI pairs for teaching the judge what SNLI does not.

SNLI is built from image captions, so a classifier trained on it knows little
about denials, retractions, reported speech, number/date/location mismatches,
old file-photo captions or topical-but-unrelated sentences.  This module
generates such pairs from hand-written templates over fictional entities.

Training data, so it lives in scripts/ and is not installed with claimcheck (until 0.8.0 it
was claimcheck/newsnli.py; model cards trained before say so).

Everything is stdlib-only and deterministic for a given ``(n, seed, split)``.
The ``"train"`` and ``"heldout"`` splits draw from disjoint entity pools (people,
countries, cities, militias, bases, monitors), so a classifier calibrated on
``"heldout"`` has not memorised any of its names.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "COMMON_WORDS",
    "KINDS",
    "LABELS",
    "SPLITS",
    "NewsPair",
    "entity_names",
    "generate_pairs",
]

LABELS: tuple[str, str, str] = ("entailment", "neutral", "contradiction")
SPLITS: tuple[str, str] = ("train", "heldout")

KINDS: tuple[str, ...] = (
    "denial",
    "denial-restated",
    "attributed",
    "paraphrase",
    "negation",
    "number",
    "date",
    "location",
    "ally-intervention",
    "old-caption",
    "time-change",
    "same-topic-neutral",
    "unrelated",
)

#: Capitalised words that may legitimately appear inside entity names of both
#: splits (generic name parts such as "Air Base" or "News Agency").
COMMON_WORDS: frozenset[str] = frozenset(
    {
        "Air",
        "Base",
        "International",
        "Airport",
        "News",
        "Agency",
        "Front",
        "Army",
        "Brigades",
        "Movement",
        "Resistance",
        "Militia",
        "Observatory",
        "Human",
        "Rights",
        "Conflict",
        "Monitor",
        "Institute",
        "President",
        "Prime",
        "Minister",
        "Liberation",
        "Uprising",
        "Partisans",
        "Brotherhood",
        "Salvation",
        "Highlands",
        "Valley",
        "Coast",
        "Defence",
        "Free",
        "Council",
        "Guard",
        "for",
        "of",
        "the",
        "The",
    }
)


@dataclass(frozen=True)
class NewsPair:
    """One premise/hypothesis pair with its gold label and template family."""

    premise: str
    hypothesis: str
    label: str
    kind: str


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True)
class _Country:
    """A fictional country with the named things a news story needs."""

    name: str
    adj: str
    capital: str
    cities: tuple[str, str, str]
    leader: str
    pron: str  # "he" / "she"
    title: str  # "President" / "Prime Minister"
    base: str
    militia: str
    opposition: str
    opp_pron: str


@dataclass(frozen=True)
class _Pool:
    """All entities available to one split."""

    countries: tuple[_Country, ...]
    monitors: tuple[str, ...]


def _c(
    name: str,
    adj: str,
    capital: str,
    cities: tuple[str, str, str],
    leader: str,
    pron: str,
    title: str,
    base: str,
    militia: str,
    opposition: str,
    opp_pron: str,
) -> _Country:
    """Shorthand constructor used by the pool tables below."""
    return _Country(
        name, adj, capital, cities, leader, pron, title, base, militia, opposition, opp_pron
    )


_TRAIN = _Pool(
    countries=(
        _c(
            "Velmora",
            "Velmoran",
            "Siradel",
            ("Oskarn", "Tebrun", "Nalvik"),
            "Idris Kallaway",
            "he",
            "President",
            "Ferrow Air Base",
            "Dawn Ridge Front",
            "Lucan Morrow",
            "he",
        ),
        _c(
            "Castrenia",
            "Castrenian",
            "Port Amaly",
            ("Dovrin", "Selkirra", "Yarrowgate"),
            "Mirela Ostan",
            "she",
            "President",
            "Quillon Air Base",
            "Thornwood Brigades",
            "Pavel Strand",
            "he",
        ),
        _c(
            "Oduvia",
            "Oduvian",
            "Lesquin",
            ("Fennick", "Ubara", "Cholmar"),
            "Tomas Verrick",
            "he",
            "Prime Minister",
            "Hollin Air Base",
            "Ubaran Liberation Army",
            "Amara Ndovu",
            "she",
        ),
        _c(
            "Pellaria",
            "Pellarian",
            "Corvane",
            ("Istrago", "Mhelo", "Dunmarrow"),
            "Ayo Benedek",
            "he",
            "President",
            "Skelling Air Base",
            "Greywater Movement",
            "Nadia Pruitt",
            "she",
        ),
        _c(
            "Zaranth",
            "Zaranthi",
            "Qelim",
            ("Haddo", "Sufra", "Nimrel"),
            "Leyla Dastani",
            "she",
            "President",
            "Orun Air Base",
            "Crescent Banner Army",
            "Farid Essoum",
            "he",
        ),
        _c(
            "Quorvia",
            "Quorvian",
            "Belgrast",
            ("Tolmin", "Vintry", "Askelon"),
            "Piotr Lanzo",
            "he",
            "President",
            "Rookmoor Air Base",
            "Tolmic Resistance",
            "Greta Vollan",
            "she",
        ),
        _c(
            "Istrela",
            "Istrelan",
            "Navoa",
            ("Seyra", "Mondrel", "Ibbet"),
            "Rosalind Fenwray",
            "she",
            "Prime Minister",
            "Gorsefield Air Base",
            "Seyra Coast Brigades",
            "Emil Darrow",
            "he",
        ),
        _c(
            "Brovnia",
            "Brovnian",
            "Dreska",
            ("Vetrin", "Pashka", "Orlevo"),
            "Bogdan Ivarsh",
            "he",
            "President",
            "Krellmoor Air Base",
            "Vetrin Defence Brigades",
            "Sofia Kerran",
            "she",
        ),
    ),
    monitors=(
        "the Lowmere Observatory for Human Rights",
        "the Cairnfield Conflict Monitor",
        "the Ashgrove Institute",
    ),
)

_HELDOUT = _Pool(
    countries=(
        _c(
            "Talvena",
            "Talvenan",
            "Ambrel",
            ("Cennick", "Lodrin", "Faywick"),
            "Anselm Rivek",
            "he",
            "President",
            "Hexley Air Base",
            "Cennick Highlands Front",
            "Mira Solberg",
            "she",
        ),
        _c(
            "Umbrosa",
            "Umbrosan",
            "Pelvar",
            ("Drisko", "Oramel", "Tessaly"),
            "Ines Madrazo",
            "she",
            "President",
            "Ketterby Air Base",
            "Tessaly Free Army",
            "Jonas Akerby",
            "he",
        ),
        _c(
            "Nerathia",
            "Nerathian",
            "Ilvorre",
            ("Garrowby", "Whinmoor", "Pessel"),
            "Dario Fenk",
            "he",
            "Prime Minister",
            "Brackwater Air Base",
            "Garrowby Uprising",
            "Lena Okafo",
            "she",
        ),
        _c(
            "Tamerine",
            "Tamerinian",
            "Quellport",
            ("Ardmoor", "Ruskin Ford", "Belloc"),
            "Hana Zoltay",
            "she",
            "President",
            "Pinecross Air Base",
            "Ardmoor Partisans",
            "Victor Haskell",
            "he",
        ),
        _c(
            "Vorlund",
            "Vorlundic",
            "Eskerby",
            ("Helmsby", "Trune", "Gaddow"),
            "Casimir Odell",
            "he",
            "President",
            "Stonecrop Air Base",
            "Trune Valley Brigades",
            "Ilse Marrec",
            "she",
        ),
        _c(
            "Anzeria",
            "Anzerian",
            "Doumra",
            ("Yelva", "Sarif", "Benhal"),
            "Karim Tazrout",
            "he",
            "President",
            "Tazra Air Base",
            "Sarif Salvation Front",
            "Yasmin Oudad",
            "she",
        ),
        _c(
            "Lysandria",
            "Lysandrian",
            "Aubrec",
            ("Fenmoor", "Kilcarra", "Dornay"),
            "Odile Vantrecht",
            "she",
            "Prime Minister",
            "Sallowmere Air Base",
            "Kilcarra Defence Army",
            "Rhys Penhallow",
            "he",
        ),
        _c(
            "Pravonia",
            "Pravonian",
            "Zemsk",
            ("Ulgar", "Tovinsk", "Radashka"),
            "Yuri Malvek",
            "he",
            "President",
            "Chernel Air Base",
            "Ulgar Brotherhood",
            "Alina Sorokova",
            "she",
        ),
    ),
    monitors=(
        "the Wrenford Observatory for Human Rights",
        "the Pellmont Conflict Monitor",
        "the Greyhaven Institute",
    ),
)

_POOLS: dict[str, _Pool] = {"train": _TRAIN, "heldout": _HELDOUT}


def entity_names(split: str) -> list[str]:
    """Return every named entity string used by ``split`` (for leakage checks)."""
    pool = _pool(split)
    names: list[str] = list(pool.monitors)
    for c in pool.countries:
        names += [
            c.name,
            c.adj,
            c.capital,
            *c.cities,
            c.leader,
            c.base,
            c.militia,
            c.opposition,
            f"{c.capital} International Airport",
        ]
    return names


def _pool(split: str) -> _Pool:
    """Look up the entity pool for ``split``."""
    if split not in _POOLS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    return _POOLS[split]


# --------------------------------------------------------------------------- vocabulary

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_GENERIC_SOURCES = (
    "a war monitor",
    "two senior officers",
    "a government spokesman",
    "diplomats",
    "residents",
    "witnesses",
    "an army spokeswoman",
    "local media",
    "a security source",
    "aid workers",
    "opposition activists",
    "a senior diplomat",
    "officials",
    "the defence ministry",
    "the interior ministry",
    "a military source",
)

_SAID_VERBS = ("said", "reported", "told reporters", "claimed", "announced")

_NEUTRAL_DETAILS = (
    "amid growing unrest",
    "as fighting spread across the country",
    "despite international appeals for calm",
    "in a major blow to the government",
    "as the crisis deepened",
    "after weeks of tension",
)

_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _words(n: int) -> str:
    """Spell out a non-negative integer below one million in English words."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return _TENS[t] + ("-" + _ONES[o] if o else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return _ONES[h] + " hundred" + (" and " + _words(r) if r else "")
    k, r = divmod(n, 1000)
    return _words(k) + " thousand" + ((" and " if r < 100 else " ") + _words(r) if r else "")


def _digits(n: int) -> str:
    """Format an integer with thousands separators."""
    return f"{n:,}"


def _cap(s: str) -> str:
    """Capitalise the first character only."""
    return s[:1].upper() + s[1:]


def _sent(s: str) -> str:
    """Turn a clause into a sentence: capitalised, single final full stop."""
    s = re.sub(r"\s+", " ", s).strip().rstrip(".")
    return _cap(s) + "."


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class _Event:
    """Templates for one kind of newsworthy event (placeholders filled per side)."""

    tag: str
    past: tuple[str, ...]  # mutually paraphrasing simple-past statements
    spec: tuple[str, ...]  # more specific statements that entail ``past``
    perf: tuple[str, ...]  # past-perfect clause for "reports that ..."
    neg: tuple[str, ...]  # negations
    counter: tuple[str, ...]  # named-subject statements incompatible with the event
    counter_pron: tuple[str, ...]  # the same, for "..., saying <pron> ..."
    deniers: tuple[str, ...]


_EVENTS: tuple[_Event, ...] = (
    _Event(
        "whereabouts",
        (
            "{P} fled {c}",
            "{P} fled the country",
            "{P} has fled {c}",
            "{P} left {c}",
            "{P} flew out of {c}",
            "{P} fled abroad",
            "{P} slipped out of the country",
            "{P} has left the country",
        ),
        (
            "{P} fled {c} on a private jet",
            "{P} flew out of {c} with {poss} family",
            "{P} fled {c} under cover of darkness",
        ),
        (
            "{P} had fled {c}",
            "{P} had left the country",
            "{P} had fled abroad",
            "{P} had flown out of {c}",
        ),
        (
            "{P} did not flee {c}",
            "{P} has not left the country",
            "{P} never left {c}",
            "{P} did not leave {c}",
        ),
        (
            "{P} was still in {cap}",
            "{P} remained in {cap}",
            "{P} is still in {cap}",
            "{P} never left {cap}",
        ),
        (
            "{pron} remained in {cap}",
            "{pron} was still in {cap}",
            "{pron} was working from {poss} office in {cap}",
        ),
        (
            "the {adj} News Agency",
            "{adj} state television",
            "the presidency",
            "a government spokesman",
            "the state news agency",
            "{P}'s office",
        ),
    ),
    _Event(
        "base",
        (
            "{reb} attacked {base}",
            "{base} came under attack from {reb}",
            "{base} was attacked by {reb}",
            "{reb} launched an attack on {base}",
        ),
        ("{reb} stormed {base}", "{reb} shelled {base} overnight", "{reb} fired rockets at {base}"),
        ("{base} had been attacked", "rebels had attacked {base}", "{base} had come under attack"),
        ("{base} was not attacked", "{reb} did not attack {base}", "there was no attack on {base}"),
        ("{base} has not been attacked", "no attack on {base} took place"),
        ("the base had not come under fire", "the reports were enemy propaganda"),
        (
            "the defence ministry",
            "the {adj} army",
            "an army spokeswoman",
            "the air force command",
            "two senior officers",
        ),
    ),
    _Event(
        "capture",
        (
            "{reb} captured {city}",
            "{city} fell to {reb}",
            "{reb} took control of {city}",
            "{reb} seized {city}",
        ),
        (
            "{reb} captured {city} after heavy fighting",
            "{reb} overran {city}",
            "{reb} captured {city} and raised their flag over the town hall",
        ),
        (
            "{city} had fallen to the rebels",
            "{reb} had captured {city}",
            "{city} had been taken by the rebels",
        ),
        (
            "{reb} did not capture {city}",
            "{city} has not fallen",
            "{city} did not fall to {reb}",
            "the rebels failed to take {city}",
        ),
        (
            "government forces still controlled {city}",
            "the army remained in full control of {city}",
        ),
        ("government troops still held {city}", "the army was in full control of {city}"),
        (
            "the defence ministry",
            "the {adj} army",
            "the military command",
            "a senior army officer",
            "two senior officers",
        ),
    ),
    _Event(
        "office",
        ("{P} resigned", "{P} stepped down", "{P} quit", "{P} left office"),
        ("{P} resigned in a televised address", "{P} handed in {poss} resignation to parliament"),
        ("{P} had resigned", "{P} had stepped down", "{P} had quit"),
        ("{P} did not resign", "{P} has not stepped down", "{P} has not resigned"),
        ("{P} remained in office", "{P} was still in charge", "{P} is still {title}"),
        ("{pron} remained in office", "{pron} was still in charge of the government"),
        (
            "the presidency",
            "{adj} state television",
            "the cabinet office",
            "a government spokesman",
        ),
    ),
    _Event(
        "airport",
        (
            "{airport} was closed",
            "authorities closed {airport}",
            "{airport} shut down",
            "{airport} was shut",
        ),
        (
            "{airport} was closed to all civilian flights",
            "authorities closed {airport} and grounded all flights",
        ),
        ("{airport} had been closed", "{airport} had shut down"),
        ("{airport} was not closed", "{airport} did not close", "{airport} has not been closed"),
        ("{airport} remained open", "{airport} was still open"),
        ("the airport remained open", "flights were operating normally"),
        ("the transport ministry", "the civil aviation authority", "airport officials"),
    ),
    _Event(
        "ceasefire",
        (
            "the government and {mil} signed a ceasefire",
            "{mil} signed a ceasefire with the government",
            "a ceasefire was signed between the government and {mil}",
            "{mil} and the government agreed a ceasefire",
        ),
        (
            "{mil} signed a ceasefire with the government in {ocap}",
            "the government and {mil} signed a 30-day ceasefire",
        ),
        ("the rebels had signed a ceasefire", "a ceasefire had been signed with {mil}"),
        (
            "{mil} did not sign a ceasefire",
            "no ceasefire was signed",
            "the government and {mil} have not signed a ceasefire",
        ),
        ("no ceasefire has been agreed with {mil}",),
        ("no agreement had been signed", "talks had produced no deal"),
        ("a rebel spokesman", "the rebel leadership", "the government", "the presidency"),
    ),
    _Event(
        "embassy",
        (
            "{o} evacuated its embassy in {cap}",
            "{o} pulled its diplomats out of {cap}",
            "{o} withdrew its embassy staff from {cap}",
        ),
        (
            "{o} flew its diplomats out of {cap} on a military plane",
            "{o} evacuated its embassy in {cap} overnight",
        ),
        ("{o} had evacuated its embassy in {cap}", "{o} had pulled its diplomats out of {cap}"),
        (
            "{o} did not evacuate its embassy in {cap}",
            "{o} has not withdrawn its diplomats from {cap}",
        ),
        ("{o}'s embassy in {cap} remained open", "{o}'s diplomats were still in {cap}"),
        ("the embassy remained open", "its diplomats were still working in {cap}"),
        ("{o}'s foreign ministry", "the {oadj} foreign ministry", "{oadj} diplomats"),
    ),
    _Event(
        "arrest",
        (
            "police arrested {X}",
            "{X} was arrested",
            "security forces detained {X}",
            "{X} was taken into custody",
        ),
        (
            "police arrested {X} at {xposs} home in {cap}",
            "masked security agents detained {X} in a dawn raid",
        ),
        ("{X} had been arrested", "{X} had been detained"),
        ("{X} was not arrested", "{X} has not been detained", "police did not arrest {X}"),
        ("{X} was free", "{X} remained free"),
        ("{xpron} was free", "{xpron} had not been detained"),
        ("the interior ministry", "the police", "a police spokesman"),
    ),
)

_DENIAL_FRAMES = (
    "{D} denied reports that {perf}",
    "{D} denied that {perf}",
    "{D} dismissed rumours that {perf}",
    "{D} said there was no truth to reports that {perf}",
    "{D} called reports that {perf} fake news",
    "{D} rejected claims that {perf}",
    "{D} described reports that {perf} as baseless",
    "{D} branded claims that {perf} a fabrication",
    "{D} flatly denied that {perf}",
    "{D} strongly denied rumours that {perf}",
)

_DENIAL_TAILS = (", saying {cp}", ", insisting {cp}", " and said {cp}", ", adding that {cp}")

_INSIST_FRAMES = (
    "{D} insisted {ct}",
    "{D} insisted that {ct}",
    "{D} said {ct}",
    "{D} stressed that {ct}",
)


# --------------------------------------------------------------------------- generator


class _Gen:
    """Holds the RNG and entity pool and builds one pair at a time."""

    def __init__(self, rng: random.Random, pool: _Pool) -> None:
        self.r = rng
        self.pool = pool

    # ----- picks -----------------------------------------------------------------
    def pick(self, seq: Sequence[str]) -> str:
        """Random element of a non-empty sequence of strings."""
        return self.r.choice(seq)

    def country(self) -> _Country:
        """Random country of the pool."""
        return self.r.choice(self.pool.countries)

    def others(self, c: _Country, k: int = 1) -> list[_Country]:
        """``k`` distinct countries different from ``c``."""
        return self.r.sample([x for x in self.pool.countries if x is not c], k)

    def person(self, c: _Country) -> str:
        """A random way of referring to the country's leader."""
        surname = c.leader.split()[-1]
        return self.pick(
            (
                f"{c.title} {c.leader}",
                c.leader,
                surname,
                f"{c.title} {surname}",
                f"the {c.adj} {c.title.lower()}",
            )
        )

    def opposition(self, c: _Country) -> str:
        """A random way of referring to the country's opposition leader."""
        return self.pick(
            (c.opposition, f"opposition leader {c.opposition}", c.opposition.split()[-1])
        )

    def rebels(self, c: _Country) -> str:
        """A random (plural) way of referring to the country's armed group."""
        return self.pick(
            (
                f"the {c.militia}",
                f"{c.militia} fighters",
                "the rebels",
                f"rebels from the {c.militia}",
                f"fighters of the {c.militia}",
            )
        )

    def rebels_pl(self, c: _Country) -> str:
        """A plural-only way of referring to the armed group."""
        return self.pick(
            (f"{c.militia} fighters", "the rebels", f"rebels of the {c.militia}", "rebel fighters")
        )

    def source(self, c: _Country) -> str:
        """A random attribution source, generic or country-specific."""
        extra = (
            f"{c.adj} state television",
            f"the {c.adj} News Agency",
            f"the {c.adj} army",
            *self.pool.monitors,
        )
        return self.pick(_GENERIC_SOURCES + extra)

    def date(self) -> tuple[int, int]:
        """Random (day, month index)."""
        return self.r.randint(1, 28), self.r.randrange(12)

    def fmt_date(self, d: tuple[int, int], style: int | None = None) -> str:
        """Format a date as "4 May" or "May 4"."""
        if style is None:
            style = self.r.randrange(2)
        day, m = d
        return f"{day} {_MONTHS[m]}" if style == 0 else f"{_MONTHS[m]} {day}"

    def slots(self, c: _Country, o: _Country, city: str) -> dict[str, str]:
        """Placeholder values for one side of a pair (references re-drawn per side)."""
        poss = "his" if c.pron == "he" else "her"
        return {
            "P": self.person(c),
            "pron": c.pron,
            "poss": poss,
            "c": c.name,
            "cap": c.capital,
            "adj": c.adj,
            "title": c.title.lower(),
            "city": city,
            "base": c.base,
            "airport": f"{c.capital} International Airport",
            "mil": f"the {c.militia}",
            "reb": self.rebels(c),
            "o": o.name,
            "oadj": o.adj,
            "ocap": o.capital,
            "X": self.opposition(c),
            "xpron": c.opp_pron,
            "xposs": "his" if c.opp_pron == "he" else "her",
        }

    # ----- decoration ------------------------------------------------------------
    def attribute(self, clause: str, c: _Country, p: float) -> str:
        """With probability ``p`` wrap a clause in reported speech."""
        if self.r.random() >= p:
            return clause
        src = self.source(c)
        form = self.r.randrange(4)
        if form == 0:
            return f"{src} {self.pick(_SAID_VERBS)} {clause}"
        if form == 1:
            return f"according to {src}, {clause}"
        if form == 2:
            return f"{clause}, {src} said"
        return f"{src} said that {clause}"

    def detail(self, clause: str, p: float) -> str:
        """With probability ``p`` append a time-neutral trailing clause."""
        if self.r.random() >= p:
            return clause
        return f"{clause} {self.pick(_NEUTRAL_DETAILS)}"

    def dated(self, clause: str, when: str) -> str:
        """Attach a time expression ("on 4 May") at the end or the front."""
        if self.r.random() < 0.3:
            return f"{_cap(when)}, {clause}"
        return f"{clause} {when}"

    def order(self, a: str, b: str) -> tuple[str, str]:
        """Random order for symmetric labels."""
        return (a, b) if self.r.random() < 0.5 else (b, a)

    # ----- shared event setup ----------------------------------------------------
    def event_setup(
        self, events: Sequence[_Event] = _EVENTS
    ) -> tuple[_Event, _Country, Callable[[str], str]]:
        """Pick an event and country; return a filler that re-draws references per call."""
        ev = self.r.choice(events)
        c = self.country()
        o = self.others(c)[0]
        city = self.pick(c.cities)

        def fill(t: str) -> str:
            return t.format(**self.slots(c, o, city))

        return ev, c, fill

    # ----- contradiction families ------------------------------------------------
    def denial(self) -> tuple[str, str]:
        """Event asserted vs. the event denied (optionally with a counter-claim)."""
        ev, c, fill = self.event_setup()
        claim = fill(self.pick(ev.past + ev.spec))
        if self.r.random() < 0.3:
            claim = fill(self.pick(ev.perf))
            claim = f"{self.source(c)} reported that {claim}"
        else:
            claim = self.detail(self.attribute(claim, c, 0.25), 0.15)
        d = fill(self.pick(ev.deniers))
        if self.r.random() < 0.25:
            deny = self.pick(_INSIST_FRAMES).format(D=d, ct=fill(self.pick(ev.counter)))
        else:
            deny = self.pick(_DENIAL_FRAMES).format(D=d, perf=fill(self.pick(ev.perf)))
            if self.r.random() < 0.5:
                deny += self.pick(_DENIAL_TAILS).format(cp=fill(self.pick(ev.counter_pron)))
        if self.r.random() < 0.15:
            deny = f"on {self.pick(_DAYS)}, {deny}"
        return self.order(_sent(claim), _sent(deny))

    def negation(self) -> tuple[str, str]:
        """Event asserted vs. the same event negated."""
        ev, c, fill = self.event_setup()
        pos = self.attribute(fill(self.pick(ev.past + ev.spec)), c, 0.2)
        neg = self.attribute(fill(self.pick(ev.neg)), c, 0.2)
        return self.order(_sent(self.detail(pos, 0.1)), _sent(neg))

    def ally_contra(self) -> tuple[str, str]:
        """Foreign military intervention asserted vs. denied/absent."""
        c = self.country()
        o = self.others(c)[0]
        p = self.person(c)
        n = self.r.choice((500, 800, 1000, 1500, 2000, 3000, 5000, 10000))
        yes = self.pick(
            (
                f"{o.name} sent {_digits(n)} troops to defend {p}'s government",
                f"{o.name} deployed warplanes to support {p}",
                f"{o.name} launched air strikes against the {c.militia}",
                f"{o.adj} troops landed in {c.name} to shore up {p}",
                f"{o.name} intervened militarily on behalf of the {c.adj} government",
                f"{o.name} sent special forces to protect {c.capital}",
            )
        )
        no = self.pick(
            (
                f"{o.name} showed no sign of intervening",
                f"{o.name} ruled out any military intervention in {c.name}",
                f"{o.name} has refused to send troops to {c.name}",
                f"{o.name} stayed out of the fighting in {c.name}",
                f"{o.name} has not intervened in {c.name}",
                f"{o.adj} officials said there were no {o.adj} troops in {c.name}",
                f"{o.name} declined requests from {p} for military help",
            )
        )
        return self.order(_sent(self.attribute(yes, c, 0.2)), _sent(no))

    # ----- numbers ---------------------------------------------------------------
    _NUM_TEMPLATES: tuple[tuple[tuple[int, ...], tuple[str, ...]], ...] = (
        (
            (300, 500, 800, 1000, 2000, 3000, 4000, 5000, 10000, 20000),
            (
                "{o} sent {n} troops to {c}",
                "{o} deployed {n} soldiers to {c}",
                "{n} {oadj} troops were sent to {c}",
                "{o} dispatched {n} troops to {c}",
            ),
        ),
        (
            (3, 4, 5, 6, 7, 8, 12, 15, 20, 30, 40, 60, 80, 200, 300),
            (
                "{n} people were killed in fighting in {city}",
                "fighting in {city} killed {n} people",
                "clashes in {city} left {n} people dead",
                "{n} people died in fighting in {city}",
            ),
        ),
        (
            (200, 500, 800, 2000, 3000, 5000, 10000, 20000),
            (
                "{n} civilians fled {city}",
                "{n} residents have fled {city}",
                "{n} people escaped the fighting in {city}",
            ),
        ),
        (
            (12, 20, 40, 60, 80, 200, 300, 500),
            (
                "{mil} freed {n} prisoners from a jail in {city}",
                "{n} inmates were freed from a jail in {city} by {mil}",
                "{mil} released {n} prisoners from the prison in {city}",
            ),
        ),
        (
            (12, 15, 20, 30, 40, 60, 200),
            (
                "the UN evacuated {n} staff from {cap}",
                "{n} UN staff were flown out of {cap}",
                "the UN pulled {n} of its employees out of {cap}",
            ),
        ),
        (
            (20, 30, 40, 60, 80, 200, 300, 500),
            (
                "police detained {n} protesters in {cap}",
                "{n} demonstrators were arrested in {cap}",
                "security forces arrested {n} protesters in {cap}",
            ),
        ),
        (
            (3, 4, 5, 6, 7, 8, 12, 15, 20),
            (
                "{reb} shot down {n} government helicopters",
                "{n} army helicopters were shot down by {reb}",
            ),
        ),
    )

    def number(self, label: str) -> tuple[str, str]:
        """Same event with the same (entailment) or a clearly different (contradiction) count."""
        nums, temps = self.r.choice(self._NUM_TEMPLATES)
        c = self.country()
        o = self.others(c)[0]
        city = self.pick(c.cities)
        n = self.r.choice(nums)

        def fill(t: str, k: str) -> str:
            return t.format(n=k, **self.slots(c, o, city))

        if label == "entailment":
            t1, t2 = self.r.choice(temps), self.r.choice(temps)
            k1, k2 = _digits(n), _words(n)
            if self.r.random() < 0.5:
                k1, k2 = k2, k1
            if t1 == t2 and self.r.random() < 0.5:
                k2 = k1
            prem = self.detail(fill(t1, k1), 0.15)
            return _sent(prem), _sent(fill(t2, k2))
        tenfold = n // 10 if n >= 30 else n * 10
        if self.r.random() < 0.4 and tenfold in nums:
            m = tenfold
        else:
            choices = [m for m in nums if max(m, n) / min(m, n) >= 1.5]
            m = self.r.choice(choices)
        k1 = _digits(n) if self.r.random() < 0.8 else _words(n)
        k2 = _digits(m) if self.r.random() < 0.8 else _words(m)
        a = self.attribute(fill(self.r.choice(temps), k1), c, 0.25)
        b = self.attribute(fill(self.r.choice(temps), k2), c, 0.25)
        return self.order(_sent(a), _sent(b))

    # ----- dates -----------------------------------------------------------------
    _DATED: tuple[tuple[str, ...], ...] = (
        ("{city} fell to {reb}", "{reb} captured {city}", "{reb} took {city}"),
        ("{P} fled {c}", "{P} left the country", "{P} flew out of {c}"),
        ("{o} closed its embassy in {cap}", "{o} shut its embassy in {cap}"),
        (
            "{mil} signed a ceasefire with the government",
            "the government and {mil} signed a ceasefire",
        ),
        ("{X} was arrested", "police arrested {X}"),
        ("{P} resigned", "{P} stepped down"),
        ("the first {oadj} troops landed in {c}", "{oadj} troops first arrived in {c}"),
        ("{reb} entered {cap}", "{reb} reached the centre of {cap}"),
        ("{P} was sworn in for a second term", "{P} took the oath of office for a second term"),
    )

    def date_pair(self, label: str) -> tuple[str, str]:
        """One-off event on the same date (entailment) or on clearly different dates."""
        temps = self.r.choice(self._DATED)
        c = self.country()
        o = self.others(c)[0]
        city = self.pick(c.cities)
        s1 = self.pick(temps).format(**self.slots(c, o, city))
        s2 = self.pick(temps).format(**self.slots(c, o, city))
        use_days = self.r.random() < 0.35
        if label == "entailment":
            if use_days:
                w1 = w2 = f"on {self.pick(_DAYS)}"
            else:
                d = self.date()
                style = self.r.randrange(2)
                w1, w2 = f"on {self.fmt_date(d, style)}", f"on {self.fmt_date(d, 1 - style)}"
            prem = self.dated(s1, w1)
            if self.r.random() < 0.3:
                return _sent(prem), _sent(s2)  # the hypothesis drops the date
            return _sent(prem), _sent(self.dated(s2, w2))
        if use_days:
            d1, d2 = self.r.sample(_DAYS, 2)
            w1, w2 = f"on {d1}", f"on {d2}"
        elif self.r.random() < 0.2:
            m1, m2 = self.r.sample(_MONTHS, 2)
            w1, w2 = f"in {m1}", f"in {m2}"
        else:
            d = self.date()
            if self.r.random() < 0.5:
                e = (self.r.choice([x for x in range(1, 29) if abs(x - d[0]) >= 2]), d[1])
            else:
                e = (d[0], self.r.choice([x for x in range(12) if x != d[1]]))
            w1, w2 = f"on {self.fmt_date(d)}", f"on {self.fmt_date(e)}"
        a = self.attribute(self.dated(s1, w1), c, 0.2)
        b = self.attribute(self.dated(s2, w2), c, 0.2)
        return self.order(_sent(a), _sent(b))

    # ----- locations ---------------------------------------------------------------
    def location(self, label: str) -> tuple[str, str]:
        """Same subject placed in incompatible (contradiction) or nested (entailment) places."""
        c = self.country()
        o, o2 = self.others(c, 2)
        p1, p2 = self.person(c), self.person(c)
        day = self.pick(_DAYS)
        k = self.r.choice((5, 8, 10, 12, 15, 20, 25, 30, 40, 60))
        unit = self.pick(("miles", "kilometres", "km"))
        form = self.r.randrange(4)
        if label == "entailment":
            if form == 0:
                a = f"{p1} is {self.pick(('in', 'currently in', 'now in'))} {c.capital}"
                b = f"{p2} is in {c.name}"
            elif form == 1:
                a = self.dated(f"{self.rebels(c)} entered {c.capital}", f"on {day}")
                b = self.pick(
                    (
                        f"{self.rebels(c)} reached {c.capital}",
                        f"{self.rebels(c)} got into {c.capital}",
                    )
                )
            elif form == 2:
                a = f"talks between the government and the {c.militia} took place in {o.capital}"
                b = f"the talks between the government and the {c.militia} were held in {o.name}"
            else:
                city = self.pick(o.cities)
                a = self.dated(f"{p1}'s plane landed in {city}", f"on {day}")
                b = f"{p2} flew to {o.name}"
            return _sent(self.detail(a, 0.1)), _sent(b)
        if form == 0:
            a = self.dated(
                self.pick(
                    (
                        f"{self.rebels(c)} entered {c.capital}",
                        f"{self.rebels(c)} reached the centre of {c.capital}",
                        f"{self.rebels(c)} marched into {c.capital}",
                    )
                ),
                f"on {day}",
            )
            b = self.dated(
                self.pick(
                    (
                        f"{self.rebels_pl(c)} were still {k} {unit} from {c.capital}",
                        f"{self.rebels_pl(c)} remained {k} {unit} outside {c.capital}",
                        f"{self.rebels_pl(c)} were still about {k} {unit} short of {c.capital}",
                    )
                ),
                f"on {day}",
            )
        elif form == 1:
            here = self.pick((c.capital, c.name))
            there = self.pick((o.name, o.capital))
            a = f"{p1} is {self.pick(('in', 'currently in', 'still in'))} {here}"
            b = f"{p2} is {self.pick(('in', 'now in', 'staying in'))} {there}"
        elif form == 2:
            x, y = o.capital, self.pick((o2.capital, c.capital))
            a = f"talks between the government and the {c.militia} took place in {x}"
            b = (
                f"the talks between the government and the {c.militia} "
                f"{self.pick(('were held in', 'took place in'))} {y}"
            )
        else:
            x, y = o.capital, o2.capital
            a = f"{p1}'s plane landed in {x} on {day}"
            b = f"on {day}, {p2}'s plane landed in {y}"
        a = self.attribute(a, c, 0.25)
        b = self.attribute(b, c, 0.25)
        return self.order(_sent(a), _sent(b))

    # ----- entailment families ---------------------------------------------------
    def attributed(self) -> tuple[str, str]:
        """A source reports an event vs. the bare event."""
        ev, c, fill = self.event_setup()
        src = self.source(c)
        form = self.r.randrange(5)
        if form == 0:
            verb = self.pick(("reported", "said", "confirmed"))
            prem = f"{src} {verb} that {fill(self.pick(ev.perf))}"
        elif form == 1:
            prem = f"according to {src}, {fill(self.pick(ev.past + ev.spec))}"
        elif form == 2:
            prem = f"{fill(self.pick(ev.past + ev.spec))}, {src} {self.pick(_SAID_VERBS[:3])}"
        elif form == 3:
            verb = self.pick(("confirmed", "said", "announced"))
            prem = f"{src} {verb} {fill(self.pick(ev.past))}"
        else:
            prem = f"{src} said {fill(self.pick(ev.neg))}"
            return _sent(prem), _sent(fill(self.pick(ev.neg)))
        return _sent(prem), _sent(fill(self.pick(ev.past)))

    def paraphrase(self) -> tuple[str, str]:
        """Two wordings of the same event (premise may be more specific)."""
        ev, _, fill = self.event_setup()
        if ev.tag in ("whereabouts", "office", "airport") and self.r.random() < 0.3:
            a, b = self.r.sample(ev.neg, 2)
            return _sent(fill(a)), _sent(fill(b))
        prem = fill(self.pick(ev.past + ev.spec + ev.spec))
        return _sent(self.detail(prem, 0.25)), _sent(fill(self.pick(ev.past)))

    def denial_restated(self) -> tuple[str, str]:
        """A denial vs. a paraphrase of that denial."""
        ev, _, fill = self.event_setup()
        d = fill(self.pick(ev.deniers))
        prem = self.pick(_DENIAL_FRAMES).format(D=d, perf=fill(self.pick(ev.perf)))
        if self.r.random() < 0.4:
            hyp = f"{d} said {fill(self.pick(ev.neg))}"
        elif self.r.random() < 0.5:
            verb = self.pick(("denied", "rejected"))
            hyp = f"{d} {verb} reports that {fill(self.pick(ev.perf))}"
        else:
            hyp = f"reports that {fill(self.pick(ev.perf))} were denied"
        return _sent(prem), _sent(hyp)

    def ally_entail(self) -> tuple[str, str]:
        """A specific intervention vs. the general statement that one happened."""
        c = self.country()
        o = self.others(c)[0]
        n = self.r.choice((500, 1000, 2000, 3000, 5000))
        prem = self.pick(
            (
                f"{o.name} sent {_digits(n)} troops to defend {self.person(c)}'s government",
                f"{o.name} launched air strikes against the {c.militia}",
                f"{o.adj} paratroopers landed in {c.capital} to protect {self.person(c)}",
            )
        )
        hyp = self.pick(
            (
                f"{o.name} intervened in {c.name}",
                f"{o.name} intervened militarily in {c.name}",
                f"{o.name} got involved in the conflict in {c.name}",
            )
        )
        return _sent(prem), _sent(hyp)

    # ----- neutral families ------------------------------------------------------
    def old_caption(self) -> tuple[str, str]:
        """An old or undated photo caption vs. today's news about the same person."""
        c = self.country()
        o = self.others(c)[0]
        p = self.person(c)
        year = self.r.randint(1998, 2019)
        month = self.pick(_MONTHS)
        city = self.pick(c.cities)
        cap = self.pick(
            (
                f"{p} arrives at {c.capital} International Airport in this {year} file photo",
                f"file photo: {p} speaks at a rally in {c.capital} in {month} {year}",
                f"{p} meets {o.leader} in {city} in {month}",
                f"{p} greets supporters in {city}, {month} {year}",
                f"{p} is pictured during a visit to {o.name} in this undated handout photo",
                f"{c.militia} fighters parade through {city} in an archive image from {year}",
                f"{p} inspects troops at {c.base} in {year}",
                f"{p} (centre) attends a cabinet meeting in {c.capital} in this {year} photo",
                f"{p} waves from the steps of a plane in {o.capital}, {month} {year}",
            )
        )
        news = self.pick(
            (
                f"{self.person(c)} boarded a plane on {self.pick(_DAYS)}",
                f"officials denied {self.person(c)} fled to {o.name}",
                f"{self.person(c)} fled the country on {self.pick(_DAYS)}",
                f"{self.person(c)} has not been seen in public for two weeks",
                f"{self.rebels(c)} captured {city} on {self.pick(_DAYS)}",
                f"{self.person(c)} resigned on {self.pick(_DAYS)}",
                f"state television said {self.person(c)} was still in {c.capital}",
                f"{self.person(c)} is believed to be hiding in {o.name}",
                f"the army lost control of {city} this week",
            )
        )
        return self.order(_sent(cap), _sent(self.attribute(news, c, 0.2)))

    def time_change(self) -> tuple[str, str]:
        """Two states of affairs at clearly different times (both may be true)."""
        c = self.country()
        o = self.others(c)[0]
        city = self.pick(c.cities)
        if self.r.random() < 0.5:
            i, j = sorted(self.r.sample(range(7), 2))
            w1, w2 = f"on {_DAYS[i]}", f"on {_DAYS[j]}"
        else:
            d = self.date()
            e = (
                (min(28, d[0] + self.r.randint(2, 20)), d[1])
                if d[0] < 26
                else (d[0], (d[1] + 1) % 12)
            )
            w1, w2 = f"on {self.fmt_date(d)}", f"on {self.fmt_date(e)}"
        pairs = (
            (f"the army held {city}", f"{self.rebels(c)} captured {city}"),
            (f"{self.person(c)} was in {c.capital}", f"{self.person(c)} left {c.name}"),
            (
                f"{c.capital} International Airport was open",
                f"{c.capital} International Airport was closed",
            ),
            (
                f"{self.rebels_pl(c)} were {self.r.choice((10, 20, 30))} miles from {c.capital}",
                f"{self.rebels(c)} entered {c.capital}",
            ),
            (
                f"{o.name} said it would not intervene in {c.name}",
                f"{o.name} sent troops to {c.name}",
            ),
            (f"{c.opposition} was free", f"{c.opposition} was arrested"),
            (f"government troops controlled {c.base}", f"{self.rebels(c)} overran {c.base}"),
        )
        early, late = self.r.choice(pairs)
        a = self.attribute(self.dated(early, w1), c, 0.2)
        b = self.attribute(self.dated(late, w2), c, 0.2)
        return self.order(_sent(a), _sent(b))

    def _facts(self, c: _Country, o: _Country, o2: _Country) -> list[tuple[str, str]]:
        """(tag, statement) facts about ``c`` that are mutually compatible across tags."""
        city = self.pick(c.cities)
        spouse = self.pick(("wife", "husband") if c.pron == "she" else ("wife", "family"))
        p = self.person(c)
        return [
            ("un", f"the UN moved its staff out of {c.name}"),
            ("spouse", f"{p}'s {spouse} flew to {o.name}"),
            ("where", f"{p} remained in {c.capital}"),
            ("advice", f"{o.name} urged its citizens to leave {c.name}"),
            ("fuel", f"fuel prices in {c.capital} have doubled"),
            ("net", f"the internet was cut across {c.name}"),
            ("curfew", f"a curfew was imposed in {c.capital}"),
            ("food", f"aid agencies warned of food shortages in {city}"),
            ("refugees", f"thousands of refugees crossed into {o.name}"),
            ("bank", f"the {c.adj} central bank froze foreign currency withdrawals"),
            ("capture", f"{self.rebels(c)} captured {city}"),
            ("base", f"{self.rebels(c)} attacked {c.base}"),
            (
                "ministers",
                f"the foreign ministers of {o.name} and {o2.name} met to discuss "
                f"the crisis in {c.name}",
            ),
            ("tv", f"{p} appeared on state television"),
            ("ambassador", f"{o.name} recalled its ambassador from {c.capital}"),
            ("commander", f"the {c.militia} named a new military commander"),
            ("talks", f"{o2.name} offered to host peace talks"),
            ("arrest", f"police arrested {c.opposition}"),
            ("rally", f"thousands rallied in {c.capital} in support of {p}"),
        ]

    def same_topic(self) -> tuple[str, str]:
        """Two different, compatible facts about the same country/conflict."""
        c = self.country()
        o, o2 = self.others(c, 2)
        facts = self._facts(c, o, o2)
        (_, a), (_, b) = self.r.sample(facts, 2)
        a = self.attribute(a, c, 0.25)
        b = self.attribute(b, c, 0.25)
        return self.order(_sent(a), _sent(b))

    def unrelated(self) -> tuple[str, str]:
        """Statements about different countries/subjects (often same template shape)."""
        c, c2, o = self.r.sample(list(self.pool.countries), 3)
        if self.r.random() < 0.5:
            ev = self.r.choice([e for e in _EVENTS if e.tag != "ceasefire"])
            city1, city2 = self.pick(c.cities), self.pick(c2.cities)
            a = self.pick(ev.past).format(**self.slots(c, o, city1))
            fam = self.r.choice((ev.past, ev.neg, ev.counter))
            b = self.pick(fam).format(**self.slots(c2, o, city2))
        else:
            a = self.pick(
                [f for _, f in self._facts(c, o, c2)]
                + [
                    f"{c.capital} hosted an international chess tournament",
                    f"heavy rain flooded parts of {self.pick(c.cities)}",
                    f"the {c.adj} football team beat {o.name} 2-1",
                ]
            )
            b = self.pick(
                [f for _, f in self._facts(c2, o, c)]
                + [
                    f"{c2.adj} inflation fell to {self.r.randint(2, 9)} percent",
                    f"a new bridge opened in {self.pick(c2.cities)}",
                ]
            )
        if a == b:
            b = f"{b} {self.pick(_NEUTRAL_DETAILS)}"
        a = self.attribute(a, c, 0.2)
        b = self.attribute(b, c2, 0.2)
        return self.order(_sent(a), _sent(b))


_Family = tuple[str, float, Callable[[_Gen], tuple[str, str]]]

_FAMILIES: dict[str, tuple[_Family, ...]] = {
    "contradiction": (
        ("denial", 0.28, _Gen.denial),
        ("negation", 0.13, _Gen.negation),
        ("number", 0.14, lambda g: g.number("contradiction")),
        ("date", 0.13, lambda g: g.date_pair("contradiction")),
        ("location", 0.17, lambda g: g.location("contradiction")),
        ("ally-intervention", 0.10, _Gen.ally_contra),
    ),
    "entailment": (
        ("attributed", 0.25, _Gen.attributed),
        ("paraphrase", 0.25, _Gen.paraphrase),
        ("number", 0.13, lambda g: g.number("entailment")),
        ("date", 0.12, lambda g: g.date_pair("entailment")),
        ("location", 0.10, lambda g: g.location("entailment")),
        ("denial-restated", 0.10, _Gen.denial_restated),
        ("ally-intervention", 0.05, _Gen.ally_entail),
    ),
    "neutral": (
        ("old-caption", 0.22, _Gen.old_caption),
        ("time-change", 0.20, _Gen.time_change),
        ("same-topic-neutral", 0.30, _Gen.same_topic),
        ("unrelated", 0.28, _Gen.unrelated),
    ),
}


def generate_pairs(n: int, seed: int = 0, split: str = "train") -> list[NewsPair]:
    """Generate ``n`` templated news NLI pairs, deterministically for ``(seed, split)``.

    Labels are balanced (counts differ by at most one) and shuffled; exact
    duplicate pairs are avoided where possible.
    """
    if n < 0:
        raise ValueError("n must be non-negative")
    pool = _pool(split)
    rng = random.Random(seed * 2 + SPLITS.index(split))
    gen = _Gen(rng, pool)
    labels = [LABELS[i % 3] for i in range(n)]
    rng.shuffle(labels)
    seen: set[tuple[str, str]] = set()
    out: list[NewsPair] = []
    for label in labels:
        fams = _FAMILIES[label]
        weights = [w for _, w, _ in fams]
        for _attempt in range(20):
            kind, _, fn = rng.choices(fams, weights=weights)[0]
            prem, hyp = fn(gen)
            if prem != hyp and (prem, hyp) not in seen:
                break
        seen.add((prem, hyp))
        out.append(NewsPair(prem, hyp, label, kind))
    return out
