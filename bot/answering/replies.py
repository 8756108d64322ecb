"""The assistant's fixed sentences, from the Babel catalogs: the honest decline,
a greeting returned, the lead-in that names the document's language."""

from __future__ import annotations

from bot.core.types import Answer
from bot.i18n import language_name, translator


def decline(lang: str, *, day: bool = False) -> Answer:
    """The honest "I don't know"; ``day``: the question was about a day named from now.
    What can be done next depends on where it is read: see ``relay_offer``."""
    _ = translator(lang).gettext
    text = (
        _(
            "The documents give no dates, so they cannot say what happens on a given day: "
            "the agenda does (/today, /next) as soon as the organisers publish it."
        )
        if day
        else _("I could not find this in the documents I have.")
    )
    return Answer(answer=text, lang=lang, confident=False)


def relay_offer(lang: str) -> str:
    """Said under a decline where a button passes the question on (Telegram)."""
    return translator(lang).gettext("I can pass your question to the organisers.")


def courteous_reply(kind: str, lang: str) -> Answer:
    """A greeting or thanks answered in kind: no documents, nothing to decline."""
    _ = translator(lang).gettext
    thanks = _("You are welcome. Ask me another question whenever you like.")
    hello = _(
        "Hello! Ask me about the programme, the schedule, the field visits or the good "
        "practices of the regions."
    )
    return Answer(answer=thanks if kind == "thanks" else hello, lang=lang, confident=True)


def lead_in(answer_lang: str, passage_lang: str, documents: int = 1) -> str:
    """The line above quoted sentences. In another language it names that
    language, and says "documents" when the sentences come from more than one
    (two briefs quoted under "the Arabic document" read as one source)."""
    catalog = translator(answer_lang)
    if passage_lang == answer_lang:
        return catalog.gettext("According to the documents:")
    return catalog.ngettext(
        "According to the {language} document:",
        "According to the {language} documents:",
        documents,
    ).format(language=language_name(passage_lang, in_lang=answer_lang))
