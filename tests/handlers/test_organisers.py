"""Organisers through the real Application and the fake Bot API."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import time

import pytest

from bot.event.announcements import Ledger
from bot.services import Services
from tests.docs import odt_bytes, pdf_bytes, pptx_bytes
from tests.handlers.conftest import run, running

ORGANISER = 900
GROUP = -5000
FR, AR, QUIET = 11, 12, 13


@pytest.fixture
def org_settings(bot_settings):
    return bot_settings.updated(organiser_ids=frozenset({ORGANISER}), organiser_chat_id=GROUP)


@pytest.fixture
def org_services(org_settings, e5) -> Services:
    services = Services(org_settings)
    assert services.ingest().ok
    storage = services.storage
    for chat_id, lang in ((FR, "fr"), (AR, "ar"), (QUIET, "fr")):
        storage.delegates.seen(chat_id, chat_id, f"Delegate {chat_id}")
        storage.delegates.set_language(chat_id, lang)
    storage.delegates.set_subscribed(QUIET, False)
    return services


def buttons(call) -> list[str]:
    markup = call.params.get("reply_markup")
    markup = json.loads(markup) if isinstance(markup, str) else (markup or {})
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def organiser(fake_api):
    return fake_api.user(ORGANISER, lang="fr", name="Organiser")


def test_full_announce_flow_in_both_languages(org_settings, org_services, fake_api) -> None:
    async def scenario():
        async with running(org_settings, org_services):
            me = organiser(fake_api)
            fake_api.send(ORGANISER, "/announce", user=me)
            await fake_api.expect("sendMessage", chat_id=ORGANISER)
            fake_api.send(
                ORGANISER, "La séance d'ouverture commence à 9 h, salle <A> & B.", user=me
            )
            await fake_api.expect("sendMessage", chat_id=ORGANISER, count=2)
            fake_api.send(ORGANISER, "تبدأ الجلسة الافتتاحية على الساعة 9.", user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=5)
            preview_fr, preview_ar, decision = calls[-3:]
            assert (
                preview_fr.params["text"]
                == "📣 La séance d'ouverture commence à 9 h, salle &lt;A&gt; &amp; B."
            )
            assert preview_ar.params["text"].startswith("\u200f📣 تبدأ")
            assert buttons(preview_fr)[0].startswith("read:")
            send = [b for b in buttons(decision) if b.startswith("ann:send:")][0]
            announcement_id = int(send.split(":")[2])
            assert not fake_api.sent(chat_id=FR)  # nothing goes out before the decision

            fake_api.press(ORGANISER, send, user=me)
            await fake_api.expect("editMessageText", chat_id=ORGANISER)
            (to_fr,) = await fake_api.expect("sendMessage", chat_id=FR)
            (to_ar,) = await fake_api.expect("sendMessage", chat_id=AR)
            assert "9 h" in to_fr.params["text"] and "الساعة 9" in to_ar.params["text"]
            assert fake_api.sent(chat_id=QUIET) == []  # unsubscribed

            fake_api.press(AR, f"read:{announcement_id}", user=fake_api.user(AR, lang="ar"))
            await fake_api.expect(
                "answerCallbackQuery", where=lambda c: c.params.get("text") == "شكرًا."
            )
            fake_api.send(ORGANISER, f"/status {announcement_id}", user=me)
            status = await fake_api.expect(
                "sendMessage",
                chat_id=ORGANISER,
                where=lambda c: c.params["text"].startswith(f"#{announcement_id}"),
            )
            assert (
                "distribués 2, lus 1, bloqués 0, en échec 0, en attente 0"
                in status[-1].params["text"]
            )

    run(scenario())


def test_a_skipped_version_and_scheduling_survive_a_restart(
    org_settings, org_services, fake_api
) -> None:
    async def plan():
        async with running(org_settings, org_services) as application:
            me = organiser(fake_api)
            fake_api.send(ORGANISER, "/announce", user=me)
            await fake_api.expect("sendMessage", chat_id=ORGANISER)
            fake_api.send(ORGANISER, "/skip", user=me)
            await fake_api.expect("sendMessage", chat_id=ORGANISER, count=2)
            fake_api.send(ORGANISER, "الغداء على الساعة 13.", user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=4)
            schedule = [b for b in buttons(calls[-1]) if b.startswith("ann:schedule:")][0]
            fake_api.press(ORGANISER, schedule, user=me)
            # Typed at once: one chat's updates are handled in order, so the time
            # reaches the conversation's next state, never the question handler.
            fake_api.send(ORGANISER, "2099-01-05 13:00", user=me)
            await fake_api.expect("editMessageText", chat_id=ORGANISER)
            done = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=5)
            assert "13:00" in done[-1].params["text"]
            announcement_id = int(schedule.split(":")[2])
            assert application.job_queue.get_jobs_by_name(f"announce:{announcement_id}")
            return announcement_id

    announcement_id = run(plan())
    book = Ledger(org_services.storage)
    assert book.get(announcement_id).status == "scheduled"
    assert book.get(announcement_id).scheduled_for == dt.datetime(2099, 1, 5, 12, 0, tzinfo=dt.UTC)

    async def restarted():
        services = Services(org_settings)
        async with running(org_settings, services) as application:
            assert application.job_queue.get_jobs_by_name(f"announce:{announcement_id}")
        # The time has come while the bot was down: the next start sends it.
        Ledger(services.storage).schedule(
            announcement_id, dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        )
        async with running(org_settings, services):
            (to_fr,) = await fake_api.expect("sendMessage", chat_id=FR)
            assert "الغداء" in to_fr.params["text"]  # only the Arabic version was written
            await fake_api.expect("sendMessage", chat_id=AR)

    run(restarted())


def make_announcement(services: Services, text: str = "Annonce") -> int:
    return Ledger(services.storage).create(text_fr=text, text_ar="إعلان", created_by=ORGANISER)


def test_blocked_delegate_and_retry_after(org_settings, org_services, fake_api) -> None:
    fake_api.fail_next(
        lambda c: c.method == "sendMessage" and int(c.params["chat_id"]) == AR,
        403,
        "Forbidden: bot was blocked by the user",
    )
    fake_api.fail_next(
        lambda c: c.method == "sendMessage" and int(c.params["chat_id"]) == FR,
        429,
        "Too Many Requests: retry after 1",
        retry_after=1,
    )
    announcement_id = make_announcement(org_services)

    async def scenario():
        async with running(org_settings, org_services):
            started = time.monotonic()
            fake_api.press(ORGANISER, f"ann:send:{announcement_id}", user=organiser(fake_api))
            calls = await fake_api.expect("sendMessage", chat_id=FR, count=2)
            assert calls[1].at - calls[0].at >= 0.9  # waited what Telegram asked
            assert time.monotonic() - started >= 0.9
            for _ in range(100):
                if Ledger(org_services.storage).status(announcement_id).pending == 0:
                    break
                await asyncio.sleep(0.05)
        status = Ledger(org_services.storage).status(announcement_id)
        assert (status.delivered, status.blocked, status.failed, status.pending) == (1, 1, 0, 0)
        assert not org_services.storage.delegates.delegate(AR).active
        assert len(fake_api.sent(chat_id=AR)) == 1  # never retried

    run(scenario())


def test_killed_broadcast_resumes_and_sends_nothing_twice(
    org_settings, org_services, fake_api
) -> None:
    # Half Arabic clients who never chose a language, French ones, and clients in a
    # language the bot does not speak (nothing known: both versions).
    clients = {chat_id: ("ar", "fr", "ar", "de")[chat_id % 4] for chat_id in range(1000, 1060)}
    for chat_id, client in clients.items():
        org_services.storage.delegates.seen(chat_id, chat_id, "D", client_language=client)
    announcement_id = make_announcement(org_services, "Rappel : navette à 8 h")

    def announced(call) -> bool:
        return "navette" in call.params["text"] or "إعلان" in call.params["text"]

    async def interrupted():
        async with running(org_settings, org_services) as application:
            fake_api.press(ORGANISER, f"ann:send:{announcement_id}", user=organiser(fake_api))
            await fake_api.expect("sendMessage", count=10, where=announced)
            application.bot_data["broadcasts"][announcement_id].cancel()  # the process dies
            await asyncio.sleep(0.1)

    async def restarted():
        services = Services(org_settings)
        async with running(org_settings, services):
            for _ in range(400):
                if Ledger(services.storage).status(announcement_id).pending == 0:
                    break
                await asyncio.sleep(0.05)

    run(interrupted())
    assert len([c for c in fake_api.sent() if announced(c)]) < 62
    in_doubt = org_services.storage.execute(
        "SELECT COUNT(*) FROM deliveries WHERE announcement_id = ? AND state = 'sending'",
        (announcement_id,),
    ).fetchone()[0]
    run(restarted())
    chats = [int(c.params["chat_id"]) for c in fake_api.sent() if announced(c)]
    assert len(chats) == len(set(chats))  # nothing twice
    for call in fake_api.sent():  # each in their language, before and after the restart
        chat_id = int(call.params["chat_id"])
        if chat_id in clients and announced(call):
            text, client = call.params["text"], clients[chat_id]
            assert ("navette" in text) == (client != "ar"), (client, text)
            assert ("إعلان" in text) == (client != "fr"), (client, text)
    status = Ledger(org_services.storage).status(announcement_id)
    assert status.pending == 0 and status.delivered == 62  # 60 + FR + AR; in doubt counted
    # Only rows caught in flight by the kill may be missing, never more than the workers.
    assert 62 - len(set(chats)) <= in_doubt <= 8


def test_non_organisers_are_refused_and_logged(
    org_settings, org_services, fake_api, caplog
) -> None:
    caplog.set_level(logging.WARNING)

    async def scenario():
        async with running(org_settings, org_services):
            for command in ("/announce", "/stats", "/reload", "/status 1"):
                fake_api.send(FR, command, user=fake_api.user(FR, lang="fr"))
            calls = await fake_api.expect("sendMessage", chat_id=FR, count=4)
            assert all(c.params["text"].startswith("Commande inconnue") for c in calls)
            fake_api.press(FR, "ann:send:1", user=fake_api.user(FR))
            await fake_api.expect("answerCallbackQuery")
            fake_api.send(FR, "/whoami", user=fake_api.user(FR, lang="fr"))
            calls = await fake_api.expect("sendMessage", chat_id=FR, count=5)
            assert str(FR) in calls[-1].params["text"]
        assert "used unavailable command /announce" in caplog.text
        assert Ledger(org_services.storage).recent() == []

    run(scenario())


def answer_in_group(fake_api, services: Services, post, text: str) -> None:
    """An organiser replies in the group to the bot's ``post`` of a question."""
    group_message = {
        "message_id": 0,
        "date": 0,
        "chat": {"id": GROUP, "type": "supergroup"},
        "from": {"id": 4242, "is_bot": True, "first_name": "T", "username": "terress_bot"},
        "text": post.params["text"],
    }
    # The fake numbers messages; find the id it gave this post.
    group_message["message_id"] = int(
        services.storage.execute(
            "SELECT group_message_id FROM relay_requests ORDER BY question_id DESC"
        ).fetchone()[0]
    )
    fake_api.send(
        GROUP, text, user=organiser(fake_api), chat_type="supergroup", reply_to=group_message
    )


