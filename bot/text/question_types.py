"""What kind of answer a question asks for (a person or body, a place, a
time, a duration, a number), and which of its words name its topic.

The embedding model hears "Qui organise la rencontre d'Agadir ?" and "Où se
déroule la rencontre ?" as nearly the same question (0.94 and 0.92 from it):
it keys on the shared nouns, not on the interrogative word. The interrogative
word is what tells the two FAQ entries apart, and what tells a sentence that
gives a date from one that merely names the subject. Only the five types a
fixed wording reveals are recognised ("Quels sont les organisateurs ?" asks
for a who); "Quel est...", "What is..." and yes/no questions have no type,
and an untyped question is never penalised.

Pure string logic on ``normalise``-d text (and ``tokens`` for stems): Darija
questions arrive here already rewritten in MSA words (``darija_to_msa``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.types import QuestionType
from bot.text.normalise import fold_question, normalise

# Order matters: the first pattern that matches wins ("combien de temps" is a
# duration before "combien" is a count). An Arabic question word may carry the
# conjunction و or ف ("وأين", "فكم"), as من does.
_PATTERNS: tuple[tuple[QuestionType, str], ...] = (
    (
        "duration",
        r"\bcombien de (temps|jours?|heures?)\b|\bpendant combien\b|\bquelle (est la )?duree\b"
        r"|\bhow long\b|\bhow many (days|hours|weeks)\b|\bfor how long\b"
        r"|\b[وف]?كم (من )?(يوما?|أيام|ساعة|ساعات|أسبوعا?|الوقت|مدة)\b|\b[وف]?كم [يت]دوم"
        r"|\bما (هي )?مدة\b|\bما (هو )?(ال)?أجل\b|\bquel (est le )?delai\b|\bdans quel delai\b",
    ),
    (
        "when",
        r"\bquand\b|\b(a |de )?quelle (date|heure|periode)\b|\bquel jour\b|\ben quelle annee\b"
        r"|\bwhen\b|\bwhat (time|date|day|year)\b|\bwhich (day|date|year)\b"
        r"|\b[وف]?متى\b|\bفي أي (يوم|تاريخ|ساعة|سنة)\b|\bأي يوم\b",
    ),
    (
        "where",
        r"^(d')?ou\b|\bou (se|a lieu|est|sont|loge|logent|aura)\b|\bwhere\b"
        r"|\b[وف]?أين\b|\bفي أي (مكان|مدينة|قاعة)\b"
        # "in which room", "dans quelle salle": what "في أي قاعة" asks
        r"|\b(which|what) (city|town|place|room|building|venue|location|hall|address)\b"
        r"|\bquel(le)?s? (ville|lieu|salle|batiment|endroit|adresse)\b",
    ),
    (
        "who",
        r"^(par |avec |a )?qui\b|\bwho(m|se)?\b|\bcomment s'appelle\b|\bwhat is the name\b"
        r"|\b(which|what) (are )?(the )?(organi[sz]\w*|bodies|body|partners?|institutions?"
        r"|people|persons?|speakers?)\b"
        r"|\bquel(le)?s? (sont )?(les )?(organisat\w*|organism\w*|partenaires?|institutions?"
        r"|personnes?|intervenants?)\b"
        r"|^(و|ف)?من\b(?! (أين|أجل|فضلك|المفترض))|\bما اسم\b|\bما هو اسم\b",
    ),
    ("count", r"\bcombien\b|\bhow (many|much)\b|\b[وف]?ب?كم\b"),
)


# What may open a question before its first word (bullets, quotes, inverted marks).
_OPENERS = "¿¡-–—•*\"'« "


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[QuestionType, re.Pattern[str]], ...]:
    # Written in natural spelling, matched on folded text: fold the patterns too.
    return tuple((kind, re.compile(normalise(pattern))) for kind, pattern in _PATTERNS)


def question_type(question: str) -> QuestionType | None:
    """The answer type a question's interrogative word asks for, or None."""
    return _typed(question)[0]


