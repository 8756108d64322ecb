"""/announce (French text, Arabic text, preview, send now / schedule / cancel),
/announcements, /status and the delegates' receipts."""

from __future__ import annotations

import datetime as dt
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ConversationHandler

from bot.i18n import format_clock, format_day
from bot.tg.context import BotContext, gettext, translate, ui_lang
from bot.tg.formatting import render_text
from bot.tg.handlers.common import send_html
from bot.tg.handlers.organisers.broadcast import (
    announcement_html,
    ledger,
    schedule_job,
    start_broadcast,
)
from bot.tg.keyboards import decision_keyboard, receipt_keyboard

ASK_FR, ASK_AR, CONFIRM, ASK_TIME = range(4)
MAX_ANNOUNCEMENT_CHARS = 3500
ZONE_NAME = "Africa/Casablanca"


async def announce(update: Update, context: BotContext) -> int:
    """Start the guided announcement: French text, Arabic text, preview, send."""
    lang = ui_lang(update, context)
    context.user_data["draft"] = {}
    _ = gettext(lang)
    await update.effective_message.reply_text(
        _("Send the announcement in French, or /skip to write only the Arabic version.")
    )
    return ASK_FR


def _too_long(text: str) -> bool:
    return len(text) > MAX_ANNOUNCEMENT_CHARS


async def got_french(update: Update, context: BotContext) -> int:
    return await _got(update, context, "fr", update.effective_message.text)


async def skip_french(update: Update, context: BotContext) -> int:
    return await _got(update, context, "fr", None)


async def got_arabic(update: Update, context: BotContext) -> int:
    return await _got(update, context, "ar", update.effective_message.text)


async def skip_arabic(update: Update, context: BotContext) -> int:
    return await _got(update, context, "ar", None)


async def _got(update: Update, context: BotContext, which: str, text: str | None) -> int:
    lang = ui_lang(update, context)
    _ = gettext(lang)
    if text is not None and _too_long(text):
        await update.effective_message.reply_text(
            _(
                "This text is too long for one message ({limit} characters at most). "
                "Send it shorter."
            ).format(limit=MAX_ANNOUNCEMENT_CHARS)
        )
        return ASK_FR if which == "fr" else ASK_AR
    draft = context.user_data.setdefault("draft", {})
    draft[which] = text
    if which == "fr":
        await update.effective_message.reply_text(
            _(
                "Now send the Arabic version, or /skip: "
                "delegates reading Arabic then get the French one."
            )
        )
        return ASK_AR
    if not draft.get("fr") and not draft.get("ar"):
        await update.effective_message.reply_text(
            _("Nothing to send: both versions were skipped. /announce to start again.")
        )
        return ConversationHandler.END
    announcement_id = ledger(context).create(
        text_fr=draft.get("fr"), text_ar=draft.get("ar"), created_by=update.effective_user.id
    )
    context.user_data["announcement_id"] = announcement_id
    await preview(update, context, announcement_id, lang)
    return CONFIRM


async def preview(update: Update, context: BotContext, announcement_id: int, lang: str) -> None:
    """Show each version exactly as delegates will see it, then the decision buttons."""
    _ = gettext(lang)
    announcement = ledger(context).get(announcement_id)
    chat_id = update.effective_chat.id
    for version in ("fr", "ar"):
        text = announcement.text_fr if version == "fr" else announcement.text_ar
        if text:
            await context.bot.send_message(
                chat_id,
                announcement_html(text, version),
                parse_mode=ParseMode.HTML,
                reply_markup=receipt_keyboard(announcement_id, version),
            )
    recipients = context.storage.delegates.audience()
    await context.bot.send_message(
        chat_id,
        _("Preview above. Send it to {count} subscribed delegates?").format(count=recipients),
        reply_markup=decision_keyboard(announcement_id, lang),
    )


async def decide(update: Update, context: BotContext) -> int:
    """Send now, ask for a time, or cancel."""
    query = update.callback_query
    lang = ui_lang(update, context)
    _ = gettext(lang)
    _prefix, action, raw_id = query.data.split(":")
    announcement_id = int(raw_id)
    book = ledger(context)
    announcement = book.get(announcement_id)
    await query.answer()
    if announcement is None or announcement.status not in ("draft", "scheduled"):
        await query.edit_message_text(_("This announcement can no longer be changed."))
        return ConversationHandler.END
    if action == "send":
        book.set_status(announcement_id, "queued")
        count = book.enqueue(announcement_id)
        start_broadcast(context.application, announcement_id)
        await query.edit_message_text(
            _(
                "Sending announcement #{id} to {count} delegates. /status {id} shows its progress."
            ).format(id=announcement_id, count=count)
        )
        return ConversationHandler.END
    if action == "cancel":
        book.cancel(announcement_id)
        for job in context.application.job_queue.get_jobs_by_name(f"announce:{announcement_id}"):
            job.schedule_removal()
        await query.edit_message_text(_("Announcement #{id} cancelled.").format(id=announcement_id))
        return ConversationHandler.END
    context.user_data["announcement_id"] = announcement_id
    await query.edit_message_text(
        _("When? Send the local time in Agadir as YYYY-MM-DD HH:MM, or HH:MM for today.")
    )
    return ASK_TIME


