"""`python -m bot serve` when Telegram says no, or cannot be reached: one line,
exit status 2, and never the token."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from bot.cli import ingest_main, main
from bot.config import Settings
from bot.storage import Storage
from tests.conftest import ROOT
from tests.handlers.test_webhook import free_port

WRONG = "123456789:AAE-not-the-real-token-xyz"


@pytest.fixture
def environment(settings: Settings, monkeypatch) -> None:
    monkeypatch.setenv("KNOWLEDGE_DIR", str(settings.knowledge_dir))
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("CHROMA_COLLECTION", settings.chroma_collection)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", WRONG)
    monkeypatch.chdir(settings.data_dir.parent)
    assert CliRunner().invoke(ingest_main, []).exit_code == 0


def test_a_rejected_token_is_one_line_without_the_token(
    environment, fake_api, monkeypatch, caplog, e5
) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake_api.base_url)  # its token is another
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2, result.output
    assert "TELEGRAM_BOT_TOKEN was rejected by Telegram" in result.output
    assert "Traceback" not in result.output
    assert WRONG not in result.output and WRONG not in caplog.text
    assert WRONG.split(":")[1] not in result.output + caplog.text


def test_an_unreachable_bot_api_is_one_line(environment, monkeypatch, caplog, e5) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{free_port()}/bot")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2, result.output
    assert "cannot reach the Telegram Bot API at 127.0.0.1:" in result.output
    assert "Traceback" not in result.output and WRONG not in result.output + caplog.text


def test_a_damaged_database_stops_the_start(environment, settings: Settings, e5) -> None:
    settings.bot_db_path.write_bytes(b"garbage" * 1000)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2 and "is damaged" in result.output
    assert "python -m bot restore" in result.output and "Traceback" not in result.output


def _wait(condition, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_the_database_deleted_then_replaced_under_the_running_bot(
    settings: Settings, fake_api, e5
) -> None:
    """The real process: a deleted file is written back and the delegate answered;
    a replaced one stops the bot with its line (exit 2), not an apology forever."""
    env = {
        "PATH": os.environ["PATH"],
        "HF_HUB_OFFLINE": "1",
        "KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "DATA_DIR": str(settings.data_dir),
        "CHROMA_COLLECTION": settings.chroma_collection,
        "TELEGRAM_BOT_TOKEN": fake_api.token,
        "TELEGRAM_API_BASE_URL": fake_api.base_url,
    }
    subprocess.run([sys.executable, "ingest.py"], cwd=ROOT, env=env, check=True, timeout=300)
    log = settings.data_dir / "bot.log"
    with log.open("w") as stderr:
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stderr=stderr
        )
    try:
        # setMyCommands is the last call before polling (getUpdates is not recorded).
        _wait(lambda: fake_api.sent("setMyCommands") or bot.poll() is not None)
        assert bot.poll() is None, log.read_text()
        database = settings.bot_db_path
        _wait(database.exists)
        database.unlink()
        fake_api.send(801, "Combien de jours dure la rencontre ?")
        _wait(lambda: fake_api.sent(chat_id=801))
        assert "trois jours" in fake_api.sent(chat_id=801)[0].params["text"]
        assert database.exists()  # written back, delegate 801 in it
        database.unlink()
        Storage(database).close()  # another database where the file was
        fake_api.send(802, "Combien de jours dure la rencontre ?")
        bot.wait(timeout=60)
    finally:
        bot.kill()
    err = log.read_text()
    assert bot.returncode == 2, err
    assert "was replaced while the bot ran" in err and fake_api.token not in err
