"""The interrogative word, in the delegates' languages, and what answers it."""

import pytest

from bot.text.question_types import (
    conflict,
    is_yes_no,
    names_today,
    offers,
    question_form,
    question_type,
    relative_day,
    speaks_of_now,
)
from bot.text.rewrite import darija_to_msa
from bot.text.topics import frame_terms, topic_words


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Qui organise la rencontre d'Agadir ?", "who"),
        ("Par qui la rencontre est-elle organisée ?", "who"),
        ("Comment s'appelle le directeur de l'AIRF ?", "who"),
        ("Who organises the gathering?", "who"),
        ("من ينظم لقاء أكادير؟", "who"),
        ("ما اسم مدير الجمعية الدولية للجهات الفرنكفونية؟", "who"),
        ("Quels sont les organisateurs ?", "who"),
        ("Which organisations are behind the Agadir meeting?", "who"),
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
        # A term or time limit asked for by name ("the term", "le délai").
        ("ما هو الأجل المحدد لسداد القروض؟", "duration"),
        ("ما أجل التسجيل؟", "duration"),
        ("Quel est le délai de remboursement des prêts ?", "duration"),
        ("Dans quel délai faut-il rembourser ?", "duration"),
        ("Combien de coopératives compte la région ?", "count"),
        ("How many cooperatives are there in Souss-Massa?", "count"),
        ("كم عدد الدول المشاركة؟", "count"),
        # The conjunction on an Arabic question word ("and where", "so how many").
        ("وأين يقع الفندق؟", "where"),
        ("Dans quelle salle a lieu l'atelier ?", "where"),
        ("In which room is the workshop?", "where"),
        ("What venue hosts the dinner?", "where"),
        ("Quels pays participent ?", None),  # the countries are no place to go to
        ("ومتى تبدأ الزيارات؟", "when"),
        ("وكم يدوم اللقاء؟", "duration"),
        ("فكم عدد الدول المشاركة؟", "count"),
        # No interrogative word that names a kind of answer: no type.
        ("Quels pays participent ?", None),
        ("Quel est l'hôtel des délégués ?", None),
        ("Y a-t-il des visites de terrain ?", None),
        ("What is the horizon of the regional spatial planning scheme?", None),
        ("ما هي الدول المشاركة في هذا التجمع؟", None),
        ("La rencontre a lieu à Agadir.", None),
        # In a yes-or-no question, "who" and "where" open a relative clause...
        ("Can I bring a colleague who is not registered?", None),
        ("Is there a room where I can pray?", None),
        # ... unless a verb of knowing or telling makes it an indirect question.
        ("Do you know where the coach leaves?", "where"),
        ("Can you tell me who organises the meeting?", "who"),
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
        ("وقتاش كيخرج الكار؟", "when"),
        ("وفين غادي يكون اللقاء؟", "where"),
        ("وشكون اللي كينظم هاد اللقاء؟", "who"),
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
        ("count", "En 1955, la coopérative a ouvert.", False),  # a year is no count
        ("count", "وفي عام ١٩٥٥ تأسست الجمعية.", False),
        ("count", "En 1955, 1 240 femmes en étaient membres.", True),
        ("when", "Newton was born in 1643.", True),
        ("duration", "Trois jours, à Agadir.", True),
        ("duration", "ثلاثة أيام بمدينة أكادير", True),
        ("duration", "À Agadir, dans la région Souss-Massa.", False),
        ("who", "Quatre partenaires : l'AIRF, l'AMR et deux régions.", True),  # a body's acronym
        ("who", "La rencontre a lieu à Agadir, au Maroc.", False),
        ("where", "À Agadir, au Maroc.", False),  # a place itself has no visible form
        # a clock time, as organisers write one
        ("when", "Départ du car à 8 h 30 devant l'hôtel.", True),
        ("when", "The bus leaves at 9 am.", True),
        ("when", "Ouverture des portes : 14:30.", True),
        ("when", "Le car conduit les délégués aux coopératives.", False),
        # a time or a place not known yet is the answer the documents give
        ("when", "L'heure de départ sera confirmée par les organisateurs.", True),
        ("when", "Les horaires sont à confirmer.", True),
        ("where", "The room is to be confirmed by the organisers.", True),
        ("where", "أما مكان العشاء فسيؤكده المنظمون.", True),
        ("when", "ويحدد موعده لاحقا من طرف المنظمين.", True),
        ("when", "Horaires : à préciser.", True),
        ("when", "La date n'a pas encore été fixée.", True),
        ("where", "Venue: TBD.", True),
        ("when", "The time is yet to be announced.", True),
        ("where", "سيتم تحديد المكان لاحقا.", True),
        ("when", "لم يحدد الموعد بعد.", True),
        ("when", "La CNIL invite les employeurs à définir, avec eux, une charte.", False),
        # ... whatever it asks for, when the sentence is about that detail
        ("count", "Le nombre de places sera confirmé.", True),
        ("who", "L'intervenant sera annoncé par les organisateurs.", True),
        ("duration", "Sa durée reste à définir.", True),
        ("when", "Sa durée reste à définir.", False),  # another detail
        ("where", "Its phone number is to be confirmed.", False),
        ("when", "Chaque point ci-dessous est à confirmer.", True),  # every detail
        ("who", "Le nombre de places sera confirmé.", False),  # "nombre" names no one
        ("when", "وإمكانية الترجمة سيؤكدها المنظمون.", True),  # "إمكانية" is no "مكان"
        (None, "2024", False),
    ],
)
def test_offers_what_the_question_asks_for(kind, text: str, expected: bool) -> None:
    assert offers(kind, text) is expected


