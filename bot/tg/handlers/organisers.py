"""What organisers and maintainers do from their phones: announcements, relayed
questions, re-ingestion, document uploads, statistics.

Every command here is registered behind the organiser filter
(``ORGANISER_IDS``); for anyone else the same command names fall through to
the ordinary "unknown command" reply, and the attempt is logged.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import shutil
import tempfile
from html import escape
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, ConversationHandler

from bot.errors import BotError
from bot.event.agenda import Agenda
from bot.event.announcements import Broadcaster, Ledger
from bot.i18n import format_clock, format_day, format_number
from bot.knowledge.loaders import LOADERS, load
from bot.tg.formatting import render_text
from bot.tg.handlers.common import BotContext, gettext, send_html, translate, ui_lang

log = logging.getLogger(__name__)

ASK_FR, ASK_AR, CONFIRM, ASK_TIME = range(4)
MAX_ANNOUNCEMENT_CHARS = 3500
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ZONE_NAME = "Africa/Casablanca"


def ledger(context: BotContext | ContextTypes.DEFAULT_TYPE) -> Ledger:
    return Ledger(context.application.bot_data["services"].storage)


# Sending -----------------------------------------------------------------------


def receipt_keyboard(announcement_id: int, lang: str) -> InlineKeyboardMarkup:
    _ = gettext(lang)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("✅ Received"), callback_data=f"read:{announcement_id}")]]
    )


def announcement_html(text: str, lang: str) -> str:
    (piece,) = render_text(f"📣 {text}", lang)  # texts are capped well under one message
    return piece


def make_send(application: Application):
    async def send(chat_id: int, lang: str, text: str, announcement_id: int) -> int | None:
        message = await application.bot.send_message(
            chat_id,
            announcement_html(text, lang),
            parse_mode=ParseMode.HTML,
            reply_markup=receipt_keyboard(announcement_id, lang),
        )
        return message.message_id

    return send


def start_broadcast(application: Application, announcement_id: int) -> None:
    """Drain the announcement in the background; at most one task per announcement."""
    running: dict[int, asyncio.Task] = application.bot_data.setdefault("broadcasts", {})
    task = running.get(announcement_id)
    if task is not None and not task.done():
        return
    services = application.bot_data["services"]
    broadcaster = Broadcaster(Ledger(services.storage), make_send(application))
    running[announcement_id] = application.create_task(
        broadcaster.run(announcement_id), name=f"broadcast:{announcement_id}"
    )


async def scheduled(context: ContextTypes.DEFAULT_TYPE) -> None:
    announcement_id = context.job.data
    announcement = ledger(context).get(announcement_id)
    if announcement is not None and announcement.status == "scheduled":
        start_broadcast(context.application, announcement_id)


def schedule_job(application: Application, announcement_id: int, when: dt.datetime) -> None:
    application.job_queue.run_once(
        scheduled, when=when, data=announcement_id, name=f"announce:{announcement_id}"
    )


async def resume_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await resume(context.application)


async def resume(application: Application) -> None:
    """After a restart: finish interrupted broadcasts, re-arm scheduled ones."""
    book = Ledger(application.bot_data["services"].storage)
    for announcement in book.with_status("queued") + book.with_status("sending"):
        log.info("resuming announcement %s", announcement.id)
        start_broadcast(application, announcement.id)
    now = dt.datetime.now(dt.UTC)
    for announcement in book.with_status("scheduled"):
        when = announcement.scheduled_for or now
        if when <= now:
            start_broadcast(application, announcement.id)
        else:
            schedule_job(application, announcement.id, when)


# /announce ---------------------------------------------------------------------


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


def decision_keyboard(announcement_id: int, lang: str) -> InlineKeyboardMarkup:
    _ = gettext(lang)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(_("Send now"), callback_data=f"ann:send:{announcement_id}"),
                InlineKeyboardButton(
                    _("Schedule"), callback_data=f"ann:schedule:{announcement_id}"
                ),
                InlineKeyboardButton(_("Cancel"), callback_data=f"ann:cancel:{announcement_id}"),
            ]
        ]
    )


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
    recipients = (
        ledger(context)
        .storage.execute("SELECT COUNT(*) FROM delegates WHERE subscribed = 1 AND active = 1")
        .fetchone()[0]
    )
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


# /announcements, /status, receipts ---------------------------------------------------


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


# Relayed questions ---------------------------------------------------------------


async def relay(context: BotContext, question_id: int) -> None:
    """Post a question the bot could not answer in the organisers' group."""
    settings = context.settings
    if settings.organiser_chat_id is None:
        log.warning(
            "question %s needs the organisers, but ORGANISER_CHAT_ID is not set", question_id
        )
        return
    storage = context.storage
    row = storage.question(question_id)
    delegate = storage.delegate(row["chat_id"])
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
    storage.execute(
        "UPDATE relay_requests SET group_message_id = ? WHERE question_id = ?",
        (message.message_id, question_id),
    )


