"""The inline keyboards, with the callback data each handler's pattern expects:
``lang:<code>``, ``fb:<question>:<±1>``, ``relay:<question>``,
``read:<announcement>``, ``ann:<send|schedule|cancel>:<announcement>``."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.languages import LANGS
from bot.i18n import language_name
from bot.tg.context import gettext


def language_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    language_name(code, in_lang=code).capitalize(), callback_data=f"lang:{code}"
                )
                for code in LANGS
            ]
        ]
    )


def answer_keyboard(question_id: int, confident: bool, lang: str) -> InlineKeyboardMarkup:
    _ = gettext(lang)
    rows = [
        [
            InlineKeyboardButton("👍", callback_data=f"fb:{question_id}:1"),
            InlineKeyboardButton("👎", callback_data=f"fb:{question_id}:-1"),
        ]
    ]
    if not confident:
        rows.append(
            [InlineKeyboardButton(_("Ask the organisers"), callback_data=f"relay:{question_id}")]
        )
    return InlineKeyboardMarkup(rows)


def receipt_keyboard(announcement_id: int, lang: str) -> InlineKeyboardMarkup:
    _ = gettext(lang)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("✅ Received"), callback_data=f"read:{announcement_id}")]]
    )


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
