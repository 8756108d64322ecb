import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import ingest_main, main
from bot.config import Settings
from tests.conftest import ROOT


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "DATA_DIR": str(settings.data_dir),
        "CHROMA_COLLECTION": settings.chroma_collection,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(settings.data_dir.parent)  # no stray .env from the project
    return values


def test_ingest_then_ask_json(env: dict[str, str], e5) -> None:
    runner = CliRunner()
    result = runner.invoke(ingest_main, [])
    assert result.exit_code == 0, result.output
    assert "added 3" in result.output and "failed 0" in result.output

    result = runner.invoke(main, ["ask", "--json", "ما هي الدول المشاركة في اللقاء؟"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    payload = json.loads(line)
    assert list(payload) == ["question", "lang", "answer", "confident", "mode", "sources"]
    assert payload["question"] == "ما هي الدول المشاركة في اللقاء؟"
    assert payload["lang"] == "ar"
    assert payload["mode"] == "extractive"
    assert isinstance(payload["confident"], bool)
    assert "Sénégal" in payload["answer"]
    source = payload["sources"][0]
    assert list(source) == ["title", "source", "section", "lang", "score"]
    assert source["source"] == "programme/rencontre.fr.md"
    assert source["title"] == "La rencontre d'Agadir" and source["section"] == "Participants"
    assert source["lang"] == "fr" and isinstance(source["score"], float)


def test_ask_reads_one_question_per_line(env: dict[str, str], e5) -> None:
    runner = CliRunner()
    assert runner.invoke(ingest_main, []).exit_code == 0
    stdin = "Which countries take part?\n\nكم عدد التعاونيات؟\n"
    result = runner.invoke(main, ["ask", "--json", "--lang", "fr"], input=stdin)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [p["question"] for p in lines] == ["Which countries take part?", "كم عدد التعاونيات؟"]
    assert {p["lang"] for p in lines} == {"fr"}  # --lang wins over detection
    assert "6000" in lines[1]["answer"]


def test_ingest_reports_corrupt_file_and_exits_1(env: dict[str, str], e5) -> None:
    bad = Path(env["KNOWLEDGE_DIR"]) / "broken.docx"
    bad.write_bytes(b"definitely not a docx")
    result = CliRunner().invoke(ingest_main, [])
    assert result.exit_code == 1
    assert "FAILED broken.docx: not a readable DOCX file" in result.output
    assert "added 3" in result.output  # the rest is indexed


def test_ingest_names_a_file_it_does_not_read_and_still_succeeds(env: dict[str, str], e5) -> None:
    # An organiser's photo of the programme, or a Word 97 file: nothing is wrong
    # with the rest, but whoever put it there must learn it is not searchable.
    (Path(env["KNOWLEDGE_DIR"]) / "programme.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = CliRunner().invoke(ingest_main, [])
    assert result.exit_code == 0
    assert "NOT READ programme.doc: unsupported format '.doc'" in result.output
    assert "added 3" in result.output and "not read 1" in result.output


def test_rebuild_flag(env: dict[str, str], e5) -> None:
    runner = CliRunner()
    runner.invoke(ingest_main, [])
    result = runner.invoke(ingest_main, ["--rebuild"])
    assert result.exit_code == 0 and "added 3" in result.output


def test_model_mismatch_is_one_clear_line(env: dict[str, str], e5, monkeypatch) -> None:
    runner = CliRunner()
    runner.invoke(ingest_main, [])
    monkeypatch.setenv("EMBEDDING_MODEL", "sentence-transformers:other/model")
    result = runner.invoke(main, ["ask", "Quels pays participent ?"])
    assert result.exit_code == 2
    assert "--rebuild" in result.output and "Traceback" not in result.output


def test_chat_answers_until_eof(env: dict[str, str], e5) -> None:
    runner = CliRunner()
    runner.invoke(ingest_main, [])
    result = runner.invoke(main, ["chat"], input="Combien de jours dure la rencontre ?\n")
    assert result.exit_code == 0, result.output
    assert "trois jours" in result.output
    # A sign of life before the model loads, and what can be typed.
    loading = result.output.index("Chargement du modèle et des documents…")
    assert result.output.index("/quit") < loading < result.output.index("trois jours")
    # An empty line is not a way out; /quit is.
    asked = "\nCombien de jours dure la rencontre ?\n/quit\nQuels pays participent ?\n"
    result = runner.invoke(main, ["chat"], input=asked)
    assert result.exit_code == 0 and "trois jours" in result.output
    assert "Sénégal" not in result.output  # nothing asked after /quit is answered
    assert "📄 La rencontre d'Agadir — Durée" in result.output


def test_root_ingest_script_runs(env: dict[str, str], e5) -> None:
    """`python ingest.py` is the README's command: run it as a process once."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "ingest.py")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**env, "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "added 3" in result.stdout


def test_secrets_are_redacted_from_log_records_and_tracebacks() -> None:
    import logging

    from bot.cli import RedactSecrets

    token = "123456:SECRET-TOKEN"
    redact = RedactSecrets([token, ""])
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{token}/getMe failed")
    except RuntimeError:
        import sys as _sys

        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "url %s", (f"/bot{token}/x",), _sys.exc_info()
        )
    assert redact.filter(record)
    assert token not in record.getMessage() and "[REDACTED]" in record.getMessage()
    assert token not in record.exc_text and "[REDACTED]" in record.exc_text


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        ({"LLM_MODEL": "openai:gpt-4o-mini"}, "LLM_API_KEY is not set"),
        ({"LLM_MODEL": "nosuchprovider:some-model"}, "LLM_MODEL='nosuchprovider:some-model'"),
        ({"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": "PORT"}, "Chroma"),
    ],
    ids=["provider-key-missing", "unknown-provider", "chroma-server-unreachable"],
)
def test_a_setting_that_cannot_work_stops_the_start_in_one_line(
    env: dict[str, str], e5, monkeypatch: pytest.MonkeyPatch, settings_: dict, expected: str
) -> None:
    """Checked when the chat (or the bot) starts, not at the first question."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    for name, value in settings_.items():
        monkeypatch.setenv(name, str(_free_port()) if value == "PORT" else value)
    result = CliRunner().invoke(main, ["chat"], input="Combien de jours ?\n")
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and expected in errors[0], result.output
    assert "Traceback" not in result.output and "trois jours" not in result.output


def test_an_uncaught_error_goes_through_the_redacting_log() -> None:
    """What nobody caught (at start or later) is printed by the log handlers, which
    redact the token, not by Python's default hook."""
    token = "123456:UNCAUGHT-SECRET"
    code = (
        "from bot.cli import _setup_logging; from bot.config import Settings;"
        f"_setup_logging(Settings(telegram_bot_token={token!r}));"
        f"raise RuntimeError('rejected: {token}')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "RuntimeError: rejected: [REDACTED]" in done.stderr and token not in done.stderr