def parse_local_time(text: str, now: dt.datetime, zone) -> dt.datetime | None:
    """'2026-12-07 14:30' or '14:30' (today, Agadir time) -> an aware datetime, or None."""
    text = text.strip()
    local_now = now.astimezone(zone)
    for fmt in ("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"):
        try:
            return dt.datetime.strptime(text, fmt).replace(tzinfo=zone)
        except ValueError:
            continue
    match = re.fullmatch(r"(\d{1,2})[:h](\d{2})", text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return local_now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return None


async def got_time(update: Update, context: BotContext) -> int:
    lang = ui_lang(update, context)
    _ = gettext(lang)
    zone = context.services.agenda.zone
    now = dt.datetime.now(dt.UTC)
    when = parse_local_time(update.effective_message.text or "", now, zone)
    if when is None:
        await update.effective_message.reply_text(
            _("I could not read that time. Send YYYY-MM-DD HH:MM, or HH:MM for today.")
        )
        return ASK_TIME
    if when <= now:
        await update.effective_message.reply_text(_("That time has passed. Send a later one."))
        return ASK_TIME
    announcement_id = context.user_data["announcement_id"]
    ledger(context).schedule(announcement_id, when)
    schedule_job(context.application, announcement_id, when)
    await update.effective_message.reply_text(
        _("Announcement #{id} scheduled for {day} at {time} (Agadir time).").format(
            id=announcement_id, day=format_day(when.date(), lang), time=format_clock(when, lang)
        )
    )
    return ConversationHandler.END


async def cancel_flow(update: Update, context: BotContext) -> int:
    lang = ui_lang(update, context)
    announcement_id = context.user_data.pop("announcement_id", None)
    if announcement_id is not None:
        ledger(context).cancel(announcement_id)
    await update.effective_message.reply_text(translate(lang, "Cancelled."))
    return ConversationHandler.END


def status_line(counts, lang: str) -> str:
    _ = gettext(lang)
    return _(
        "delivered {delivered}, read {read}, blocked {blocked}, failed {failed}, pending {pending}"
    ).format(**counts.__dict__)


async def announcements(update: Update, context: BotContext) -> None:
    """Recent announcements with their state; a scheduled one can be cancelled."""
    lang = ui_lang(update, context)
    _ = gettext(lang)
    book = ledger(context)
    rows = book.recent(10)
    if not rows:
        await update.effective_message.reply_text(_("No announcement yet."))
        return
    zone = context.services.agenda.zone
    buttons = []
    lines = []
    for a in rows:
        status = book.status(a.id)
        text = (a.text_fr or a.text_ar or "")[:60]
        when = ""
        if a.status == "scheduled" and a.scheduled_for:
            local = a.scheduled_for.astimezone(zone)
            when = f" — {format_day(local.date(), lang)} {format_clock(local, lang)}"
            buttons.append(
                [
                    InlineKeyboardButton(
                        _("Cancel #{id}").format(id=a.id), callback_data=f"ann:cancel:{a.id}"
                    )
                ]
            )
        lines.append(f"#{a.id} [{a.status}{when}] {text}\n   " + status_line(status, lang))
    await send_html(
        context,
        update.effective_chat.id,
        render_text("\n".join(lines), lang),
        markup=InlineKeyboardMarkup(buttons) if buttons else None,
    )


async def status(update: Update, context: BotContext) -> None:
    """/status N: delivered / read / blocked / failed / pending."""
    lang = ui_lang(update, context)
    _ = gettext(lang)
    try:
        announcement_id = int(context.args[0].lstrip("#"))
    except (IndexError, ValueError):
        await update.effective_message.reply_text(_("Usage: /status N (the announcement number)."))
        return
    book = ledger(context)
    announcement = book.get(announcement_id)
    if announcement is None:
        await update.effective_message.reply_text(
            _("No announcement #{id}.").format(id=announcement_id)
        )
        return
    counts = book.status(announcement_id)
    await update.effective_message.reply_text(
        f"#{announcement_id} [{announcement.status}] " + status_line(counts, lang)
    )


async def receipt(update: Update, context: BotContext) -> None:
    """A delegate tapped "✅ Received"."""
    query = update.callback_query
    lang = ui_lang(update, context)
    try:
        announcement_id = int(query.data.split(":")[1])
    except (IndexError, ValueError):
        await query.answer()
        return
    ledger(context).mark_read(announcement_id, update.effective_chat.id)
    await query.answer(translate(lang, "Thank you."))
