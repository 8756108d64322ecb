import datetime as dt
import io

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from bot.answering.replies import lead_in
from bot.i18n import (
    LANGS,
    LOCALES_DIR,
    format_clock,
    format_day,
    format_number,
    language_name,
    po_path,
    translator,
)
from tests.conftest import ROOT


def catalog(lang: str):
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def messages_in_code() -> set[str | tuple[str, ...]]:
    keywords = {**DEFAULT_KEYWORDS, "translate": (2,)}  # as in `make i18n`
    found = extract_from_dir(str(ROOT / "bot"), method_map=[("**.py", "python")], keywords=keywords)
    # A plural message is the (singular, plural) pair, as read_po gives its id.
    return {m if isinstance(m, str) else tuple(m) for _, _, m, _, _ in found}


def strings(message) -> tuple[str, ...]:
    """A message's translations: one, or one per plural form."""
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def test_catalog_template_is_in_sync_with_the_code() -> None:
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert template == messages_in_code(), "run `make i18n` and translate the new entries"


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_message_is_translated(lang: str) -> None:
    cat = catalog(lang)
    missing = [m.id for m in cat if m.id and not all(strings(m))]
    assert not missing, f"untranslated in {lang}: {missing}"
    assert {m.id for m in cat if m.id} == messages_in_code()
    for message in cat:
        singular = message.id if isinstance(message.id, str) else message.id[0]
        if singular and "{" in singular:  # placeholders survive translation, in every form
            for text in strings(message):
                assert set(_placeholders(singular)) == set(_placeholders(text))


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_translators_are_per_language_and_cached() -> None:
    decline_fr = translator("fr").gettext("According to the documents:")
    assert decline_fr == "D'après les documents :"
    assert translator("ar").gettext("According to the documents:") == "حسب الوثائق:"
    assert translator("en").gettext("According to the documents:") == "According to the documents:"
    assert translator("xx") is translator("en")
    assert translator("fr") is translator("fr")


def test_no_compiled_catalog_is_committed() -> None:
    assert not list(LOCALES_DIR.rglob("*.mo"))
    assert set(LANGS) == {
        p.parent.parent.name for p in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po")
    }


def test_language_names_fit_the_lead_in() -> None:
    assert language_name("ar", in_lang="fr") == "arabe"
    assert language_name("fr", in_lang="ar") == "الفرنسية"
    assert language_name("fr", in_lang="en") == "French"


def test_the_lead_in_counts_the_documents_it_quotes_in_each_language() -> None:
    assert lead_in("ar", "fr", 1) == "حسب الوثيقة الفرنسية:"
    assert lead_in("ar", "fr", 2) == "حسب الوثيقتين باللغة الفرنسية:"
    assert lead_in("ar", "en", 3) == "حسب الوثائق الإنجليزية:"
    assert lead_in("fr", "ar", 2) == "D'après les documents en arabe :"
    assert lead_in("en", "fr", 2) == "According to the French documents:"
    assert lead_in("fr", "fr", 2) == lead_in("fr", "fr") == "D'après les documents :"


def test_locale_formatting() -> None:
    assert format_number(6000, "fr") == "6\u202f000"
    assert format_number(6000, "en") == "6,000"
    assert format_number(6000, "ar") in {"6.000", "٦٬٠٠٠"}
    day = dt.date(2026, 12, 7)
    assert format_day(day, "fr") == "lundi 7 décembre 2026"
    assert "الاثنين" in format_day(day, "ar")
    assert format_clock(dt.time(9, 30), "fr") == "09:30"
    assert "UTC" not in format_clock(dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC), "en")


def test_po_files_parse_as_utf8() -> None:
    for lang in LANGS:
        raw = po_path(lang).read_bytes()
        raw.decode("utf-8")
        read_po(io.BytesIO(raw))
