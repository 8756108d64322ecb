"""The typed callback context (the assistant's services as properties) and the
language of an update: stored preference, else the Telegram client's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import CallbackContext, ExtBot

from bot.core.languages import LANGS
from bot.i18n import translator

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services import Services
    from bot.storage import Storage


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """The callback context, with the assistant's services as typed properties."""

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]

    @property
    def storage(self) -> Storage:
        return self.services.storage

    @property
    def settings(self) -> Settings:
        return self.services.settings


def telegram_lang(update: Update) -> str:
    """The language of the user's Telegram client, when we speak it; else English."""
    user = update.effective_user
    code = (user.language_code or "").split("-")[0].lower() if user else ""
    return code if code in LANGS else "en"


def ui_lang(update: Update, context: BotContext) -> str:
    """Stored preference, else the Telegram client's language, else English."""
    chat = update.effective_chat
    if chat is not None:
        stored = context.storage.delegates.language_of(chat.id)
        if stored in LANGS:
            return stored
    return telegram_lang(update)


def gettext(lang: str):
    return translator(lang).gettext


def translate(lang: str, message: str) -> str:
    """One message in ``lang``; pybabel extracts ``translate(lang, "...")`` calls."""
    return translator(lang).gettext(message)
