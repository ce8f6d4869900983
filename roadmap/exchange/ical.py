"""A roadmap's milestones and finish dates as an iCalendar (RFC 5545) feed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

PRODUCT_ID = "-//COP Roadmap//Child Online Protection roadmap//EN"


@dataclass(frozen=True, slots=True)
class DayEvent:
    """An all-day event; ``uid`` must stay the same from one reading of the feed to the next."""

    uid: str
    day: date
    summary: str
    description: str = ""


def calendar_bytes(name: str, events: Iterable[DayEvent], stamp: datetime) -> bytes:
    """The feed as bytes: one VEVENT per event, in the order given."""
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.day)
        event.add("dtend", e.day + timedelta(days=1))  # an all-day event ends the next day (exclusive)
        event.add("summary", e.summary)
        if e.description:
            event.add("description", e.description)
        event.add("transp", "TRANSPARENT")  # a date in the plan, not time the reader is busy
        cal.add_component(event)
    return cal.to_ical()
