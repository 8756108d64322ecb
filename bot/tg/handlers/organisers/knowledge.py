"""/reload and document uploads: the organisers keep the documents current
from their phones."""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
from pathlib import Path

from telegram import Update

from bot.errors import BotError
from bot.event.agenda import Agenda
from bot.i18n import format_clock, format_day
from bot.knowledge.loaders import formats, supported
from bot.tg.context import BotContext, gettext, ui_lang
from bot.tg.formatting import render_text
from bot.tg.handlers.common import send_html
from bot.tg.handlers.organisers.broadcast import ledger
from bot.tg.keyboards import decision_keyboard

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


async def reload_knowledge(context: BotContext, *, wait: bool = False):
    """Incremental ingest off the event loop, one at a time; None if one is
    running (unless ``wait``: then after it)."""
    lock: asyncio.Lock = context.application.bot_data.setdefault("reload_lock", asyncio.Lock())
    if lock.locked() and not wait:
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
    lines += [f"– {f.source}: {f.reason}" for f in report.unread]
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
    if not supported(Path(name)):
        await update.effective_message.reply_text(
            _("I cannot read this kind of file. Send one of these: {formats}.").format(
                formats=", ".join(formats())
            )
        )
        return
    if (document.file_size or 0) > MAX_UPLOAD_BYTES:
        await update.effective_message.reply_text(_("This file is over 20 MB; send a smaller one."))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        telegram_file = await document.get_file()
        await telegram_file.download_to_drive(path)
        target = context.settings.knowledge_dir / "uploads" / name
        before = context.services.agenda
        # Indexing a long report takes minutes: say it is under way, or it gets sent again.
        await update.effective_message.reply_text(
            _("Received {name}: indexing it. A long document takes a few minutes.").format(
                name=name
            )
        )
        try:
            report, refused = await _ingest_upload(context, path, target, Path(tmp) / "previous")
        except BotError as exc:  # the index could not be reached: the folder as it was
            await update.effective_message.reply_text(f"✗ {exc}")
            return
        if refused is not None:
            await update.effective_message.reply_text(
                _("File refused, nothing was changed:") + f" {name}: {refused}"
            )
            return
    await report_ingest(update, context, report, before)


async def _ingest_upload(context: BotContext, path: Path, target: Path, aside: Path):
    """The upload put in place and read once, by the ingest itself (within its
    limits; a reload already running is waited for, so that this file is
    checked before the reply). Returns the report and why the file was refused
    (None: indexed); a refused file, or an ingest that failed, leaves the
    folder as it was."""
    previous = _swap_in(path, target, aside)
    try:
        report = await reload_knowledge(context, wait=True)
    except BaseException:
        _swap_back(target, previous)
        raise
    source = target.relative_to(context.settings.knowledge_dir).as_posix()
    failure = next((f for f in report.failed if f.source == source), None)
    if failure is not None:
        _swap_back(target, previous)
        return report, failure.reason
    return report, None


def _swap_in(path: Path, target: Path, aside: Path) -> Path | None:
    """Put an upload in place, keeping the file it replaces aside; returns where."""
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = None
    if target.exists():
        previous = Path(shutil.move(str(target), aside))
    shutil.move(str(path), target)
    return previous


def _swap_back(target: Path, previous: Path | None) -> None:
    """A refused upload leaves the folder as it was: the index still holds the
    previous version (a file that fails keeps its old chunks), or nothing."""
    target.unlink(missing_ok=True)
    if previous is not None:
        shutil.move(str(previous), target)
