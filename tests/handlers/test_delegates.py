"""A delegate's whole experience through the real python-telegram-bot Application."""

from __future__ import annotations

import asyncio
import json
import time

from bot.services import Services
from bot.tg.formatting import RLM, TEXT_LIMIT
from tests.conftest import with_fake_llm, write_docs
from tests.handlers.conftest import run, running

AR_USER = 501
FR_USER = 502


def markup(call) -> dict:
    value = call.params.get("reply_markup")
    return json.loads(value) if isinstance(value, str) else (value or {})


def buttons(call) -> list[str]:
    return [b["callback_data"] for row in markup(call).get("inline_keyboard", []) for b in row]


def test_start_in_arabic_and_french_then_language_choice(
    bot_settings, bot_services, fake_api
) -> None:
    async def scenario():
        async with running(bot_settings, bot_services):
            fake_api.send(AR_USER, "/start", user=fake_api.user(AR_USER, lang="ar"))
            (welcome,) = await fake_api.expect("sendMessage", chat_id=AR_USER)
            assert welcome.params["text"].startswith(RLM + "مرحب")
            assert buttons(welcome) == ["lang:ar", "lang:fr", "lang:en"]

            fake_api.send(FR_USER, "/start", user=fake_api.user(FR_USER, lang="fr"))
            (welcome,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            assert welcome.params["text"].startswith("Bienvenue")

            fake_api.press(FR_USER, "lang:en")
            (edit,) = await fake_api.expect("editMessageText", chat_id=FR_USER)
            assert edit.params["text"].startswith("Language set: English.")
            await fake_api.expect("answerCallbackQuery")
            fake_api.send(FR_USER, "/help", user=fake_api.user(FR_USER, lang="fr"))
            await fake_api.expect("sendMessage", chat_id=FR_USER, count=2)
            assert (
                fake_api.sent(chat_id=FR_USER)[-1].params["text"].startswith("Ask me any question")
            )
        commands = fake_api.sent("setMyCommands")
        assert {c.params.get("language_code") for c in commands} >= {"ar", "fr", "en"}
        assert bot_services.storage.delegates.delegate(FR_USER).language == "en"

    run(scenario())


def test_questions_in_french_and_arabic_are_answered_with_sources(
    bot_settings, bot_services, fake_api
) -> None:
    async def scenario():
        async with running(bot_settings, bot_services):
            fake_api.send(FR_USER, "Combien de jours dure la rencontre ?")
            (reply,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            assert "trois jours" in reply.params["text"]
            assert "📄 <i>La rencontre d'Agadir</i> — Durée" in reply.params["text"]
            assert reply.params["parse_mode"] == "HTML"
            assert fake_api.sent("sendChatAction", chat_id=FR_USER)
            up, down = buttons(reply)
            assert up.startswith("fb:") and down.endswith(":-1") and len(up.encode()) < 64

            fake_api.send(
                AR_USER,
                "كم عدد التعاونيات في جهة سوس ماسة؟",
                user=fake_api.user(AR_USER, lang="ar"),
            )
            (reply,) = await fake_api.expect("sendMessage", chat_id=AR_USER)
            assert "6000" in reply.params["text"]
            assert reply.params["text"].startswith(RLM)

            fake_api.press(FR_USER, up)
            await fake_api.expect(
                "answerCallbackQuery", where=lambda c: "Merci" in str(c.params.get("text"))
            )
        question_id = int(up.split(":")[1])
        assert bot_services.storage.questions.feedback_for(question_id) == {FR_USER: 1}
        row = bot_services.storage.questions.question(question_id)
        assert row["lang"] == "fr" and row["confident"] == 1 and row["latency_ms"] >= 0

    run(scenario())


def test_unknown_answer_offers_the_organisers(bot_settings, bot_services, fake_api) -> None:
    async def scenario():
        async with running(bot_settings, bot_services):
            fake_api.send(FR_USER, "Donne-moi une recette de couscous")
            (reply,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            assert reply.params["text"].startswith("Je n'ai pas trouvé")
            # The offer is made where the button that does it is.
            assert "Je peux transmettre votre question aux organisateurs." in reply.params["text"]
            relay = [b for b in buttons(reply) if b.startswith("relay:")]
            assert relay
            fake_api.press(FR_USER, relay[0])
            await fake_api.expect(
                "answerCallbackQuery", where=lambda c: "organisateurs" in str(c.params.get("text"))
            )
            fake_api.press(FR_USER, relay[0])
            await fake_api.expect("answerCallbackQuery", count=2)
        rows = bot_services.storage.execute("SELECT * FROM relay_requests").fetchall()
        assert len(rows) == 1 and rows[0]["chat_id"] == FR_USER

    run(scenario())


def test_a_greeting_is_returned_without_buttons(bot_settings, bot_services, fake_api) -> None:
    async def scenario():
        async with running(bot_settings, bot_services):
            fake_api.send(AR_USER, "السلام عليكم")
            (reply,) = await fake_api.expect("sendMessage", chat_id=AR_USER)
            assert reply.params["text"].startswith(RLM + "مرحبا!")
            assert buttons(reply) == []
            fake_api.send(FR_USER, "Merci beaucoup !")
            (reply,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            assert reply.params["text"].startswith("Je vous en prie.")
            assert buttons(reply) == []

    run(scenario())


def test_html_in_documents_is_escaped(bot_settings, e5, fake_api) -> None:
    write_docs(
        bot_settings.knowledge_dir,
        {
            "practical/reglement.fr.md": "---\ntitle: Règlement <intérieur> & annexes\nlang: fr\n---\n"
            "# Règlement\n\nLe règlement <intérieur> & « annexe » précise que la salle <B> ouvre à 8 h.\n"
        },
    )
    services = Services(bot_settings)
    services.ingest()

    async def scenario():
        async with running(bot_settings, services):
            fake_api.send(FR_USER, "Que précise le règlement intérieur sur la salle ?")
            (reply,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            text = reply.params["text"]
            assert "&lt;intérieur&gt; &amp;" in text and "<intérieur>" not in text
            assert "<i>Règlement &lt;intérieur&gt; &amp; annexes</i>" in text

    run(scenario())


def test_a_long_answer_is_split_into_messages_that_fit(
    bot_settings, e5, fake_api, fake_llm
) -> None:
    from bot.tg.formatting import plain_length
    from tests.fakes.openai_server import Script

    llm = fake_llm
    sentence = "La rencontre dure trois jours, et chaque jour compte des ateliers <ouverts> & des visites. "
    llm.script = Script(text=(sentence * 90).strip() + " [1]")
    settings = bot_settings.updated(
        llm_model="openai:fake",
        llm_base_url=llm.base_url,
        llm_api_key="k",
        llm_timeout=5.0,
    )
    services = Services(settings)
    services.ingest()

    async def scenario():
        async with running(settings, services):
            fake_api.send(FR_USER, "Combien de jours dure la rencontre ?")
            calls = await fake_api.expect("sendMessage", chat_id=FR_USER, count=2)
            await asyncio.sleep(0.2)
            calls = fake_api.sent(chat_id=FR_USER)
            assert len(calls) >= 2
            for call in calls:
                assert plain_length(call.params["text"]) <= TEXT_LIMIT
                assert (
                    call.params["text"].rstrip().endswith((".", "]", "Durée", "</i>"))
                )  # never mid-word
            joined = " ".join(c.params["text"] for c in calls)
            assert joined.count("&lt;ouverts&gt; &amp;") == 90
            assert "📄" in calls[-1].params["text"] and "fb:" in str(
                calls[-1].params.get("reply_markup")
            )
            assert calls[0].params.get("reply_markup") is None

    run(scenario())


def test_unparseable_html_falls_back_to_plain_text(bot_settings, bot_services, fake_api) -> None:
    async def scenario():
        fake_api.fail_next(
            lambda c: c.method == "sendMessage" and c.params.get("parse_mode") == "HTML",
            400,
            "Bad Request: can't parse entities: unsupported start tag",
        )
        async with running(bot_settings, bot_services):
            fake_api.send(FR_USER, "Combien de jours dure la rencontre ?")
            calls = await fake_api.expect("sendMessage", chat_id=FR_USER, count=2)
            assert calls[-1].params.get("parse_mode") is None
            assert (
                "trois jours" in calls[-1].params["text"] and "<i>" not in calls[-1].params["text"]
            )

    run(scenario())


def test_non_text_and_oversized_messages_get_a_polite_reply(
    bot_settings, bot_services, fake_api
) -> None:
    async def scenario():
        async with running(bot_settings, bot_services):
            sticker = {
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                    "type": "regular",
                }
            }
            fake_api.send(AR_USER, None, user=fake_api.user(AR_USER, lang="ar"), extra=sticker)
            (reply,) = await fake_api.expect("sendMessage", chat_id=AR_USER)
            assert "الرسائل النصية" in reply.params["text"]
            voice = {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}}
            fake_api.send(FR_USER, None, extra=voice)
            (reply,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            assert "messages texte" in reply.params["text"]
            fake_api.send(FR_USER, "Question " + "très longue " * 120)
            calls = await fake_api.expect("sendMessage", chat_id=FR_USER, count=2)
            assert "trop long" in calls[-1].params["text"]

    run(scenario())


def test_rate_limit_only_slows_the_hasty_delegate(bot_settings, bot_services, fake_api) -> None:
    async def scenario():
        async with running(bot_settings, bot_services):
            for i in range(11):
                fake_api.send(FR_USER, f"Combien de jours dure la rencontre ? ({i})")
            calls = await fake_api.expect("sendMessage", chat_id=FR_USER, count=11)
            slow_down = [c for c in calls if "patienter" in c.params["text"]]
            assert len(slow_down) == 1
            fake_api.send(
                AR_USER,
                "كم عدد التعاونيات في جهة سوس ماسة؟",
                user=fake_api.user(AR_USER, lang="ar"),
            )
            (reply,) = await fake_api.expect("sendMessage", chat_id=AR_USER)
            assert "6000" in reply.params["text"]

    run(scenario())


def test_group_chat_answers_only_when_addressed(bot_settings, bot_services, fake_api) -> None:
    group = -1001

    async def scenario():
        async with running(bot_settings, bot_services):
            member = fake_api.user(FR_USER)
            fake_api.send(
                group, "Combien de jours dure la rencontre ?", user=member, chat_type="supergroup"
            )
            fake_api.send(
                group,
                "@terress_bot Combien de jours dure la rencontre ?",
                user=member,
                chat_type="supergroup",
            )
            (reply,) = await fake_api.expect("sendMessage", chat_id=group)
            assert "trois jours" in reply.params["text"]
            bot_message = {
                "message_id": 7,
                "date": int(time.time()),
                "chat": {"id": group, "type": "supergroup"},
                "from": {"id": 4242, "is_bot": True, "first_name": "T", "username": "terress_bot"},
                "text": "…",
            }
            fake_api.send(
                group,
                "Et combien de pays participent ?",
                user=member,
                chat_type="supergroup",
                reply_to=bot_message,
            )
            await fake_api.expect("sendMessage", chat_id=group, count=2)
            fake_api.send(group, "/help", user=member, chat_type="supergroup")
            await fake_api.expect("sendMessage", chat_id=group, count=3)
        # Nothing was sent anywhere else, and the unaddressed message was not recorded.
        assert {int(c.params["chat_id"]) for c in fake_api.sent()} == {group}
        texts = [
            r["text"] for r in bot_services.storage.execute("SELECT text FROM questions").fetchall()
        ]
        assert texts == ["Combien de jours dure la rencontre ?", "Et combien de pays participent ?"]

    run(scenario())


def test_restart_keeps_the_delegates_language(bot_settings, e5, fake_api) -> None:
    async def first():
        services = Services(bot_settings)
        services.ingest()
        async with running(bot_settings, services):
            fake_api.send(AR_USER, "/start", user=fake_api.user(AR_USER, lang="fr"))
            await fake_api.expect("sendMessage", chat_id=AR_USER)
            fake_api.press(AR_USER, "lang:ar")
            await fake_api.expect("editMessageText", chat_id=AR_USER)
        services.storage.close()

    async def second():
        services = Services(bot_settings)  # a new process: same files, nothing in memory
        async with running(bot_settings, services):
            fake_api.send(AR_USER, "/help", user=fake_api.user(AR_USER, lang="fr"))
            calls = await fake_api.expect("sendMessage", chat_id=AR_USER, count=2)
            assert calls[-1].params["text"].startswith(RLM)

    run(first())
    run(second())


def test_a_failing_handler_apologises_and_the_bot_keeps_serving(
    bot_settings, bot_services, fake_api, monkeypatch, caplog
) -> None:
    calls = {"n": 0}
    real_converse = bot_services.converse

    def flaky(chat, question, lang=None, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("boom")
        return real_converse(chat, question, lang, **kwargs)

    monkeypatch.setattr(bot_services, "converse", flaky)

    async def scenario():
        async with running(bot_settings, bot_services):
            fake_api.send(FR_USER, "Combien de jours dure la rencontre ?")
            (apology,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            assert apology.params["text"].startswith("Désolé")
            fake_api.send(FR_USER, "Combien de jours dure la rencontre ?")
            calls_ = await fake_api.expect("sendMessage", chat_id=FR_USER, count=2)
            assert "trois jours" in calls_[-1].params["text"]

    run(scenario())
    assert bot_settings.token not in caplog.text
    assert "RuntimeError" in caplog.text


def test_a_follow_up_and_in_arabic_through_the_application(
    bot_settings, bot_services, fake_api
) -> None:
    async def scenario():
        async with running(bot_settings, bot_services):
            fake_api.send(FR_USER, "Combien de pays participent à la rencontre ?")
            (first,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            assert "neuf pays" in first.params["text"]
            fake_api.send(FR_USER, "et combien de temps dure-t-elle ?")
            await fake_api.expect("sendMessage", chat_id=FR_USER, count=2)
            follow = fake_api.sent(chat_id=FR_USER)[-1].params["text"]
            assert "trois jours" in follow
            fake_api.send(FR_USER, "en arabe ?")  # the last answer, with an Arabic lead-in
            await fake_api.expect("sendMessage", chat_id=FR_USER, count=3)
            arabic = fake_api.sent(chat_id=FR_USER)[-1].params["text"]
            assert arabic.startswith(RLM + "حسب") and "trois jours" in arabic
            # Another delegate's "en arabe ?" has nothing to tell again.
            fake_api.send(AR_USER, "en arabe ?")
            (alone,) = await fake_api.expect("sendMessage", chat_id=AR_USER)
            assert "trois jours" not in alone.params["text"]

    run(scenario())


def test_forged_garbage_and_edited_updates(bot_settings, bot_services, fake_api) -> None:
    other = 503

    async def scenario():
        async with running(bot_settings, bot_services):
            fake_api.send(FR_USER, "Combien de jours dure la rencontre ?")
            (answer,) = await fake_api.expect("sendMessage", chat_id=FR_USER)
            question = [b for b in buttons(answer) if b.startswith("fb:")][0].split(":")[1]
            # Another delegate forges a 👎 on it, and a vote of 5: nothing stored.
            fake_api.press(other, f"fb:{question}:-1")
            fake_api.press(FR_USER, f"fb:{question}:5")
            # Stale or forged data, and none at all: every press is answered.
            for data in ("ann:send:abc", "nothing:known", "fb:x", ""):
                fake_api.press(FR_USER, data)
            await fake_api.expect("answerCallbackQuery", count=6)
            # An edited question is not answered a second time.
            fake_api.edit(FR_USER, "Combien de jours dure la rencontre, déjà ?")
            # An anonymous admin's /whoami in a group: the chat's id, no crash.
            fake_api.send_anonymous(-100777, "/whoami")
            (whoami,) = await fake_api.expect("sendMessage", chat_id=-100777)
            assert "-100777" in whoami.params["text"]
            await asyncio.sleep(0.3)
            assert len(fake_api.sent(chat_id=FR_USER)) == 1
            assert not [
                c for c in fake_api.calls if c.method == "sendMessage" and "Désolé" in str(c.params)
            ]
        assert bot_services.storage.questions.feedback_for(int(question)) == {}

    run(scenario())


def test_a_hung_llm_does_not_queue_the_delegates(bot_settings, e5, fake_api, fake_llm) -> None:
    """Six delegates ask at once while the LLM hangs: each gets the extractive
    answer after one LLM_TIMEOUT, not after the others' timeouts in turn."""
    from tests.fakes.openai_server import Script

    settings = with_fake_llm(bot_settings, fake_llm)
    services = Services(settings)
    assert services.ingest().ok
    services.warm_up()
    fake_llm.script = Script(delay=5.0)  # never within the timeout
    chats = range(601, 607)

    async def scenario():
        async with running(settings, services):
            started = time.monotonic()
            for chat in chats:
                fake_api.send(chat, "Combien de jours dure la rencontre ?")
            replies = await fake_api.expect(
                "sendMessage", count=6, where=lambda c: int(c.params["chat_id"]) in chats
            )
            # Two workers would answer in three waves (>= 3 timeouts); all at once is ~1.
            assert replies[-1].at - started < 2.5
            assert all("trois jours" in r.params["text"] for r in replies)

    run(scenario())
