"""What every handler shares: replies that survive Telegram's HTML parser, who a
message is meant for, and the error handler."""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from bot.errors import StorageUnavailable
from bot.tg.context import BotContext, gettext, telegram_lang, ui_lang
from bot.tg.formatting import plain

log = logging.getLogger(__name__)


async def send_html(
    context: BotContext,
    chat_id: int,
    pieces: list[str],
    *,
    reply_to: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> list[Message]:
    """Send HTML pieces in order; the buttons go on the last one.

    If Telegram cannot parse a piece's entities, the same text goes out as
    plain text: an answer is never lost to a markup problem.
    """
    sent = []
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        kwargs = {
            "reply_markup": markup if last else None,
            "reply_to_message_id": reply_to if i == 0 else None,
        }
        try:
            message = await context.bot.send_message(
                chat_id, piece, parse_mode=ParseMode.HTML, **kwargs
            )
        except BadRequest as exc:
            if "parse entities" not in str(exc).lower():
                raise
            log.warning("Telegram could not parse a reply's HTML; sending it as plain text")
            message = await context.bot.send_message(chat_id, plain(piece), **kwargs)
        sent.append(message)
    return sent


def is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


def addressed_text(update: Update, bot_username: str) -> str | None:
    """The question in a message meant for the bot, or None.

    In a private chat every text is. In a group, only a message that mentions
    the bot or replies to one of its messages; the mention is removed.
    """
    message = update.effective_message
    if message is None or message.text is None:
        return None
    if is_private(update):
        return message.text
    mention = f"@{bot_username}".lower()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.username:
        if replied.from_user.username.lower() == bot_username.lower():
            return message.text
    if mention in message.text.lower():
        return re.sub(re.escape(mention), "", message.text, flags=re.IGNORECASE).strip()
    return None


async def error_handler(update: object, context: BotContext) -> None:
    """Log the failure (no message text, no token) and apologise to the user. A
    database that cannot be trusted stops the bot (``serve`` exits with its line)."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, StorageUnavailable):
        if "fatal" not in context.application.bot_data:  # once: a second stop would
            log.critical("stopping: %s", context.error)  # cut the shutdown short
            context.application.bot_data["fatal"] = context.error
            context.application.stop_running()
        return
    log.error(
        "handler failed on update %s: %s",
        update_id,
        type(context.error).__name__,
        exc_info=context.error,
    )
    if isinstance(update, Update) and update.effective_chat is not None:
        lang = telegram_lang(update)
        try:
            lang = ui_lang(update, context)
        except Exception:  # the storage itself may be what failed
            log.debug("language lookup failed in the error handler")
        _ = gettext(lang)
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                _("Sorry, something went wrong. Please try again in a moment."),
            )
        except Exception:
            log.warning("could not send the apology for update %s", update_id)
