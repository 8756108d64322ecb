"""Questions the documents could not answer, passed to the organisers' group; a
reply there goes back to the delegate and becomes an FAQ entry."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.constants import ParseMode

from bot.knowledge.relayed import entry_language, entry_name, faq_entry
from bot.tg.context import BotContext, gettext, ui_lang
from bot.tg.formatting import render_text
from bot.tg.handlers.common import send_html
from bot.tg.handlers.organisers.knowledge import reload_knowledge

log = logging.getLogger(__name__)


async def relay(context: BotContext, question_id: int) -> None:
    """Post a question the bot could not answer in the organisers' group."""
    settings = context.settings
    if settings.organiser_chat_id is None:
        log.warning(
            "question %s needs the organisers, but ORGANISER_CHAT_ID is not set", question_id
        )
        return
    storage = context.storage
    row = storage.questions.question(question_id)
    delegate = storage.delegates.delegate(row["chat_id"])
    name = delegate.name if delegate else str(row["chat_id"])
    text = (
        f"❓ #{question_id} — {escape(name, quote=False)} ({row['lang']})\n\n"
        f"{escape(row['text'], quote=False)}\n\n"
        "↩️ Reply to this message to answer the delegate / Répondez à ce message pour répondre "
        "/ ردّوا على هذه الرسالة للإجابة"
    )
    message = await context.bot.send_message(
        settings.organiser_chat_id, text, parse_mode=ParseMode.HTML
    )
    storage.relays.posted(question_id, message.message_id)


async def organiser_reply(update: Update, context: BotContext) -> None:
    """An organiser answered a relayed question in the group: deliver it, keep it as FAQ."""
    message = update.effective_message
    storage = context.storage
    relay_row = storage.relays.by_group_message(message.reply_to_message.message_id)
    if relay_row is None:
        return
    question = storage.questions.question(relay_row["question_id"])
    lang = question["lang"]
    _ = gettext(lang)
    answer = message.text.strip()
    reply = (
        _("Answer from the organisers to your question:") + f"\n« {question['text']} »\n\n{answer}"
    )
    await send_html(context, relay_row["chat_id"], render_text(reply, lang))
    storage.relays.answered(relay_row["question_id"], answer, update.effective_user.id)
    kept_in = entry_language(answer, lang)
    path = context.settings.knowledge_dir / entry_name(relay_row["question_id"], kept_in)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(faq_entry(question["text"], answer, kept_in, lang), encoding="utf-8")
    report = await reload_knowledge(context)
    group_lang = ui_lang(update, context)
    __ = gettext(group_lang)
    await message.reply_text(
        __("Sent to the delegate and added to the FAQ.")
        + f" ({report.summary() if report else '…'})"
    )


async def unanswered(update: Update, context: BotContext) -> None:
    """Questions passed to the organisers and not answered yet."""
    lang = ui_lang(update, context)
    _ = gettext(lang)
    rows = context.storage.relays.waiting()
    if not rows:
        await update.effective_message.reply_text(_("No question is waiting for the organisers."))
        return
    lines = [f"#{r['id']} ({r['lang']}, {r['name'] or '?'}): {r['text']}" for r in rows]
    await send_html(context, update.effective_chat.id, render_text("\n".join(lines), lang))
