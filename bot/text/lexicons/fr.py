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

# Passages de tous les jours sur des sujets qu'aucun document du programme ne
# traite, les mêmes dans les trois langues : la similarité d'une question à
# ces passages est ce que le modèle donne à n'importe quel texte de cette
# langue (le fond de la recherche). Jamais montrés, jamais cités.
BACKGROUND = (
    "Demain, il fera beau le matin, avec des nuages et une pluie légère l'après-midi.",
    "Mélangez la farine, les œufs et le lait, puis faites cuire les crêpes deux minutes.",
    "L'équipe locale a gagné le match de football deux buts à un après prolongation.",
    "Le film raconte l'histoire d'une jeune musicienne qui quitte son village pour la capitale.",
    "Buvez assez d'eau, dormez bien et marchez trente minutes par jour pour rester en forme.",
    "La planète Mars est plus petite que la Terre et sa couleur rouge vient de l'oxyde de fer.",
    "Redémarrez l'ordinateur et installez les mises à jour si le programme ne répond plus.",
    "Le train de nuit part de la gare centrale à vingt-trois heures et arrive tôt le matin.",
    "Arrosez les tomates le soir et protégez-les du vent fort.",
    "Pour ouvrir un compte bancaire, apportez une pièce d'identité et un justificatif de domicile.",
    "Le vieux château a été construit au douzième siècle et reconstruit après un incendie.",
    "Les dauphins vivent en groupe et communiquent entre eux par des sifflements.",
    "Le magasin est fermé le dimanche ; les soldes commencent la semaine prochaine.",
    "Les enfants apprennent à lire et à compter dans les premières années de l'école primaire.",
    "Le médecin a prescrit un antibiotique à prendre deux fois par jour pendant une semaine.",
    "Vérifiez la pression des pneus et le niveau d'huile avant un long trajet en voiture.",
    "Chargez complètement la batterie du téléphone avant la première utilisation.",
    "L'orchestre a joué une symphonie de Beethoven devant une salle de concert pleine.",
    "Le sentier de montagne est raide : prenez des vêtements chauds, une carte et à manger.",
    "Le prix du café a augmenté cette année à cause d'une mauvaise récolte dans plusieurs pays.",
)

# Follow-ups: a message opened by one of these leans on the previous question;
# the openers are dropped from it, the follow-up questions kept.
FOLLOW_UP_OPENERS = ("et", "et aussi", "aussi", "alors")
# Openers that bring a new topic into the previous question ("et pour les foires ?").
TOPIC_SWITCHES = (
    "et pour",
    "et qu'en est-il de",
    "qu'en est-il de",
    "qu'en est-il",
    "pareil pour",
    "idem pour",
    "et concernant",
    "concernant",
)
FOLLOW_UP_QUESTIONS = (
    "qui d'autre",
    "quoi d'autre",
    "quoi encore",
    "quels autres",
    "quelles autres",
)
# Words that point back to what was just said ("quand commence-t-elle ?").
BACK_REFERENCES = (
    "il elle ils elles y en son sa ses leur leurs ça cela celle celui ceux celles lui eux "
    "ce cet cette ces"
)
# "In Arabic", "en français", "بالعربية": the last answer asked again in that language.
ASKED_LANGUAGE = {
    "ar": ("en arabe", "version arabe", "traduction arabe", "traduis en arabe"),
    "fr": ("en francais", "version francaise", "traduction francaise"),
    "en": ("en anglais", "version anglaise", "traduction anglaise"),
}
# What else such a request may say ("pouvez-vous le dire en arabe, s'il vous plaît ?").
REQUEST_WORDS = (
    "et peux pouvez tu vous le la l dire redire répéter répète traduire traduis traduisez "
    "donner donne donnez moi s il plait plaît svp stp la réponse réponse aussi même encore "
    "maintenant écrire écris écrivez"
)