def interrogative(question: str) -> str:
    """The words that give ``question`` its kind, folded ("combien de temps",
    "how long", "كم يوما"), or "" for an untyped question."""
    return _typed(question)[1]


# In an English yes-or-no question, "who", "where", "when" open a relative
# clause ("Can I bring a colleague who is not registered?", "Is there a room
# where I can pray?"): the question asks yes or no. After a verb of knowing or
# telling they open an indirect question, which asks for what they ask
# ("Do you know where the coach leaves?").
_RELATIVE = re.compile(r"^(who|whom|whose|where|when)\b")
_ASKING = re.compile(
    r"\b(know|knows|known|tell|say|said|explain|show|ask|asked|wonder|sure|idea|me|us)\s*$"
)


def _typed(question: str) -> tuple[QuestionType | None, str]:
    """The first pattern's kind and the words it matched, a relative clause's
    pronoun aside."""
    text = fold_question(question).lstrip(_OPENERS)
    asks_yes_no = bool(_YES_NO.match(text))
    for kind, pattern in _compiled():
        for found in pattern.finditer(text):
            words = found.group(0).strip()
            relative = _RELATIVE.match(words) and not _ASKING.search(text[: found.start()])
            if not (asks_yes_no and relative):
                return kind, words
    return None, ""


_YES_NO = re.compile(
    normalise(
        r"^(y a[ -]t[ -]il|est-ce qu|est ce qu|(is|are|was|were|do|does|did|can|could|will|would"
        r"|should|has|have|may|must) |هل |واش )"
    )
)


# French also asks yes or no by putting the subject after the verb ("Peut-on
# changer de groupe ?", "Le wifi est-il gratuit ?"), unless a question word
# comes first ("Où faut-il aller ?", "À quelle heure part-il ?").
_INVERTED = re.compile(r"\b[a-z]+-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles)\b")
_FRENCH_QUESTION_WORD = re.compile(
    r"\b(?:qui|que|qu|quoi|quel|quelle|quels|quelles|ou|quand|comment|combien|pourquoi"
    r"|lequel|laquelle|lesquels|lesquelles)\b"
)


def is_yes_no(question: str) -> bool:
    """A question answered by yes or no ("Y a-t-il...", "Peut-on...", "Are
    there...", "هل...")."""
    text = fold_question(question).lstrip(_OPENERS)
    if _YES_NO.match(text):
        return True
    inverted = _INVERTED.search(text)
    return inverted is not None and not _FRENCH_QUESTION_WORD.search(text[: inverted.start()])


def question_form(question: str) -> tuple[QuestionType | None, bool]:
    """What the answer to ``question`` looks like: its kind, and whether it is a yes or
    no. Two questions of one form take one answer ("Oui." answers "Y a-t-il...", not
    "Quelles visites...")."""
    return question_type(question), is_yes_no(question)


def conflict(a: QuestionType | None, b: QuestionType | None) -> bool:
    """Two questions that ask for different kinds of answer (both typed, not equal)."""
    return a is not None and b is not None and a != b


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_NUMBER = re.compile(
    normalise(
        r"\d|\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|trente|cent|mille"
        r"|two|three|four|five|seven|eight|nine|ten|twelve|twenty|thirty|hundred|thousand"
        r"|اثنان|اثنين|ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثمان|ثماني|ثمانية|تسع|تسعة"
        r"|عشر|عشرة|عشرون|عشرين|ثلاثون|ثلاثين|مائة|مئة|ألف|آلاف)\b"
    )
)
_TIME_WORDS = re.compile(
    normalise(
        r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|fevrier|mars|avril|mai"
        r"|juin|juillet|aout|septembre|octobre|novembre|decembre|monday|tuesday|wednesday"
        r"|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august"
        r"|september|october|november|december|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت"
        r"|الاحد|يناير|فبراير|مارس|ابريل|ماي|مايو|يونيو|يوليو|غشت|اغسطس|شتنبر|سبتمبر|اكتوبر"
        r"|نونبر|نوفمبر|دجنبر|ديسمبر)\b"
    )
)
_DURATION_WORDS = re.compile(
    normalise(
        r"\b(un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|one|two|three|four|five"
        r"|seven|eight|nine|ten) (jours?|semaines?|mois|ans|annees|heures?|days?|weeks?|months?"
        r"|years?|hours?)\b|\b(يومان|يومين|أيام|أسبوع|أسابيع|شهر|أشهر|سنة|سنوات|ساعة|ساعات)\b"
    )
)