def faq_entry(question: str, answer: str, lang: str) -> str:
    title = question.replace('"', "'").strip()
    return f'---\ntitle: "{title}"\nlang: {lang}\nkind: faq\n---\n# {title}\n\n{answer.strip()}\n'


async def organiser_reply(update: Update, context: BotContext) -> None:
    """An organiser answered a relayed question in the group: deliver it, keep it as FAQ."""
    message = update.effective_message
    storage = context.storage
    relay_row = storage.execute(
        "SELECT * FROM relay_requests WHERE group_message_id = ?",
        (message.reply_to_message.message_id,),
    ).fetchone()
    if relay_row is None:
        return
    question = storage.question(relay_row["question_id"])
    lang = question["lang"]
    _ = gettext(lang)
    answer = message.text.strip()
    reply = (
        _("Answer from the organisers to your question:") + f"\n« {question['text']} »\n\n{answer}"
    )
    await send_html(context, relay_row["chat_id"], render_text(reply, lang))
    storage.execute(
        "UPDATE relay_requests SET status = 'answered', answer = ?, answered_by = ?, "
        "answered_at = ? "
        "WHERE question_id = ?",
        (
            answer,
            update.effective_user.id,
            dt.datetime.now(dt.UTC).isoformat(),
            relay_row["question_id"],
        ),
    )
    folder = context.settings.knowledge_dir / "faq" / "relayed"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"q{relay_row['question_id']}.{lang}.md").write_text(
        faq_entry(question["text"], answer, lang), encoding="utf-8"
    )
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
    rows = context.storage.execute(
        """SELECT q.id, q.text, q.lang, d.name FROM relay_requests r
           JOIN questions q ON q.id = r.question_id LEFT JOIN delegates d ON d.chat_id = r.chat_id
           WHERE r.status = 'open' ORDER BY q.id"""
    ).fetchall()
    if not rows:
        await update.effective_message.reply_text(_("No question is waiting for the organisers."))
        return
    lines = [f"#{r['id']} ({r['lang']}, {r['name'] or '?'}): {r['text']}" for r in rows]
    await send_html(context, update.effective_chat.id, render_text("\n".join(lines), lang))


# Knowledge ---------------------------------------------------------------------------


async def reload_knowledge(context: BotContext):
    """Incremental ingest off the event loop, one at a time; None if one is running."""
    lock: asyncio.Lock = context.application.bot_data.setdefault("reload_lock", asyncio.Lock())
    if lock.locked():
        return None
    async with lock:
        return await asyncio.to_thread(context.services.ingest)


def agenda_changes(before: Agenda, after: Agenda, lang: str) -> list[str]:
    """Sessions whose time, date or place changed between two agendas."""

    def index(agenda: Agenda):
        return {
            (slot.day, slot.session.title_fr or slot.session.title_ar): slot
            for _day, slots in agenda.by_day()
            for slot in slots
        }

    old, new = index(before), index(after)
    changes = []
    for key, slot in new.items():
        previous = old.get(key)
        if previous is None:
            continue

        def show(s):
            when = f"{format_day(s.date, lang)} " if s.date else ""
            clock = format_clock(s.start, lang) if s.start else "?"
            return f"{when}{clock}, {s.session.place or '?'}"

        if (
            previous.date,
            previous.session.start,
            previous.session.end,
            previous.session.place,
        ) != (slot.date, slot.session.start, slot.session.end, slot.session.place):
            changes.append(f"• {slot.session.title(lang)}: {show(previous)} → {show(slot)}")
    return changes


async def report_ingest(update: Update, context: BotContext, report, before: Agenda | None) -> None:
    lang = ui_lang(update, context)
    _ = gettext(lang)
    lines = [_("Knowledge updated:") + " " + report.summary()]
    lines += [f"✗ {f.source}: {f.reason}" for f in report.failed]
    await send_html(context, update.effective_chat.id, render_text("\n".join(lines), lang))
    if before is None:
        return
    after = context.services.agenda
    changes_fr = agenda_changes(before, after, "fr")
    if not changes_fr:
        return
    text_fr = "Changement de programme :\n" + "\n".join(changes_fr)
    text_ar = "تغيير في البرنامج:\n" + "\n".join(agenda_changes(before, after, "ar"))
    announcement_id = ledger(context).create(
        text_fr=text_fr, text_ar=text_ar, created_by=update.effective_user.id
    )
    await send_html(
        context,
        update.effective_chat.id,
        render_text(
            _("The agenda changed. Announce the change to the delegates?") + "\n\n" + text_fr, lang
        ),
        markup=decision_keyboard(announcement_id, lang),
    )


