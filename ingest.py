"""Re-index ``knowledge/`` into Chroma: ``python ingest.py [--source DIR] [--rebuild]``."""

from bot.cli import ingest_main

if __name__ == "__main__":
    ingest_main()
