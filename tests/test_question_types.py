"""The interrogative word, in the delegates' languages, and what answers it."""

import pytest

from bot.language import darija_to_msa
from bot.question_types import conflict, offers, question_type


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Qui organise la rencontre d'Agadir ?", "who"),
        ("Par qui la rencontre est-elle organisée ?", "who"),
        ("Comment s'appelle le directeur de l'AIRF ?", "who"),
        ("Who organises the gathering?", "who"),
        ("من ينظم لقاء أكادير؟", "who"),
        ("ما اسم مدير الجمعية الدولية للجهات الفرنكفونية؟", "who"),
        ("Où se déroule la rencontre ?", "where"),
        ("Where does the gathering take place?", "where"),
        ("أين يُعقد اللقاء؟", "where"),
        ("من أين يأتي المشاركون؟", "where"),  # "from where", not "who"
        ("Quand la rencontre commence-t-elle ?", "when"),
        ("Quel jour la rencontre a-t-elle commencé ?", "when"),
        ("When did Souss-Massa join the Terr'ESS programme?", "when"),
        ("متى انخرطت جهة سوس ماسة في البرنامج؟", "when"),
        ("في أي يوم انطلق الملتقى؟", "when"),
        ("Combien de temps dure la rencontre ?", "duration"),
        ("Combien de jours dure la rencontre ?", "duration"),
        ("How long does the meeting last?", "duration"),
        ("كم يدوم اللقاء؟", "duration"),
        ("كم يوما يستمر التجمع التقني؟", "duration"),
        ("Combien de coopératives compte la région ?", "count"),
        ("How many cooperatives are there in Souss-Massa?", "count"),
        ("كم عدد الدول المشاركة؟", "count"),
        # No interrogative word that names a kind of answer: no type.
        ("Quels pays participent ?", None),
        ("Quel est l'hôtel des délégués ?", None),
        ("Y a-t-il des visites de terrain ?", None),
        ("What is the horizon of the regional spatial planning scheme?", None),
        ("ما هي الدول المشاركة في هذا التجمع؟", None),
        ("La rencontre a lieu à Agadir.", None),
    ],
)
def test_question_type(question: str, kind: str | None) -> None:
    assert question_type(question) == kind


@pytest.mark.parametrize(
    ("darija", "kind"),
    [
        ("شكون اللي كينظم هاد اللقاء؟", "who"),
        ("فين كاين الأوطيل ديال المشاركين؟", "where"),
        ("شحال من نهار غادي يدوم اللقاء؟", "duration"),
        ("شحال من تعاونية كاينة فجهة سوس ماسة؟", "count"),
        ("إمتى بدا اللقاء؟", "when"),
    ],
)
def test_darija_is_typed_through_its_msa_rewrite(darija: str, kind: str) -> None:
    assert question_type(darija_to_msa(darija)) == kind


def test_only_two_typed_questions_of_different_kinds_conflict() -> None:
    assert conflict("who", "where")
    assert not conflict("who", "who")
    assert not conflict(None, "where") and not conflict("count", None)


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("when", "- Novembre 2024 : annonce du programme.", True),
        ("when", "Elle s'est ouverte un lundi.", True),
        ("when", "وقد انطلق يوم الاثنين.", True),
        ("when", "La région s'engage dans la coopération décentralisée.", False),
        ("count", "Neuf pays francophones : l'Arménie, le Bénin...", True),
        ("count", "تسع دول فرنكوفونية", True),
        ("count", "Plus de ٣٠ responsables", True),
        ("count", "Les dates sont à confirmer.", False),
        ("duration", "Trois jours, à Agadir.", True),
        ("duration", "ثلاثة أيام بمدينة أكادير", True),
        ("duration", "À Agadir, dans la région Souss-Massa.", False),
        ("who", "L'AIRF, l'AMR et deux régions.", False),  # no visible form: never a bonus
        (None, "2024", False),
    ],
)
def test_offers_what_the_question_asks_for(kind, text: str, expected: bool) -> None:
    assert offers(kind, text) is expected
