"""Sending announcements: the broadcast task per announcement, scheduled jobs,
and resuming after a restart."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes

from bot.core.languages import LANGS
from bot.event.announcements import Broadcaster, Ledger
from bot.tg.context import BotContext
from bot.tg.formatting import render_text
from bot.tg.keyboards import receipt_keyboard

log = logging.getLogger(__name__)


def ledger(context: BotContext | ContextTypes.DEFAULT_TYPE) -> Ledger:
    return Ledger(context.application.bot_data["services"].storage)


def announcement_html(text: str, lang: str) -> str:
    (piece,) = render_text(f"📣 {text}", lang)  # texts are capped well under one message
    return piece


def make_send(application: Application):
    async def send(chat_id: int, lang: str, text: str, announcement_id: int) -> int | None:
        shown = lang if lang in LANGS else "fr"  # BOTH: French first, then Arabic
        message = await application.bot.send_message(
            chat_id,
            announcement_html(text, shown),
            parse_mode=ParseMode.HTML,
            reply_markup=receipt_keyboard(announcement_id, shown),
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
