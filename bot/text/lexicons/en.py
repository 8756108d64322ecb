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

# Everyday passages on topics no programme document covers, the same in the
# three languages: a question's similarity to them is what the model gives
# any text of this language (search's background). Never shown, never cited.
BACKGROUND = (
    "Tomorrow will be sunny in the morning, with clouds and light rain in the afternoon.",
    "Mix the flour, eggs and milk, then cook the pancakes in a hot pan for two minutes.",
    "The home team won the football match two goals to one after extra time.",
    "The film tells the story of a young musician who leaves her village for the capital.",
    "Drink enough water, sleep well and walk thirty minutes a day to stay healthy.",
    "The planet Mars is smaller than the Earth and its red colour comes from iron oxide.",
    "Restart your computer and install the latest updates if the program stops responding.",
    "The night train leaves the central station at eleven and arrives early the next morning.",
    "Water the tomato plants in the evening and protect them from strong wind.",
    "To open a bank account, bring an identity card and a proof of address.",
    "The old castle was built in the twelfth century and was rebuilt after a fire.",
    "Dolphins live in groups and communicate with each other with whistles and clicks.",
    "The shop is closed on Sundays; the sales start next week with discounts on shoes.",
    "The children learn to read and to count in the first years of primary school.",
    "The doctor prescribed an antibiotic to take twice a day for one week.",
    "Check the tyre pressure and the oil level before a long car journey.",
    "Charge the phone battery fully before the first use and turn off unused applications.",
    "The orchestra played a symphony by Beethoven in front of a full concert hall.",
    "The mountain path is steep; take warm clothes, a map and enough food.",
    "The price of coffee rose this year because of a poor harvest in several countries.",
)

# Follow-ups: a message opened by one of these leans on the previous question;
# the openers are dropped from it, the follow-up questions kept.
FOLLOW_UP_OPENERS = ("and", "also", "then")
# Openers that bring a new topic into the previous question ("what about the fairs?").
TOPIC_SWITCHES = ("and what about", "what about", "how about", "and how about", "same for")
FOLLOW_UP_QUESTIONS = ("who else", "what else", "where else", "anything else", "which other")
# Words that point back to what was just said ("when does it start?").
BACK_REFERENCES = "it its they them their theirs there that this those these he she his her same"
# "In Arabic", "en français", "بالعربية": the last answer asked again in that language.
ASKED_LANGUAGE = {
    "ar": ("in arabic", "into arabic", "to arabic", "arabic version", "arabic please"),
    "fr": ("in french", "into french", "to french", "french version", "french please"),
    "en": ("in english", "into english", "to english", "english version", "english please"),
}
# What else such a request may say ("can you say it in Arabic, please?").
REQUEST_WORDS = (
    "and can could you please say it that this the answer same again repeat translate give me "
    "write send version now also"
)
