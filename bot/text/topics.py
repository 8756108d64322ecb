"""A question's topic: the nouns it asks about, by their form, and the words
that only frame it. What no document names among them is what the documents
do not cover (``decide.off_topic``); what an FAQ entry does not name, a
question it does not answer (``compose.names_its_topics``)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.text.lexicons import LEXICONS
from bot.text.normalise import WORD_HYPHEN, normalise, tokens

# Words after which French and English put a noun; Arabic marks a noun with
# its article. Enough to tell the topic of a question ("un parking", "the
# weather", "الطقس") from its verbs ("logent", "commencé", "تبرزها"), which a
# delegate conjugates in ways no document does.
_DETERMINERS = {
    lang: frozenset(lexicon.DETERMINERS.split())
    for lang, lexicon in LEXICONS.items()
    if hasattr(lexicon, "DETERMINERS")
}
_WH = frozenset("what when where who which how".split())
_COPULAS = frozenset("is are was were s".split())
_ARABIC_NOUN = re.compile(normalise(r"^(?:و|ف|ب|ك)?(?:ال|لل)(\w{2,})$"))
_EXISTENTIALS = frozenset(normalise(w) for w in LEXICONS["ar"].EXISTENTIALS.split())
_FILLERS = frozenset(normalise(w) for w in LEXICONS["ar"].FILLERS.split())


def topic_words(question: str, lang: str) -> list[tuple[str, ...]]:
    """The question's nouns by their form, each with the words that may be its
    modifiers: what follows a determiner ("un parking", "the weather"), or in
    Arabic a word with the article ("الطقس").

    A noun no document uses is a topic the documents do not cover; a verb no
    document uses ("logent", "تبرزها") is only the delegate's conjugation. An
    adjective agrees or precedes: "الدول الإفريقية" is about countries (the
    second word takes the article too, it is not a second topic), "the African
    countries" as well (English gives the run of words up to the next function
    word, and the topic is unknown only if all of them are).
    """
    # Words as written (the stemmer wants their accents), compared in folded form.
    text = question.casefold().replace("\u2019", "'").replace("'", "' ")
    if lang == "ar":
        return _arabic_topics([w.strip("؟?!.،,") for w in text.split()])
    return _latin_topics(WORD_HYPHEN.findall(text), lang)


def _arabic_topics(words: list[str]) -> list[tuple[str, ...]]:
    """Words with the article, and the noun a "there is" introduces ("هل يوجد
    مسبح في الفندق؟" asks about a pool, which has no article)."""
    nouns = [bool(_ARABIC_NOUN.match(normalise(w))) for w in words]
    topics = [(w,) for i, w in enumerate(words) if nouns[i] and not (i > 0 and nouns[i - 1])]
    for i, word in enumerate(words):
        if normalise(word) not in _EXISTENTIALS:
            continue
        after = [
            j for j in range(i + 1, min(i + 3, len(words))) if normalise(words[j]) not in _FILLERS
        ]
        if after and not nouns[after[0]] and tokens(words[after[0]], "ar"):
            topics.append((words[after[0]],))
    return topics


def _latin_topics(words: list[str], lang: str) -> list[tuple[str, ...]]:
    determiners = _DETERMINERS.get(lang, frozenset())
    # English also names the topic bare after the verb of a wh-question ("What
    # time is sunset?", "When is lunch?"), unless a determiner follows: then the
    # word was a preposition ("are behind the meeting").
    wh_question = lang == "en" and bool(words) and words[0] in _WH
    phrases = []
    for i, word in enumerate(words[1:], start=1):
        before, after = (
            normalise(words[i - 1]),
            normalise(words[i + 1]) if i + 1 < len(words) else "",
        )
        if normalise(word) in determiners or normalise(word) in _COPULAS:
            continue
        if before in determiners or (
            wh_question and before in _COPULAS and after not in determiners
        ):
            phrase = [word]
            if lang == "en":  # adjectives come first: take the run of content words
                for following in words[i + 1 : i + 3]:
                    if normalise(following) in determiners or not tokens(following, lang):
                        break
                    phrase.append(following)
            phrases.append(tuple(phrase))
    return phrases


# Words that frame a question rather than name its topic: "Que signifie
# Terr'ESS ?", "What does AIRF stand for?", "ما معنى...؟". That no document
# says "stand for" is no sign that the documents are silent on the AIRF. (A
# noun the documents lack still counts as a topic: see ``topic_words``.)
@lru_cache(maxsize=3)
def frame_terms(lang: str) -> frozenset[str]:
    """The stems (``tokens``) of the words that frame a question in ``lang``."""
    words = LEXICONS[lang].FRAME_WORDS.split() if lang in LEXICONS else []
    return frozenset(t for word in words for t in tokens(word, lang))
