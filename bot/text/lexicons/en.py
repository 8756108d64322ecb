"""English: the words the assistant treats apart. Data only."""

# Snowball (PyStemmer) algorithm for this language's words.
STEMMER = "english"

# Not searched: function words (BM25 and language detection).
STOPWORDS = """the a an of to in on for and or is are was were be been being what which who whom how
        when where why do does did by with at from this that these those it its as there their they
        we you i me my our your will would can could should about much many like near after
        before during between into"""

# Words that frame a question rather than name its topic ("Que signifie...", "stand for").
FRAME_WORDS = (
    "mean means meaning meant stand stands called call name names purpose purposes goal "
    "goals aim aims objective objectives role number list kind type types detail details "
    "information exactly"
)

# Words after which a noun comes (the topic of a question).
DETERMINERS = "the a an this that these those my your his her its our their any some each every"

# A message made only of these is a greeting or thanks, not a question.
GREETINGS = ("hello", "hi", "hey", "good morning", "good afternoon", "good evening")
THANKS = ("thanks", "thank you", "thank you very much", "many thanks")
