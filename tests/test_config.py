import re
from pathlib import Path

import pytest

from bot.config import Settings, setting_names
from bot.errors import ConfigError
from tests.conftest import ROOT


def test_defaults() -> None:
    settings = Settings.from_env({}, env_file=None)
    assert settings.knowledge_dir == Path("knowledge")
    assert settings.chroma_path == Path("data/chroma")
    assert settings.chroma_host is None
    assert settings.embedding_model == "e5-small"


def test_every_setting_is_documented_in_env_example() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Z_]+)=", example, flags=re.MULTILINE))
    assert documented == set(setting_names())


def test_env_file_fills_in_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("CHROMA_HOST=db.local\nCHROMA_PORT=9000\nLOG_LEVEL=debug\n")
    settings = Settings.from_env({"CHROMA_PORT": "9100"}, env_file=env_file)
    assert settings.chroma_host == "db.local"
    assert settings.chroma_port == 9100
    assert settings.log_level == "DEBUG"


def test_secrets_are_never_in_repr() -> None:
    environ = {
        "TELEGRAM_BOT_TOKEN": "123:tok-value",
        "LLM_API_KEY": "key-value",
        "WEBHOOK_SECRET": "hook-value",
    }
    settings = Settings.from_env(environ, env_file=None)
    assert settings.token == "123:tok-value"
    assert settings.webhook_secret.get_secret_value() == "hook-value"
    for shown in (repr(settings), str(settings), str(dict(settings))):
        assert not any(value in shown for value in environ.values())


def test_organisers_blank_values_and_copies() -> None:
    settings = Settings.from_env(
        {"ORGANISER_IDS": "12, 34,", "CHROMA_HOST": "  ", "WEBHOOK_PORT": ""}, env_file=None
    )
    assert settings.organiser_ids == frozenset({12, 34})
    assert settings.chroma_host is None and settings.webhook_port == 8443
    copy = settings.updated(chroma_port="9001")
    assert copy.chroma_port == 9001 and copy.organiser_ids == settings.organiser_ids
    with pytest.raises(ConfigError, match="ORGANISER_IDS"):
        Settings.from_env({"ORGANISER_IDS": "12,abc"}, env_file=None)


def test_the_constructor_never_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROMA_PORT", "1234")
    assert Settings().chroma_port == 8000
    assert Settings.from_env(env_file=None).chroma_port == 1234


@pytest.mark.parametrize(("name", "value"), [("CHROMA_PORT", "eighty"), ("LOG_LEVEL", "LOUD")])
def test_bad_values_are_explained(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value}, env_file=None)