# "8 h 30", "14h", "14:30", "9 am": a clock time as organisers write one.
_CLOCK = re.compile(
    r"\b([01]?\d|2[0-3]) ?(h|:) ?[0-5]\d\b|\b([01]?\d|2[0-3]) ?h\b"
    r"|\b(1[0-2]|0?\d)(:[0-5]\d)? ?[ap]\.?m\b"
)
# What the documents say of a detail not known yet: "à confirmer", "l'heure
# sera communiquée", "pas encore fixé", "to be confirmed", "TBD", "not yet
# announced", "سيؤكده المنظمون", "سيتم تحديد", "لم يحدد بعد", "يحدد لاحقا".
_PENDING = re.compile(
    normalise(
        r"\ba confirmer\b|\b(est|sont|reste|restent|encore) a (preciser|definir|determiner|fixer)\b"
        r"|\ba (preciser|definir|determiner|fixer)\s*($|[.;)|])"
        r"|\b(sera|seront) (\w+ )?(confirme|precise|communique|annonce|fixe|indique)e?s?\b"
        r"|\bpas encore (ete )?(confirme|precise|communique|annonce|fixe|connu|publie)e?s?\b"
        r"|\b(to be|will be|yet to be|not yet) (\w+ )?(confirmed|announced|communicated"
        r"|specified|determined|decided|published|known)\b|\btb[acd]\b"
        r"|سي(ؤكد|حدد|علن|بلغ)\w*|سيتم (تحديد|تأكيد|الإعلان|إعلان)"
        r"|\bلم (ي|ت)(حدد|ؤكد|علن)\w*( \w+){0,3} بعد|\b\w*حدد\w*( \w+){0,3} لاحقا"
    )
)
# The detail a sentence "to be confirmed" is about, by the kind of question it
# answers: "Sa durée reste à définir" tells nothing of when the workshop is.
_AR_WORD = r"\b(و|ف)?(ب|ل|ك)?(ال)?"  # an Arabic word behind its proclitics and article
_DETAILS = {
    kind: re.compile(normalise(rf"\b({latin})\b|{_AR_WORD}({arabic})"))
    for kind, latin, arabic in (
        (
            "when",
            r"heures?|horaires?|dates?|jours?|departs?|moment|time|days?|schedule",
            r"موعد|ساعة|توقيت|تاريخ|انطلاق",
        ),
        (
            "where",
            r"lieux?|salles?|adresses?|endroits?|place|venue|room|location|address",
            r"مكان|قاعة|عنوان",
        ),
        (
            "who",
            r"intervenant\w*|animat(eur|rice)s?|noms?|orat(eur|rice)s?|speakers?|names?|hosts?|contacts?",
            r"اسم|متدخل|منشط|مسؤول",
        ),
        ("count", r"nombre|places|number|seats", r"عدد|مقاعد"),
        ("duration", r"duree|duration|length", r"مدة"),
    )
}
# A year as sentences write it; "2000 participants" is taken for one too.
_YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b")


