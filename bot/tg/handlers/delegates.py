"""What a delegate does: /start, /lang, /help, the agenda, questions, feedback."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from dataclasses import replace
from functools import partial

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.answering.replies import relay_offer
from bot.commands import help_text
from bot.core.languages import LANGS, LATIN_LANGS
from bot.errors import StoreUnavailable
from bot.event import agenda_text
from bot.i18n import language_name
from bot.text.language import detect
from bot.tg.context import BotContext, gettext, translate, ui_lang
from bot.tg.formatting import render_answer, render_text
from bot.tg.handlers.common import addressed_text, is_private, send_html
from bot.tg.keyboards import answer_keyboard, language_keyboard

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000


async def start(update: Update, context: BotContext) -> None:
    """Greet in the client's language, register the delegate, offer a language choice."""
    lang = ui_lang(update, context)  # the client's language until one is chosen
    _ = gettext(lang)
    text = (
        _("Welcome to the assistant of the Terr'ESS technical gathering in Agadir.")
        + "\n\n"
        + help_text(lang)
        + "\n\n"
        + _("Choose your language:")
    )
    await send_html(
        context, update.effective_chat.id, render_text(text, lang), markup=language_keyboard()
    )


async def lang_command(update: Update, context: BotContext) -> None:
    """Offer the language choice again."""
    lang = ui_lang(update, context)
    await send_html(
        context,
        update.effective_chat.id,
        render_text(translate(lang, "Choose your language:"), lang),
        markup=language_keyboard(),
    )


async def lang_chosen(update: Update, context: BotContext) -> None:
    """Store the chosen language and confirm in it."""
    query = update.callback_query
    code = (query.data or "").split(":", 1)[-1]
    if code not in LANGS:
        await query.answer()
        return
    context.storage.delegates.set_language(update.effective_chat.id, code)
    _ = gettext(code)
    confirmation = _("Language set: {language}.").format(language=language_name(code, in_lang=code))
    await query.answer(confirmation)
    await query.edit_message_text(confirmation + "\n\n" + help_text(code))


async def help_command(update: Update, context: BotContext) -> None:
    """List what the bot can do, in the delegate's language."""
    lang = ui_lang(update, context)
    await send_html(context, update.effective_chat.id, render_text(help_text(lang), lang))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def agenda(update: Update, context: BotContext) -> None:
    """The programme by day."""
    lang = ui_lang(update, context)
    text = agenda_text.programme(context.services.agenda, lang)
    await send_html(context, update.effective_chat.id, render_text(text, lang))


async def today(update: Update, context: BotContext) -> None:
    """Today's sessions in Africa/Casablanca."""
    lang = ui_lang(update, context)
    text = agenda_text.today(context.services.agenda, _now(), lang)
    await send_html(context, update.effective_chat.id, render_text(text, lang))


async def next_session(update: Update, context: BotContext) -> None:
    """The session under way and the next one."""
    lang = ui_lang(update, context)
    text = agenda_text.next_session(context.services.agenda, _now(), lang)
    await send_html(context, update.effective_chat.id, render_text(text, lang))


async def question(update: Update, context: BotContext) -> None:
    """Answer a delegate's question from the documents, in their language."""
    text = addressed_text(update, context.bot.username)
    if text is None or not text.strip():
        return
    chat, message = update.effective_chat, update.effective_message
    preference = ui_lang(update, context)
    refusal = _refusal(text, update, context, preference)
    if refusal is not None:
        await send_html(
            context, chat.id, render_text(refusal, preference), reply_to=message.message_id
        )
        return
    try:
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    except TelegramError:  # "typing…" is a courtesy; the answer matters more
        log.debug("could not show typing in chat %s", chat.id)
    try:
        answer, question_id = await _answer(text, update, context, preference)
    except StoreUnavailable:  # the Chroma server hung or down: say so, in their language
        await _unavailable(text, update, context, preference)
        return
    if not answer.confident:  # the keyboard below has the button that does it
        answer = replace(answer, answer=f"{answer.answer} {relay_offer(answer.lang)}")
    await send_html(
        context,
        chat.id,
        render_answer(answer),
        reply_to=message.message_id,
        # A greeting returned has nothing to rate and nothing to pass on.
        markup=answer_keyboard(question_id, answer.confident, answer.lang)
        if answer.sources or not answer.confident
        else None,
    )


async def _unavailable(text: str, update: Update, context: BotContext, preference: str) -> None:
    """Search is down for a moment: told in the language the delegate just wrote in."""
    chat = update.effective_chat
    log.warning("search unavailable for chat %s", chat.id)
    lang = detect(text, default=preference)
    unavailable = translate(
        lang, "Search is unavailable for a moment. Please try again in a minute."
    )
    await send_html(
        context,
        chat.id,
        render_text(unavailable, lang),
        reply_to=update.effective_message.message_id,
    )


def _refusal(text: str, update: Update, context: BotContext, lang: str) -> str | None:
    """Why this question is not answered now (too long, too many at once), or None."""
    _ = gettext(lang)
    if len(text) > MAX_QUESTION_CHARS:
        return _(
            "Your message is too long ({length} characters). "
            "Please ask a shorter question, up to {limit} characters."
        ).format(length=len(text), limit=MAX_QUESTION_CHARS)
    user, chat = update.effective_user, update.effective_chat
    limiter = context.application.bot_data["rate_limiter"]
    if not limiter.allow(user.id if user else chat.id, time.monotonic()):
        return _("You are asking many questions at once. Please wait a minute before the next one.")
    return None


