"""The command line: ``python -m bot ask|chat|ingest|run`` and ``python ingest.py``.

As thin as a handler: parse, call one service, print. Errors the assistant
can explain (``BotError``) become one readable line and exit status 1.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from bot.config import Settings, secret
from bot.core.languages import LANGS
from bot.errors import (
    BotError,
    ConfigError,
    ModelMismatch,
    ModelUnavailable,
    StorageUnavailable,
    StoreUnavailable,
)


class RedactSecrets(logging.Filter):
    """Replace secrets (the bot token, API keys) wherever they appear in a log record."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for hidden in self.secrets:
            message = message.replace(hidden, "[REDACTED]")
            if record.exc_text:
                record.exc_text = record.exc_text.replace(hidden, "[REDACTED]")
        record.msg, record.args = message, ()
        return True


def _setup_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redact = RedactSecrets(
        [secret(settings.telegram_bot_token) or "", secret(settings.llm_api_key) or ""]
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    sys.excepthook = _log_uncaught
    # httpx logs every request URL at INFO, and Telegram's URLs carry the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("chromadb").setLevel(max(logging.WARNING, logging.getLogger().level))


def _log_uncaught(kind, value, traceback) -> None:
    """An exception nobody caught goes through the redacting log handlers, like
    everything else: its message may quote a secret."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, traceback)
        return
    logging.getLogger("bot").critical("stopped by an error", exc_info=(kind, value, traceback))


def _services(ctx: click.Context):
    from bot.services import Services

    settings: Settings = ctx.obj["settings"]
    return Services(settings)


class SetupFailed(click.ClickException):
    """A setting that cannot work (a missing key, an unknown provider, Chroma out
    of reach, another model's index): one line and exit status 2, before serving."""

    exit_code = 2


_SETUP_ERRORS = (
    ConfigError,
    ModelUnavailable,
    ModelMismatch,
    StoreUnavailable,
    StorageUnavailable,
)


def _fail(exc: BotError) -> None:
    failure = SetupFailed if isinstance(exc, _SETUP_ERRORS) else click.ClickException
    raise failure(str(exc)) from exc


@click.group()
@click.version_option(package_name="terress-delegate-assistant")
@click.pass_context
def main(ctx: click.Context) -> None:
    """The Terr'ESS delegate assistant."""
    _load_settings(ctx)


def _load_settings(ctx: click.Context) -> Settings:
    """Settings from the environment, logging set up, kept on the click context."""
    try:
        settings = Settings.from_env()
    except BotError as exc:
        _fail(exc)
    _setup_logging(settings)
    ctx.ensure_object(dict)["settings"] = settings
    return settings


def _questions(question: tuple[str, ...]):
    if question:
        yield " ".join(question)
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question, one per line.")
@click.option("--lang", type=click.Choice(LANGS), help="Answer in this language.")
@click.argument("question", nargs=-1)
@click.pass_context
def ask(ctx: click.Context, as_json: bool, lang: str | None, question: tuple[str, ...]) -> None:
    """Answer QUESTION, or one question per line of standard input."""
    from bot.terminal import format_answer

    services = _services(ctx)
    try:
        for text in _questions(question):
            answer = services.ask(text, lang)
            if as_json:
                click.echo(json.dumps(answer.to_dict(text), ensure_ascii=False))
            else:
                click.echo(format_answer(answer) + "\n")
    except BotError as exc:
        _fail(exc)


@main.command()
@click.option("--lang", type=click.Choice(LANGS), help="Answer in this language.")
@click.pass_context
def chat(ctx: click.Context, lang: str | None) -> None:
    """Chat with the assistant in the terminal (/quit or Ctrl-D to leave)."""
    from bot.terminal import TerminalChat

    session = TerminalChat(_services(ctx), chosen=lang)
    click.echo(session.greeting())
    click.echo(session.loading())
    try:
        session.services.warm_up()  # the model and the index, before the first prompt
    except BotError as exc:
        _fail(exc)
    while True:
        try:
            line = click.prompt("?", prompt_suffix=" ", default="", show_default=False)
        except (EOFError, click.Abort):
            click.echo()
            break
        try:
            reply = session.reply(line)
        except BotError as exc:
            click.echo(f"error: {exc}", err=True)
            continue
        if reply is None:
            break
        if reply:
            click.echo(reply + "\n")


def _ingest(ctx: click.Context, source: Path | None, rebuild: bool) -> None:
    services = _services(ctx)
    try:
        report = services.ingest(source, rebuild=rebuild, progress=sys.stderr.isatty())
    except BotError as exc:
        _fail(exc)
    for failure in report.failed:
        click.echo(f"FAILED {failure.source}: {failure.reason}", err=True)
    for failure in report.unread:
        click.echo(f"NOT READ {failure.source}: {failure.reason}", err=True)
    click.echo(f"ingest: {report.summary()}")
    ctx.exit(0 if report.ok else 1)


_source_option = click.option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder inside KNOWLEDGE_DIR: add or refresh its documents, the rest of "
    "the index untouched (default: all of KNOWLEDGE_DIR).",
)
_rebuild_option = click.option(
    "--rebuild",
    is_flag=True,
    help="Re-index everything into a new index, swapped in when complete "
    "(needed after changing the model).",
)


@main.command("ingest")
@_source_option
@_rebuild_option
@click.pass_context
def ingest_command(ctx: click.Context, source: Path | None, rebuild: bool) -> None:
    """Index the knowledge folder into Chroma (incremental)."""
    _ingest(ctx, source, rebuild)


@main.command()
@click.pass_context
def serve(ctx: click.Context) -> None:
    """Serve Telegram (long polling, or a webhook when WEBHOOK_URL is set)."""
    settings: Settings = ctx.obj["settings"]
    if not settings.telegram_bot_token:
        raise click.ClickException("TELEGRAM_BOT_TOKEN is not set (see .env.example)")
    from bot.tg.app import serve as serve_telegram

    try:
        serve_telegram(settings, _services(ctx))
    except BotError as exc:
        _fail(exc)


@main.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Serve Telegram when TELEGRAM_BOT_TOKEN is set, else chat in the terminal."""
    settings: Settings = ctx.obj["settings"]
    ctx.invoke(serve if settings.telegram_bot_token else chat)


@main.command("backup")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def backup_command(ctx: click.Context, folder: Path) -> None:
    """Save the bot's state into FOLDER: a consistent copy of the database, the
    uploaded documents and the FAQ entries from relayed answers (safe while the
    bot runs)."""
    from bot.backup import backup

    try:
        click.echo(f"backup: {backup(ctx.obj['settings'], folder).summary()}")
    except BotError as exc:
        _fail(exc)


@main.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing database (stop the bot first).")
@click.pass_context
def restore_command(ctx: click.Context, folder: Path, force: bool) -> None:
    """Put a backup from FOLDER back, then re-index the documents."""
    from bot.backup import restore

    try:
        click.echo(f"restore: {restore(ctx.obj['settings'], folder, force=force).summary()}")
    except BotError as exc:
        _fail(exc)
    _ingest(ctx, None, rebuild=False)


@click.command()
@_source_option
@_rebuild_option
@click.pass_context
def ingest_main(ctx: click.Context, source: Path | None, rebuild: bool) -> None:
    """Index the knowledge folder into Chroma (incremental): python ingest.py."""
    _load_settings(ctx)
    _ingest(ctx, source, rebuild)
