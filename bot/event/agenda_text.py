"""The agenda as a delegate reads it, in their language: /agenda, /today, /next.

Unpublished dates, times and places are said to be "to be confirmed", never
guessed. Times are the event's local times (Africa/Casablanca) and are shown
without a zone name, which would only confuse ("GMT+1", "UTC").
"""

from __future__ import annotations

import datetime as dt

from bot.event.agenda import Agenda, Session, Slot
from bot.i18n import format_clock, format_day, translator


def _kind(session: Session, lang: str) -> str:
    _ = translator(lang).gettext
    labels = {
        "plenary": _("plenary"),
        "workshop": _("workshop"),
        "field visit": _("field visit"),
        "meal": _("meal"),
        "other": _("session"),
    }
    return labels[session.kind.value]


def _slot_line(slot: Slot, lang: str) -> str:
    _ = translator(lang).gettext
    session = slot.session
    if slot.start is not None:
        when = format_clock(slot.start, lang)
        if slot.end is not None:
            when = f"{when}–{format_clock(slot.end, lang)}"
    else:
        when = _("time to be confirmed")
    place = session.place or _("place to be confirmed")
    line = f"• {when} — {session.title(lang)} ({_kind(session, lang)}; {place})"
    if session.speakers:
        line += "\n  " + ", ".join(session.speakers)
    return line


def day_heading(agenda: Agenda, day_number: int, date: dt.date | None, lang: str) -> str:
    _ = translator(lang).gettext
    label = _("Day {number}").format(number=day_number)
    when = format_day(date, lang) if date else _("date to be confirmed")
    return f"{label} — {when}"


def programme(agenda: Agenda, lang: str) -> str:
    """The whole programme, day by day, then what is announced without a day."""
    _ = translator(lang).gettext
    name = agenda.event.name_ar if lang == "ar" else agenda.event.name_fr
    lines = [f"{name} — {agenda.event.city}"]
    if not agenda.dates_published:
        lines.append(_("The organisers have not published the dates yet."))
    for day, slots in agenda.by_day():
        lines.append("")
        lines.append(day_heading(agenda, day.day, agenda.date_of(day), lang))
        if day.day == 1 and agenda.event.opening_weekday and agenda.date_of(day) is None:
            lines.append(_("Opens on a Monday."))
        if not slots:
            lines.append(_("Sessions to be confirmed by the organisers."))
        lines.extend(_slot_line(slot, lang) for slot in slots)
    if agenda.unscheduled:
        lines.append("")
        lines.append(_("Also announced, day to be confirmed:"))
        lines.extend(f"• {s.title(lang)} ({_kind(s, lang)})" for s in agenda.unscheduled)
    return "\n".join(lines)


def today(agenda: Agenda, now: dt.datetime, lang: str) -> str:
    _ = translator(lang).gettext
    if not agenda.dates_published:
        return _(
            "The organisers have not published the dates yet, so I cannot tell what is on today."
        )
    found = agenda.today(now)
    if found is None:
        return _("No session of the gathering today.")
    day, slots = found
    lines = [day_heading(agenda, day.day, agenda.date_of(day), lang)]
    if not slots:
        lines.append(_("Sessions to be confirmed by the organisers."))
    lines.extend(_slot_line(slot, lang) for slot in slots)
    return "\n".join(lines)


def next_session(agenda: Agenda, now: dt.datetime, lang: str) -> str:
    _ = translator(lang).gettext
    lines = []
    current = agenda.current(now)
    if current is not None:
        lines.append(_("Now:") + " " + _slot_line(current, lang).lstrip("• "))
    upcoming = agenda.next(now)
    if upcoming is not None:
        heading = day_heading(agenda, upcoming.day, upcoming.date, lang)
        lines.append(_("Next:") + f" {heading}\n" + _slot_line(upcoming, lang))
    elif not lines:
        timed = any(slot.start for _day, slots in agenda.by_day() for slot in slots)
        if not timed:
            lines.append(_("The organisers have not published the times yet."))
        else:
            lines.append(_("No upcoming session."))
    return "\n".join(lines)
