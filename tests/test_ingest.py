import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from bot.answering.search import HybridSearch
from bot.config import Settings
from bot.errors import ConfigError, ModelMismatch, ModelUnavailable
from bot.knowledge.chunking import chunk_document
from bot.knowledge.ingest import Ingestor
from bot.knowledge.loaders import LoadedDocument, load
from bot.knowledge.store import ChunkStore, question_key
from bot.services import Services
from bot.text.lexicons import background_texts
from tests.docs import KNOWLEDGE, docx_bytes, pdf_bytes


class CountingModel:
    """The real model, counting how many texts it is asked to embed."""

    def __init__(self, model) -> None:
        self.model = model
        self.name = model.name
        self.texts = 0

    def embed_documents(self, texts):
        self.texts += len(texts)
        return self.model.embed_documents(texts)

    def embed_query(self, text):
        self.texts += 1
        return self.model.embed_query(text)


def make_ingestor(settings: Settings, e5) -> tuple[Ingestor, CountingModel]:
    counter = CountingModel(e5)
    return Ingestor(settings, embeddings=lambda: counter), counter


def sources(store: ChunkStore) -> dict[str, str]:
    files, loose = store.files()
    assert loose == []
    return {name: f.doc_hash for name, f in files.items()}


def test_first_ingest_then_unchanged_then_changed_then_deleted(settings: Settings, e5) -> None:
    ingestor, counter = make_ingestor(settings, e5)
    first = ingestor.run()
    assert sorted(first.added) == sorted(
        ["briefs/cooperatives.ar.md", "faq/visites.en.txt", "programme/rencontre.fr.md"]
    )
    assert first.ok and first.chunks == first.total_chunks > 0
    embedded = counter.texts
    # The search's reference passages are stored with the answer units, once.
    reference = [t for group in background_texts().values() for t in group]
    assert ingestor.store.sentences.missing(reference) == []

    again = ingestor.run()
    assert again.added == again.updated == again.removed == []
    assert len(again.unchanged) == 3
    assert counter.texts == embedded  # nothing re-embedded

    brief = settings.knowledge_dir / "briefs/cooperatives.ar.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace("6000", "6100"), encoding="utf-8")
    (settings.knowledge_dir / "faq/visites.en.txt").unlink()
    third = ingestor.run()
    assert third.updated == ["briefs/cooperatives.ar.md"]
    assert third.removed == ["faq/visites.en.txt"]
    assert third.unchanged == ["programme/rencontre.fr.md"]

    store = ingestor.store
    assert set(sources(store)) == {"briefs/cooperatives.ar.md", "programme/rencontre.fr.md"}
    texts = [c.text for c in store.committed()[0]]
    assert any("6100" in t for t in texts) and not any("6000" in t for t in texts)
    # No duplicate or stale chunk: the index holds exactly the current files' chunks.
    assert store.count() == len(texts) == third.total_chunks


def test_a_new_reader_re_reads_unchanged_files_on_the_next_ingest(
    settings: Settings, e5, monkeypatch
) -> None:
    # An upgrade that reads documents better (a PDF's running header dropped)
    # must reach the files already indexed, not only the next uploads: their
    # bytes did not change, the version of the reading did.
    from bot.knowledge import chunking

    ingestor, _ = make_ingestor(settings, e5)
    with monkeypatch.context() as before:
        before.setattr(chunking, "CHUNKER_VERSION", "older")
        assert len(ingestor.run().added) == 3
        assert ingestor.run().updated == []
    upgraded = ingestor.run()
    assert len(upgraded.updated) == 3 and upgraded.unchanged == []
    assert ingestor.store.count() == upgraded.total_chunks  # the old chunks are gone


def test_rebuild_starts_from_empty(settings: Settings, e5) -> None:
    ingestor, counter = make_ingestor(settings, e5)
    ingestor.run()
    before = counter.texts
    report = ingestor.run(rebuild=True)
    assert len(report.added) == 3 and report.unchanged == []
    assert counter.texts == 2 * before + 1  # the model checked on one text first
    assert report.total_chunks == report.chunks


