"""claimcheck.quantities: quantities read as values and units, compared as quantities."""

from __future__ import annotations

import dataclasses
import math

import pytest

from claimcheck.quantities import (
    Quantity,
    compatible,
    figure_relation,
    find_quantities,
    quantities_conflict,
)

INF = math.inf


def _values(text: str) -> list[tuple[float, float, str, bool]]:
    return [
        (round(q.low, 6), round(q.high, 6), q.unit, q.approximate) for q in find_quantities(text)
    ]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # the brief's cases
        ("14 people died in the blast", "Nine people were killed in the blast", True),
        ("At least 30 people were killed", "About 40 people died", False),
        ("The rebels were 12 miles from the capital", "The rebels were 20 km from the capital",
         False),
        ("12 miles", "40 km", True),
        ("The photo was taken in 2008", "Three people died", None),
        ("Hezbollah sent 2,000 fighters", "Hezbollah sent two thousand fighters", False),
        ("more than 100 were arrested", "50 people were arrested", True),
        ("dozens were injured", "40 people were wounded", False),
        ("between 10 and 15 died", "12 were killed", False),
        # well under the figure, not about it (0.23.0)
        ("the losses were nowhere near the three billion florins reported",
         "losses of about 3 billion florins or more", True),
        ("losses were far below 3 billion florins", "losses of 1.2 billion florins", False),
        ("losses were below 3 billion florins", "losses of about 3 billion florins", False),
        # casualty measures in other shapes
        ("The blast killed 14 people", "Nine people died", True),
        ("killing at least 30", "the death toll rose to 23", True),
        # 0.24.0: "at least N" in a toll reads N to 1.5 N; "more than N" stays open
        ("At least 11 people died", "Twenty or more people died", True),
        ("at least 30 dead", "about 40 killed", False),
        ("more than 11 people died", "Twenty or more people died", False),
        ("The death toll rose to 23", "23 people were killed", False),
        ("The death toll rose from 12 to 23", "23 people were killed", False),
        ("40 dead", "40 people lost their lives", False),
        ("14 people died and 30 were injured", "14 were killed and 50 were wounded", True),
        ("14 people died and 30 were injured", "30 people were hurt", False),
        ("Police arrested 50 people", "more than 100 arrests were made", True),
        ("The attack killed 14 people, including five children", "Five children died", False),
        ("Five children were killed", "Three children died", True),
        # a group is its own measure, not the count of all deaths; but it cannot exceed it
        # (0.26.0; None before)
        ("14 soldiers were killed", "9 people were killed", True),
        ("4 soldiers were killed", "9 people were killed", None),
        ("14 soldiers were killed", "nine troops died", True),
        ("14 people died", "14 people were injured", None),
        # an aside between a count and its verb (0.27.0; None before)
        ("Seven people, among them four soldiers, lost their lives", "60 people were killed",
         True),
        ("Nine people (five of them children) died", "30 people were killed", True),
        # qualifiers and ranges
        ("no fewer than 30 died", "25 were killed", True),
        ("fewer than 10 people were hurt", "12 people were injured", True),
        ("up to 40 people were killed", "35 dead", False),
        ("some 200 people were arrested", "220 arrests", False),
        ("some 200 people were arrested", "300 arrests", True),
        ("10-15 people died", "20 were killed", True),
        ("between 2 and 3 million people fled", "2.5 million people fled", False),
        ("30 or more were killed", "at most 20 died", True),
        ("losses of 3 billion florins or more", "losses of 3.4 billion florins", False),
        ("losses of 3 billion florins or more", "losses of 450 million florins", True),
        ("hundreds of thousands of people fled", "300,000 people fled", False),
        ("thousands of troops", "500 troops", True),
        # units and conversions
        ("500 metres", "0.5 km", False),
        ("a 30-foot wall", "a wall of 9 metres", False),
        ("2 tonnes of explosives", "2,000 kg of explosives", False),
        ("for three days", "for 72 hours", False),
        ("40 percent of residents", "40% of residents", False),
        ("40 per cent", "45 percent", True),
        ("12 percent", "12.4 percent", False),
        ("$2 million", "2 million dollars", False),
        ("$1.2bn in aid", "$3 billion in aid", True),
        ("$2 million", "€2 million", None),  # currencies are never converted
        # nothing comparable
        ("The summit was held on March 8", "The talks began on the 9th", None),
        ("The meeting started at 3 pm", "The meeting started at 15:00", None),
        ("G7 leaders met", "COVID-19 spread", None),
        ("No one was killed", "One of the officers spoke", None),
        ("14 people died", "The city is 12 miles away", None),
        ("Seven of the dead were from Pellaton", "Eleven people died in the flood", None),
        ("It rained for three days", "three days later it stopped", None),
    ],
)
def test_quantities_conflict(a: str, b: str, expected: bool | None) -> None:
    assert quantities_conflict(a, b) is expected
    assert quantities_conflict(b, a) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,000 fighters", [(2000.0, 2000.0, "fighters", False)]),
        ("1.5 km", [(1.5, 1.5, "km", False)]),
        ("nine people", [(9.0, 9.0, "people", False)]),
        ("fourteen militants", [(14.0, 14.0, "fighters", False)]),
        ("twenty-five soldiers", [(25.0, 25.0, "troops", False)]),
        ("a hundred tanks", [(100.0, 100.0, "tank", False)]),
        ("two dozen houses", [(24.0, 24.0, "buildings", False)]),
        ("a dozen residents", [(12.0, 12.0, "people", False)]),
        ("half a million refugees", [(500000.0, 500000.0, "refugee", False)]),
        ("one hundred and twenty civilians", [(120.0, 120.0, "people", False)]),
        ("two and a half million people", [(2.5e6, 2.5e6, "people", False)]),
        ("3 million people", [(3e6, 3e6, "people", False)]),
        ("$1.2bn", [(1.2e9, 1.2e9, "usd", False)]),
        ("£5m", [(5e6, 5e6, "gbp", False)]),
        ("US$3 million", [(3e6, 3e6, "usd", False)]),
        ("3m people", [(3e6, 3e6, "people", False)]),
        ("100m from the border", [(0.1, 0.1, "km", False)]),
        ("dozens of people", [(24.0, 99.0, "people", False)]),
        ("hundreds of homes", [(200.0, 999.0, "buildings", False)]),
        ("thousands of protesters", [(2000.0, 9999.0, "protesters", False)]),
        ("tens of thousands of people", [(20000.0, 99999.0, "people", False)]),
        ("several hundred villagers", [(300.0, 900.0, "people", False)]),
        # 0.24.0: a toll's "at least N" is the count so far, N to 1.5 N
        ("at least 30 dead", [(30.0, 45.0, "deaths", False)]),
        ("at least $5 million", [(5e6, INF, "usd", False)]),
        ("3 billion florins or more", [(3e9, INF, "florin", False)]),
        ("30 people or fewer died", [(0.0, 30.0, "deaths", False)]),
        ("about 200 people or so", [(200.0, 200.0, "people", True)]),
        ("more than 100 arrests", [(100.0, INF, "arrested", False)]),
        ("upwards of 5,000 troops", [(5000.0, INF, "troops", False)]),
        ("30+ killed", [(30.0, INF, "deaths", False)]),
        ("up to 40 people were killed", [(0.0, 40.0, "deaths", False)]),
        ("under 10 km", [(0.0, 10.0, "km", False)]),
        ("about 40 people died", [(40.0, 40.0, "deaths", True)]),
        ("an estimated 3,000 fighters", [(3000.0, 3000.0, "fighters", True)]),
        ("a dozen or so people", [(12.0, 12.0, "people", True)]),
        ("30-odd bodies", [(30.0, 30.0, "deaths", True)]),
        ("10 to 15 people", [(10.0, 15.0, "people", False)]),
        ("10–15 people", [(10.0, 15.0, "people", False)]),
        ("12 miles", [(19.312128, 19.312128, "km", False)]),
        ("300 feet", [(0.09144, 0.09144, "km", False)]),
        ("a 500-pound bomb", [(226.796185, 226.796185, "kg", False)]),
        ("40 mph", [(64.37376, 64.37376, "kmh", False)]),
        ("2 percentage points", [(2.0, 2.0, "percentage_points", False)]),
        ("a three-day siege", [(72.0, 72.0, "hours", False)]),
        ("a 7-year-old boy", [(7.0, 7.0, "age", False)]),
        ("aged 35", [(35.0, 35.0, "age", False)]),
        ("14 Palestinians were shot dead", [(14.0, 14.0, "deaths", False)]),
        ("40 wounded", [(40.0, 40.0, "injured", False)]),
        ("12 people remain missing", [(12.0, 12.0, "missing", False)]),
        ("Only one person died", [(1.0, 1.0, "deaths", False)]),
        ("2000 fighters", [(2000.0, 2000.0, "fighters", False)]),
        ("killing 30 and wounding 40",
         [(30.0, 30.0, "deaths", False), (40.0, 40.0, "injured", False)]),
        ("The death toll rose from 12 to 23",
         [(12.0, 12.0, "deaths", False), (23.0, 23.0, "deaths", False)]),
        ("14 soldiers were killed", [(14.0, 14.0, "deaths:troops", False)]),
        ("five children were injured", [(5.0, 5.0, "injured:children", False)]),
        ("300 Russian tanks", [(300.0, 300.0, "tank", False)]),
        ("42", [(42.0, 42.0, "", False)]),
        ("two of those killed were firefighters", [(2.0, 2.0, "part:deaths", False)]),
    ],
)
def test_find_quantities_values(text: str, expected: list[tuple[float, float, str, bool]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The photo was taken in 2008.",
        "In 2008 people died.",
        "Around 2000, the company moved.",
        "the 2008 elections",
        "from 2008 to 2010",
        "the 2008-10 budget",
        "the 1990s",
        "He was born in 1850.",
        "on March 8",
        "on 8 March",
        "on Mar. 8",
        "on the 9th",
        "8-9 March",
        "the 21st century",
        "at 3 pm",
        "at 3pm",
        "at 3 p.m.",
        "at 15:00",
        "at 10 o'clock",
        "the third-largest city",
        "came second",
        "G7 leaders",
        "COVID-19",
        "A4 paper",
        "MH17",
        "F-16 jets",
        "5G networks",
        "9/11",
        "version 3.2.1",
        "one of the victims",
        "no one was hurt",
        "the one who left",
        "a one-off payment",
        "two-thirds of voters",
        "Article 5",
        "No. 10",
        "the score was 2-1",
        "three days later",
        "two years ago",
        "several people",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Officials said at least 30 people were killed.", ["at least 30 people"]),
        ("A blast killed nine people on March 8.", ["nine people"]),
        ("The rebels were 12 miles from the capital.", ["12 miles"]),
        ("It cost $1.2bn, or 5%.", ["$1.2bn", "5%"]),
        ("Hezbollah sent 2,000 Hezbollah fighters in 2008.", ["2,000 Hezbollah fighters"]),
    ],
)
def test_spans(text: str, spans: list[str]) -> None:
    assert [text[q.start:q.end] for q in find_quantities(text)] == spans


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Quantity(40, 40, "deaths", 0, 2, True), Quantity(45, 45, "deaths", 0, 2, False), True),
        (Quantity(40, 40, "deaths", 0, 2, False), Quantity(45, 45, "deaths", 0, 2, False), False),
        (Quantity(30, INF, "deaths", 0, 2, False), Quantity(1e6, 1e6, "deaths", 0, 2, False),
         True),
        (Quantity(0, 10, "injured", 0, 2, False), Quantity(11, 11, "injured", 0, 2, False),
         False),
        (Quantity(19.3, 19.3, "km", 0, 2, False), Quantity(20, 20, "km", 0, 2, False), True),
        (Quantity(40, 40, "percent", 0, 2, False), Quantity(42, 42, "percent", 0, 2, False),
         False),
    ],
)
def test_compatible(a: Quantity, b: Quantity, expected: bool) -> None:
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