async def reload_command(update: Update, context: BotContext) -> None:
    """/reload: re-ingest the knowledge folder and report."""
    lang = ui_lang(update, context)
    _ = gettext(lang)
    before = context.services.agenda
    await update.effective_message.reply_text(_("Reloading the documents…"))
    try:
        report = await reload_knowledge(context)
    except BotError as exc:
        await update.effective_message.reply_text(f"✗ {exc}")
        return
    if report is None:
        await update.effective_message.reply_text(
            _("A reload is already running; try again when it ends.")
        )
        return
    await report_ingest(update, context, report, before)


_SAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)


async def upload(update: Update, context: BotContext) -> None:
    """An organiser sends a document: check it, keep it under uploads/, ingest it."""
    lang = ui_lang(update, context)
    _ = gettext(lang)
    document = update.effective_message.document
    name = _SAFE_NAME.sub("_", document.file_name or "document").strip("._") or "document"
    suffix = Path(name).suffix.lower()
    if suffix not in LOADERS:
        await update.effective_message.reply_text(
            _("I cannot read this kind of file. Send PDF, DOCX, MD, TXT or HTML.")
        )
        return
    if (document.file_size or 0) > MAX_UPLOAD_BYTES:
        await update.effective_message.reply_text(_("This file is over 20 MB; send a smaller one."))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        telegram_file = await document.get_file()
        await telegram_file.download_to_drive(path)
        try:
            await asyncio.to_thread(load, path)  # refuse what ingest could not read
        except BotError as exc:
            await update.effective_message.reply_text(
                _("File refused, nothing was changed:") + f" {name}: {exc}"
            )
            return
        target_dir = context.settings.knowledge_dir / "uploads"
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), target_dir / name)
    before = context.services.agenda
    report = await reload_knowledge(context)
    if report is None:
        await update.effective_message.reply_text(
            _("Saved. A reload is already running; it will be indexed with /reload.")
        )
        return
    await report_ingest(update, context, report, before)


# Overview --------------------------------------------------------------------------


async def stats(update: Update, context: BotContext) -> None:
    """Delegates, questions, feedback, unanswered topics and announcement delivery."""
    lang = ui_lang(update, context)
    _ = gettext(lang)
    db = context.storage
    by_lang = db.execute(
        "SELECT COALESCE(language, '?') AS l, COUNT(*) AS n, SUM(active) AS a "
        "FROM delegates GROUP BY l"
    ).fetchall()
    day_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat(timespec="seconds")
    recent = db.execute(
        "SELECT COUNT(*) FROM delegates WHERE last_seen >= ?", (day_ago,)
    ).fetchone()[0]
    total, confident = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(confident), 0) FROM questions"
    ).fetchone()
    up, down = db.execute(
        "SELECT COALESCE(SUM(value = 1), 0), COALESCE(SUM(value = -1), 0) FROM feedback"
    ).fetchone()
    top = db.execute(
        """SELECT LOWER(TRIM(text)) AS t, COUNT(*) AS n FROM questions WHERE confident = 0
           GROUP BY t ORDER BY n DESC, t LIMIT 5"""
    ).fetchall()
    lines = [
        _("Delegates:") + " " + ", ".join(f"{r['l']} {r['n']} ({r['a']} active)" for r in by_lang)
    ]
    lines.append(_("Seen in the last 24 hours:") + f" {recent}")
    share = f"{confident / total:.0%}" if total else "—"
    lines.append(
        _("Questions: {total}, answered confidently: {share}").format(
            total=format_number(total, lang), share=share
        )
    )
    lines.append(_("Feedback: 👍 {up} / 👎 {down}").format(up=up, down=down))
    if top:
        lines.append(_("Most frequent unanswered questions:"))
        lines += [f"• {r['t']} (×{r['n']})" for r in top]
    book = ledger(context)
    for a in book.recent(3):
        s = book.status(a.id)
        lines.append(f"📣 #{a.id} [{a.status}] " + status_line(s, lang))
    await send_html(context, update.effective_chat.id, render_text("\n".join(lines), lang))
