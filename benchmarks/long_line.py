"""Time `qa index` on one 2 MB article of real prose with no newline at all.

    python benchmarks/long_line.py [--megabytes 2]

The seed articles, newlines turned into spaces, repeated to the size asked: one paragraph,
thousands of sentences, under the 10 MB cap.  Prints passages made and the seconds taken by
cleaning + chunking alone and by the whole `qa index` run (model load and embedding included).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qa.articles import read, scan
from qa.encoder import Encoder
from qa.passages import ChunkSettings, split_article

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.0)
    args = parser.parse_args()
    prose = " ".join(p.read_text().replace("\n", " ") for p in sorted((ROOT / "corpus").iterdir()))
    size = int(args.megabytes * 1_000_000)
    text = (prose + " ") * (size // len(prose.encode()) + 1)
    with tempfile.TemporaryDirectory(prefix="qa-long-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        (corpus / "long.txt").write_bytes(text.encode()[:size].rsplit(b" ", 1)[0])
        t0 = time.perf_counter()
        [stamp], _ = scan(corpus)
        [article], _ = read(corpus, stamp)
        encoder = Encoder()
        passages = split_article(article, ChunkSettings.for_window(encoder.window),
                                 encoder.count_tokens, encoder.token_offsets)
        chunk_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "qa.cli", "index", "--corpus", str(corpus),
                            "--index", str(Path(tmp) / "index"), "--json"],
                           capture_output=True, text=True, cwd=ROOT)
        index_s = time.perf_counter() - t0
    if r.returncode != 0:
        print(r.stderr)
        return 1
    summary = json.loads(r.stdout)
    print(f"{stamp.size:,} bytes, no newline: {len(passages)} passages; clean + chunk "
          f"{chunk_s:.1f} s; whole `qa index` {index_s:.1f} s ({summary['passages']} passages "
          "indexed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
