"""The Telegram application, built in one function so tests build the same one.

``build_application`` wires handlers, the error handler and per-language
command menus; ``serve`` runs it with long polling or, when ``WEBHOOK_URL``
is set, a webhook whose secret token Telegram must echo.
"""

from __future__ import annotations

import logging
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.config import Settings, secret
from bot.core.languages import LANGS
from bot.errors import ConfigError
from bot.services import Services
from bot.tg.context import BotContext, gettext
from bot.tg.handlers import delegates
from bot.tg.handlers.common import error_handler
from bot.tg.handlers.organisers import announce, broadcast, knowledge, relay, stats
from bot.tg.middleware import register_delegate
from bot.tg.ordering import PerChatOrder
from bot.tg.ratelimit import RateLimiter

log = logging.getLogger(__name__)

COMMANDS = ("start", "lang", "help", "agenda", "today", "next", "subscribe", "unsubscribe")
ANSWER_WORKERS = max(1, min(4, os.cpu_count() or 1))
# With an LLM, a worker mostly waits on the network (up to LLM_TIMEOUT): enough of
# them that six delegates asking at once all get their answer within one timeout,
# instead of queueing behind each other's waits.
LLM_WORKERS = 16
PRIVATE = filters.ChatType.PRIVATE
# PTB's default for concurrent_updates(True); one chat's updates still go in order.
CONCURRENT_UPDATES = 256


def command_menu(lang: str) -> list[BotCommand]:
    _ = gettext(lang)
    descriptions = {
        "start": _("start and choose a language"),
        "lang": _("change the language"),
        "help": _("what I can do"),
        "agenda": _("the programme, day by day"),
        "today": _("today's sessions"),
        "next": _("the next session"),
        "subscribe": _("receive the organisers' announcements"),
        "unsubscribe": _("stop receiving announcements"),
    }
    return [BotCommand(name, descriptions[name]) for name in COMMANDS]


async def _post_init(application: Application) -> None:
    for lang in LANGS:
        await application.bot.set_my_commands(command_menu(lang), language_code=lang)
    await application.bot.set_my_commands(command_menu("en"))
    # Once running (the job queue starts with the application): broadcasts left
    # unfinished and scheduled announcements, from SQLite.
    application.job_queue.run_once(broadcast.resume_job, when=0, name="resume-announcements")


async def _post_shutdown(application: Application) -> None:
    application.bot_data["executor"].shutdown(wait=False, cancel_futures=True)


def _organiser_only(callback, settings: Settings):
    """A callback-button handler that ignores presses from anyone but an organiser."""

    async def guarded(update: Update, context: BotContext):
        user = update.effective_user
        if user is None or user.id not in settings.organiser_ids:
            log.warning("user %s pressed an organiser button", user.id if user else "?")
            await update.callback_query.answer()
            return None
        return await callback(update, context)

    return guarded


def build_application(
    settings: Settings, services: Services, *, rate_limit: bool = True
) -> Application:
    """The bot, wired; ``rate_limit`` keeps sends under Telegram's flood limits."""
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_url.replace("/bot", "/file/bot"))
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(PerChatOrder(CONCURRENT_UPDATES))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application = builder.build()
    application.bot_data["services"] = services
    application.bot_data["rate_limiter"] = RateLimiter(limit=10, window=60)
    # As many answer workers as cores: more would only fight over the GIL and
    # the model, and starve the event loop that sends the replies. An LLM's wait
    # holds a worker without using the CPU: then many more.
    application.bot_data["executor"] = ThreadPoolExecutor(
        max_workers=LLM_WORKERS if settings.llm_model else ANSWER_WORKERS,
        thread_name_prefix="answer",
    )
    application.bot_data["relay"] = relay.relay
    application.add_handler(TypeHandler(Update, register_delegate), group=-1)
    # Organisers first: for anyone else these names fall through to "unknown command".
    _add_organiser_handlers(application, settings)
    _add_delegate_handlers(application)
    application.add_error_handler(error_handler)
    return application


def _announce_flow(organiser: filters.BaseFilter) -> ConversationHandler:
    with warnings.catch_warnings():
        # per_message=False is what we want: the flow follows the organiser, not one message.
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        text = filters.TEXT & ~filters.COMMAND
        return ConversationHandler(
            entry_points=[
                CommandHandler("announce", announce.announce, filters=organiser & PRIVATE)
            ],
            states={
                announce.ASK_FR: [
                    CommandHandler("skip", announce.skip_french),
                    MessageHandler(text, announce.got_french),
                ],
                announce.ASK_AR: [
                    CommandHandler("skip", announce.skip_arabic),
                    MessageHandler(text, announce.got_arabic),
                ],
                announce.CONFIRM: [
                    CallbackQueryHandler(
                        announce.decide, pattern=r"^ann:(send|schedule|cancel):\d+$"
                    )
                ],
                announce.ASK_TIME: [MessageHandler(text, announce.got_time)],
            },
            fallbacks=[CommandHandler("cancel", announce.cancel_flow)],
            name="announce",
        )


