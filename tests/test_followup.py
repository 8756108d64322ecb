"""Follow-ups: the pure reading of a message with the previous question, and
the per-chat memory on the bundled knowledge (real index, real model)."""

import pytest

from bot.answering.conversation import Conversations
from bot.text.followup import asked_language, leans_on_context, own_topic, with_context


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("and in Arabic?", "ar"),
        ("en français ?", "fr"),
        ("Can you say it in French, please?", "fr"),
        ("بالعربية من فضلك", "ar"),
        ("بالإنجليزية", "en"),
        ("b l3arbia", "ar"),
        ("et en arabe, s'il vous plaît ?", "ar"),
    ],
)
def test_a_request_for_another_language(message: str, lang: str) -> None:
    assert asked_language(message) == lang


@pytest.mark.parametrize(
    "message",
    ["What is the event called in Arabic?", "Quel est le nom de la rencontre en arabe ?", "Merci"],
)
def test_a_question_that_names_a_language_is_not_a_request(message: str) -> None:
    assert asked_language(message) is None


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("et la date ?", "fr"),
        ("who else?", "en"),
        ("When does it start?", "en"),
        ("وماذا عن الزيارات الميدانية؟", "ar"),
        ("ومتى؟", "ar"),
        ("qu'en est-il de l'hôtel ?", "fr"),
        ("and the regional development programme?", "en"),
    ],
)
def test_short_or_connected_messages_lean_on_context(message: str, lang: str) -> None:
    assert leans_on_context(message, lang)


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("Combien de coopératives compte la région Souss-Massa ?", "fr"),
        ("Et combien de coopératives compte la région Souss-Massa ?", "fr"),
        ("Which countries take part in the gathering?", "en"),
        ("كم عدد التعاونيات في جهة سوس ماسة؟", "ar"),
    ],
)
def test_a_question_of_its_own_does_not(message: str, lang: str) -> None:
    assert not leans_on_context(message, lang)


def test_context_brings_the_previous_topic_or_the_previous_kind() -> None:
    # An attribute ("la date") or nothing: the previous topic, not its interrogative.
    assert with_context("et la date ?", "fr", "Où se déroule la rencontre ?", "fr") == (
        "la date déroule rencontre ?"
    )
    assert with_context("who else?", "en", "Which regions organise the meeting?", "en") == (
        "who else regions organise meeting ?"
    )
    assert with_context("and where?", "en", "How long does the meeting last?", "en") == (
        "where meeting last ?"
    )
    # A topic of its own: only the previous question's kind of answer comes along.
    assert with_context("and the visit programme?", "en", "When is the opening?", "en") == (
        "the visit programme when ?"
    )
    assert with_context("ومتى؟", "ar", "أين ينعقد اللقاء؟", "ar").startswith("متى ")
    assert own_topic("qui d'autre ?", "fr") == []


def test_a_darija_question_lends_its_topic_not_its_question_words() -> None:
    """Darija's "فين" (where) and "غادي" (will) name no topic: carried into the
    follow-up, "فين" made "how long will it last?" a question about the place."""
    asked = with_context("وشحال غادي يدوم؟", "ar", "فين غادي يكون اللقاء؟", "ar")
    assert asked == "شحال غادي يدوم اللقاء ؟"
    # A topic of its own takes the previous question's kind, as in Arabic.
    assert with_context("وحفل الافتتاح؟", "ar", "فين غادي يكون اللقاء؟", "ar") == (
        with_context("وحفل الافتتاح؟", "ar", "أين يكون اللقاء؟", "ar")
    )


@pytest.fixture
def chats(knowledge_base):
    services, _ = knowledge_base
    clock = [0.0]
    return services.assistant, Conversations(ttl=600, clock=lambda: clock[0]), clock


def test_a_follow_up_is_read_with_the_chat_s_last_question(chats) -> None:
    assistant, conversations, clock = chats
    conversations.answer(assistant, 1, "Where does the meeting take place?")
    follow = conversations.answer(assistant, 1, "how long?")
    assert follow.confident and "three days" in follow.answer.lower()
    assert "meeting" in conversations.last(1).question  # read with its context
    # Another chat has no such context: the same message is read alone.
    conversations.answer(assistant, 2, "how long?")
    assert conversations.last(2).question == "how long?"


def test_in_arabic_tells_the_last_answer_from_the_arabic_document(chats) -> None:
    assistant, conversations, _ = chats
    first = conversations.answer(
        assistant, 3, "Combien de coopératives compte la région Souss-Massa ?"
    )
    assert first.lang == "fr" and "6 000" in first.answer.replace("6000", "6 000")
    again = conversations.answer(assistant, 3, "en arabe ?")
    assert again.lang == "ar" and again.confident and "6000" in again.answer
    assert again.answer.startswith("حسب الوثائق")
    assert {s.lang for s in again.sources} == {"ar"}  # the twin document, cited
    english = conversations.answer(assistant, 3, "in English?")  # the last answer again
    assert english.lang == "en" and "6,000" in english.answer.replace("6000", "6,000")


def test_the_memory_forgets_after_its_ttl(chats) -> None:
    assistant, conversations, clock = chats
    conversations.answer(assistant, 4, "Où se déroule la rencontre ?")
    assert conversations.last(4) is not None
    clock[0] += 601
    assert conversations.last(4) is None
    late = conversations.answer(assistant, 4, "en arabe ?")  # read alone: a French question
    assert late.lang == "fr" and "Agadir" not in late.answer


def test_a_follow_up_on_something_no_document_mentions_is_declined(chats) -> None:
    """ "et la météo ?" is searched with the last question's words, which the
    documents know: its own noun, in no document, still declines it."""
    assistant, conversations, _ = chats
    assert conversations.answer(assistant, 5, "Combien de pays participent ?").confident
    weather = conversations.answer(assistant, 5, "et la météo ?")
    assert "pays" in conversations.last(5).question  # read with its context
    assert not weather.confident
