"""Greetings and thanks are answered in kind, questions never mistaken for them."""

import pytest

from bot.text.courtesy import courtesy


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Bonjour", "greeting"),
        ("Bonsoir à tous", "greeting"),
        ("Hello there", "greeting"),
        ("السلام عليكم", "greeting"),
        ("مرحبا", "greeting"),
        ("salam alikoum", "greeting"),
        ("Merci !", "thanks"),
        ("Merci beaucoup à tous", "thanks"),
        ("Thank you very much!", "thanks"),
        ("شكرا جزيلا", "thanks"),
        ("شكرا بزاف", "thanks"),
        ("merci bzaf", "thanks"),
        ("Bonjour, merci !", "thanks"),
    ],
)
def test_courtesy_in_every_language(text: str, kind: str) -> None:
    assert courtesy(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, quels pays participent ?",
        "Merci de me dire qui organise la rencontre",
        "مرحبا، كم عدد الدول المشاركة؟",
        "ok",
        "Quel jour ?",
        "",
    ],
)
def test_questions_are_not_courtesy(text: str) -> None:
    assert courtesy(text) is None