def test_every_format_and_the_corrupt_ones(settings: Settings, e5) -> None:
    root = settings.knowledge_dir
    (root / "practical").mkdir()
    (root / "practical/agenda.pdf").write_bytes(
        pdf_bytes(["Opening plenary on Monday.", "Field visit to an argan cooperative."])
    )
    (root / "practical/visites.docx").write_bytes(
        docx_bytes("الزيارات الميدانية", [("اليوم الثاني", "زيارة معرض المنتجات المحلية.")])
    )
    (root / "practical/infos.html").write_text(
        "<html><body><h1>Hôtel</h1><p>À confirmer par les organisateurs.</p></body></html>",
        encoding="utf-8",
    )
    (root / "practical/broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    (root / "practical/empty.md").write_text("", encoding="utf-8")
    (root / "practical/locked.pdf").write_bytes(pdf_bytes(["secret"], password="pw"))
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # not a document: reported, not failed
    (root / ".hidden.md").write_text("# hidden", encoding="utf-8")
    (root / "agenda.yaml").write_text(
        (KNOWLEDGE / "agenda.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )

    ingestor, _ = make_ingestor(settings, e5)
    report = ingestor.run()
    assert not report.ok
    failed = {f.source: f.reason for f in report.failed}
    assert set(failed) == {"practical/broken.pdf", "practical/empty.md", "practical/locked.pdf"}
    assert "encrypted" in failed["practical/locked.pdf"]
    assert "empty" in failed["practical/empty.md"]
    # The photo is named with the formats that are read; the agenda and the
    # hidden file are not listed (the agenda is read as the agenda).
    (unread,) = report.unread
    assert unread.source == "photo.jpg" and "'.jpg'" in unread.reason and ".pdf" in unread.reason
    assert "failed 3, not read 1;" in report.summary()
    indexed = sources(ingestor.store)
    assert {"practical/agenda.pdf", "practical/visites.docx", "practical/infos.html"} <= set(
        indexed
    )
    assert len(indexed) == 6
    chunks = ingestor.store.committed()[0]
    pdf_sections = {c.section for c in chunks if c.source == "practical/agenda.pdf"}
    assert pdf_sections == {"p. 1", "p. 2"}


def test_a_file_that_turns_corrupt_keeps_its_old_version(settings: Settings, e5) -> None:
    ingestor, _ = make_ingestor(settings, e5)
    ingestor.run()
    path = settings.knowledge_dir / "programme/rencontre.fr.md"
    path.write_bytes(b"---\ntitle: [broken\n---\n")
    report = ingestor.run()
    assert [f.source for f in report.failed] == ["programme/rencontre.fr.md"]
    assert "programme/rencontre.fr.md" in sources(ingestor.store)


def test_interrupted_ingest_never_shows_half_a_document(settings: Settings, e5) -> None:
    ingestor, _ = make_ingestor(settings, e5)
    ingestor.run()
    store = ingestor.store
    retriever = HybridSearch(store, e5)
    before = [h.chunk.id for h in retriever.search("Combien de pays participent ?", k=3)]

    # A new version of a file, written but not committed: what a crash leaves.
    doc = LoadedDocument("# Participants\n\nDouze pays participent désormais.", lang="fr")
    orphans = chunk_document(doc, source="programme/rencontre.fr.md", doc_hash="f" * 64)
    store.add(orphans, e5.embed_documents([c.embed_text for c in orphans]))
    retriever.refresh()
    after = retriever.search("Combien de pays participent ?", k=3)
    assert [h.chunk.id for h in after] == before
    assert all("Douze" not in h.chunk.text for h in after)

    report = ingestor.run()  # the next run cleans up and changes nothing else
    assert len(report.unchanged) == 3
    assert store.count() == report.total_chunks
    assert orphans[0].id not in {c.id for c in store.committed()[0]}


def test_changing_the_model_asks_for_rebuild(settings: Settings, e5) -> None:
    ingestor, _ = make_ingestor(settings, e5)
    ingestor.run()
    other = settings.updated(embedding_model="sentence-transformers:some/other-model")
    with pytest.raises(ModelMismatch, match="--rebuild"):
        ChunkStore(other, other.embedding_model)


def test_missing_knowledge_folder(settings: Settings, e5, tmp_path: Path) -> None:
    ingestor, _ = make_ingestor(settings, e5)
    with pytest.raises(ConfigError, match="is not a folder"):
        ingestor.run(tmp_path / "nowhere")
    gone = settings.updated(knowledge_dir=tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="does not exist"):
        make_ingestor(gone, e5)[0].run()


def test_a_broken_agenda_is_reported_with_its_line(settings: Settings, e5) -> None:
    (settings.knowledge_dir / "agenda.yaml").write_text(
        "event:\n  name_fr: x\n  name_ar: y\n  city: Agadir\n  days: three\ndays: []\n",
        encoding="utf-8",
    )
    ingestor, _ = make_ingestor(settings, e5)
    report = ingestor.run()
    (failure,) = report.failed
    assert failure.source == "agenda.yaml"
    assert "agenda.yaml:5: event.days" in failure.reason
    assert len(report.added) == 3  # the documents are indexed all the same


def test_source_refreshes_one_folder_beside_the_rest(settings: Settings, e5, tmp_path) -> None:
    ingestor, counter = make_ingestor(settings, e5)
    ingestor.run()
    uploads = settings.knowledge_dir / "uploads"
    uploads.mkdir()
    (uploads / "note.fr.txt").write_text("Le dîner officiel est à confirmer.\n", encoding="utf-8")
    report = ingestor.run(uploads)
    assert report.added == ["uploads/note.fr.txt"] and report.removed == []
    assert set(sources(ingestor.store)) == {
        "briefs/cooperatives.ar.md",
        "faq/visites.en.txt",
        "programme/rencontre.fr.md",
        "uploads/note.fr.txt",
    }
    # The next full ingest sees the same names: nothing to do.
    embedded = counter.texts
    again = ingestor.run()
    assert again.added == again.removed == [] and counter.texts == embedded
    # A document gone from the folder is dropped, the others kept.
    (uploads / "note.fr.txt").unlink()
    assert ingestor.run(uploads).removed == ["uploads/note.fr.txt"]
    assert len(sources(ingestor.store)) == 3


def test_source_outside_the_knowledge_folder_is_refused(settings: Settings, e5, tmp_path) -> None:
    ingestor, _ = make_ingestor(settings, e5)
    ingestor.run()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.fr.txt").write_text("Un document.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="outside KNOWLEDGE_DIR"):
        ingestor.run(elsewhere)
    with pytest.raises(ConfigError, match="drop --source"):
        ingestor.run(settings.knowledge_dir / "faq", rebuild=True)
    assert len(sources(ingestor.store)) == 3  # nothing touched


def test_a_run_outside_a_terminal_logs_its_progress(settings: Settings, e5, caplog) -> None:
    for i in range(17):  # 20 files with the fixture's 3
        (settings.knowledge_dir / f"notes/n{i:02d}.fr.txt").parent.mkdir(exist_ok=True)
        (settings.knowledge_dir / f"notes/n{i:02d}.fr.txt").write_text(
            f"Note {i} : la séance {i} est à confirmer.\n", encoding="utf-8"
        )
    ingestor, _ = make_ingestor(settings, e5)
    with caplog.at_level("INFO", logger="bot.knowledge.ingest"):
        assert ingestor.run(progress=False).ok
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("ingest: ")]
    assert lines[0] == "ingest: 2/20 files (10%)" and lines[-1] == "ingest: 20/20 files (100%)"
    assert len(lines) == 10


class FailingModel(CountingModel):
    """The real model until its ``fail_at``-th call, then a crash: a rebuild dying half-way."""

    def __init__(self, model, fail_at: int) -> None:
        super().__init__(model)
        self.calls, self.fail_at = 0, fail_at

    def embed_documents(self, texts):
        self.calls += 1
        if self.calls >= self.fail_at:
            raise RuntimeError("killed half-way")
        return super().embed_documents(texts)


def _collections(store: ChunkStore) -> set[str]:
    return {c.name for c in store._client.list_collections()}


def test_a_rebuild_with_a_model_that_cannot_load_leaves_the_index_answering(
    settings: Settings, e5
) -> None:
    Services(settings).ingest()
    broken = settings.updated(embedding_model="sentence-transformers:/no/such/model")
    with pytest.raises(ModelUnavailable):
        Services(broken).ingest(rebuild=True)
    services = Services(settings)  # what the next start of the bot opens
    answer = services.ask("Combien de pays participent à la rencontre ?")
    assert answer.confident and "neuf" in answer.answer.lower()
    assert len(sources(services.store)) == 3
    assert not any(n.endswith(("-next", "-retired")) for n in _collections(services.store))


def test_a_rebuild_that_dies_half_way_leaves_the_old_index(settings: Settings, e5) -> None:
    ingestor, _ = make_ingestor(settings, e5)
    ingestor.run()
    before = sources(ingestor.store)
    dying = Ingestor(settings, store=ingestor.store, embeddings=lambda: FailingModel(e5, 3))
    with pytest.raises(RuntimeError, match="half-way"):
        dying.run(rebuild=True)
    assert sources(ChunkStore(settings, settings.embedding_model)) == before
    assert not any(n.endswith("-next") for n in _collections(ingestor.store))


def test_a_search_follows_a_rebuild_swapped_in_by_another_writer(settings: Settings, e5) -> None:
    ingestor, _ = make_ingestor(settings, e5)
    ingestor.run()
    search = HybridSearch(ChunkStore(settings, settings.embedding_model), e5)  # the bot's
    question = "Combien de pays participent ?"
    assert any("neuf" in h.chunk.text for h in search.search(question, k=3))
    programme = settings.knowledge_dir / "programme/rencontre.fr.md"
    programme.write_text(programme.read_text(encoding="utf-8").replace("neuf", "dix"), "utf-8")
    report = make_ingestor(settings, e5)[0].run(rebuild=True)  # `ingest.py --rebuild`
    assert report.ok and len(report.added) == 3
    reads = []
    search.refresh = lambda real=search.refresh: reads.append(1) or real()
    with ThreadPoolExecutor(8) as pool:  # delegates asking when the swap lands
        results = list(pool.map(lambda _: search.search(question, k=3), range(8)))
    for hits in results:  # no NotFoundError: re-opened and re-read
        assert any("dix pays" in h.chunk.text for h in hits)
        assert not any("neuf pays" in h.chunk.text for h in hits)
    assert len(reads) == 1  # re-opened and re-read once, not by every search


def test_a_swap_killed_between_its_renames_is_finished_at_the_next_open(
    settings: Settings, e5
) -> None:
    ingestor, _ = make_ingestor(settings, e5)
    ingestor.run()
    staging = ChunkStore.staging(settings, settings.embedding_model)
    Ingestor(settings, store=staging, embeddings=lambda: e5).run(settings.knowledge_dir / "faq")
    live = settings.chroma_collection  # the first rename happened, then the process died
    for suffix in ("", "-sentences"):
        staging._client.get_collection(live + suffix).modify(name=live + "-retired" + suffix)
    reopened = ChunkStore(settings, settings.embedding_model)
    assert set(sources(reopened)) == {"faq/visites.en.txt"}  # the complete staging one
    assert reopened.sentences.missing(["Field visit"]) == ["Field visit"]
    assert f"{live}-sentences" in _collections(reopened)


def _truncated_docx() -> bytes:
    """A .docx whose document part stops half-way (a transfer cut short)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes("Programme", [("Jour 1", "Ouverture.")])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return out.getvalue()


def test_malformed_files_are_reported_and_the_rest_indexed(settings: Settings, e5) -> None:
    root = settings.knowledge_dir
    (root / "a-broken.docx").write_bytes(_truncated_docx())  # sorted first: before the rest
    (root / "nul.md").write_bytes(b"\x00" * 4096)
    (root / "passwd.txt").symlink_to("/etc/passwd")
    report = make_ingestor(settings, e5)[0].run()
    failed = {f.source: f.reason for f in report.failed}
    assert "not a readable DOCX file" in failed["a-broken.docx"]
    assert failed["nul.md"].startswith("no text found")
    assert failed["passwd.txt"] == "a link to a file outside KNOWLEDGE_DIR"
    assert len(report.added) == 3  # every other document indexed
    again = make_ingestor(settings, e5)[0].run()  # reported again, never "added"
    assert "nul.md" not in again.added and len(again.failed) == 3


def test_one_writer_at_a_time_on_an_index(settings: Settings, e5, caplog) -> None:
    from bot.knowledge.lock import IndexLock

    patient = settings.updated(ingest_lock_wait=0.6)
    with IndexLock(settings.data_dir, wait=0), caplog.at_level("INFO"):  # another ingest
        with pytest.raises(ConfigError, match=r"another ingest \(pid \d+ since .*\) is writing"):
            make_ingestor(patient, e5)[0].run()
        assert "waiting for another ingest" in caplog.text
    report = make_ingestor(patient, e5)[0].run()  # released: this one goes ahead
    assert len(report.added) == 3
    # A holder that dies releases the lock with it (flock): nothing stale to clean.
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, '.');"
            "from bot.knowledge.lock import IndexLock;"
            f"IndexLock(__import__('pathlib').Path({str(settings.data_dir)!r}), wait=0).__enter__();"
            "print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(Path(__file__).resolve().parents[1]),
    )
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    assert make_ingestor(patient, e5)[0].run().ok


def _peak_rss_mb_of_load(path: Path) -> float:
    """Load ``path`` in a child process; the child's own peak resident memory in MB."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    # VmHWM, the peak of this process image (ru_maxrss would count the forked parent's).
    code = (
        "import sys; from pathlib import Path; from bot.knowledge.loaders import load;"
        "load(Path(sys.argv[1]));"
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1]) / 1024


