"""Shared fixtures, scoped by cost (the machine has 2 cores).

Session: the embedding model (loaded once, by ``get_embeddings``' cache) and a
`chroma run` server on 127.0.0.1. Per test: a clean environment, a temporary
knowledge folder and data folder, and a uniquely named collection.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot.config import SETTINGS, Settings
from bot.knowledge.embeddings import get_embeddings

ROOT = Path(__file__).resolve().parents[1]

FIXTURE_DOCS = {
    "programme/rencontre.fr.md": """---
title: La rencontre d'Agadir
lang: fr
kind: programme
---
# La rencontre d'Agadir

## Participants

Plus de 30 responsables de collectivités territoriales venus de neuf pays francophones
participent à la rencontre : Arménie, Bénin, Cameroun, Côte d'Ivoire, France, Madagascar,
République du Congo, Sénégal et Maroc.

## Durée

La rencontre dure trois jours. Elle s'est ouverte un lundi à Agadir.
""",
    "briefs/cooperatives.ar.md": """---
title: دعم التعاونيات في جهة سوس ماسة
lang: ar
kind: brief
---
# دعم التعاونيات في جهة سوس ماسة

## السياق

تضم جهة سوس ماسة حوالي 6000 تعاونية تنشط في الحرف التقليدية والمنتجات المحلية.

## ما تم إنجازه

تدعم الجهة قدرات الحرفيين والتعاونيات وتوفر لهم المعدات والمواد الأولية.
""",
    "faq/visites.en.txt": """Field visits

During the three days, participants go on field visits to see regional policies and good
governance in practice. The exact sites and times are to be confirmed by the organisers.
""",
}


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never inherit the developer's shell: settings, proxies, tokens."""
    for setting in SETTINGS:
        monkeypatch.delenv(setting.name, raising=False)
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    for name in ("LC_ALL", "LC_MESSAGES"):  # the terminal chat's language: LANG alone
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def e5():
    return get_embeddings("e5-small")


def write_docs(root: Path, docs: dict[str, str | bytes]) -> Path:
    for name, content in docs.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return write_docs(tmp_path / "knowledge", FIXTURE_DOCS)


@pytest.fixture
def settings(tmp_path: Path, knowledge: Path) -> Settings:
    return Settings(
        knowledge_dir=knowledge,
        data_dir=tmp_path / "data",
        chroma_collection=f"test-{uuid.uuid4().hex[:12]}",
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_responds(url: str, *, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not respond within {timeout:.0f} s") from None
            time.sleep(0.2)


def start_chroma(path: Path) -> tuple[subprocess.Popen, int]:
    """A real `chroma run` on 127.0.0.1 storing in ``path``, answering: (process, port).
    Its output goes to ``path/server.log``."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if chroma is None:
        pytest.fail("the `chroma` command (from the chromadb package) is not installed")
    port = _free_port()
    path.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    with open(path / "server.log", "wb") as log:
        process = subprocess.Popen(
            [chroma, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        wait_until_responds(f"http://127.0.0.1:{port}/api/v2/heartbeat")
    except TimeoutError:
        stop_chroma(process)
        raise
    return process, port


def stop_chroma(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):
    """A real `chroma run` on 127.0.0.1 for the whole session: (host, port)."""
    process, port = start_chroma(tmp_path_factory.mktemp("chroma-server"))
    try:
        yield "127.0.0.1", port
    finally:
        stop_chroma(process)


@pytest.fixture(scope="session")
def knowledge_base(e5, tmp_path_factory: pytest.TempPathFactory):
    """The bundled knowledge/ indexed once for the session: (Services, first IngestReport)."""
    from bot.services import Services

    settings = Settings(
        knowledge_dir=ROOT / "knowledge",
        data_dir=tmp_path_factory.mktemp("knowledge-base"),
        chroma_collection="bundled-knowledge",
    )
    services = Services(settings)
    return services, services.ingest()


def with_fake_llm(settings: Settings, llm, *, timeout: float = 1.0) -> Settings:
    """``settings`` answering through the fake OpenAI-compatible server ``llm``."""
    return settings.updated(
        llm_model="openai:fake-model",
        llm_base_url=llm.base_url,
        llm_api_key="test-key-not-a-secret",
        llm_timeout=timeout,
    )


@pytest.fixture
def fake_llm():
    """A fake OpenAI-compatible server on 127.0.0.1, scripted by the test."""
    from tests.fakes.openai_server import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()
