"""Translations and locale formatting, per request, never per process.

The bot serves Arabic, French and English at the same time, so nothing here
installs a global ``_``: ``translator(lang)`` returns a cached Babel
``Translations`` for that language. Catalogs live as ``.po`` files in
``bot/locales``; they are compiled in memory on first use, so a stale ``.mo``
can never be served and none is committed. msgids are English sentences.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from bot.core.languages import LANGS

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"
# Moroccan variants: the event's country decides date and number conventions.
FORMAT_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en"}


def po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def translator(lang: str) -> Translations:
    """The catalog for ``lang`` (ar, fr, en); unknown languages get English."""
    return _translator(lang if lang in LANGS else "en")


@cache
def _translator(lang: str) -> Translations:
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def language_name(code: str, *, in_lang: str) -> str:
    """The name of language ``code`` in ``in_lang`` ("arabe", "الفرنسية", "English")."""
    return Locale.parse(in_lang).languages.get(code, code)


def format_number(value: float | int, lang: str) -> str:
    return format_decimal(value, locale=FORMAT_LOCALES.get(lang, "en"))


def format_day(value: dt.date, lang: str) -> str:
    """A date as a delegate reads it: "lundi 7 décembre 2026", "الاثنين 7 دجنبر 2026"."""
    return format_date(value, format="full", locale=FORMAT_LOCALES.get(lang, "en"))


def format_clock(value: dt.time | dt.datetime, lang: str) -> str:
    """A local time without a zone name (the zone is always the event's)."""
    return format_time(value, format="short", locale=FORMAT_LOCALES.get(lang, "en"))