def test_relay_round_trip_becomes_faq(org_settings, org_services, fake_api) -> None:
    question = "Quel est le code wifi de la salle ?"

    async def scenario():
        async with running(org_settings, org_services):
            fake_api.send(FR, question, user=fake_api.user(FR, lang="fr"))
            (reply,) = await fake_api.expect("sendMessage", chat_id=FR)
            assert reply.params["text"].startswith("Je n'ai pas trouvé")
            relay = [b for b in buttons(reply) if b.startswith("relay:")][0]
            fake_api.press(FR, relay, user=fake_api.user(FR, lang="fr"))
            (post,) = await fake_api.expect("sendMessage", chat_id=GROUP)
            assert question in post.params["text"] and "Delegate (fr)" in post.params["text"]
            answer_in_group(fake_api, org_services, post, "Le code wifi est TERRESS2026.")
            calls = await fake_api.expect("sendMessage", chat_id=FR, count=2)
            assert "TERRESS2026" in calls[-1].params["text"]
            await fake_api.expect("sendMessage", chat_id=GROUP, count=2)
            fake_api.send(FR, question, user=fake_api.user(FR, lang="fr"))
            calls = await fake_api.expect("sendMessage", chat_id=FR, count=3)
            assert "TERRESS2026" in calls[-1].params["text"]
            fake_api.send(ORGANISER, "/unanswered", user=organiser(fake_api))
            (listing,) = await fake_api.expect("sendMessage", chat_id=ORGANISER)
            assert "Aucune question" in listing.params["text"]

    run(scenario())
    faq = list((org_settings.knowledge_dir / "faq" / "relayed").glob("*.md"))
    assert len(faq) == 1 and "TERRESS2026" in faq[0].read_text(encoding="utf-8")
    assert faq[0].name.endswith(".fr.md") and f"## {question}" in faq[0].read_text("utf-8")


