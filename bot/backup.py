"""``python -m bot backup DIR`` and ``restore DIR``: the state that cannot be
rebuilt from the repository, in one folder.

What is saved: a consistent snapshot of ``DATA_DIR/bot.sqlite3`` (delegates,
their languages and subscriptions, questions, feedback, relays, the
announcement ledger), the documents organisers uploaded
(``KNOWLEDGE_DIR/uploads/``) and the FAQ entries made from relayed answers
(``KNOWLEDGE_DIR/faq/relayed/``). What is not: the Chroma index, which the
restore rebuilds from the documents (it is derived data, and a copy taken
while an ingest writes could be half a document).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings
from bot.errors import ConfigError
from bot.knowledge import relayed

DATABASE = "bot.sqlite3"
MANIFEST = "backup.json"
# The organisers' own documents, under KNOWLEDGE_DIR: what git does not hold.
KEPT_FOLDERS = ("uploads", relayed.FOLDER)


@dataclass(frozen=True)
class BackupReport:
    folder: Path
    files: int  # documents copied, besides the database

    def summary(self) -> str:
        return f"{self.folder}: {DATABASE} and {self.files} documents"


def backup(settings: Settings, folder: Path) -> BackupReport:
    """Write the bot's state into ``folder`` (created; refused if not empty)."""
    from bot.storage import Storage

    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise ConfigError(f"backup folder {folder} is not empty: choose a new one")
    folder.mkdir(parents=True, exist_ok=True)
    storage = Storage(settings.bot_db_path)
    try:
        storage.snapshot(folder / DATABASE)
    finally:
        storage.close()
    files = 0
    for name in KEPT_FOLDERS:
        source = Path(settings.knowledge_dir) / name
        if source.is_dir():
            shutil.copytree(source, folder / "knowledge" / name, symlinks=False)
            files += sum(1 for p in (folder / "knowledge" / name).rglob("*") if p.is_file())
    manifest = {
        "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": DATABASE,
        "folders": [n for n in KEPT_FOLDERS if (folder / "knowledge" / n).is_dir()],
        "documents": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return BackupReport(folder, files)


def restore(settings: Settings, folder: Path, *, force: bool = False) -> BackupReport:
    """Put a backup back: the database into DATA_DIR (refused over an existing
    one unless ``force``), the documents into KNOWLEDGE_DIR. The caller then
    ingests, which rebuilds the index."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file() or not (folder / DATABASE).is_file():
        raise ConfigError(f"{folder} is not a backup (no {MANIFEST} or {DATABASE})")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    target = settings.bot_db_path
    if target.exists() and not force:
        raise ConfigError(f"{target} exists: stop the bot and pass --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)  # the old file's journal must not replay onto the new
    shutil.copyfile(folder / DATABASE, target)
    files = 0
    for name in manifest.get("folders", []):
        source = folder / "knowledge" / name
        shutil.copytree(source, Path(settings.knowledge_dir) / name, dirs_exist_ok=True)
        files += sum(1 for p in source.rglob("*") if p.is_file())
    return BackupReport(folder, files)
