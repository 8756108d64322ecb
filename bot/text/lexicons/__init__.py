"""Per-language word lists as data: ``LEXICONS[lang].STOPWORDS`` and so on.
Adding a language starts here."""

from __future__ import annotations

from types import ModuleType

from bot.text.lexicons import ar, en, fr

LEXICONS: dict[str, ModuleType] = {"ar": ar, "fr": fr, "en": en}


def background_texts() -> dict[str, tuple[str, ...]]:
    """Each language's ``BACKGROUND`` passages (search's reference for a question)."""
    return {lang: lexicon.BACKGROUND for lang, lexicon in LEXICONS.items()}
