"""Ingestion speed, re-index time, peak memory and index size, on the bbc folder.

    python benchmarks/ingest.py [--st-sample 2000]

qa's full `qa index` of bbc (parse, chunk, embed with the ONNX export, write) against plain
sentence-transformers fp32, batch 32, encoding the same passage texts (a sample of them: the
rate is what is compared).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, need_shared, save, table

import qa
from qa.articles import context_headline
from qa.encoder import Encoder


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process.

    Measured by /usr/bin/time, a small process: a child's own ru_maxrss would include this
    (large) Python process's pages, kept across fork + exec.
    """
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=ROOT, capture_output=True,
                       text=True)
    seconds = time.perf_counter() - t0
    if r.returncode:
        sys.exit(f"{' '.join(cmd)} failed with exit {r.returncode}: {r.stderr[-300:]}")
    return seconds, int(r.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--st-sample", type=int, default=2000,
                        help="passages encoded by the sentence-transformers baseline")
    args = parser.parse_args()
    bbc = need_shared("corpora", "bbc")
    work = Path(tempfile.mkdtemp(prefix="qa-ingest-"))
    corpus = work / "bbc"
    shutil.copytree(bbc, corpus)
    index = work / "index"
    qa_cmd = [sys.executable, "-m", "qa.cli"]

    seconds, index_rss = peak_rss_mb([*qa_cmd, "index", "--corpus", str(corpus),
                                      "--index", str(index), "--json"])
    bot = qa.open(corpus, index=index, refresh=False)
    rows = bot.store.db.execute("SELECT a.headline, a.body, p.text FROM passages p "
                                "JOIN articles a ON a.id = p.article_id ORDER BY p.id").fetchall()
    passages = len(rows)
    words = sum(len(text.split()) for _, _, text in rows)

    enc = Encoder()
    sample = rows[:: max(1, passages // args.st_sample)][: args.st_sample]
    texts = []
    for headline, body, text in sample:
        article = qa.Article("x", "x", headline, None, None, body, "")
        head = context_headline(article)
        texts.append(f"{head}\n{text}" if head else text)
    enc.encode_torch(texts[:64])  # load torch and the model before timing
    t0 = time.perf_counter()
    enc.encode_torch(texts, batch_size=32)
    st_seconds = time.perf_counter() - t0
    st_words = sum(len(t.split()) for _, _, t in sample) / st_seconds
    qa_words = words / seconds

    edited = corpus / "business" / "001.txt"
    edited.write_text(edited.read_text() + "\n\nAn added closing line for the benchmark.\n")
    bot.close()
    t0 = time.perf_counter()
    summary = qa.open(corpus, index=index).last_refresh
    reindex = time.perf_counter() - t0
    assert summary is not None and summary.updated == 1

    ask_seconds, ask_rss = peak_rss_mb([*qa_cmd, "-q", "Who bought a stake in Google?",
                                        "--corpus", str(corpus), "--index", str(index)])
    files = {p.name: p.stat().st_size for p in index.iterdir() if p.is_file()}
    data = sum(v for k, v in files.items() if not k.endswith(".onnx"))
    model = sum(v for k, v in files.items() if k.endswith(".onnx"))

    out = [
        ("qa index, bbc, full run (s)", seconds),
        ("passages / words", f"{passages:,} / {words:,}"),
        ("qa passages/s", passages / seconds),
        ("qa words/s (whole run: parse, chunk, embed, write)", qa_words),
        ("sentence-transformers fp32 batch 32 words/s (encode only)", st_words),
        ("speed-up in words/s", qa_words / st_words),
        ("re-index after editing one article (s, whole qa.open)", reindex),
        ("peak RSS, qa index bbc (MB)", index_rss),
        ("peak RSS, qa -q on bbc (MB)", ask_rss),
        ("index size per 1k passages (MB, without the 86 MB model)", data / passages / 1024),
        ("ONNX model stored with the index (MB)", model / 2**20),
    ]
    table("Ingestion of ../shared/corpora/bbc", ["measure", "value"], out)
    save("ingest", {"seconds": seconds, "passages": passages, "words": words,
                    "qa_words_per_s": qa_words, "st_words_per_s": st_words,
                    "speedup": qa_words / st_words, "reindex_one_s": reindex,
                    "index_rss_mb": index_rss, "ask_rss_mb": ask_rss, "ask_seconds": ask_seconds,
                    "bytes_per_1k_passages": data / passages * 1000, "onnx_bytes": model})
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