def test_hostile_docx_files_stay_small_and_whole(tmp_path: Path) -> None:
    from tests.docs import hostile_docx

    bomb = tmp_path / "bomb.docx"  # ~1 MB on disk, an image inflating to 1 GiB
    hostile_docx(bomb, image_mb=1024, text="Le programme de la visite.")
    assert bomb.stat().st_size < 5 * 1024 * 1024
    assert _peak_rss_mb_of_load(bomb) < 300  # the image part is never inflated
    assert "Le programme de la visite." in load(bomb).text
    many = tmp_path / "many.docx"  # tens of thousands of tiny paragraphs
    hostile_docx(many, paragraphs=30_000)
    text = load(many).text
    assert "p0" in text and "p29999" in text


def test_documents_over_the_limits_are_reported_and_nothing_half_written(
    settings: Settings, e5
) -> None:
    (settings.knowledge_dir / "long.fr.txt").write_text("Une longue note. " * 2000, "utf-8")
    small = settings.updated(ingest_max_text_mb=0.01)  # ~10 KB of text
    report = make_ingestor(small, e5)[0].run()
    assert {f.source: f.reason for f in report.failed} == {
        "long.fr.txt": "more than 0.01 MB of text"
    }
    assert len(report.added) == 3
    hurried = settings.updated(ingest_max_seconds=0.0, chroma_collection="hurried")
    report = make_ingestor(hurried, e5)[0].run()
    assert len(report.failed) == 4 and report.added == []
    assert all(f.reason == "more than 0 s to read" for f in report.failed)
    store = ChunkStore(hurried, hurried.embedding_model)
    assert store.count() == 0 and store.uncommitted() == []