def test_a_detail_to_be_confirmed_is_read_only_where_asked() -> None:
    """``pending=False``: another passage's "to be confirmed" is about its own subject."""
    assert not offers("when", "L'heure de départ sera confirmée.", pending=False)
    assert offers("when", "Départ lundi à 8 h.", pending=False)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Y a-t-il des visites de terrain ?", True),
        ("Est-ce que l'interprétation est prévue ?", True),
        ("Are there field visits?", True),
        ("هل هناك زيارات ميدانية؟", True),
        ("واش كاينين شي زيارات ميدانية؟", True),
        ("Quelles sont les visites de terrain prévues ?", False),
        ("Where are the field visits?", False),
        ("ما هي الزيارات الميدانية؟", False),
        # French puts the subject after the verb to ask yes or no...
        ("Peut-on changer de groupe de visite ?", True),
        ("Recevrons-nous une attestation de participation ?", True),
        ("Le wifi est-il gratuit à l'hôtel ?", True),
        ("Dois-je apporter mon passeport ?", True),
        # ... and after a question word too, which then asks for something else.
        ("Où faut-il aller pour le badge ?", False),
        ("À quelle heure part-il ?", False),
        ("Comment s'inscrit-on à la visite ?", False),
    ],
)
def test_yes_no_questions(question: str, expected: bool) -> None:
    assert is_yes_no(question) is expected


def test_question_form() -> None:
    def same(a: str, b: str) -> bool:
        return question_form(a) == question_form(b)

    assert same("Dans quel hôtel logent les délégués ?", "Quel est l'hôtel ?")
    assert same("Qui organise la rencontre d'Agadir ?", "Qui organise la rencontre ?")
    assert not same("Quel est le programme ?", "Où se déroule la rencontre ?")
    assert not same("Quelles visites sont prévues ?", "Y a-t-il des visites ?")
    assert question_form("Y a-t-il des visites ?") == (None, True)


@pytest.mark.parametrize(
    ("question", "lang", "nouns"),
    [
        ("Y a-t-il un parking pour les délégués ?", "fr", [("parking",), ("délégués",)]),
        ("Dans quel hôtel logent les délégués ?", "fr", [("hôtel",), ("délégués",)]),
        ("Comment s'appelle le directeur de l'AIRF ?", "fr", [("directeur",), ("airf",)]),
        ("What's the weather like in Agadir?", "en", [("weather",)]),  # "like" is a stop word
        ("Which African countries take part?", "en", []),
        ("Is there a gym at the hotel?", "en", [("gym",), ("hotel",)]),
        # English adjectives come first: the run of content words, the topic among them.
        ("What are the African countries?", "en", [("african", "countries")]),
        # Bare after the verb of an English wh-question, unless a determiner follows.
        ("What time is sunset in Agadir?", "en", [("sunset",)]),
        ("Which organisations are behind the Agadir meeting?", "en", [("agadir", "meeting")]),
        ("كيف سيكون الطقس في أكادير غدا؟", "ar", [("الطقس",)]),
        # An adjective takes the article too: "الإفريقية" is not a second topic.
        ("ما هي الدول الإفريقية المشاركة؟", "ar", [("الدول",)]),
        ("ما هي المجالات التي تبرزها المعارض؟", "ar", [("المجالات",), ("المعارض",)]),
        ("هل يوجد موقف للسيارات؟", "ar", [("للسيارات",), ("موقف",)]),  # "there is" a noun
        ("Que signifie Terr'ESS ?", "fr", []),
    ],
)
def test_topic_words_are_the_nouns_by_their_form(question: str, lang: str, nouns) -> None:
    assert topic_words(question, lang) == nouns


