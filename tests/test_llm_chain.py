"""The LCEL answer chain on hand-made evidence: a fake chat model from
langchain-core, no server, no embedding model."""

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.runnables import RunnableLambda

from bot.answering.compose import gather
from bot.answering.llm import NO_ANSWER, answer_chain
from tests.answering_fixtures import hit, retrieval

QUESTION = "Combien de jours dure la rencontre ?"


def state():
    top = hit("La rencontre dure trois jours.", 0.9, source="r.fr.md")
    other = hit("Elle se tient à Agadir.", 0.8, source="a.fr.md")
    found = retrieval(QUESTION, [top, other], table={"trois": 0.9})
    return {"evidence": gather([top, other], found), "retrieval": found}


def test_a_cited_answer_keeps_the_cited_passages_as_sources() -> None:
    chain = answer_chain(FakeListChatModel(responses=["Trois jours [1]."]))
    answer = chain.invoke(state())
    assert answer.mode == "llm" and answer.confident and answer.lang == "fr"
    assert answer.answer == "Trois jours [1]." and [s.source for s in answer.sources] == ["r.fr.md"]


def test_no_answer_from_the_model_is_a_decline_not_a_fallback() -> None:
    answer = answer_chain(FakeListChatModel(responses=[NO_ANSWER])).invoke(state())
    assert not answer.confident and answer.mode == "extractive" and not answer.sources


def test_an_answer_citing_nothing_or_out_of_range_falls_back() -> None:
    for reply in ("Trois jours.", "Trois jours [7]."):
        answer = answer_chain(FakeListChatModel(responses=[reply])).invoke(state())
        assert answer.mode == "extractive" and "trois jours" in answer.answer


def test_a_failing_model_falls_back_and_says_why(caplog) -> None:
    def broken(_messages):
        raise TimeoutError("model too slow")

    answer = answer_chain(RunnableLambda(broken)).invoke(state())
    assert answer.mode == "extractive" and answer.confident
    assert "TimeoutError" in caplog.text and "model too slow" not in caplog.text