def offers(kind: QuestionType | None, text: str, *, pending: bool = True) -> bool:
    """Whether ``text`` contains the kind of thing a ``kind`` question asks for.

    Only the types with a visible form are checked: a number other than a
    year for a count, a date, a year, a weekday or a clock time for a time, a
    length of time for a duration, an acronym for a body. A year is one from
    1500 to 2099 as digits: briefs date history too ("founded in 1643").

    A detail "to be confirmed" (``_PENDING``) is the answer too, whatever the
    question asks for (a time, a place, a speaker, a number): the organisers'
    documents say so where they do not know yet, and a delegate asking when
    the bus leaves must read that, not the sentence about the bus. It must be
    about that detail (``pending_about``: "Sa durée reste à définir" does not
    say when), and it names no value, so it speaks only for the passage it is
    in: ``pending=False`` reads another passage's sentences without it.
    """
    if kind is None:
        return False
    folded = normalise(text)
    if pending and _PENDING.search(folded) and pending_about(kind, folded):
        return True
    if kind == "who":  # a body's acronym ("AIRF", "AMR"), in any language's text
        return bool(_ACRONYM.search(text))
    if kind == "where":
        return False
    if kind == "count":  # a year is a date, not a count ("En 1955, ...")
        return bool(_NUMBER.search(_YEAR.sub(" ", folded)))
    if kind == "when":
        return any(p.search(folded) for p in (_TIME_WORDS, _YEAR, _CLOCK))
    return bool(_DURATION_WORDS.search(folded)) or bool(_NUMBER.search(folded))


def pending_about(kind: QuestionType, folded: str) -> bool:
    """Whether a sentence "to be confirmed" (``folded``) is about the detail a
    ``kind`` question asks for: it names that detail, or none ("chaque point
    ci-dessous est à confirmer")."""
    named = [k for k, words in _DETAILS.items() if words.search(folded)]
    return kind in named or not named


# "Demain", "today", "غدا": a day the documents cannot place, since they give no
# date; the programme of a day is the agenda's (/today, /next). "اليوم الأول"
# is "the first day", not "today": an adjective with the article follows; "في
# اليوم" is "per day", "كل اليوم" "all day", "حتى اليوم" "to this day", as "even
# today", "encore aujourd'hui": a document's present, not a day of the programme.
_RELATIVE_DAY = re.compile(
    normalise(
        r"\b(aujourd'hui|aujourd hui|demain|hier|ce soir|ce matin|cet apres-midi"
        r"|today|tomorrow|yesterday|tonight|this (morning|afternoon|evening)"
        r"|غدا|أمس|البارحة|هذا المساء|هذا الصباح)\b"
        r"|(?<!في )(?<!كل )(?<!نفس )(?<!ذلك )(?<!ذات )(?<!حتى )(?<!إلى )(?<!لحد )"
        r"\b(اليوم|الليلة)\b(?! ال)"
    )
)
_TO_THIS_DAY = re.compile(
    normalise(
        r"\b(even|still|until|till|up to) today\b|\btoday still\b"
        r"|\bencore aujourd'hui\b|\baujourd'hui encore\b|\bjusqu'(a |à )?aujourd'hui\b"
    )
)
# Today, as a document says its present ("compte aujourd'hui 140 adhérentes").
_TODAY = re.compile(normalise(r"\b(aujourd'hui|aujourd hui|today)\b|\bاليوم\b(?! ال)"))
# What holds now, as a document says it; "في اليوم" is still "per day" there.
_NOW = re.compile(
    normalise(
        r"\b(aujourd'hui|aujourd hui|actuellement|desormais|a ce jour|a present|today"
        r"|nowadays|now|currently|presently|حاليا|الآن|حالياً)\b"
        r"|(?<!في )(?<!كل )\bاليوم\b(?! ال)"
    )
)


def relative_day(question: str) -> bool:
    """Whether the question is about a day named from now ("demain", "today", "غدا")."""
    return bool(_RELATIVE_DAY.search(_TO_THIS_DAY.sub(" ", fold_question(question))))


def names_today(question: str) -> bool:
    """Whether the only day ``question`` names from now is today, which may be
    the present a document speaks of ("How many members does it have today?")
    rather than a day of the programme."""
    folded = _TO_THIS_DAY.sub(" ", fold_question(question))
    return bool(_RELATIVE_DAY.search(folded)) and not _RELATIVE_DAY.search(_TODAY.sub(" ", folded))


def speaks_of_now(text: str) -> bool:
    """Whether ``text`` says what holds now ("aujourd'hui", "currently", "حاليا")."""
    return bool(_NOW.search(normalise(text)))
