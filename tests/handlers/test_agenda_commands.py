"""/agenda, /today and /next through the real Application, in French and Arabic."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.services import Services
from bot.tg.handlers import delegates
from tests.conftest import write_docs
from tests.handlers.conftest import run, running

DATED = """
event: {name_fr: Regroupement Terr'ESS, name_ar: تجمع Terr'ESS, city: Agadir, timezone: Africa/Casablanca, start_date: 2026-12-07, days: 3}
days:
  - day: 1
    sessions:
      - {title_fr: Ouverture, title_ar: الافتتاح, kind: plenary, start: "09:00", end: "10:30", place: Salle A}
      - {title_fr: Atelier coopératives, title_ar: ورشة التعاونيات, kind: workshop, start: "11:00", end: "12:30"}
  - day: 2
    sessions:
      - {title_fr: Visite de terrain, title_ar: زيارة ميدانية, kind: field visit, start: "08:30"}
  - day: 3
    sessions: []
"""

UNDATED = """
event: {name_fr: Regroupement Terr'ESS, name_ar: تجمع Terr'ESS, city: Agadir, days: 3, opening_weekday: monday}
days:
  - {day: 1, sessions: [{title_fr: Ouverture, title_ar: الافتتاح, kind: plenary}]}
unscheduled:
  - {title_fr: Visites de terrain, title_ar: زيارات ميدانية, kind: field visit}
"""


def services_with(bot_settings, agenda: str) -> Services:
    write_docs(bot_settings.knowledge_dir, {"agenda.yaml": agenda})
    services = Services(bot_settings)
    assert services.ingest().ok
    return services


@pytest.fixture
def at_monday_morning(monkeypatch):
    # 08:15 in Agadir on the opening day (UTC+1).
    monkeypatch.setattr(delegates, "_now", lambda: dt.datetime(2026, 12, 7, 7, 15, tzinfo=dt.UTC))


def test_published_agenda_in_french_and_arabic(
    bot_settings, e5, fake_api, at_monday_morning
) -> None:
    services = services_with(bot_settings, DATED)

    async def scenario():
        async with running(bot_settings, services):
            fake_api.send(601, "/agenda", user=fake_api.user(601, lang="fr"))
            (programme,) = await fake_api.expect("sendMessage", chat_id=601)
            text = programme.params["text"]
            assert "Jour 1 — lundi 7 décembre 2026" in text
            assert "09:00–10:30 — Ouverture (séance plénière; Salle A)" in text
            assert "lieu à confirmer" in text  # the workshop has no room yet
            assert "GMT" not in text and "UTC" not in text

            fake_api.send(601, "/next", user=fake_api.user(601, lang="fr"))
            calls = await fake_api.expect("sendMessage", chat_id=601, count=2)
            assert "Ouverture" in calls[-1].params["text"] and "09:00" in calls[-1].params["text"]

            fake_api.send(602, "/today", user=fake_api.user(602, lang="ar"))
            (today,) = await fake_api.expect("sendMessage", chat_id=602)
            assert "الافتتاح" in today.params["text"] and "الاثنين" in today.params["text"]
            assert "زيارة ميدانية" not in today.params["text"]  # that is tomorrow

    run(scenario())


def test_unpublished_times_are_said_to_be_confirmed(
    bot_settings, e5, fake_api, at_monday_morning
) -> None:
    services = services_with(bot_settings, UNDATED)

    async def scenario():
        async with running(bot_settings, services):
            fake_api.send(603, "/agenda", user=fake_api.user(603, lang="fr"))
            (programme,) = await fake_api.expect("sendMessage", chat_id=603)
            text = programme.params["text"]
            assert "Les organisateurs n'ont pas encore publié les dates." in text
            assert "Jour 1 — date à confirmer" in text and "Ouverture un lundi." in text
            assert "horaire à confirmer" in text
            assert "Également annoncé, jour à confirmer" in text and "Visites de terrain" in text
            fake_api.send(603, "/today", user=fake_api.user(603, lang="fr"))
            fake_api.send(603, "/next", user=fake_api.user(603, lang="fr"))
            calls = await fake_api.expect("sendMessage", chat_id=603, count=3)
            replies = " ".join(c.params["text"] for c in calls[1:])
            assert "pas encore publié les dates" in replies
            assert "pas encore publié les horaires" in replies

    run(scenario())