async def _answer(text: str, update: Update, context: BotContext, preference: str):
    """The answer, computed off the event loop, and the id it is recorded under."""
    # The question's own language decides the reply; a short or ambiguous one
    # falls back on the delegate's chosen language.
    fallback = preference if preference in LATIN_LANGS else "fr"
    started = time.perf_counter()
    # CPU work (embedding, BM25) runs in the application's small worker pool: the
    # event loop keeps serving other chats, and answers leave as soon as they are ready.
    executor = context.application.bot_data["executor"]
    answer = await asyncio.get_running_loop().run_in_executor(
        executor,
        partial(context.services.converse, update.effective_chat.id, text, default_lang=fallback),
    )
    user = update.effective_user
    context.storage.delegates.heard(update.effective_chat.id, answer.lang)
    question_id = context.storage.questions.record_question(
        chat_id=update.effective_chat.id,
        user_id=user.id if user else None,
        text=text,
        lang=answer.lang,
        confident=answer.confident,
        mode=answer.mode,
        latency_ms=int(1000 * (time.perf_counter() - started)),
        answer=answer.answer,
    )
    return answer, question_id


async def feedback(update: Update, context: BotContext) -> None:
    """Store 👍 / 👎 on an answer."""
    query = update.callback_query
    lang = ui_lang(update, context)
    _ = gettext(lang)
    try:
        _prefix, question_id, value = (query.data or "").split(":")
        stored = context.storage.questions.record_feedback(
            int(question_id), update.effective_chat.id, query.from_user.id, int(value)
        )
    except ValueError:
        stored = False
    await query.answer(_("Thank you for your feedback.") if stored else None)


async def unknown_button(update: Update, context: BotContext) -> None:
    """A button press no handler knows (stale or forged data): answered, nothing done."""
    log.info("unknown button data %r", (update.callback_query.data or "")[:64])
    await update.callback_query.answer()


async def relay_request(update: Update, context: BotContext) -> None:
    """The delegate wants the organisers to answer a question the documents did not."""
    query = update.callback_query
    lang = ui_lang(update, context)
    _ = gettext(lang)
    try:
        question_id = int((query.data or "").split(":")[1])
    except (IndexError, ValueError):
        await query.answer()
        return
    row = context.storage.questions.question(question_id)
    if row is None or row["chat_id"] != update.effective_chat.id:
        await query.answer()
        return
    new = context.storage.relays.request_relay(question_id, update.effective_chat.id)
    relay = context.application.bot_data.get("relay")
    if new and relay is not None:
        await relay(context, question_id)
    await query.answer(
        _("Your question has been passed to the organisers.")
        if new
        else _("Your question was already passed to the organisers.")
    )


async def not_text(update: Update, context: BotContext) -> None:
    """Photos, stickers, voice notes, files: say what the bot accepts."""
    if not is_private(update):
        return
    lang = ui_lang(update, context)
    _ = gettext(lang)
    notice = _(
        "I can only read text messages. Please type your question (up to {limit} characters)."
    ).format(limit=MAX_QUESTION_CHARS)
    await send_html(
        context,
        update.effective_chat.id,
        render_text(notice, lang),
        reply_to=update.effective_message.message_id,
    )


async def whoami(update: Update, context: BotContext) -> None:
    """Tell any user their Telegram id (to set up ORGANISER_IDS) and the chat's id."""
    lang = ui_lang(update, context)
    _ = gettext(lang)
    user = update.effective_user  # none for an anonymous group admin or a channel
    text = _("Your Telegram user id: {user}. This chat's id: {chat}.").format(
        user=user.id if user else "—", chat=update.effective_chat.id
    )
    await update.effective_message.reply_text(text)


async def subscribe(update: Update, context: BotContext) -> None:
    """Receive the organisers' announcements (the default)."""
    context.storage.delegates.set_subscribed(update.effective_chat.id, True)
    lang = ui_lang(update, context)
    await update.effective_message.reply_text(
        translate(lang, "You will receive the organisers' announcements.")
    )


async def unsubscribe(update: Update, context: BotContext) -> None:
    """Stop receiving announcements."""
    context.storage.delegates.set_subscribed(update.effective_chat.id, False)
    lang = ui_lang(update, context)
    await update.effective_message.reply_text(
        translate(
            lang, "You will no longer receive announcements. /subscribe to receive them again."
        )
    )


async def unknown_command(update: Update, context: BotContext) -> None:
    """The ordinary reply to a command the user may not or cannot use."""
    message = update.effective_message
    command = (message.text or "").split()[0] if message and message.text else "?"
    user = update.effective_user
    log.warning("user %s used unavailable command %s", user.id if user else "?", command[:40])
    if not is_private(update) and not command.lower().endswith(f"@{context.bot.username}".lower()):
        return  # in a group, a bare /command may be meant for another bot
    lang = ui_lang(update, context)
    await message.reply_text(translate(lang, "Unknown command. /help lists what I can do."))