def test_a_long_document_is_indexed_though_indexing_outlasts_the_reading_allowance(
    settings: Settings, e5
) -> None:
    """The time allowance stops a file whose reading blows up; embedding a
    long report's text takes longer than reading it, and is no reason to
    refuse it (a 100-page report took three minutes: it was skipped)."""
    sentences = [
        f"La coopérative {n} de la région {n % 7} produit {n * 3} tonnes d'huile d'argan."
        for n in range(60)
    ]
    (settings.knowledge_dir / "long.fr.txt").write_text(" ".join(sentences), "utf-8")
    allowance = 1.0  # reading this file takes milliseconds; embedding it, seconds
    ingestor, counter = make_ingestor(settings.updated(ingest_max_seconds=allowance), e5)
    started = time.monotonic()
    report = ingestor.run()
    assert time.monotonic() - started > allowance  # or the test proves nothing
    assert report.failed == [] and "long.fr.txt" in report.added
    assert counter.texts > len(sentences)  # its sentences, each embedded
    assert ingestor.store.sentences.missing(sentences) == []
    assert "long.fr.txt" in sources(ingestor.store)


def test_an_upload_indexed_while_answering_does_not_queue_behind_the_answers_model(
    settings: Settings, e5
) -> None:
    """The engine runs one call at a time per model instance. A process that
    answers indexes an upload with an instance of its own: on the shared one,
    a delegate's question waited behind each batch of a long document."""
    services = Services(settings)
    services.ingest()
    services.warm_up()  # this process answers now
    (settings.knowledge_dir / "note.fr.txt").write_text(
        "La navette des délégués part de l'hôtel à une heure à confirmer.", "utf-8"
    )
    report: list = []
    with services.embeddings._lock:  # a question being embedded all along
        worker = threading.Thread(target=lambda: report.append(services.ingest()))
        worker.start()
        worker.join(timeout=60)
        finished = not worker.is_alive()
    worker.join()
    assert finished and report[0].added == ["note.fr.txt"]
    answer = services.ask("À quelle heure part la navette des délégués ?", lang="fr")
    assert any(s.source == "note.fr.txt" for s in answer.sources)


