"""The gathering's programme as data: ``knowledge/agenda.yaml`` -> ``Agenda``.

Organisers fill the file in as details are published; until then dates,
times and places are ``null`` and every reader shows "to be confirmed"
rather than a guess. Validation errors name the line of the YAML file, so an
organiser can fix a typo without reading a traceback. All questions about
"now" take ``now`` as an argument and are answered in the event's timezone
(Africa/Casablanca), where the day changes at local midnight.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.errors import BotError


class AgendaError(BotError):
    """agenda.yaml does not follow the schema; the message names the lines."""


class Kind(StrEnum):
    plenary = "plenary"
    workshop = "workshop"
    field_visit = "field visit"
    meal = "meal"
    other = "other"


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title_fr: str | None = None
    title_ar: str | None = None
    kind: Kind
    start: dt.time | None = None
    end: dt.time | None = None
    place: str | None = None
    speakers: list[str] = Field(default_factory=list)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _yaml_sexagesimal(cls, value: Any) -> Any:
        # YAML 1.1 reads an unquoted 10:30 as the base-60 number 630: undo that.
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            return dt.time(value // 60, value % 60)
        return value

    @model_validator(mode="after")
    def _check(self) -> Session:
        if not (self.title_fr or self.title_ar):
            raise ValueError("a session needs title_fr or title_ar")
        if self.end is not None and self.start is None:
            raise ValueError("end is set but start is not")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"end {self.end:%H:%M} is not after start {self.start:%H:%M}")
        return self

    def title(self, lang: str) -> str:
        """The title in ``lang`` (ar or fr), else the other one; English readers get French."""
        if lang == "ar":
            return self.title_ar or self.title_fr or ""
        return self.title_fr or self.title_ar or ""


class Day(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    day: int = Field(ge=1)
    date: dt.date | None = None
    sessions: list[Session] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Day:
        starts = [s.start for s in self.sessions if s.start is not None]
        if starts != sorted(starts):
            raise ValueError(f"sessions of day {self.day} are not in time order")
        return self


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name_fr: str
    name_ar: str
    city: str
    timezone: str = "Africa/Casablanca"
    start_date: dt.date | None = None
    days: int = Field(ge=1)
    opening_weekday: str | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}") from exc
        return value


class AgendaFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    event: Event
    days: list[Day]
    # Announced sessions whose day is not yet published: never guess one.
    unscheduled: list[Session] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> AgendaFile:
        numbers = [d.day for d in self.days]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"days must be numbered 1, 2, 3... in order, not {numbers}")
        if len(self.days) > self.event.days:
            raise ValueError(f"{len(self.days)} days listed but the event lasts {self.event.days}")
        start = self.event.start_date
        for day in self.days:
            if start is not None and day.date is not None:
                expected = start + dt.timedelta(days=day.day - 1)
                if day.date != expected:
                    raise ValueError(f"day {day.day} is dated {day.date}, expected {expected}")
        return self


@dataclass(frozen=True)
class Slot:
    """A session placed in time: ``date`` and ``start``/``end`` are None when unpublished."""

    day: int
    date: dt.date | None
    session: Session
    start: dt.datetime | None
    end: dt.datetime | None


class Agenda:
    """Read-only questions about the programme, all relative to a given ``now``."""

    def __init__(self, data: AgendaFile) -> None:
        self.data = data
        self.event = data.event
        self.zone = ZoneInfo(data.event.timezone)

    def date_of(self, day: Day) -> dt.date | None:
        if day.date is not None:
            return day.date
        if self.event.start_date is not None:
            return self.event.start_date + dt.timedelta(days=day.day - 1)
        return None

    def _slot(self, day: Day, session: Session) -> Slot:
        date = self.date_of(day)

        def at(t: dt.time | None) -> dt.datetime | None:
            if date is None or t is None:
                return None
            return dt.datetime.combine(date, t, tzinfo=self.zone)

        return Slot(day.day, date, session, at(session.start), at(session.end))

    def by_day(self) -> list[tuple[Day, list[Slot]]]:
        """The whole programme, day by day, in order."""
        return [(d, [self._slot(d, s) for s in d.sessions]) for d in self.data.days]

    @property
    def unscheduled(self) -> list[Session]:
        """Sessions announced without a day yet ("during the three days")."""
        return list(self.data.unscheduled)

    @property
    def dates_published(self) -> bool:
        return all(self.date_of(d) is not None for d in self.data.days)

    def local(self, now: dt.datetime) -> dt.datetime:
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return now.astimezone(self.zone)

    def today(self, now: dt.datetime) -> tuple[Day, list[Slot]] | None:
        """The programme of the event day that ``now`` falls on locally, or None."""
        local_date = self.local(now).date()
        for day, slots in self.by_day():
            if self.date_of(day) == local_date:
                return day, slots
        return None

    def next(self, now: dt.datetime) -> Slot | None:
        """The first session that starts after ``now`` (only sessions with a known time)."""
        upcoming = [
            slot
            for _, slots in self.by_day()
            for slot in slots
            if slot.start is not None and slot.start > now
        ]
        return min(upcoming, key=lambda s: s.start) if upcoming else None

    def current(self, now: dt.datetime) -> Slot | None:
        """The session under way at ``now``, when its start and end are published."""
        for _, slots in self.by_day():
            for slot in slots:
                if slot.start and slot.end and slot.start <= now < slot.end:
                    return slot
        return None


def _line_of(node: yaml.Node, loc: tuple[Any, ...]) -> int:
    """1-based line of the YAML node at pydantic's error location (deepest match)."""
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            match = node.value[key]
        else:
            match = None
        if match is None:
            break
        node = match
    return node.start_mark.line + 1


def parse_agenda(text: str, *, name: str = "agenda.yaml") -> Agenda:
    """Validate ``text``; errors list every problem with its line."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise AgendaError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if root is None or not isinstance(data, dict):
        raise AgendaError(f"{name}: empty or not a mapping (expected `event:` and `days:`)")
    try:
        return Agenda(AgendaFile.model_validate(data))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            path = ".".join(str(p) for p in loc) or "(top level)"
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{name}:{_line_of(root, loc)}: {path}: {message}")
        raise AgendaError("\n".join(problems)) from exc


def load_agenda(path: Path) -> Agenda:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AgendaError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_agenda(text, name=str(path))