def test_an_arabic_question_answered_in_french_is_a_french_entry(
    org_settings, org_services, fake_api
) -> None:
    """The organisers answer an Arabic delegate in French: the delegate gets it
    in an Arabic frame, and the entry is kept as French under the Arabic
    question, so a French delegate is answered from it as from a French
    document."""
    question = "هل توجد صيدلية قريبة من الفندق؟"

    async def scenario():
        async with running(org_settings, org_services):
            fake_api.send(AR, question, user=fake_api.user(AR, lang="ar"))
            (reply,) = await fake_api.expect("sendMessage", chat_id=AR)
            relay = [b for b in buttons(reply) if b.startswith("relay:")][0]
            fake_api.press(AR, relay, user=fake_api.user(AR, lang="ar"))
            (post,) = await fake_api.expect("sendMessage", chat_id=GROUP)
            assert question in post.params["text"] and "(ar)" in post.params["text"]
            answer = "Oui, la pharmacie Al Amal est à 200 mètres de l'hôtel."
            answer_in_group(fake_api, org_services, post, answer)
            calls = await fake_api.expect("sendMessage", chat_id=AR, count=2)
            assert answer in calls[-1].params["text"] and "جواب" in calls[-1].params["text"]
            await fake_api.expect("sendMessage", chat_id=GROUP, count=2)
            fake_api.send(FR, "Y a-t-il une pharmacie près de l'hôtel ?", user=fake_api.user(FR))
            (found,) = await fake_api.expect("sendMessage", chat_id=FR)
            assert "Al Amal" in found.params["text"] and "arabe" not in found.params["text"]

    run(scenario())
    (entry,) = (org_settings.knowledge_dir / "faq" / "relayed").glob("*.md")
    text = entry.read_text(encoding="utf-8")
    assert entry.name.endswith(".fr.md") and f"## {question}" in text and "lang: fr" in text


