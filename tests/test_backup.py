"""`python -m bot backup DIR` / `restore DIR`: a consistent copy of the state,
restored into a fresh DATA_DIR and KNOWLEDGE_DIR, and answering again."""

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import ingest_main, main
from bot.config import Settings
from bot.storage import Storage
from tests.conftest import FIXTURE_DOCS, write_docs


def _environment(monkeypatch, knowledge: Path, data: Path, collection: str) -> None:
    monkeypatch.setenv("KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("DATA_DIR", str(data))
    monkeypatch.setenv("CHROMA_COLLECTION", collection)
    monkeypatch.chdir(data.parent)  # no stray .env from the project


@pytest.fixture
def running_bot_state(settings: Settings, monkeypatch) -> Storage:
    """The state of a bot that has run: a delegate, an upload, a relayed FAQ entry."""
    root = settings.knowledge_dir
    (root / "uploads").mkdir()
    (root / "uploads/diner.fr.txt").write_text(
        "Le dîner officiel a lieu au restaurant Atlas, sur la corniche.\n", encoding="utf-8"
    )
    (root / "faq/relayed").mkdir(parents=True)
    (root / "faq/relayed/q1.fr.md").write_text(
        "---\ntitle: Question relayée\nlang: fr\nkind: faq\n---\n# FAQ\n\n"
        "## Y a-t-il une navette ?\n\nUne navette part de l'hôtel à 8 h 30.\n",
        encoding="utf-8",
    )
    _environment(monkeypatch, root, settings.data_dir, settings.chroma_collection)
    storage = Storage(settings.bot_db_path)
    storage.delegates.seen(701, 701, "Amina", client_language="ar")
    storage.delegates.set_language(701, "ar")
    return storage


def test_backup_then_restore_into_a_fresh_place_answers_again(
    running_bot_state: Storage, settings: Settings, tmp_path: Path, monkeypatch, e5
) -> None:
    runner = CliRunner()
    assert runner.invoke(ingest_main, []).exit_code == 0
    saved = tmp_path / "backup-1"
    # Taken while the bot holds the database open (WAL mode): a consistent copy.
    result = runner.invoke(main, ["backup", str(saved)])
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output
    manifest = json.loads((saved / "backup.json").read_text())
    assert manifest["folders"] == ["uploads", "faq/relayed"]
    with sqlite3.connect(saved / "bot.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = runner.invoke(main, ["backup", str(saved)])  # never over an old backup
    assert again.exit_code != 0 and "not empty" in again.output

    fresh = tmp_path / "elsewhere"
    write_docs(fresh / "knowledge", FIXTURE_DOCS)  # the repository's documents only
    _environment(monkeypatch, fresh / "knowledge", fresh / "data", "restored")
    result = runner.invoke(main, ["restore", str(saved)])
    assert result.exit_code == 0, result.output
    assert "added 5" in result.output  # the three documents, the upload, the FAQ entry
    restored = Storage(fresh / "data" / "bot.sqlite3").delegates.delegate(701)
    assert restored is not None and restored.language == "ar"
    answer = runner.invoke(main, ["ask", "--json", "Où a lieu le dîner officiel ?"])
    payload = json.loads(answer.output.strip().splitlines()[-1])
    assert payload["confident"] and "Atlas" in payload["answer"]

    over = runner.invoke(main, ["restore", str(saved)])  # a database is there now
    assert over.exit_code == 2 and "--force" in over.output
    assert runner.invoke(main, ["restore", "--force", str(saved)]).exit_code == 0


def test_restore_refuses_a_folder_that_is_not_a_backup(settings: Settings, tmp_path, monkeypatch):
    _environment(monkeypatch, settings.knowledge_dir, settings.data_dir, "x")
    result = CliRunner().invoke(main, ["restore", str(tmp_path)])
    assert result.exit_code == 2 and "is not a backup" in result.output
    assert not settings.bot_db_path.exists()
