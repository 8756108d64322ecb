"""Every tuned number of the answering side, in one place to read, pass and sweep.

Each value was fitted on the project's benchmark sets; BENCHMARKS.md says
how and with which command. Code receives a ``Tuning`` (or one of its parts)
instead of importing module constants, so a sweep is
``replace(Tuning(), decision=replace(Tuning().decision, respelled=0.8))``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DetectionTuning:
    """Telling ar/fr/en apart (``bot.text.language.detect``)."""

    # Above this share of Arabic letters a text is Arabic script (a French name
    # or an acronym inside an Arabic sentence does not change that).
    arabic_script: float = 0.3
    # py3langid's probability above which its fr/en verdict stands alone...
    sure: float = 0.8
    # ...and below which, stop words being even, the caller's default wins.
    plausible: float = 0.6
    # A paragraph of a document with no declared language takes a language
    # of its own from this many words (``language_runs``); a shorter one (a
    # name, a date line, a title) stays in the language around it.
    paragraph_words: int = 8


@dataclass(frozen=True)
class SearchTuning:
    """Hybrid search (bench/retrieval.py --sweep)."""

    lexical_weight: float = 0.045  # BM25's bounded bonus, same-language chunks only
    candidates: int = 50  # dense and BM25 candidates fused
    top_k: int = 5  # passages handed to the answer step
    # A question-shaped heading (an FAQ entry) is also compared question to
    # question, less this offset; None turns the comparison off.
    heading_offset: float | None = 0.02
    # ...and counts only when its words hold this share of the question's idf
    # weight (frame words aside); 0: any one shared word family will do.
    heading_cover: float = 0.2
    # ...or, in another language than the question's, when it stands this much
    # above every other entry of its language and its similarity to the
    # question reaches ``heading_floor`` (headings.QuestionHeadings; chosen on
    # XQuAD's fit half, bench/heading_margin.py); None: across languages only
    # by shared words.
    heading_across: float | None = 0.02
    heading_floor: float = 0.80
    # An FAQ entry asking for another kind of answer ("Où..." for "Qui...") loses this.
    type_penalty: float = 0.03
    # Each language's passages are searched apart and ranked on their score less
    # the mean of that language's this-many best for the question; 0: raw scores.
    background_depth: int = 10
    # A passage of a document with no version in the question's language ranks
    # as if this much higher (its scores unchanged): the model's pull to its own
    # language on a shared topic, which the backgrounds leave (0.03: fit halves of
    # the mixed, two-article and split pools; BENCHMARKS.md, "Twelfth session").
    untranslated_lift: float = 0.03
    # Below this share of the index in the question's language, absent words say nothing.
    min_language_share: float = 0.2


@dataclass(frozen=True)
class DecisionTuning:
    """Whether to answer at all, beside the calibrated model (decision.json,
    refit by bench/fit_decision.py): the rules BENCHMARKS.md measures on and off."""

    # Arabizi rewritten in Arabic letters matches less closely, answerable or not,
    # and no data set has any to fit the model on: a threshold on the passage score.
    respelled: float = 0.82
    off_topic: bool = True  # decide.off_topic: mostly unseen words, an unknown noun
    max_unseen_share: float = 0.7  # most of the question's weight in words no document uses
    strong_passage: float = 0.9  # a passage this close outweighs unseen words
    topic_override: float = 0.95  # ... and this close, unseen words with an unknown noun
    twin_candidates: int = 3  # how many of the first hits get their reply-language twin
    # how far down the ranking ``calibration.names_across`` may look for the next
    # passages in the lead's language when the first hits hold none (0: not past them)
    further: int = 25
    # calibration.judged: a lead in another language is judged as its version in
    # the question's language, when the index holds one.
    judge_translations: bool = True
    # named.without_unnamed_entries: an FAQ entry found on its question whose
    # document never names a name of the question that one other document found
    # holds gives way to the passages.
    named_entries: bool = True


@dataclass(frozen=True)
class CompositionTuning:
    """Which sentences make the extractive answer."""

    passages: int = 4  # sentences come from the best this many passages
    passage_weight: float = 0.5  # a lower passage costs its sentences this times its score gap
    overlap_weight: float = 0.05  # the question's words a sentence shares, by idf
    answer_type_bonus: float = 0.03  # a sentence holding what the question asks for
    type_penalty: float = 0.03  # a sentence under an FAQ question of another kind
    max_sentences: int = 3
    # An answer's length at most (550: 450 before; on the fit halves' answer
    # spans, 1,460 -> 1,510 of 1,708 held, 322 -> 360 characters on average;
    # 650 adds 14 more for 16 more characters: bench/fit_sentences.py).
    max_chars: int = 550
    # Sentences within this of the best one join it (0.08: fitted on the fit
    # halves for the answer span, bench/generalisation.py --half fit; 0.02 before).
    sentence_margin: float = 0.08
    # A sentence of another passage than the best sentence's joins within this
    # (0.04: the knee of span kept against other passages' sentences shown, fit
    # halves, bench/sentence_focus.py; equal to sentence_margin, it does nothing).
    other_passage_margin: float = 0.04
    llm_passages: int = 5  # passages numbered for the LLM


@dataclass(frozen=True)
class Tuning:
    detection: DetectionTuning = field(default_factory=DetectionTuning)
    search: SearchTuning = field(default_factory=SearchTuning)
    decision: DecisionTuning = field(default_factory=DecisionTuning)
    composition: CompositionTuning = field(default_factory=CompositionTuning)


DEFAULT = Tuning()