def test_reload_and_uploads(org_settings, org_services, fake_api) -> None:
    me = None

    async def scenario():
        nonlocal me
        me = organiser(fake_api)
        async with running(org_settings, org_services):
            (org_settings.knowledge_dir / "practical").mkdir(exist_ok=True)
            (org_settings.knowledge_dir / "practical" / "navette.fr.md").write_text(
                "---\ntitle: Navettes\nlang: fr\n---\n# Navettes\n\nLa navette part de l'hôtel à 8 h 15.\n",
                encoding="utf-8",
            )
            # A photo dropped beside it is named in the reply: it is not searchable.
            (org_settings.knowledge_dir / "practical" / "plan.jpg").write_bytes(b"\xff\xd8")
            fake_api.send(ORGANISER, "/reload", user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=2)
            assert "added 1" in calls[-1].params["text"]
            assert "– practical/plan.jpg: unsupported format" in calls[-1].params["text"]

            fake_api.send_document(ORGANISER, "broken.pdf", b"%PDF-1.7 not really", user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=4)
            # Said at once, before the minutes a long document takes to index:
            assert calls[-2].params["text"].startswith("Reçu broken.pdf")
            assert "refusé" in calls[-1].params["text"] and "broken.pdf" in calls[-1].params["text"]

            fake_api.send_document(
                ORGANISER,
                "visites terrain.pdf",
                pdf_bytes(["Field visit to the argan cooperative on day two."]),
                user=me,
            )
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=6)
            assert "added 1" in calls[-1].params["text"]

            # A region's slides and a LibreOffice note, as organisers pass them on;
            # a Word 97 file is refused with the formats that are read.
            deck = pptx_bytes([("Coopératives", ["Trois coopératives d'argan sont visitées."])])
            fake_api.send_document(ORGANISER, "bonnes pratiques.pptx", deck, user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=8)
            assert "added 1" in calls[-1].params["text"]
            note = odt_bytes("Navette", [("Retour", "La navette du retour part de l'hôtel.")])
            fake_api.send_document(ORGANISER, "navette retour.odt", note, user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=10)
            assert "added 1" in calls[-1].params["text"]
            fake_api.send_document(ORGANISER, "budget.doc", b"\xd0\xcf\x11\xe0", user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=11)
            assert (
                "formats : CSV, DOCX, HTML, MD, ODP, ODS, ODT, PDF, PPTX, TXT, XLSX."
                in calls[-1].params["text"]
            )

            fake_api.send_document(FR, "hack.md", b"# x", user=fake_api.user(FR))
            (reply,) = await fake_api.expect("sendMessage", chat_id=FR)
            assert "messages texte" in reply.params["text"]

    run(scenario())
    uploads = sorted(p.name for p in (org_settings.knowledge_dir / "uploads").iterdir())
    assert uploads == ["bonnes_pratiques.pptx", "navette_retour.odt", "visites_terrain.pdf"]
    sources = set(org_services.store.files()[0])
    assert {"practical/navette.fr.md", "uploads/bonnes_pratiques.pptx"} <= sources
    assert "uploads/navette_retour.odt" in sources


