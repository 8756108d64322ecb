"""A delegate's message understood once: language, search wording, form, terms.

Every later step reads the ``Query``; none detects the language, rewrites
Darija or types the question again. Pure string logic: no model, no index.
"""

from __future__ import annotations

from bot.core.tuning import DEFAULT, DetectionTuning
from bot.core.types import Query
from bot.text.courtesy import courtesy
from bot.text.language import detect
from bot.text.normalise import arabic_share, tokens, visible
from bot.text.question_types import names_today, question_form, relative_day
from bot.text.rewrite import arabizi_to_arabic, darija_to_msa, is_darija


def understand(
    text: str,
    *,
    reply_lang: str | None = None,
    default_lang: str = "fr",
    tuning: DetectionTuning = DEFAULT.detection,
) -> Query:
    """``reply_lang`` (a preference, ``--lang``) sets the reply's language only;
    ``default_lang`` is assumed when the message is too short to tell."""
    text = visible(text)
    lang = detect(text, default=default_lang, tuning=tuning)
    latin = arabic_share(text) < tuning.arabic_script
    search = text
    if lang == "ar" and latin:  # Arabizi: searched in Arabic letters
        search = darija_to_msa(arabizi_to_arabic(text))
    elif lang == "ar" and is_darija(text):
        search = darija_to_msa(text)
    return _read(
        text,
        search,
        lang,
        reply_lang or lang,
        # Only Arabizi is rewritten from Latin letters into Arabic ones.
        respelled=search != text and latin,
        courteous=courtesy(text),
    )


def as_searched(text: str, lang: str) -> Query:
    """``text`` searched as it stands, in ``lang`` (benchmarks of retrieval alone)."""
    return _read(text, text, lang, lang, respelled=False, courteous=None)


def _read(text, search, lang, reply_lang, *, respelled, courteous) -> Query:
    kind, yes_no = question_form(search)
    return Query(
        text=text,
        search=search,
        lang=lang,
        reply_lang=reply_lang,
        terms=tuple(dict.fromkeys(tokens(search, lang))),
        kind=kind,
        yes_no=yes_no,
        respelled=respelled,
        relative_day=relative_day(search),
        today=names_today(search),
        courtesy=courteous,
    )
