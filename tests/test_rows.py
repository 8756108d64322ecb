"""Which rows of a table a question asks for (pure: no model, no store)."""

from bot.answering.rows import asked_rows, held, question_keys

VISITS = "\n".join(
    [
        "Visites de terrain - répartition",
        "Groupe | Site visité | Bus | Accompagnateur | Places",
        "A | Coopérative d'argan de Tamanar | Bus 1 | Hassan | 22",
        "B | Marché solidaire d'Inezgane | Bus 2 | Leïla | 18",
        "C | Coopérative de safran de Taliouine | Jour 2 | Bus 3 | Youssef | 15",
        "D | Port de pêche de Tiznit | Jour 2 | Bus 4 | Nadia | 20",
        "E | Plage de Sidi Ifni | Jour 3 | Bus 5 | Omar | 12",
    ]
)
LINES = VISITS.splitlines()


def rows(*positions: int) -> list[tuple[int, int, str]]:
    return [(0, i, LINES[i]) for i in positions]


def kept(question: str, lang: str, *positions: int) -> list[int]:
    return [i for _, i, _ in asked_rows(rows(*positions), question, lang, [VISITS])]


def test_a_row_named_by_its_code_is_quoted_without_its_neighbours() -> None:
    assert kept("Who accompanies group B?", "en", 2, 3) == [3]
    # "A" opening a question is a word, not group A: both rows stay.
    assert kept("A quelle heure part le groupe ?", "fr", 2, 3) == [2, 3]


def test_a_word_every_row_holds_does_not_choose_but_a_place_does() -> None:
    assert kept("Quel bus va à Taliouine ?", "fr", 3, 4, 5) == [4]
    assert held(question_keys("Quel bus va à Taliouine ?", "fr"), LINES[3]) == 1  # "bus"


def test_an_arabic_question_names_a_latin_row_by_its_consonants() -> None:
    assert kept("متى تنطلق زيارة ميناء تيزنيت؟", "ar", 3, 5) == [5]


def test_rows_that_all_hold_what_is_asked_all_stay() -> None:
    assert kept("Quelles visites ont lieu le jour 2 ?", "fr", 2, 4, 5) == [4, 5]


def test_rows_that_hold_nothing_asked_stay_and_other_lines_are_untouched() -> None:
    assert kept("Which visit is the longest?", "en", 2, 3) == [2, 3]
    chosen = [(0, 0, LINES[0]), (0, 1, LINES[1]), (0, 2, LINES[2]), (0, 3, LINES[3])]
    # The title is no row and the header is what rows mean: both stay.
    assert asked_rows(chosen, "Who accompanies group B?", "en", [VISITS]) == [
        (0, 0, LINES[0]),
        (0, 1, LINES[1]),
        (0, 3, LINES[3]),
    ]


def test_rows_of_two_tables_are_weighed_apart() -> None:
    desks = "Desk | Where\nAccreditation | Hotel lobby\nTransport | Car park"
    chosen = [
        (0, 3, LINES[3]),
        (1, 1, "Accreditation | Hotel lobby"),
        (1, 2, "Transport | Car park"),
    ]
    found = asked_rows(chosen, "Where is the accreditation desk of group B?", "en", [VISITS, desks])
    assert found == [(0, 3, LINES[3]), (1, 1, "Accreditation | Hotel lobby")]


def test_arabic_rows_are_told_apart_by_the_question_s_words_however_spelt() -> None:
    sheet = "الورشة | المكان\nالتمويل | القاعة الكبرى\nالشباب | الحديقة"
    chosen = [(0, 1, "التمويل | القاعة الكبرى"), (0, 2, "الشباب | الحديقة")]
    # "القاعه" with a final ه for ة, as phones often type it; its consonants
    # are too few to be read as a name, so the word itself must match.
    assert asked_rows(chosen, "أي ورشة في القاعه؟", "ar", [sheet]) == [chosen[0]]


def test_a_place_of_two_short_words_is_read_across_scripts() -> None:
    # "سيدي" and "إفني" each have too few consonants to be a name; together
    # they read as "Sidi Ifni" does.
    assert kept("كم عدد المقاعد في الحافلة المتجهة إلى سيدي إفني؟", "ar", 3, 5, 6) == [6]
