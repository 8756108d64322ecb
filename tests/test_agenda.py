import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.event.agenda import AgendaError, Kind, load_agenda, parse_agenda
from tests.conftest import ROOT

UTC = dt.UTC
CASA = ZoneInfo("Africa/Casablanca")

DATED = """
event:
  name_fr: Regroupement
  name_ar: التجمع
  city: Agadir
  timezone: Africa/Casablanca
  start_date: 2026-12-07
  days: 3
days:
  - day: 1
    sessions:
      - {title_fr: Ouverture, title_ar: الافتتاح, kind: plenary, start: "09:00", end: "10:30", place: Salle A}
      - {title_fr: Atelier, kind: workshop, start: 11:00, end: 12:30}
      - {title_fr: Dîner, kind: meal, start: "20:00", end: "23:30"}
  - day: 2
    sessions:
      - {title_ar: زيارة ميدانية, kind: field visit, start: "08:30", end: null}
  - day: 3
    sessions: []
"""


@pytest.fixture
def agenda():
    return parse_agenda(DATED)


def at(year, month, day, hour, minute, tz=CASA) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


def test_bundled_agenda_validates_and_invents_nothing() -> None:
    agenda = load_agenda(ROOT / "knowledge" / "agenda.yaml")
    assert agenda.event.days == 3 and agenda.event.timezone == "Africa/Casablanca"
    assert agenda.event.opening_weekday == "monday"
    assert not agenda.dates_published
    sessions = [s for _, day in agenda.by_day() for s in day]
    assert all(slot.start is None and slot.date is None for slot in sessions)
    assert all(s.session.place is None for s in sessions)
    kinds = {s.kind for s in agenda.unscheduled}
    assert Kind.field_visit in kinds  # announced, day not published
    assert agenda.next(dt.datetime.now(UTC)) is None


def test_by_day_dates_every_day_from_the_start_date(agenda) -> None:
    days = agenda.by_day()
    assert [agenda.date_of(d) for d, _ in days] == [
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 9),
    ]
    first = days[0][1][0]
    assert first.start == at(2026, 12, 7, 9, 0) and first.end == at(2026, 12, 7, 10, 30)
    assert first.session.title("ar") == "الافتتاح"
    assert days[1][1][0].session.title("fr") == "زيارة ميدانية"  # falls back to the other language


def test_unquoted_yaml_time_is_read_as_a_time(agenda) -> None:
    workshop = agenda.by_day()[0][1][1]
    assert workshop.session.start == dt.time(11, 0)


def test_today_changes_at_local_midnight(agenda) -> None:
    # 23:30 UTC on Dec 7 is already Dec 8 in Casablanca (UTC+1).
    late = dt.datetime(2026, 12, 7, 23, 30, tzinfo=UTC)
    assert late.astimezone(CASA).date() == dt.date(2026, 12, 8)
    day, slots = agenda.today(late)
    assert day.day == 2
    assert agenda.today(dt.datetime(2026, 12, 7, 22, 59, tzinfo=UTC))[0].day == 1
    assert agenda.today(at(2026, 12, 10, 12, 0)) is None  # after the event


def test_next_and_current(agenda) -> None:
    assert agenda.next(at(2026, 12, 7, 8, 0)).session.title_fr == "Ouverture"
    assert agenda.next(at(2026, 12, 7, 9, 0)).session.title_fr == "Atelier"  # strictly after
    assert agenda.current(at(2026, 12, 7, 9, 30)).session.title_fr == "Ouverture"
    assert agenda.current(at(2026, 12, 7, 10, 45)) is None
    # Across midnight: the next session after the dinner is the next morning's visit.
    assert agenda.next(at(2026, 12, 7, 23, 45)).session.title_ar == "زيارة ميدانية"
    assert agenda.next(at(2026, 12, 8, 9, 0)) is None


def test_now_must_be_aware(agenda) -> None:
    with pytest.raises(ValueError):
        agenda.today(dt.datetime(2026, 12, 7, 9, 0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            DATED.replace('end: "10:30"', 'end: "08:00"'),
            ":12: days.0.sessions.0: end 08:00 is not after start 09:00",
        ),
        (DATED.replace("kind: meal", "kind: party"), ":14: days.0.sessions.2.kind"),
        (
            DATED.replace("timezone: Africa/Casablanca", "timezone: Mars/Olympus"),
            ":6: event.timezone: unknown timezone",
        ),
        (DATED.replace("  - day: 2", "  - day: 5"), "days must be numbered"),
        (
            DATED.replace("sessions: []", "sessions: []\n    room: 12"),
            ":20: days.2.room: Extra inputs",
        ),
        ("event: [\n", "not valid YAML"),
    ],
)
def test_errors_name_the_line(text: str, expected: str) -> None:
    with pytest.raises(AgendaError) as info:
        parse_agenda(text)
    assert expected in str(info.value)


def test_day_date_must_agree_with_start_date() -> None:
    text = DATED.replace("  - day: 2\n", "  - day: 2\n    date: 2026-12-20\n")
    with pytest.raises(AgendaError, match="expected 2026-12-08"):
        parse_agenda(text)
