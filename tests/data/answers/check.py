#!/usr/bin/env python3
"""Verify the held-out answer sets in heldout/ against the article folders.

Usage: python3 check.py [SEEDS_CORPUS [BBC_CORPUS]]

Defaults (relative to this file): ../../../corpus for the seeds, and
../../../../shared/corpora/bbc for BBC (falling back to
../../../../../shared/corpora/bbc, where the shared corpora sit when this
repository is checked out as /work/wt/eval).

Checks: every record is well formed; every answer string of every answerable
record and of every chat turn occurs (case-insensitively) in the cited
article and is 1-6 words long; every `about` article exists; questions are
unique; no two bbc answerable records cite the same article; the per-kind
counts (and 12 answerable per bbc folder, at least 6 `recounts`) are met.
Prints the counts and exits non-zero on any failure.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = {
    "bbc": {"answerable": 60, "unanswerable": 30, "chat": 20},
    "seeds": {"answerable": 15, "unanswerable": 10, "chat": 8},
}
BBC_FOLDERS = ["business", "entertainment", "politics", "sport", "tech"]
FOLLOW_UPS = {"pronoun", "definite", "ellipsis"}

errors = []


def fail(msg):
    errors.append(msg)


def first_existing(*cands):
    for c in cands:
        if os.path.isdir(c):
            return c
    return cands[0]


def load(path):
    recs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                recs.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                fail(f"{path}:{n}: bad JSON: {e}")
    return recs


_cache = {}


def article(root, rel):
    p = os.path.join(root, rel)
    if p not in _cache:
        try:
            with open(p, encoding="utf-8", errors="replace") as f:
                _cache[p] = f.read().lower()
        except OSError:
            _cache[p] = None
    return _cache[p]


def check_answer(where, root, answer, path):
    if not isinstance(answer, list) or not answer:
        fail(f"{where}: answer must be a non-empty list")
        return
    if not isinstance(path, str):
        fail(f"{where}: missing path")
        return
    text = article(root, path)
    if text is None:
        fail(f"{where}: no such article {path}")
        return
    for a in answer:
        if not isinstance(a, str) or not a.strip():
            fail(f"{where}: empty answer string")
            continue
        if not 1 <= len(a.split()) <= 6:
            fail(f"{where}: answer {a!r} is not 1-6 words")
        if a.lower() not in text:
            fail(f"{where}: answer {a!r} not found in {path}")


def check_file(name, root):
    path = os.path.join(HERE, "heldout", name + ".jsonl")
    recs = load(path)
    counts = collections.Counter()
    follow = collections.Counter()
    questions = set()
    answer_paths = collections.Counter()
    per_folder = collections.Counter()
    recounts = 0
    for n, r in recs:
        where = f"{name}.jsonl:{n}"
        kind = r.get("kind")
        counts[kind] += 1
        qs = []
        if kind == "answerable":
            qs.append(r.get("question"))
            check_answer(where, root, r.get("answer"), r.get("path"))
            answer_paths[r.get("path")] += 1
            per_folder[str(r.get("path")).split("/")[0]] += 1
            if r.get("recounts") is True:
                recounts += 1
        elif kind == "unanswerable":
            qs.append(r.get("question"))
            about = r.get("about")
            if not isinstance(about, str) or article(root, about) is None:
                fail(f"{where}: no such article {about!r} in about")
        elif kind == "chat":
            turns = r.get("turns")
            if not isinstance(turns, list) or len(turns) != 2:
                fail(f"{where}: chat must have exactly two turns")
                continue
            for i, t in enumerate(turns):
                qs.append(t.get("question"))
                if i == 1 or "answer" in t:
                    check_answer(f"{where} turn {i + 1}", root, t.get("answer"), t.get("path"))
            fu = r.get("follow_up")
            if fu not in FOLLOW_UPS:
                fail(f"{where}: follow_up {fu!r} not one of {sorted(FOLLOW_UPS)}")
            follow[fu] += 1
        else:
            fail(f"{where}: unknown kind {kind!r}")
            continue
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                fail(f"{where}: empty question")
                continue
            key = " ".join(q.lower().split())
            if key in questions:
                fail(f"{where}: duplicate question {q!r}")
            questions.add(key)
    for kind, want in EXPECTED[name].items():
        if counts[kind] != want:
            fail(f"{name}: {counts[kind]} {kind} records, expected {want}")
    if name == "bbc":
        for p, c in answer_paths.items():
            if c > 1:
                fail(f"bbc: {c} answerable questions cite {p}")
        for folder in BBC_FOLDERS:
            if per_folder[folder] != 12:
                fail(f"bbc: {per_folder[folder]} answerable from {folder}/, expected 12")
        if recounts < 6:
            fail(f"bbc: only {recounts} answerable records marked recounts, expected >= 6")
    print(f"{name}: answerable={counts['answerable']} unanswerable={counts['unanswerable']} "
          f"chat={counts['chat']} (pronoun={follow['pronoun']} definite={follow['definite']} "
          f"ellipsis={follow['ellipsis']})" +
          (f" recounts={recounts} per-folder={dict(sorted(per_folder.items()))}"
           if name == "bbc" else ""))


def main(argv):
    seeds = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "..", "..", "corpus")
    bbc = argv[2] if len(argv) > 2 else first_existing(
        os.path.join(HERE, "..", "..", "..", "..", "shared", "corpora", "bbc"),
        os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "corpora", "bbc"))
    for name, root in (("seeds", seeds), ("bbc", bbc)):
        if not os.path.isdir(root):
            fail(f"{name}: corpus folder {root} not found")
            continue
        check_file(name, root)
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} failure(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