def _add_organiser_handlers(application: Application, settings: Settings) -> None:
    organiser = filters.User(user_id=sorted(settings.organiser_ids), allow_empty=False)
    application.add_handler(_announce_flow(organiser))
    for name, callback in (
        ("announcements", announce.announcements),
        ("status", announce.status),
        ("reload", knowledge.reload_command),
        ("stats", stats.stats),
        ("unanswered", relay.unanswered),
    ):
        application.add_handler(CommandHandler(name, callback, filters=organiser))
    application.add_handler(
        CallbackQueryHandler(
            _organiser_only(announce.decide, settings), pattern=r"^ann:(send|cancel):\d+$"
        )
    )
    if settings.organiser_chat_id is not None:
        group_reply = filters.Chat(chat_id=settings.organiser_chat_id) & filters.REPLY
        application.add_handler(
            MessageHandler(
                group_reply & filters.TEXT & ~filters.COMMAND & organiser, relay.organiser_reply
            )
        )
    application.add_handler(
        MessageHandler(filters.Document.ALL & PRIVATE & organiser, knowledge.upload)
    )


def _add_delegate_handlers(application: Application) -> None:
    for name, callback, only in (
        ("start", delegates.start, None),
        ("lang", delegates.lang_command, None),
        ("help", delegates.help_command, None),
        ("agenda", delegates.agenda, None),
        ("today", delegates.today, None),
        ("next", delegates.next_session, None),
        ("whoami", delegates.whoami, None),
        ("subscribe", delegates.subscribe, PRIVATE),
        ("unsubscribe", delegates.unsubscribe, PRIVATE),
    ):
        application.add_handler(CommandHandler(name, callback, filters=only))
    for pattern, callback in (
        (r"^lang:", delegates.lang_chosen),
        (r"^fb:", delegates.feedback),
        (r"^relay:", delegates.relay_request),
        (r"^read:", announce.receipt),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    # A button no handler above knows (stale, forged): answered, or the client spins.
    application.add_handler(CallbackQueryHandler(delegates.unknown_button))
    # An edited message is not a new question: answered once, when it was sent.
    new = ~filters.UpdateType.EDITED
    application.add_handler(MessageHandler(filters.COMMAND & new, delegates.unknown_command))
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & new, delegates.question)
    )
    application.add_handler(
        MessageHandler(
            ~filters.TEXT & ~filters.StatusUpdate.ALL & PRIVATE & new, delegates.not_text
        )
    )


def webhook_path(url: str) -> str:
    """The path the webhook server listens on: WEBHOOK_URL's own, the root when
    it has none (Telegram POSTs to exactly the URL it was given)."""
    return urlparse(url).path.strip("/")


def serve(settings: Settings, services: Services) -> None:
    """Run until interrupted: long polling, or a webhook when WEBHOOK_URL is set.

    A token Telegram rejects, or a Bot API out of reach at start, is one line
    (``ConfigError``), never a traceback: python-telegram-bot's own message for
    a rejected token quotes the token."""
    services.warm_up()
    services.storage  # noqa: B018 (a damaged database stops the start, with its line)
    application = build_application(settings, services)
    try:
        _run(settings, application)
    except InvalidToken:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN was rejected by Telegram: copy it again from @BotFather"
        ) from None
    except NetworkError as exc:
        where = urlparse(settings.telegram_api_base_url).netloc  # the path holds the token
        raise ConfigError(
            f"cannot reach the Telegram Bot API at {where} ({type(exc).__name__}): "
            "check the network, or TELEGRAM_API_BASE_URL"
        ) from None
    fatal = application.bot_data.get("fatal")
    if fatal is not None:
        raise fatal


def _run(settings: Settings, application: Application) -> None:
    if settings.webhook_url:
        log.info(
            "serving Telegram by webhook on %s:%d", settings.webhook_listen, settings.webhook_port
        )
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=webhook_path(settings.webhook_url),
            secret_token=secret(settings.webhook_secret),
            webhook_url=settings.webhook_url,
            allowed_updates=Update.ALL_TYPES,
            close_loop=False,  # a failed start leaves the process's loop usable
        )
    else:
        log.info("serving Telegram by long polling")
        application.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=False)
