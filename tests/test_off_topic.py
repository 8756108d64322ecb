"""Questions about what no document mentions, on uploads in other languages than
the question's: the closest passages are then in another language, where the
off-topic veto (which reads the question's own words) cannot see, and the
calibrated decision alone must decline (bench/off_topic.py measures it)."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.services import Services
from tests.conftest import write_docs

# What organisers upload from a phone: one brief in English, one in Arabic, no French.
UPLOADS = {
    "procurement.en.html": """<html><head><title>Social procurement</title></head><body>
<h1>Good practice: social procurement in the Montérégie region (Quebec)</h1>
<p>Since 2016 the regional county municipalities of Montérégie reserve part of their
purchases for social economy enterprises. Cleaning, catering and waste sorting contracts
are split into smaller lots so that cooperatives and non-profits can bid.</p>
<p>A regional hub trains municipal buyers and keeps a directory of 310 social economy
suppliers. In 2022, contracts awarded to these suppliers reached 14 million Canadian
dollars.</p>
</body></html>
""",
    "fonds-solidaire.ar.md": """# صندوق التمويل التضامني للشباب في ولاية مدنين

## الفكرة
أنشأت الجهة صندوقا للتمويل التضامني يمنح الشباب حاملي المشاريع قروضا بدون فائدة، لإحداث
مؤسسات في الاقتصاد الاجتماعي والتضامني.

## النتائج
مول الصندوق منذ إنشائه سنة 2019 أكثر من 260 مشروعا، أغلبها في الفلاحة والصناعات التقليدية
والسياحة البديلة. وبلغت نسبة استرجاع القروض 91 في المائة.
""",
}


@pytest.fixture(scope="module")
def uploads(e5, tmp_path_factory: pytest.TempPathFactory) -> Services:
    root = tmp_path_factory.mktemp("uploads")
    settings = Settings(
        knowledge_dir=write_docs(root / "knowledge", UPLOADS), data_dir=root / "data"
    )
    services = Services(settings)
    assert services.ingest().ok
    return services


@pytest.mark.parametrize(
    "question",
    [
        "Qui a gagné la coupe d'Afrique des nations de football ?",
        "Comment exercer mon droit d'accès à mes données personnelles auprès d'une entreprise ?",
        "Quelle est la capitale de l'Australie ?",
    ],
)
def test_a_question_no_upload_is_about_is_declined(uploads: Services, question: str) -> None:
    answer = uploads.ask(question)
    assert not answer.confident
    assert answer.lang == "fr" and answer.answer.startswith("Je n'ai pas trouvé")
    assert answer.sources == []


def test_a_question_the_uploads_answer_is_still_answered_across_languages(
    uploads: Services,
) -> None:
    answer = uploads.ask("Combien de fournisseurs compte l'annuaire du réseau régional ?")
    assert answer.confident and answer.lang == "fr"
    assert answer.sources[0].source == "procurement.en.html"
    assert "310" in answer.answer
