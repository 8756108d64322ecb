import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text.names import (
    arabic_forms,
    matches,
    name_pairs,
    name_words,
    names,
    share_held,
    skeleton,
)


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Newton", "نيوتن"),
        ("Pittsburgh", "بيتسبرغ"),
        ("Kuechly", "كوتشلي"),
        ("Victoria", "فيكتوريا"),
        ("Harvard", "هارفارد"),
        ("Agadir", "أكادير"),
        ("Marrakech", "مراكش"),
    ],
)
def test_a_name_reads_the_same_in_both_scripts(latin: str, arabic: str) -> None:
    held = names(arabic)
    assert all(matches(forms, held) for forms in name_words(latin))


def test_the_article_and_a_proclitic_do_not_hide_a_name() -> None:
    assert "brnks" in arabic_forms("البرونكوس")
    assert "sbr" in arabic_forms("بالسوبر")
    assert matches(arabic_forms("والكونغرس"), names("The Congress voted."))


def test_numbers_match_in_either_digit_set_and_only_exactly() -> None:
    held = names("Founded in 2015, the network counts 1240 women.")
    assert matches({"#2015"}, held)
    assert [frozenset({"#2015"})] == [w for w in name_words("متى؟ سنة ٢٠١٥") if "#2015" in w]
    assert not matches({"#201"}, held)


def test_lower_case_latin_words_are_translated_not_names() -> None:
    # "network" is translated into Arabic, never transliterated: it is no name.
    assert name_words("the network of women") == []
    assert name_words("The Agadir network") == [frozenset({skeleton("Agadir")})]


def test_share_held_counts_words_not_spellings() -> None:
    question = name_words("كم نقطة سجل البرونكوس ضد بيتسبرغ؟")
    passage = names("The Broncos scored twice against Carolina.")
    asked = [forms for forms in question if matches(forms, passage | names("Pittsburgh"))]
    assert len(asked) == 2
    assert share_held(asked, passage) == 0.5
    assert share_held([], passage) == 1.0


def test_short_skeletons_meet_only_exactly() -> None:
    # Three letters are an Arabic root's length: a prefix of one proves nothing.
    assert not matches({"ntr"}, {"ntrnt"})
    assert matches({"brnks"}, {"brnk"})


@given(st.text(max_size=60))
def test_any_text_gives_skeletons_of_kept_letters(text: str) -> None:
    for forms in name_words(text):
        for form in forms:
            assert form and (form[0] == "#" or set(form) <= set("bftsklmnr"))


def test_two_short_words_make_a_name_together() -> None:
    # "Sidi" (st) and "Ifni" (fn) are each too short to be read as a name.
    assert "stfn" in name_pairs("La plage de Sidi Ifni") & name_pairs("شاطئ سيدي إفني")
    assert "stfn" in name_pairs("رحلة بسيدي إفني")  # behind a proclitic
    assert "stfn" not in name_pairs("sidi ifni")  # lower case: words, not a name
    assert name_pairs("Tiznit") == frozenset()  # one word alone is no pair