def test_quantity_is_frozen() -> None:
    q = find_quantities("nine people died")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.low = 1.0  # type: ignore[misc]


def test_linear_on_long_text() -> None:
    text = "At least 30 people were killed on March 8, 2008 and dozens injured. " * 2000
    found = find_quantities(text)
    assert len(found) == 4000
    assert {q.unit for q in found} == {"deaths", "injured"}


@pytest.mark.parametrize(("text", "unit"), [
    ("Deposits of up to 100,000 florins per customer are guaranteed", "florin/customer"),
    ("He earns $500 a day", "usd/day"),
    ("They paid 5 euros each", "eur/each"),
    ("The car reached 120 km per hour", "kmh"),
    ("Winds of 75 miles an hour", "kmh"),
])
def test_a_value_per_something_is_a_rate_of_its_own(text: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text)] == [unit]


def test_a_rate_is_not_compared_with_a_total() -> None:
    assert quantities_conflict("Inspectors estimate losses of about 450 million florins",
                               "Deposits of up to 100,000 florins per customer are guaranteed"
                               ) is None


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("the figure could rise to about 3.8 billion florins if prices fall further",
     "inspectors put the losses at about 450 million florins", None),
    ("12 people may have died in the blast", "30 people died in the blast", None),
    ("the toll might reach 40", "the toll stands at 12", None),
    ("the toll rose to 30", "12 people died", True),
])
def test_a_possible_figure_is_no_count(a: str, b: str, expected: bool | None) -> None:
    """0.15.0: "could rise to about 3.8 billion" was read as a count, and conflicted with
    every other figure for the losses."""
    assert quantities_conflict(a, b) is expected


