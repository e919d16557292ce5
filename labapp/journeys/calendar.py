"""Build iCalendar (RFC 5545) files for visits with the icalendar library, in the lab's time zone."""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from icalendar import Calendar, Event

from .constants import CANCELLED
from .models import Visit

DEFAULT_TIMEZONE = "Europe/London"
PRODID = "-//labapp//Learning journeys//EN"


def lab_timezone() -> ZoneInfo:
    """Return the time zone the visits' wall-clock times are in (LABAPP_TIMEZONE, Europe/London by default)."""
    return ZoneInfo(current_app.config.get("LABAPP_TIMEZONE") or DEFAULT_TIMEZONE)


def visit_uid(visit: Visit, domain: str) -> str:
    """Return the visit's stable UID: the same in every file, so calendar apps update rather than duplicate."""
    return f"labapp-lab{visit.lab_id}-visit{visit.id}@{domain}"


def _event(visit: Visit, *, title: str, description: str, url: str, domain: str, stamp: datetime) -> Event:
    zone = lab_timezone()
    event = Event()
    event.add("uid", visit_uid(visit, domain))
    event.add("dtstamp", stamp)
    event.add("dtstart", visit.starts_at.replace(tzinfo=zone))
    event.add("dtend", visit.ends_at.replace(tzinfo=zone))
    event.add("summary", title)
    location = ", ".join(line.strip() for line in visit.address.splitlines() if line.strip())
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    event.add("url", url)
    event.add("status", "CANCELLED" if visit.status == CANCELLED else "CONFIRMED")
    # Bump the sequence when a visit is cancelled, so calendar apps take the change.
    event.add("sequence", 1 if visit.status == CANCELLED else 0)
    return event


def calendar_for(entries, *, name: str, domain: str) -> bytes:
    """Return an .ics file for (visit, title, description, url) entries, with the VTIMEZONE it uses."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(lab_timezone().key))
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    days = [entry[0].day for entry in entries] or [stamp.date()]
    for visit, title, description, url in entries:
        calendar.add_component(_event(visit, title=title, description=description, url=url, domain=domain,
                                      stamp=stamp))
    # Only the years around the visits: a VTIMEZONE that is short, yet right for every event in the file.
    calendar.add_missing_timezones(first_date=date(min(days).year - 1, 1, 1), last_date=date(max(days).year + 2, 1, 1))
    return calendar.to_ical()
