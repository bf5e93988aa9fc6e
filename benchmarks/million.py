"""The local store at a million passages, end to end (issue 17): whole `bot.ask`, not only
the vector search.

    nice -n 19 python benchmarks/million.py [--work /tmp/qa-million] [--passages 1000000]
        [--bbc-index DIR] [--keep] [--reuse] [--warm-only] [--questions N]

1. A synthetic corpus: JSONL files of 1,000 articles each, every article recombined from the
   paragraphs of three bbc articles of one folder (a unique headline, a date in 2004-2005, a
   source from a small set), written batch by batch until the index holds the target number
   of passages.
2. The synthetic build: one `bot.refresh()` per batch, through qa's own path (scan, parse,
   chunk, SQLite and FTS5 writes, FAISS growth from flat to IVF-SQ8, atomic generations),
   with only the model replaced: `qa.indexer.embed` returns stored bbc passage vectors plus
   noise (sentence vectors likewise, with the spans the real `embed` computes). Its time is
   no ingestion speed: embedding a million passages with the model takes hours.
3. With the real model and real processes: warm `bot.ask` p50/p95 over 50 tune questions
   (hybrid, dense, and under filters) in a fresh process with its resident memory; cold
   `qa -q --no-refresh` (3 runs) with its peak RSS; the index on disk; and `qa index` after
   one article of one JSONL file is edited.

The work folder is deleted at the end unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Any

from _common import ROOT, need_shared, pct, save, table

PER_FILE = 1_000
FOLDERS = ("business", "entertainment", "politics", "sport", "tech")
SOURCES = ("BBC News", "Reuters", "Associated Press", "The Guardian", "Financial Times")
QUESTIONS = ROOT / "tests/data/answers/tune/bbc.jsonl"


# the synthetic corpus ----------------------------------------------------------------------


def load_bbc(corpus: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """Folder -> (headline, paragraphs) of each bbc article."""
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for folder in FOLDERS:
        rows = []
        for path in sorted((corpus / folder).glob("*.txt")):
            text = path.read_bytes().decode("utf-8", "replace")
            head, _, body = text.strip().partition("\n")
            paras = [" ".join(p.split()) for p in body.split("\n") if p.strip()]
            if paras:
                rows.append((head.strip(), paras))
        out[folder] = rows
    return out


def synthetic_article(rng: random.Random, bbc: list[tuple[str, list[str]]], n: int,
                      folder: str) -> dict[str, Any]:
    """One article: the lede of one bbc article, then paragraphs of it and two others of the
    same folder, shuffled, about as long as a random bbc article."""
    donors = rng.sample(bbc, 3)
    target = sum(len(p.split()) for p in rng.choice(bbc)[1])
    paras = [donors[0][1][0]]
    pool = [p for _, ps in donors for p in ps[1:]]
    rng.shuffle(pool)
    words = len(paras[0].split())
    for p in pool:
        if words >= target:
            break
        paras.append(p)
        words += len(p.split())
    day = Date(2004, 1, 1) + timedelta(days=rng.randrange(731))
    return {"_id": str(n), "title": f"{donors[0][0]} ({folder} report {n})",
            "text": "\n\n".join(paras),
            "metadata": {"date": day.isoformat(), "source": rng.choice(SOURCES)}}


def write_files(corpus: Path, bbc: dict[str, list[tuple[str, list[str]]]], first: int,
                count: int, rng: random.Random) -> None:
    """JSONL files first .. first+count-1, each of one folder, PER_FILE articles each."""
    for f in range(first, first + count):
        folder = FOLDERS[f % len(FOLDERS)]
        path = corpus / folder / f"part-{f:04d}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(synthetic_article(rng, bbc[folder], f * PER_FILE + i, folder))
                 for i in range(PER_FILE)]
        path.write_text("\n".join(lines) + "\n")


# the model, replaced for the build ---------------------------------------------------------


def fake_embed(base: Any) -> Any:
    """`qa.indexer.embed` with the model replaced: for each passage a stored bbc passage
    vector plus noise, unit length; for each sentence (the spans the real `embed` stores)
    the passage's vector plus more noise. Same return types as the real one."""
    import numpy as np

    from qa.indexer import split_sentences
    from qa.models import SentenceVectors

    rng = np.random.default_rng(17)

    def unit(x: Any) -> Any:
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)

    def embed(encoder: Any, settings: Any, split: Any, progress: Any,
              embedder: Any = None) -> Any:
        local = [split_sentences(p.text) for _, passages in split for p in passages]
        n = len(local)
        if not n:
            return np.zeros((0, encoder.dimension), dtype=np.float32), []
        picks = rng.integers(0, len(base), n)
        vectors = unit(base[picks] + 0.08 * rng.standard_normal((n, base.shape[1])))
        sentences = []
        for v, spans in zip(vectors, local, strict=True):
            noise = 0.25 * rng.standard_normal((len(spans), base.shape[1]))
            sentences.append(SentenceVectors(tuple(spans), unit(v + noise)))
        if progress:
            progress(n, n)
        return vectors, sentences

    return embed


