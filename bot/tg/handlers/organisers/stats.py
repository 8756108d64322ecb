"""/stats: delegates, questions, feedback, unanswered topics, deliveries."""

from __future__ import annotations

import datetime as dt

from telegram import Update

from bot.i18n import format_number
from bot.storage import Usage
from bot.tg.context import BotContext, gettext, ui_lang
from bot.tg.formatting import render_text
from bot.tg.handlers.common import send_html
from bot.tg.handlers.organisers.announce import status_line
from bot.tg.handlers.organisers.broadcast import ledger


def usage_lines(usage: Usage, lang: str) -> list[str]:
    """/stats' lines about delegates, questions and feedback, in ``lang``."""
    _ = gettext(lang)
    lines = [
        _("Delegates:")
        + " "
        + ", ".join(f"{code} {n} ({active} active)" for code, n, active in usage.by_language)
    ]
    lines.append(_("Seen in the last 24 hours:") + f" {usage.seen_last_day}")
    total = usage.questions
    share = f"{usage.confident / total:.0%}" if total else "—"
    lines.append(
        _("Questions: {total}, answered confidently: {share}").format(
            total=format_number(total, lang), share=share
        )
    )
    lines.append(
        _("Feedback: 👍 {up} / 👎 {down}").format(up=usage.thumbs_up, down=usage.thumbs_down)
    )
    if usage.top_unanswered:
        lines.append(_("Most frequent unanswered questions:"))
        lines += [f"• {text} (×{n})" for text, n in usage.top_unanswered]
    return lines


async def stats(update: Update, context: BotContext) -> None:
    """Delegates, questions, feedback, unanswered topics and announcement delivery."""
    lang = ui_lang(update, context)
    lines = usage_lines(context.storage.stats.usage(dt.datetime.now(dt.UTC)), lang)
    book = ledger(context)
    for a in book.recent(3):
        s = book.status(a.id)
        lines.append(f"📣 #{a.id} [{a.status}] " + status_line(s, lang))
    await send_html(context, update.effective_chat.id, render_text("\n".join(lines), lang))