QUERY_60 = "About 60 or more people were killed in the army mutiny"


@pytest.mark.parametrize(("text", "expected"), [
    ("she counted 64 bodies", 1),  # within "60 or more"
    ("hundreds of people were killed", 1),
    ("about 60 people died", 1),
    ("Eleven people were killed", -1),  # conflicts
    ("the Health Ministry raised its death toll to 19", -1),
    ("at least 11 people died", -1),  # 0.24.0: the toll so far, 11 to 16.5
    ("at least 50 people died", 0),  # 50 to 75: compatible, but says less than the query
    ("As many as 60 people may have died", 0),  # a possibility is no count
    ("The army took control of the airport", 0),  # no shared measure
])
def test_figure_relation_reads_within_and_against(text: str, expected: int) -> None:
    """0.16.0: `sources` reads a count as the same fact only when it lies within the query's."""
    assert figure_relation(text, QUERY_60) == expected


@pytest.mark.parametrize(("part", "whole", "expected"), [
    ("Twenty or more patients died in hospitals", "At least 11 people died in hospitals", True),
    ("Twenty or more patients died in hospitals", "Six people died in hospitals", True),
    ("Twenty or more patients died in hospitals", "30 people died in hospitals", None),
    ("Four soldiers were killed", "Nine people were killed", None),
])
def test_a_part_above_its_whole_conflicts(part: str, whole: str, expected: bool | None) -> None:
    """0.26.0: a subgroup's count was never compared with the total; a part under its whole
    still says nothing either way."""
    assert quantities_conflict(part, whole) is expected
    assert quantities_conflict(whole, part) is expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    # a percentage is compared only with a percentage of the same thing
    ("turnout of about 63 percent", "turnout reached 71.4 percent", True),
    ("turnout of about 63 percent", "turnout was revised to 64.8 percent", False),
    ("71.4 percent of registered voters took part", "turnout of 58 percent", True),
    ("she won 51.9 percent of the vote", "turnout of 58 percent", None),
    ("93 percent of polling stations were well run", "turnout of 58 percent", None),
    ("the remaining 4 percent of polling stations", "96 percent of polling stations", None),
    ("Turnout in the run-off was about 70 percent or more", "she won 48.1 percent", None),
])
def test_a_percentage_is_of_something(a: str, b: str, expected: bool | None) -> None:
    assert quantities_conflict(a, b) is expected