def build(work: Path, bbc_corpus: Path, bbc_index: Path, target: int,
          batch_files: int) -> dict[str, Any]:
    """The synthetic corpus and its index, batch by batch; the model replaced."""
    import qa
    import qa.indexer
    from qa.bot import make_bot

    base_bot = qa.open(bbc_corpus, index=bbc_index, refresh=False)
    base, _ = base_bot.store.vector_index().all()
    base_bot.close()
    qa.indexer.embed = fake_embed(base)  # the one thing replaced: see the module docstring

    bbc = load_bbc(bbc_corpus)
    corpus, index = work / "corpus", work / "index"
    rng = random.Random(17)
    bot = make_bot(corpus, index)
    files = passages = 0
    batches: list[dict[str, Any]] = []
    t_all = time.perf_counter()
    while passages < target:
        per_file = passages / files if files else 4_700.0
        count = min(batch_files, max(1, -(-(target - passages) // int(per_file))))
        write_files(corpus, bbc, files, count, rng)
        files += count
        t0 = time.perf_counter()
        summary = bot.refresh()
        seconds = time.perf_counter() - t0
        passages = summary.passages
        batches.append({"files": count, "articles": summary.added, "passages": passages,
                        "seconds": seconds})
        print(f"  batch {len(batches)}: +{summary.added:,} articles -> {passages:,} passages "
              f"({summary.articles:,} articles) in {seconds:.0f} s, "
              f"{bot.store.manifest.get('faiss_kind')}", flush=True)
    total = time.perf_counter() - t_all
    articles, passages = bot.store.counts()
    faiss = bot.store.vector_index()
    nlist = getattr(faiss._index, "nlist", None)
    bot.close()
    return {"articles": articles, "passages": passages, "files": files, "seconds": total,
            "batches": batches, "faiss_kind": faiss.kind, "nlist": nlist}


# measurements with the real model ----------------------------------------------------------

WARM = r"""
import json, sys, time
from datetime import date
import qa
from qa.models import Filters
corpus, index, questions = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
def rss(key):
    return int([l for l in open("/proc/self/status") if l.startswith(key)][0].split()[1]) / 1024
t0 = time.perf_counter()
bot = qa.open(corpus, index=index, refresh=False)
opened = time.perf_counter() - t0
t0 = time.perf_counter()
bot.ask(questions[0])
first = time.perf_counter() - t0
cases = [
    ("hybrid", {}),
    ("dense (--mode dense)", {"mode": "dense"}),
    ("hybrid --source reuters", {"filters": Filters(source="reuters")}),
    ('hybrid --path "business/*"', {"filters": Filters(path="business/*")}),
    ("hybrid --since 2005-03-01 --until 2005-03-31",
     {"filters": Filters(since=date(2005, 3, 1), until=date(2005, 3, 31))}),
]
out = {"open_s": opened, "first_ask_s": first, "cases": []}
for name, options in cases:
    bot.ask(questions[0], **options)  # the filter's allowed ids, computed once per filter
    times = []
    for _ in range(2):
        for q in questions:
            t = time.perf_counter()
            bot.ask(q, **options)
            times.append(time.perf_counter() - t)
    out["cases"].append([name, times])
out["rss_mb"], out["hwm_mb"] = rss("VmRSS"), rss("VmHWM")
print(json.dumps(out))
"""


def timed_rss(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB, stdout) of one child process, via /usr/bin/time (the child's
    own ru_maxrss would count this process's pages)."""
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=ROOT, capture_output=True,
                       text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - t0
    if r.returncode:
        sys.exit(f"{' '.join(cmd)} failed with exit {r.returncode}: {r.stderr[-600:]}")
    return seconds, int(r.stderr.strip().splitlines()[-1]) / 1024, r.stdout


def questions(n: int) -> list[str]:
    rows = [json.loads(x) for x in QUESTIONS.read_text().splitlines() if x.strip()]
    return [r["question"] for r in rows if isinstance(r.get("question"), str)][:n]


def disk(index: Path) -> list[tuple[str, float]]:
    """(file, MB) of the index folder, largest first."""
    files = [(p.name, p.stat().st_size / 1e6) for p in index.iterdir() if p.is_file()]
    return sorted(files, key=lambda f: -f[1])


def edit_one(corpus: Path) -> tuple[str, str]:
    """Change the text of one record of one JSONL file; (file, article id)."""
    path = sorted(corpus.glob("politics/*.jsonl"))[0]
    lines = path.read_text().splitlines()
    rec = json.loads(lines[500])
    rec["text"] += "\n\nA spokesman later said the figures would be revised next month."
    lines[500] = json.dumps(rec)
    path.write_text("\n".join(lines) + "\n")
    rel = path.relative_to(corpus).as_posix()
    return rel, f"{rel}#{rec['_id']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "qa-million"))
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--batch-files", type=int, default=25,
                        help="JSONL files (of 1,000 articles) per refresh")
    parser.add_argument("--bbc-index", default=None,
                        help="a bbc index whose passage vectors seed the synthetic ones "
                             "(built here when absent)")
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--warm-only", action="store_true",
                        help="stop after the warm measurement (print it, save nothing)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the index already in --work (no build)")
    args = parser.parse_args()
    bbc_corpus = need_shared("corpora", "bbc")
    work = Path(args.work)
    corpus, index = work / "corpus", work / "index"
    py = sys.executable
    results: dict[str, Any] = {}

    if not args.reuse:
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        bbc_index = Path(args.bbc_index) if args.bbc_index else work / "bbc-index"
        if not (bbc_index / "qa.sqlite3").exists():
            print(f"building the bbc index in {bbc_index} (real model, about 2 minutes)")
            subprocess.run([py, "-m", "qa.cli", "index", "--corpus", str(bbc_corpus),
                            "--index", str(bbc_index)], check=True, cwd=ROOT)
        print(f"synthetic build of {args.passages:,} passages in {work}", flush=True)
        results["build"] = build(work, bbc_corpus, bbc_index, args.passages, args.batch_files)
    b = results.get("build")

    qs = questions(args.questions)
    print(f"warm: {len(qs)} questions x 2 rounds per case, fresh process", flush=True)
    _, warm_hwm, out = timed_rss([py, "-c", WARM, str(corpus), str(index), json.dumps(qs)])
    warm = json.loads(out)
    results["warm"] = warm
    if args.warm_only:
        for name, times in warm["cases"]:
            print(f"  {name}: p50 {1000 * pct(times, 50):.1f} ms, "
                  f"p95 {1000 * pct(times, 95):.1f} ms")
        return

    print("cold: qa -q --no-refresh, 3 runs", flush=True)
    cold = [timed_rss([py, "-m", "qa.cli", "-q", q, "--corpus", str(corpus), "--index",
                       str(index), "--no-refresh", "--json"]) for q in qs[1:4]]
    cold_s = [c[0] for c in cold]
    cold_rss = [c[1] for c in cold]
    results["cold"] = {"seconds": cold_s, "rss_mb": cold_rss}

    sizes = disk(index)
    results["disk_mb"] = dict(sizes)

    print("edit one article, then qa index (real model)", flush=True)
    rel, aid = edit_one(corpus)
    idx_s, idx_rss, out = timed_rss([py, "-m", "qa.cli", "index", "--corpus", str(corpus),
                                     "--index", str(index), "--json"])
    summary = json.loads(out)
    import qa

    bot = qa.open(corpus, index=index, refresh=False)
    [(reembedded,)] = bot.store.db.execute("SELECT count(*) FROM passages WHERE article_id = ?",
                                           (aid,)).fetchall()
    articles, passages = bot.store.counts()
    bot.close()
    results["reindex"] = {"seconds": idx_s, "rss_mb": idx_rss, "summary": summary,
                          "article": aid, "passages_reembedded": reembedded}

    rows: list[tuple[object, ...]] = [
        ("corpus", f"{articles:,} articles, {passages:,} passages in "
                   f"{len(list(corpus.rglob('*.jsonl')))} JSONL files"),
    ]
    if b:
        rows.append(("synthetic build (model replaced)",
                     f"{b['seconds'] / 60:.1f} min in {len(b['batches'])} refreshes; last "
                     f"+{b['batches'][-1]['articles']:,} articles took "
                     f"{b['batches'][-1]['seconds']:.0f} s; FAISS {b['faiss_kind']}, "
                     f"nlist {b['nlist']}"))
    for name, times in warm["cases"]:
        rows.append((f"warm bot.ask, {name}", f"p50 {1000 * pct(times, 50):.1f} ms, "
                                              f"p95 {1000 * pct(times, 95):.1f} ms"))
    rows += [
        ("warm process: open + first question",
         f"{warm['open_s']:.2f} s + {warm['first_ask_s']:.2f} s"),
        ("warm process: resident memory",
         f"{warm['rss_mb']:,.0f} MB after {len(warm['cases']) * 2 * len(qs)} questions "
         f"(peak {warm_hwm:,.0f} MB)"),
        ("cold qa -q --no-refresh (3 runs)",
         f"median {pct(cold_s, 50):.2f} s ({', '.join(f'{s:.2f}' for s in cold_s)}), "
         f"peak RSS {max(cold_rss):,.0f} MB"),
        ("index on disk", f"{sum(s for _, s in sizes) / 1000:.2f} GB: " + ", ".join(
            f"{n} {s:,.0f} MB" for n, s in sizes if s >= 1)),
        ("qa index after editing one article",
         f"{idx_s:.1f} s, peak RSS {idx_rss:,.0f} MB; updated {summary['updated']}, "
         f"re-embedded {reembedded} passages ({aid})"),
    ]
    table(f"1M-passage local store, end to end ({passages:,} passages)",
          ["measure", "figure"], rows)
    save("million", results)
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
