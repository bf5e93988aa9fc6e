"""The torch-free query path: the ONNX export gives the same vectors and the same answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import qa
from qa.encoder import Encoder

from .conftest import ROOT, SEEDS


def seed_articles() -> list[qa.Article]:
    """The seed corpus's articles as ingest reads them: counts come from here, not typed in."""
    from qa.articles import read, scan

    stamps, _ = scan(SEEDS)
    return sorted((a for s in stamps for a in read(SEEDS, s)[0]), key=lambda a: a.id)


def test_onnx_vectors_match_sentence_transformers(bot: qa.Bot) -> None:
    assert bot.encoder.uses_onnx
    rows = bot.store.passages(range(1, bot.store.counts()[1] + 1))
    texts = [r.text for r in rows.values()] + ["Who is Canada's foreign affairs minister?"]
    onnx = bot.encoder.encode(texts)
    torch = Encoder().encode_torch(texts)
    cosines = (onnx * torch).sum(axis=1)
    assert cosines.min() >= 0.999, cosines.min()


def test_onnx_and_torch_rank_the_same(bot: qa.Bot, seed_index: Path) -> None:
    questions = [json.loads(x)["question"] for x in
                 (ROOT / "tests/data/seed_questions.jsonl").read_text().splitlines()]
    reference = qa.open(SEEDS, index=seed_index, refresh=False)  # opening attaches ONNX
    reference.encoder.use_onnx(None)  # back to sentence-transformers on torch
    assert not reference.encoder.uses_onnx
    for q in questions:
        a = [h.passage_id for h in bot.ask(q).passages]
        b = [h.passage_id for h in reference.ask(q).passages]
        assert a == b, q


