"""Arabic (Modern Standard, and Moroccan Darija in Arabic and Latin letters):
the words the assistant treats apart. Data only."""

# Snowball (PyStemmer) algorithm for this language's words.
STEMMER = "arabic"

# Not searched: function words (BM25 and language detection).
STOPWORDS = """في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين اللذين ما ماذا كم هل
        و او أو ثم ان أن إن كان كانت يكون هو هي هم هن انا أنا نحن انت أنت لا لم لن قد كل بين
        عند بعد قبل حول منذ حتى اي أي ايضا أيضا لقد وقد التى او لكن كما لدى عليه عليها فيه فيها
        منه منها به بها له لها يا ف ب ل و عدد يوجد توجد هناك"""

# Words that frame a question rather than name its topic ("Que signifie...", "stand for").
FRAME_WORDS = (
    "معنى يعني تعني اسم يسمى تسمى هدف أهداف الهدف الأهداف الغرض دور الدور عدد قائمة نوع "
    "تفاصيل معلومات"
)

# A message made only of these is a greeting or thanks, not a question.
GREETINGS = (
    "مرحبا",
    "أهلا",
    "أهلا وسهلا",
    "السلام عليكم",
    "سلام",
    "صباح الخير",
    "مساء الخير",
    "salam",
    "salam alaykoum",
    "salam alikoum",
    "slm",
)
THANKS = (
    "شكرا",
    "شكرا جزيلا",
    "شكرا بزاف",
    "بارك الله فيك",
    "choukran",
    "chokran",
    "chokrane",
    "merci bzaf",
)

# Words that identify Moroccan Darija rather than Modern Standard Arabic.
DARIJA_WORDS = (
    "شحال",
    "شحآل",
    "كاين",
    "كاينة",
    "كاينين",
    "واش",
    "فين",
    "علاش",
    "بزاف",
    "ديال",
    "ديالي",
    "ديالنا",
    "دابا",
    "كيفاش",
    "غادي",
    "بغيت",
    "بغينا",
    "نقدر",
    "مزيان",
    "شنو",
    "اشنو",
    "امتى",
    "فوقاش",
    "شكون",
    "حنا",
    "نتوما",
    "كتدير",
    "كيدير",
    "هادشي",
    "هادي",
    "هاد",
    "تاع",
)

# Darija function words -> Modern Standard Arabic, so that the embedding model
# (trained on MSA) and the MSA documents meet the question.
DARIJA_TO_MSA = {
    "شحال": "كم",
    "بشحال": "بكم",
    "كاين": "يوجد",
    "كاينة": "توجد",
    "كاينين": "توجد",
    "واش": "هل",
    "فين": "أين",
    "علاش": "لماذا",
    "كيفاش": "كيف",
    "شنو": "ما",
    "اشنو": "ما",
    "شكون": "من",
    "امتى": "متى",
    "فوقاش": "متى",
    "اللي": "الذي",
    "هاد": "هذا",
    "هادي": "هذه",
    "هادشي": "هذا",
    "ديال": "",
    "ديالي": "",
    "ديالنا": "",
    "غادي": "سوف",
    "بزاف": "كثيرا",
    "دابا": "الآن",
    "بغيت": "أريد",
    "بغينا": "نريد",
    "نهار": "يوم",
    "شي": "",
    "الأوطيل": "الفندق",
    "الاوطيل": "الفندق",
    "حنا": "نحن",
}
