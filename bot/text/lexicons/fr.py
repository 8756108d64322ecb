"""French: the words the assistant treats apart. Data only."""

# Snowball (PyStemmer) algorithm for this language's words.
STEMMER = "french"

# Not searched: function words (BM25 and language detection).
STOPWORDS = """le la les l de des du d un une et en à a au aux pour par sur dans est sont sera
        seront que qu qui quoi quel quelle quels quelles ce cet cette ces c il elle ils elles on
        nous vous je j tu se s sa son ses leur leurs pas ne n plus ou où y avec comme mais donc
        est-ce être été moi toi
        combien comment quand pourquoi"""

# Words that frame a question rather than name its topic ("Que signifie...", "stand for").
FRAME_WORDS = (
    "signifie signifient signifier signification sens veut dire appelle appellent appelé "
    "appelée nom noms but buts objectif objectifs rôle nombre liste type types genre détail "
    "détails information informations exactement précisément"
)

# Words after which a noun comes (the topic of a question).
DETERMINERS = (
    "le la les l un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses "
    "notre nos votre vos leur leurs quel quelle quels quelles chaque plusieurs"
)

# A message made only of these is a greeting or thanks, not a question.
GREETINGS = ("bonjour", "bonsoir", "salut", "coucou")
THANKS = ("merci", "merci beaucoup", "merci bien")
