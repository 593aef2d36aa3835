"""Small text helpers shared by the stages that read text."""

from __future__ import annotations

import re

# Line breaks other than \n that editors may show as breaks; inside a line they read as spaces.
OTHER_BREAKS = re.compile(r"[\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")
ANY_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")
# Month and weekday names as news writes them, abbreviations included.
MONTH_NAMES = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
})
WEEKDAY_NAMES = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
})
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")


def join_wrapped(text: str) -> str:
    """Text with hyphenated words rejoined where a line break cut them ("46-year-\\nold")."""
    return _HYPHEN_BREAK.sub("-", text)