def test_a_data_dir_that_cannot_hold_the_lock_is_one_line(settings: Settings, e5, tmp_path) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    broken = settings.updated(data_dir=tmp_path / "a-file")
    with pytest.raises(ConfigError, match="cannot write .*ingest.lock"):
        make_ingestor(broken, e5)[0].run()


FAQ = """# أسئلة متكررة

## هل الزيارات الميدانية مفتوحة لجميع المشاركين؟

نعم، الزيارات الميدانية مفتوحة لجميع المشاركين، وتحدد مواعيدها لاحقا.

## Où se trouve l'hôtel des délégués ?

L'hôtel des délégués est à confirmer par les organisateurs.
"""


def test_faq_questions_are_embedded_at_ingest_not_at_the_first_question(
    settings: Settings, e5
) -> None:
    """The search matches a question to the FAQ entries' own questions: their
    vectors come from the ingest, so a search opened on a fresh index embeds
    none of them (the first question would wait for every one)."""
    (settings.knowledge_dir / "faq/questions.ar.md").write_text(FAQ, encoding="utf-8")
    ingestor, _ = make_ingestor(settings, e5)
    ingestor.run()
    headings = {c.heading for c in ingestor.store.committed()[0] if c.heading}
    assert headings == {
        "هل الزيارات الميدانية مفتوحة لجميع المشاركين؟",
        "Où se trouve l'hôtel des délégués ?",
    }
    stored = ingestor.store.sentences.get([question_key(h) for h in headings])
    assert {question_key(h) for h in headings} == set(stored)
    for heading in headings:  # the query side, not the passage side
        assert np.allclose(stored[question_key(heading)], e5.embed_query(heading), atol=1e-6)
        assert not np.allclose(stored[question_key(heading)], e5.embed_documents([heading])[0])
    counter = CountingModel(e5)
    search = HybridSearch(ChunkStore(settings, e5.name), counter)
    assert counter.texts == 0
    assert len(search.index.headings.rows) == 2
    hits = search.search("هل يمكن لجميع المشاركين حضور الزيارات الميدانية؟", k=3)
    assert hits[0].chunk.source == "faq/questions.ar.md" and hits[0].as_question
