"""The terminal chat on the bundled knowledge: commands, languages, declines."""

import datetime as dt

import pytest

from bot.terminal import TerminalChat, terminal_language


@pytest.fixture
def chat(knowledge_base) -> TerminalChat:
    services, _ = knowledge_base
    return TerminalChat(
        services, heard="fr", now=lambda: dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    )


def test_empty_lines_are_ignored_and_quit_leaves(chat: TerminalChat) -> None:
    assert chat.reply("") == "" and chat.reply("   ") == ""
    assert chat.reply("/quit") is None and chat.reply("exit") is None


def test_help_lists_the_terminal_commands_only(chat: TerminalChat) -> None:
    text = chat.reply("/help")
    for command in ("/agenda", "/today", "/next", "/lang", "/quit"):
        assert command in text
    assert "/subscribe" not in text  # announcements are a Telegram thing
    assert "Posez-moi" in text and "/agenda" in chat.greeting()
    assert chat.loading() == "Chargement du modèle et des documents…"


def test_agenda_commands_answer_from_the_agenda(chat: TerminalChat) -> None:
    agenda = chat.reply("/agenda")
    assert "Ouverture du regroupement" in agenda and "à confirmer" in agenda
    # The dates are unpublished: said so, never a guessed day.
    assert "pas encore publié les dates" in chat.reply("/today")
    assert chat.reply("/next") and "Commande inconnue : /nope." in chat.reply("/nope")


def test_lang_switches_commands_and_answers(chat: TerminalChat) -> None:
    assert "/lang ar" in chat.reply("/lang") and "/lang xx" not in chat.reply("/lang xx")
    assert chat.reply("/lang ar") == "اللغة المختارة: العربية."
    assert "افتتاح التجمع" in chat.reply("/agenda")
    answer = chat.reply("Combien de pays participent à la rencontre ?")
    assert answer.startswith("حسب الوثائق") and "تسع" in answer  # French asked, Arabic said
    assert "📄" in answer


def test_a_decline_offers_nothing_the_terminal_cannot_do(chat: TerminalChat) -> None:
    answer = chat.reply("Quel est le code du wifi de l'hôtel ?")
    assert answer == "Je n'ai pas trouvé cette information dans les documents dont je dispose."
    assert chat.lang == "fr"
    english = chat.reply("How many countries take part?")
    assert "nine" in english.lower() and chat.lang == "en"  # the last question's language
    assert "the programme, day by day" in chat.reply("/help")


def test_the_terminal_language_comes_from_the_locale(monkeypatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert terminal_language() == "fr"
    monkeypatch.setenv("LANG", "ar_MA.UTF-8")
    assert terminal_language() == "ar"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert terminal_language() == "en"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert terminal_language() == "fr"