def test_an_upload_is_read_once_and_a_refused_replacement_keeps_the_old_version(
    org_settings, org_services, fake_api, monkeypatch
) -> None:
    """The ingest is the check: the file is parsed once, and a bad new version
    of an uploaded document leaves the good one in the folder and the index."""
    from bot.knowledge import loaders

    parsed: list[str] = []
    markdown = loaders.LOADERS[".md"]

    def counting(path, budget):
        parsed.append(path.name)
        return markdown(path, budget)

    monkeypatch.setitem(loaders.LOADERS, ".md", counting)
    good = "# Guide\n\nLe hammam de l'hôtel ouvre après les sessions. مرحبا بالوفود.\n".encode()

    async def scenario():
        me = organiser(fake_api)
        async with running(org_settings, org_services):
            fake_api.send_document(ORGANISER, "guide.md", good, user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=2)
            assert "added 1" in calls[-1].params["text"]
            fake_api.send_document(ORGANISER, "guide.md", b"\x00" * 64, user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=4)
            assert "refusé" in calls[-1].params["text"] and "guide.md" in calls[-1].params["text"]

    run(scenario())
    assert parsed == ["guide.md", "guide.md"]  # once per upload
    kept = org_settings.knowledge_dir / "uploads" / "guide.md"
    assert kept.read_bytes() == good
    assert org_services.store.files()[0]["uploads/guide.md"].doc_hash
    answer = org_services.ask("Quand ouvre le hammam ?", lang="fr")
    assert any(s.source == "uploads/guide.md" for s in answer.sources)
    assert org_services.ingest().unchanged.count("uploads/guide.md") == 1


def test_an_upload_while_another_writer_holds_the_index_leaves_the_folder_as_it_was(
    org_settings, e5, fake_api
) -> None:
    from bot.knowledge.lock import IndexLock

    settings = org_settings.updated(ingest_lock_wait=0.5)
    services = Services(settings)
    services.ingest()
    kept = settings.knowledge_dir / "uploads" / "guide.md"
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text("# Guide\n\nLe guide d'avant.\n", encoding="utf-8")

    async def scenario():
        async with running(settings, services):
            with IndexLock(settings.data_dir, wait=0):  # an ingest.py running elsewhere
                fake_api.send_document(
                    ORGANISER,
                    "guide.md",
                    "# Guide\n\nالدليل الجديد.\n".encode(),
                    user=organiser(fake_api),
                )
                *_, reply = await fake_api.expect(
                    "sendMessage", chat_id=ORGANISER, count=2, timeout=30
                )
            assert reply.params["text"].startswith("✗") and "pid" in reply.params["text"]

    run(scenario())
    assert kept.read_text(encoding="utf-8") == "# Guide\n\nLe guide d'avant.\n"
    assert sorted(p.name for p in kept.parent.iterdir()) == ["guide.md"]


def test_stats_overview(org_settings, org_services, fake_api) -> None:
    async def scenario():
        async with running(org_settings, org_services):
            fake_api.send(
                FR, "Combien de jours dure la rencontre ?", user=fake_api.user(FR, lang="fr")
            )
            (reply,) = await fake_api.expect("sendMessage", chat_id=FR)
            fake_api.press(FR, buttons(reply)[0], user=fake_api.user(FR))
            fake_api.send(
                FR, "Donne-moi une recette de couscous", user=fake_api.user(FR, lang="fr")
            )
            await fake_api.expect("sendMessage", chat_id=FR, count=2)
            await fake_api.expect("answerCallbackQuery")
            fake_api.send(ORGANISER, "/stats", user=organiser(fake_api))
            (overview,) = await fake_api.expect("sendMessage", chat_id=ORGANISER)
            text = overview.params["text"]
            assert "Questions : 2" in text and "50" in text
            assert "👍 1 / 👎 0" in text
            assert "donne-moi une recette de couscous" in text

    run(scenario())


