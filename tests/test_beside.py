"""Other documents' sentences beside a lead that names what the question names
(``bot.answering.beside``): pure, strings in, strings out."""

from bot.answering.beside import named_beside

ROW = "Taroudant | Women's argan cooperative | Khadija Amrani | 30"
REPORT = "- The director of AIRF called the gathering a valuable opportunity to exchange."
SOURCES = ["visit-sites.csv", "visit-sites.csv", "rencontre-agadir.en.md"]


def test_another_documents_sentence_naming_nothing_asked_goes() -> None:
    chosen = [(0, 3, ROW), (2, 0, REPORT)]
    question = "Who runs the Taroudant cooperative?"
    assert named_beside(chosen, question, "en", SOURCES) == [(0, 3, ROW)]
    # Two short words make one name, across scripts by their consonants.
    row = "Bus 2 | سيدي إفني | 08:00"
    chosen = [(0, 1, row), (2, 0, REPORT)]
    assert named_beside(chosen, "Quel bus va à Sidi Ifni ?", "fr", SOURCES) == [(0, 1, row)]


def test_an_arabic_question_keeps_them_all() -> None:
    # Every word of it would be a name, and meet one by chance: the Darija
    # question as searched keeps the report's line beside its row.
    chosen = [(0, 3, ROW), (2, 0, REPORT)]
    question = "من المسؤولة على التعاونية تارودانت؟"
    assert named_beside(chosen, question, "ar", SOURCES) == chosen


def test_the_leads_own_document_keeps_its_sentences_without_the_name() -> None:
    lead = "La ville de Dakar soutient depuis 2021 les coopératives de quartier."
    figures = "Coopératives soutenues | 120 | 185"
    sources = ["dakar.docx", "dakar.docx"]
    chosen = [(0, 0, lead), (1, 2, figures)]
    question = "Combien de coopératives Dakar soutient-elle ?"
    assert named_beside(chosen, question, "fr", sources) == chosen


def test_another_document_naming_the_name_stays() -> None:
    other = "Taroudant hosts the argan fair every spring."
    chosen = [(0, 3, ROW), (2, 0, other)]
    assert named_beside(chosen, "Who runs the Taroudant cooperative?", "en", SOURCES) == chosen


def test_nothing_goes_when_the_question_or_the_lead_names_nothing() -> None:
    chosen = [(0, 3, ROW), (2, 0, REPORT)]
    assert named_beside(chosen, "Who runs the cooperative?", "en", SOURCES) == chosen
    # A capital opening the question is no name ("Combien", "Quand"), though
    # the lead's sentence opens with it too.
    opening = [(0, 0, "Quand la récolte commence, la coopérative ouvre."), (2, 0, REPORT)]
    assert named_beside(opening, "Quand ouvre la coopérative ?", "fr", SOURCES) == opening
    # The lead does not hold the name: it may be the wrong passage, and the
    # other document's sentence the right one.
    assert named_beside(chosen, "Who runs the Biougra unit?", "en", SOURCES) == chosen