def test_cold_question_does_not_import_torch(seed_index: Path) -> None:
    code = ("import sys\nfrom qa.cli import main\n"
            f"rc = main(['-q', 'Who is Canada\\'s foreign affairs minister?', '--index', "
            f"{str(seed_index)!r}, '--corpus', {str(SEEDS)!r}, '--json'])\n"
            "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') "
            "if m in sys.modules]\n"
            "assert rc == 0 and not heavy, heavy\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "Melanie Joly" in json.loads(r.stdout.splitlines()[-1])["answer"]["text"]


def test_manifest_keeps_the_onnx_checksum(bot: qa.Bot) -> None:
    m = bot.store.manifest
    assert m["onnx_file"].endswith(".onnx") and (bot.index_dir / m["onnx_file"]).exists()
    assert bot.store.read_file(m["onnx_file"], "onnx_checksum")[:4] == (
        (bot.index_dir / m["onnx_file"]).read_bytes()[:4])
    assert np.isclose(np.linalg.norm(bot.encoder.encode(["x"])[0]), 1.0, atol=1e-5)


def test_passages_are_indexed_with_the_int8_export_close_to_fp32(bot: qa.Bot) -> None:
    from qa.indexer import embed, passage_encoder
    from qa.onnx_export import QUANTIZED
    from qa.passages import split_article

    assert bot.store.manifest["passage_encoder"] == QUANTIZED == passage_encoder(bot.encoder)
    articles = seed_articles()
    split = [(a, split_article(a, bot.settings, bot.encoder.count_tokens,
                               bot.encoder.token_offsets)) for a in articles]
    fp32 = Encoder()
    fp32.use_onnx(bot.store.read_file(bot.store.manifest["onnx_file"], "onnx_checksum"))
    reference, _ = embed(fp32, bot.settings, split, None)  # the fp32 export: no int8 model
    stored = bot.store.faiss_index().reconstruct(range(1, len(reference) + 1))
    cosines = (stored * reference).sum(axis=1)
    # Quantised (not the fp32 vectors themselves), yet each passage points the same way.
    assert cosines.min() >= 0.98 and cosines.max() < 0.99999, (cosines.min(), cosines.max())


def test_indexes_of_one_model_share_one_copy_of_its_export(
        tmp_path: Path, encoder: Encoder, monkeypatch: pytest.MonkeyPatch) -> None:
    from qa.bot import Bot

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first, second = tmp_path / "a", tmp_path / "b"
    Bot(SEEDS, first, encoder).refresh()
    Bot(SEEDS, second, encoder).refresh()
    [one], [two] = first.glob("model-*.onnx"), second.glob("model-*.onnx")
    [cached] = (tmp_path / "cache" / "qa" / "onnx").glob("????????????????-v*.onnx")
    assert one.stat().st_ino == two.stat().st_ino == cached.stat().st_ino  # 90 MB once
    Bot(SEEDS, second, encoder).refresh(rebuild=True)  # linked already: nothing left over
    assert sorted(p.name for p in second.iterdir() if "onnx" in p.name) == [two.name]
    # A new export into the cache never changes a file an index links to.
    before = one.read_bytes()
    cached.with_suffix(".checksum").unlink()
    Bot(SEEDS, second, Encoder()).refresh(rebuild=True)
    assert one.read_bytes() == before and one.stat().st_ino != cached.stat().st_ino
    fresh = Bot(SEEDS, first, Encoder())
    assert fresh.ask("Who is Canada's new ambassador to Armenia?").text is not None
    fresh.close()


def test_another_passage_encoder_means_a_rebuild(tmp_path: Path, seed_index: Path,
                                                 encoder: Encoder) -> None:
    import shutil

    from qa.bot import Bot

    from .conftest import rewrite_manifest

    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    rewrite_manifest(index, passage_encoder="sentence-transformers fp32")
    summary = Bot(SEEDS, index, encoder).refresh()
    assert summary.rebuilt == "the passage encoder changed"
    assert summary.added == len(seed_articles())


def test_a_passage_vector_does_not_depend_on_the_other_passages_encoded_with_it(
        bot: qa.Bot) -> None:
    # int8 activations are quantised per run: qa runs passages one by one, so a resumed or
    # incremental build gives exactly the vectors a clean build gives.
    from qa.indexer import _quantized

    m = bot.store.manifest
    fp32 = bot.store.read_file(m["onnx_file"], "onnx_checksum")
    enc = Encoder()
    enc.use_passage_onnx(_quantized(fp32, m["onnx_checksum"]))
    texts = [r.text for r in bot.store.passages(range(1, bot.store.counts()[1] + 1)).values()]
    assert len(texts) > 3  # several batches of three below
    spans = [[(0, len(t))] for t in texts]
    together, _ = enc.encode_passages(texts, spans)
    apart = np.concatenate([
        enc.encode_passages(texts[i:i + 3][::-1], spans[i:i + 3][::-1])[0][::-1]
        for i in range(0, len(texts), 3)])
    assert np.array_equal(together, apart)



STAYS_UP = """
import sys, time
import qa
bot = qa.open(sys.argv[1], index=sys.argv[2], refresh=False)
assert bot.ask("Who is Canada's foreign affairs minister?").text
time.sleep(15)  # onnxruntime 1.32 looked the host up 9 s after its import
"""


@pytest.mark.skipif(shutil.which("strace") is None,
                    reason="strace is not installed (CI installs it: apt-get install strace)")
def test_a_qa_process_that_stays_up_connects_to_nothing(seed_index: Path,
                                                        tmp_path: Path) -> None:
    # onnxruntime 1.29+ looks up a Microsoft telemetry host within seconds of being imported
    # unless ORT_DISABLE_TELEMETRY is set (qa/offline.py): no connect() but to this machine.
    log = tmp_path / "strace.log"
    r = subprocess.run(["strace", "-f", "-e", "trace=connect", "-o", str(log), sys.executable,
                        "-c", STAYS_UP, str(SEEDS), str(seed_index)],
                       capture_output=True, text=True, cwd=ROOT, timeout=300,
                       env={k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"})
    assert r.returncode == 0, r.stderr[-2000:]
    remote = [line for line in log.read_text().splitlines() if "connect(" in line
              and ("AF_INET" in line) and not any(local in line for local in (
                  'inet_addr("127.', '"::1"', '"::ffff:127.'))]
    assert not remote, remote[:3]