def test_frame_terms_are_stems_in_each_language() -> None:
    from bot.text.normalise import tokens

    for lang, word in (("fr", "signifie"), ("en", "stand"), ("ar", "معنى")):
        assert set(tokens(word, lang)) <= frame_terms(lang)
    assert not set(tokens("rencontre", "fr")) & frame_terms("fr")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Quel temps fera-t-il à Agadir demain ?", True),
        ("Y a-t-il une visite de terrain aujourd'hui ?", True),
        ("What's on today?", True),
        ("ماذا يوجد في برنامج اليوم؟", True),
        ("كيف سيكون الطقس في أكادير غدا؟", True),
        (darija_to_msa("شنو كاين غدا؟"), True),
        ("Quelle température fait-il en ce moment ?", False),  # now is not a day
        ("ما هو برنامج اليوم الأول؟", False),  # "the first day"
        ("Quel jour la rencontre a-t-elle commencé ?", False),
        ("How many days does the gathering last?", False),
        ("كم يمكن لمشطي ستينوفورا أن يأكل في اليوم؟", False),  # "per day"
        ("كم ليرة تكلف الغرفة في الليلة؟", False),  # "per night"
        ("هل ما زالت التعاونية نشيطة حتى اليوم؟", False),  # "to this day"
        ("Whose wall has fragments visible around Newcastle even today?", False),
        ("Le marché existe-t-il encore aujourd'hui ?", False),
    ],
)
def test_relative_day(question: str, expected: bool) -> None:
    assert relative_day(question) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many members does the cooperative have today?", True),
        ("كم عدد المنخرطات في التعاونية اليوم؟", True),
        ("Y a-t-il une visite aujourd'hui ou demain ?", False),  # tomorrow too
        ("Quel temps fera-t-il demain ?", False),
        ("Combien d'adhérentes compte la coopérative ?", False),  # no day at all
    ],
)
def test_names_today(question: str, expected: bool) -> None:
    assert names_today(question) is expected


def test_a_text_speaks_of_now_in_each_language() -> None:
    assert speaks_of_now("La coopérative compte aujourd'hui 140 adhérentes.")
    assert speaks_of_now("It now has 140 members.")
    assert speaks_of_now("تضم التعاونية حاليا 140 منخرطة.")
    assert not speaks_of_now("Les cars partent du parking de l'hôtel.")
    assert not speaks_of_now("Le premier jour est consacré aux visites.")
    assert speaks_of_now("تضم التعاونية اليوم 35 امرأة.")
    assert not speaks_of_now("تأكل المشطيات عشرة أضعاف وزنها في اليوم.")  # per day
    assert not speaks_of_now("يوم الافتتاح هو اليوم الأول.")  # the first day


def test_the_noun_after_an_arabic_there_is_is_a_topic() -> None:
    """It has no article, yet it is what the question asks about."""
    assert ("مسبح",) in topic_words("هل يوجد مسبح في الفندق؟", "ar")
    assert ("ترجمة",) in topic_words("هل توجد شي ترجمة فورية؟", "ar")  # Darija's "any"
    assert ("صيدلية",) in topic_words("هل هناك أي صيدلية قرب الفندق؟", "ar")
    # A preposition is no topic; the article's nouns are found as before.
    assert topic_words("هل يوجد في الفندق مسبح؟", "ar") == [("الفندق",)]
    assert ("الترجمة",) in topic_words("هل توجد خدمة الترجمة؟", "ar")
