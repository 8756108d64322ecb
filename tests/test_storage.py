import sqlite3
from pathlib import Path

import pytest

from bot.errors import StorageUnavailable
from bot.storage import MIGRATIONS, Storage


def test_migrations_apply_once_and_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    storage = Storage(path)
    assert storage.schema_version == len(MIGRATIONS)
    assert storage.migrate() == []
    storage.delegates.seen(1, 11, "Amina")
    storage.delegates.set_language(1, "ar")
    storage.close()
    again = Storage(path)
    assert (
        again.delegates.delegate(1).language == "ar" and again.delegates.delegate(1).name == "Amina"
    )


def test_a_first_release_database_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    MIGRATIONS[0][1](db)  # the first release's schema
    db.execute("INSERT INTO migrations VALUES (?, 'then')", (MIGRATIONS[0][0],))
    db.execute(
        "INSERT INTO delegates (chat_id, name, language, first_seen, last_seen) VALUES (5, 'Old', 'fr', 'x', 'x')"
    )
    db.close()
    storage = Storage(path)
    assert storage.delegates.delegate(5).language == "fr"
    assert storage.schema_version == len(MIGRATIONS)
    storage.execute("SELECT group_message_id FROM relay_requests").fetchall()


def test_feedback_is_one_vote_per_user(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "b.sqlite3")
    storage.delegates.seen(1, 11, "A")
    qid = storage.questions.record_question(
        chat_id=1,
        user_id=11,
        text="q",
        lang="fr",
        confident=True,
        mode="extractive",
        latency_ms=5,
        answer="a",
    )
    assert storage.questions.record_feedback(qid, 1, 11, 1)
    assert storage.questions.record_feedback(qid, 1, 11, -1)
    assert storage.questions.feedback_for(qid) == {11: -1}
    assert not storage.questions.record_feedback(qid + 99, 1, 11, 1)
    # Forged buttons: another chat's question, a value other than ±1 (no IntegrityError).
    assert not storage.questions.record_feedback(qid, 2, 22, -1)
    assert not storage.questions.record_feedback(qid, 1, 11, 5)
    assert storage.questions.feedback_for(qid) == {11: -1}


def test_a_delegates_language_is_guessed_until_they_choose_one(tmp_path: Path) -> None:
    delegates = Storage(tmp_path / "bot.sqlite3").delegates
    assert delegates.seen(1, 11, "Amina", "ar").effective_language == "ar"
    assert delegates.seen(1, 11, "Amina", "fr").guessed_language == "ar"  # first guess kept
    delegates.heard(1, "fr")  # she asks in French: the better guess
    assert delegates.delegate(1).effective_language == "fr"
    delegates.set_language(1, "ar")  # her choice wins, and stays
    delegates.heard(1, "en")
    assert delegates.delegate(1).effective_language == "ar"
    assert delegates.seen(2, 22, "Kofi").effective_language is None  # nothing known
    assert delegates.seen(3, 33, "Jonas", "de").guessed_language is None  # not one of ours
    assert delegates.seen(3, 33, "Jonas", "fr").guessed_language == "fr"  # a real guess later


def test_a_damaged_file_is_refused_with_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(
        StorageUnavailable, match="is damaged .* `python -m bot restore DIR --force`"
    ):
        Storage(path)
    good = Storage(tmp_path / "good.sqlite3")
    good.delegates.seen(1, 11, "Amina")
    good.close()
    data = bytearray((tmp_path / "good.sqlite3").read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page overwritten: the schema or a table
    (tmp_path / "good.sqlite3").write_bytes(bytes(data))
    with pytest.raises(StorageUnavailable, match="is damaged"):
        Storage(tmp_path / "good.sqlite3")


def test_a_file_deleted_while_running_is_written_back(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    storage = Storage(path)
    storage.delegates.seen(1, 11, "Amina", "ar")
    path.unlink()  # a careless `rm`, or a cleanup script
    storage.delegates.seen(2, 22, "Kofi", "fr")  # goes on, and puts the file back
    assert path.exists()
    storage.close()
    again = Storage(path)  # what the next start reads: nobody lost
    assert again.delegates.delegate(1).guessed_language == "ar"
    assert again.delegates.delegate(2) is not None


def test_a_file_replaced_while_running_stops_the_storage(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    storage = Storage(path)
    storage.delegates.seen(1, 11, "Amina")
    path.unlink()
    Storage(path).close()  # another, empty database where the file was
    with pytest.raises(StorageUnavailable, match="was replaced"):
        storage.delegates.delegate(1)


def test_a_file_damaged_while_running_stops_the_storage(tmp_path: Path) -> None:
    """SQLite serves its cached pages until the database changes: another
    connection checkpoints, the pages are overwritten on disk, then a change to
    page 1 alone (the header) makes the bot's connection read them again."""
    path = tmp_path / "bot.sqlite3"
    storage = Storage(path)
    for n in range(50):
        storage.delegates.seen(n, n, f"مندوب {n}", "ar")
    other = sqlite3.connect(path)
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "r+b") as f:
        f.seek(4096)
        f.write(b"\xff" * (path.stat().st_size - 4096))
    other.execute("PRAGMA user_version = 99")
    other.commit()
    other.close()
    with pytest.raises(StorageUnavailable, match="is damaged .* restore DIR --force"):
        storage.delegates.delegate(3)
