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


def test_token_is_never_in_repr() -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:secret"}, env_file=None)
    assert settings.telegram_bot_token == "123:secret"
    assert "secret" not in repr(settings)


@pytest.mark.parametrize(("name", "value"), [("CHROMA_PORT", "eighty"), ("LOG_LEVEL", "LOUD")])
def test_bad_values_are_explained(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value}, env_file=None)