AGENDA = """
event: {{name_fr: R, name_ar: ر, city: Agadir, start_date: 2026-12-07, days: 3}}
days:
  - day: 1
    sessions:
      - {{title_fr: Ouverture, title_ar: الافتتاح, kind: plenary, start: "{start}", place: {place}}}
"""


def test_a_reload_that_moves_a_session_offers_an_announcement(org_settings, e5, fake_api) -> None:
    agenda = org_settings.knowledge_dir / "agenda.yaml"
    agenda.write_text(AGENDA.format(start="09:00", place="Salle A"), encoding="utf-8")
    services = Services(org_settings)
    services.ingest()
    services.storage.delegates.seen(FR, FR, "D")

    async def scenario():
        async with running(org_settings, services):
            me = organiser(fake_api)
            assert services.agenda.event.start_date == dt.date(2026, 12, 7)  # loaded before
            agenda.write_text(AGENDA.format(start="10:30", place="Salle B"), encoding="utf-8")
            fake_api.send(ORGANISER, "/reload", user=me)
            calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=3)
            offer = calls[-1]
            assert "Le programme a changé" in offer.params["text"]
            assert "09:00, Salle A → lundi 7 décembre 2026 10:30, Salle B" in offer.params["text"]
            send = [b for b in buttons(offer) if b.startswith("ann:send:")][0]
            fake_api.press(ORGANISER, send, user=me)
            (notice,) = await fake_api.expect("sendMessage", chat_id=FR)
            assert (
                "Changement de programme" in notice.params["text"]
                and "10:30" in notice.params["text"]
            )

    run(scenario())


async def announce_now(fake_api, french: str, arabic: str) -> None:
    """The organiser drafts both versions and presses "send now"."""
    me = organiser(fake_api)
    for text, replies in (("/announce", 1), (french, 2), (arabic, 5)):
        fake_api.send(ORGANISER, text, user=me)
        calls = await fake_api.expect("sendMessage", chat_id=ORGANISER, count=replies)
    send = [b for b in buttons(calls[-1]) if b.startswith("ann:send:")][0]
    fake_api.press(ORGANISER, send, user=me)


def test_every_delegate_gets_the_announcement_in_their_language(
    org_settings, org_services, fake_api
) -> None:
    """Never a choice made, yet the right version: the Telegram client's language
    at first contact, then the language the delegate asks in; both versions when
    nothing is known. An explicit choice (FR, AR of the fixture) always wins."""
    arabic_client, unknown, asks_in_arabic = 21, 22, 23

    async def scenario():
        async with running(org_settings, org_services):
            fake_api.send(arabic_client, "/start", user=fake_api.user(arabic_client, lang="ar"))
            fake_api.send(unknown, "/start", user=fake_api.user(unknown, lang="de"))
            asker = fake_api.user(asks_in_arabic, lang="fr")
            fake_api.send(asks_in_arabic, "/start", user=asker)
            for chat in (arabic_client, unknown, asks_in_arabic):
                await fake_api.expect("sendMessage", chat_id=chat)
            fake_api.send(asks_in_arabic, "كم عدد التعاونيات في جهة سوس ماسة؟", user=asker)
            await fake_api.expect("sendMessage", chat_id=asks_in_arabic, count=2)
            fake_api.send(AR, "Combien de coopératives ?", user=fake_api.user(AR, lang="fr"))
            await fake_api.expect("sendMessage", chat_id=AR)

            await announce_now(
                fake_api, "Le déjeuner est servi à 13 h.", "يقدم الغداء على الساعة 13."
            )

            def received(chat: int) -> str:
                return fake_api.sent(chat_id=chat)[-1].params["text"]

            for chat in (arabic_client, unknown, asks_in_arabic, FR, AR):
                await fake_api.expect(
                    "sendMessage", chat_id=chat, where=lambda c: "13" in c.params["text"]
                )
            assert "الساعة 13" in received(arabic_client) and "13 h" not in received(arabic_client)
            assert "الساعة 13" in received(asks_in_arabic) and "13 h" not in received(
                asks_in_arabic
            )
            assert "13 h" in received(unknown) and "الساعة 13" in received(unknown)
            assert "13 h" in received(FR) and "الساعة" not in received(FR)
            # AR chose Arabic; a question in French does not change that.
            assert "الساعة 13" in received(AR) and "13 h" not in received(AR)

    run(scenario())