@pytest.mark.parametrize(("text", "expected"), [
    # 0.35.0: the measure named by "the number of X who died" further back than a toll's window
    ("The number of children who died after taking a contaminated cough syrup in Quessaria has "
     "risen to at least 62, far above the 19 deaths reported by provincial officials.",
     [(62.0, "deaths:children"), (19.0, "deaths")]),
    ("The number of people who were killed in the mutiny rose to 41.", [(41.0, "deaths")]),
    ("The number of patients who have died in the city's hospitals has reached 23.",
     [(23.0, "deaths:patient")]),
    # a number of something else, or of people who did something else, keeps no measure
    ("The number of children in the school is 400.", [(400.0, "")]),
    ("The number of people who left the city rose to 4,000.", [(4000.0, "")]),
    # 0.46.0: a count's verb right before the figure reaches back past a long modifier
    ("The death toll from Tuesday's derailment on the Karvesse Viaduct rose to 26 on Friday.",
     [(26.0, "deaths")]),
    ("Shares in the rail company rose to 26 after the toll was announced.", [(26.0, "")]),
])
def test_the_number_of_those_who_died_is_a_count(text: str, expected: list[tuple[float, str]]
                                                  ) -> None:
    assert [(q.low, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    # 0.41.0: a headline's "tops 30" is more than 30
    ("Zelvin Deep toll tops 30", "the real toll is at least 31", False),
    ("Zelvin Deep toll tops 30", "the toll stands at 12", True),
    ("Deaths exceeded 50 on Friday", "51 people have died", False),
    ("The death toll surpassed 100", "about 60 people were killed", True),
])
def test_a_figure_passed_is_a_floor(a: str, b: str, expected: bool) -> None:
    assert quantities_conflict(a, b) is expected
