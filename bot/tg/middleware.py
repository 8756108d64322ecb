"""What runs before every handler (a ``TypeHandler`` in group -1): the delegate
who writes in a private chat is registered, or their last visit refreshed, so
no handler has to remember to do it."""

from __future__ import annotations

from telegram import Update

from bot.tg.context import BotContext

# An organiser drafting an announcement writes to the bot too: only these make
# an organiser a delegate (who then receives the announcements).
DELEGATE_COMMANDS = ("/start", "/lang", "/subscribe", "/unsubscribe")


async def register_delegate(update: Update, context: BotContext) -> None:
    """Register the sender of a private message or button press (keeps language and
    subscription); groups and channels register nobody."""
    user, chat = update.effective_user, update.effective_chat
    if chat is None or chat.type != "private":
        return
    if update.message is None and update.callback_query is None:
        return  # edits, member updates: no visit to record
    if user is not None and user.id in context.settings.organiser_ids:
        if not _as_delegate(update):
            return
    name = user.full_name if user else ""
    client = (user.language_code or "").split("-")[0].lower() if user else ""
    context.storage.delegates.seen(chat.id, user.id if user else None, name, client or None)


def _as_delegate(update: Update) -> bool:
    if update.callback_query is not None:
        return (update.callback_query.data or "").startswith("lang:")
    command = (update.message.text or "").split(maxsplit=1)[:1]
    return bool(command) and command[0].split("@")[0] in DELEGATE_COMMANDS
