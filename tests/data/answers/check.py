#!/usr/bin/env python3
"""Verify the held-out answer sets in heldout/, heldout2/, heldout3/, heldout4/,
heldout5/, heldout6/, heldout7/, heldout8/, heldout9/, heldout10/, heldout11/,
heldout12/, heldout13/, heldout14/, heldout15/, heldout16/, heldout17/, heldout18/, heldout19/,
heldout20/, heldout21/, heldout22/, heldout23/, heldout24/, heldout25/, heldout26/, heldout27/,
heldout28/, heldout29/, heldout30/, heldout31/, heldout32/, heldout33/, heldout34/ and heldout35/
against the article folders.

Usage: python3 check.py [SEEDS_CORPUS [BBC_CORPUS]]

Defaults (relative to this file): ../../../corpus for the seeds, and
../../../../shared/corpora/bbc for BBC (falling back to
../../../../../shared/corpora/bbc, where the shared corpora sit when this
repository is checked out as /work/wt/eval).

Checks, for each held-out split (heldout/, heldout2/, heldout3/, heldout4/, heldout5/, heldout6/,
heldout7/, heldout8/, heldout9/, heldout10/, heldout11/, heldout12/, heldout13/, heldout14/,
heldout15/, heldout16/, heldout17/, heldout18/, heldout19/, heldout20/, heldout21/, heldout22/,
heldout23/, heldout24/, heldout25/, heldout26/, heldout27/, heldout28/, heldout29/,
heldout30/, heldout31/, heldout32/, heldout33/, heldout34/, heldout35/): every record
is well formed; every answer string of every answerable record and of every chat turn occurs
(case-insensitively) in the cited article and is 1-6 words long; both turns of every chat carry an
answer and a path; every `about` article exists; questions are unique; no two bbc answerable
records cite the same article; the per-kind counts (and 12 answerable per bbc folder, each from a
different article, at least 6 `recounts`) are met. heldout14/ expects 13 answerable from each of
business/, entertainment/, politics/ and sport/ and 8 from tech/, which had only 12 usable articles
left. heldout15/ expects 20 answerable from business/, 4 from entertainment/, 16 from politics/, 20
from sport/ and none from tech/, which had no usable article left (entertainment/ had 7, politics/
30). heldout16/ expects 19 answerable from business/, 10 from entertainment/, 12 from politics/, 19
from sport/ and none from tech/: tech/ again had no usable article, entertainment/ 18 and politics/
22 (both with the near-copy rule relaxed). heldout17/ expects 30 answerable from business/ and 30
from sport/ and none from entertainment/, politics/ or tech/, which had no usable article left.
heldout18/ expects 20 answerable from business/, 8 from entertainment/, 9 from politics/, 15 from
sport/ and 8 from tech/ (entertainment/, politics/ and tech/ only with the near-copy rule relaxed
further: their articles are near-copy twins of articles earlier splits use). heldout19/ expects the
same per-folder counts as heldout18/ (20, 8, 9, 15 and 8); every bbc article left unused by all
splits had been used up, so it reuses articles of the fitting splits, and each of its bbc articles
(answer path, chat path or `about`) may serve only one of its records. heldout20/ is checked the
way heldout19/ is (the same per-folder counts, articles of the fitting splits allowed, each of its
bbc articles serving only one of its records), heldout21/ the way heldout20/ is, heldout22/ the
way heldout21/ is, heldout23/ the way heldout22/ is, heldout24/ the way heldout23/ is,
heldout25/ the way heldout24/ is, heldout26/ the way heldout25/ is, heldout27/ the way
heldout26/ is, heldout28/ the way heldout27/ is (business/ having run short, heldout28/ may
also use business/ articles of heldout15/ through heldout19/), heldout29/ the way heldout28/ is
(business/ having run out of fitting articles, heldout29/ may also use business/ articles of
heldout15/ through heldout21/), and heldout30/ the way heldout29/ is (business/ and sport/ having
run out of fitting articles, heldout30/ may also use business/ and sport/ articles of heldout15/
through heldout21/), and heldout31/ the way heldout30/ is (again with business/ and sport/ articles
of heldout15/ through heldout21/ allowed), and heldout32/ the way heldout31/ is (likewise), and
heldout33/ the way heldout32/ is (likewise), and heldout34/ the way heldout33/ is (likewise), and
heldout35/ the way heldout34/ is (likewise, and business/ having run short again, also with
business/ articles of heldout22/ allowed). Across splits (tune/,
heldout/, heldout2/, heldout3/, heldout4/, heldout5/, heldout6/, heldout7/, heldout8/, heldout9/,
heldout10/, heldout11/, heldout12/, heldout13/, heldout14/, heldout15/, heldout16/, heldout17/,
heldout18/, heldout19/, heldout20/, heldout21/, heldout22/, heldout23/, heldout24/, heldout25/,
heldout26/, heldout27/, heldout28/, heldout29/, heldout30/, heldout31/, heldout32/, heldout33/,
heldout34/, heldout35/): no question
(whitespace and case aside) appears in two splits; no bbc article (answer path, chat path or
`about`) is used by two
splits, except that heldout19/, heldout20/, heldout21/,
heldout22/, heldout23/, heldout24/, heldout25/, heldout26/, heldout27/, heldout28/, heldout29/,
heldout30/, heldout31/, heldout32/, heldout33/, heldout34/ and heldout35/ may use articles of the
fitting splits
(tune/ and heldout/ through heldout14/) - heldout19/ may still use none of heldout15/ through
heldout18/,
heldout20/ none of heldout15/ through heldout19/, heldout21/ none of heldout15/ through heldout20/,
heldout22/ none of heldout15/ through heldout21/, heldout23/ none of heldout15/ through heldout22/,
heldout24/ none of heldout15/ through heldout23/, heldout25/ none of heldout15/ through
heldout24/, heldout26/ none of heldout15/ through heldout25/, heldout27/ none of heldout15/
through heldout26/, heldout28/ none of heldout20/ through heldout27/ and no article of
heldout15/ through heldout19/ outside business/, heldout29/ none of heldout22/ through
heldout28/ and no article of heldout15/ through heldout21/ outside business/, and heldout30/ none
of heldout22/ through heldout29/ and no article of heldout15/ through heldout21/ outside business/
and sport/, heldout31/ none of heldout22/ through heldout30/ and no article of heldout15/
through heldout21/ outside business/ and sport/, heldout32/ none of heldout22/ through
heldout31/ and no article of heldout15/ through heldout21/ outside business/ and sport/,
heldout33/ none of heldout22/ through heldout32/ and no article of heldout15/ through heldout21/
outside business/ and sport/, heldout34/ none of heldout22/ through heldout33/ and no article of
heldout15/ through heldout21/ outside business/ and sport/, and heldout35/ none of heldout23/
through heldout34/, no article of heldout22/ outside business/ and no article of heldout15/
through heldout21/ outside business/ and sport/; and no heldout2/,
heldout3/, heldout4/, heldout5/, heldout6/, heldout7/, heldout8/, heldout9/, heldout10/, heldout11/,
heldout12/, heldout13/, heldout14/, heldout15/, heldout16/, heldout17/, heldout18/, heldout19/,
heldout20/, heldout21/, heldout22/, heldout23/, heldout24/, heldout25/, heldout26/, heldout27/,
heldout28/, heldout29/, heldout30/, heldout31/, heldout32/, heldout33/, heldout34/ or heldout35/
question is a near-duplicate of an earlier one
(same answer string and mostly the same words, or for unanswerable questions almost all the
same words):
heldout2/ is checked against tune/
and heldout/, heldout3/
against tune/, heldout/ and heldout2/, heldout4/ against tune/, heldout/, heldout2/ and heldout3/,
heldout5/ against tune/ and heldout/ through heldout4/, heldout6/ against tune/ and heldout/
through heldout5/, heldout7/ against tune/ and heldout/ through heldout6/, heldout8/ against tune/
and heldout/ through heldout7/, heldout9/ against tune/ and heldout/ through heldout8/, heldout10/
against tune/ and heldout/ through heldout9/, heldout11/ against tune/ and heldout/ through
heldout10/, heldout12/ against tune/ and heldout/ through heldout11/, heldout13/ against tune/ and
heldout/ through heldout12/, heldout14/ against tune/ and heldout/ through heldout13/, heldout15/
against tune/ and heldout/ through heldout14/, heldout16/ against tune/ and heldout/ through
heldout15/, heldout17/ against tune/ and heldout/ through heldout16/, heldout18/ against tune/ and
heldout/ through heldout17/, heldout19/ against tune/ and heldout/ through heldout18/, heldout20/
against tune/ and heldout/ through heldout19/, heldout21/ against tune/ and heldout/ through
heldout20/, heldout22/ against tune/ and heldout/ through heldout21/, heldout23/ against tune/ and
heldout/ through heldout22/, heldout24/ against tune/ and heldout/ through heldout23/, heldout25/
against tune/ and heldout/ through heldout24/, heldout26/ against tune/ and heldout/ through
heldout25/, heldout27/ against tune/ and heldout/ through heldout26/, heldout28/ against tune/
and heldout/ through heldout27/, heldout29/ against tune/ and heldout/ through heldout28/,
heldout30/ against tune/ and heldout/ through heldout29/, heldout31/ against tune/ and heldout/
through heldout30/, heldout32/ against tune/ and heldout/ through heldout31/, heldout33/ against
tune/ and heldout/ through heldout32/, heldout34/ against tune/ and heldout/ through heldout33/,
heldout35/ against tune/ and heldout/ through heldout34/.
Prints the counts and exits non-zero on any failure.
"""
import collections
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Held-out splits and their per-kind counts. tune/ is only read for the
# cross-split checks.
_BBC = {"answerable": 60, "unanswerable": 30, "chat": 20}
EXPECTED = {
    "heldout": {"bbc": _BBC, "seeds": {"answerable": 15, "unanswerable": 10, "chat": 8}},
    "heldout2": {"bbc": _BBC, "seeds": {"answerable": 10, "unanswerable": 8, "chat": 6}},
    # heldout3/ on: the same counts each
    **{f"heldout{n}": {"bbc": _BBC, "seeds": {"answerable": 8, "unanswerable": 6, "chat": 4}}
       for n in range(3, 36)},
}
ALL_SPLITS = ["tune", *EXPECTED]
# Each split from heldout2/ on is also checked for near-duplicates of every
# earlier split (heldout/ was written before the check existed).
NEAR_DUP_CHECKED = {s: ALL_SPLITS[:i] for i, s in enumerate(ALL_SPLITS) if i >= 2}
BBC_FOLDERS = ["business", "entertainment", "politics", "sport", "tech"]
# Answerable records expected from each bbc folder: 12 each, except in heldout14/, where
# tech/ had only 12 usable articles left (8 answerable; the other folders give 13 each),
# and in heldout15/, where tech/ had none left, entertainment/ 7 and politics/ 30, and in
# heldout16/, where tech/ had none left, entertainment/ 18 and politics/ 22 (relaxed rule), and in
# heldout17/, where only business/ and sport/ had usable articles left, and in heldout18/, where
# business/ and sport/ gave all 36 and 28 candidates left (with twins struck) and entertainment/,
# politics/ and tech/ (twins of used articles) the other 46.
PER_FOLDER = {s: dict.fromkeys(BBC_FOLDERS, 12) for s in EXPECTED}
PER_FOLDER["heldout14"] = {**dict.fromkeys(BBC_FOLDERS, 13), "tech": 8}
PER_FOLDER["heldout15"] = {"business": 20, "entertainment": 4, "politics": 16, "sport": 20,
                           "tech": 0}
PER_FOLDER["heldout16"] = {"business": 19, "entertainment": 10, "politics": 12, "sport": 19,
                           "tech": 0}
PER_FOLDER["heldout17"] = {"business": 30, "entertainment": 0, "politics": 0, "sport": 30,
                           "tech": 0}
PER_FOLDER["heldout18"] = {"business": 20, "entertainment": 8, "politics": 9, "sport": 15,
                           "tech": 8}
# heldout19/: the same shares as heldout18/, over articles reused from the fitting splits.
PER_FOLDER["heldout19"] = {"business": 20, "entertainment": 8, "politics": 9, "sport": 15,
                           "tech": 8}
# heldout20/: written the way heldout19/ was, with the same shares, again over fitting-split
# articles.
PER_FOLDER["heldout20"] = dict(PER_FOLDER["heldout19"])
# heldout21/: written the way heldout20/ was, with the same shares, again over fitting-split
# articles (none of heldout15/ ... heldout20/).
PER_FOLDER["heldout21"] = dict(PER_FOLDER["heldout20"])
# heldout22/: written the way heldout21/ was, with the same shares, again over fitting-split
# articles (none of heldout15/ ... heldout21/).
PER_FOLDER["heldout22"] = dict(PER_FOLDER["heldout21"])
# heldout23/: written the way heldout22/ was, with the same shares, again over fitting-split
# articles (none of heldout15/ ... heldout22/).
PER_FOLDER["heldout23"] = dict(PER_FOLDER["heldout22"])
# heldout24/: written the way heldout23/ was, with the same shares, again over fitting-split
# articles (none of heldout15/ ... heldout23/).
PER_FOLDER["heldout24"] = dict(PER_FOLDER["heldout23"])
# heldout25/: written the way heldout24/ was, with the same shares, again over fitting-split
# articles (none of heldout15/ ... heldout24/).
PER_FOLDER["heldout25"] = dict(PER_FOLDER["heldout24"])
# heldout26/: written the way heldout25/ was, with the same shares, again over fitting-split
# articles (none of heldout15/ ... heldout25/).
PER_FOLDER["heldout26"] = dict(PER_FOLDER["heldout25"])
# heldout27/: written the way heldout26/ was, with the same shares, again over fitting-split
# articles (none of heldout15/ ... heldout26/).
PER_FOLDER["heldout27"] = dict(PER_FOLDER["heldout26"])
# heldout28/: written the way heldout27/ was, with the same shares; business/ ran short (9 fitting
# articles left), so its business/ articles also come from those of heldout15/ ... heldout19/.
PER_FOLDER["heldout28"] = dict(PER_FOLDER["heldout27"])
# heldout29/: written the way heldout28/ was, with the same shares; business/ had no fitting article
# left, so its business/ articles come from those of heldout15/ ... heldout21/ that no split
# heldout22/ ... heldout28/ uses.
PER_FOLDER["heldout29"] = dict(PER_FOLDER["heldout28"])
# heldout30/: written the way heldout29/ was, with the same shares; business/ again and now sport/
# (24 fitting articles left) come from the articles of heldout15/ ... heldout21/ in those folders
# that no split heldout22/ ... heldout29/ uses, as well as from the fitting splits.
PER_FOLDER["heldout30"] = dict(PER_FOLDER["heldout29"])
# heldout31/: written the way heldout30/ was, with the same shares; business/ and sport/ again come
# from the articles of heldout15/ ... heldout21/ in those folders that no split heldout22/ ...
# heldout30/ uses, as well as from the fitting splits.
PER_FOLDER["heldout31"] = dict(PER_FOLDER["heldout30"])
# heldout32/: written the way heldout31/ was, with the same shares; business/ and sport/ again come
# from the articles of heldout15/ ... heldout21/ in those folders that no split heldout22/ ...
# heldout31/ uses, as well as from the fitting splits.
PER_FOLDER["heldout32"] = dict(PER_FOLDER["heldout31"])
# heldout33/: written the way heldout32/ was, with the same shares; business/ and sport/ again come
# from the articles of heldout15/ ... heldout21/ in those folders that no split heldout22/ ...
# heldout32/ uses, as well as from the fitting splits.
PER_FOLDER["heldout33"] = dict(PER_FOLDER["heldout32"])
# heldout34/: written the way heldout33/ was, with the same shares; business/ and sport/ again come
# from the articles of heldout15/ ... heldout21/ in those folders that no split heldout22/ ...
# heldout33/ uses, as well as from the fitting splits.
PER_FOLDER["heldout34"] = dict(PER_FOLDER["heldout33"])
# heldout35/: written the way heldout34/ was, with the same shares; business/ and sport/ again come
# from the articles of heldout15/ ... heldout21/ in those folders that no split heldout22/ ...
# heldout34/ uses, and business/, too short even so, also from the business/ articles of heldout22/
# that no split heldout23/ ... heldout34/ uses, as well as from the fitting splits.
PER_FOLDER["heldout35"] = dict(PER_FOLDER["heldout34"])
# The fitting splits, and the held-out splits allowed to reuse their bbc articles (every bbc
# article left unused by all splits had been used up when heldout19/ was written). Such a split
# must still use no article of another held-out split (heldout20/ none of heldout15/ ...
# heldout19/, heldout21/ none of heldout15/ ... heldout20/, heldout22/ none of heldout15/ ...
# heldout21/, heldout23/ none of heldout15/ ... heldout22/, heldout24/ none of heldout15/ ...
# heldout23/, heldout25/ none of heldout15/ ... heldout24/, heldout26/ none of heldout15/ ...
# heldout25/, heldout27/ none of heldout15/ ... heldout26/, heldout28/ none of heldout20/ ...
# heldout27/, heldout29/ none of heldout22/ ... heldout28/, heldout30/ none of heldout22/ ...
# heldout29/, heldout31/ none of heldout22/ ... heldout30/, heldout32/ none of heldout22/ ...
# heldout31/, heldout33/ none of heldout22/ ... heldout32/, heldout34/ none of heldout22/ ...
# heldout33/, heldout35/ none of heldout23/ ... heldout34/ and no non-business/ one of heldout22/),
# and each of its bbc articles may serve only one of its records.
FITTING = ["tune", "heldout", *(f"heldout{n}" for n in range(2, 15))]
REUSES_FITTING = {"heldout19", "heldout20", "heldout21", "heldout22", "heldout23",
                  "heldout24", "heldout25", "heldout26", "heldout27", "heldout28", "heldout29",
                  "heldout30", "heldout31", "heldout32", "heldout33", "heldout34", "heldout35"}
# Held-out splits allowed to reuse articles of earlier held-out splits, in one or two folders:
# heldout28/ found business/ nearly used up, so it may use business/ articles of heldout15/ ...
# heldout19/ (the earliest held-out splits, read since), never one of heldout20/ ... heldout27/;
# heldout29/ found no fitting business/ article left, so it may use business/ articles of
# heldout15/ ... heldout21/ (read since), never one of heldout22/ ... heldout28/; heldout30/ found
# business/ and sport/ used up, so it may use business/ and sport/ articles of heldout15/ ...
# heldout21/, never one of heldout22/ ... heldout29/, heldout31/ likewise, never one of
# heldout22/ ... heldout30/, heldout32/ likewise, never one of heldout22/ ... heldout31/,
# heldout33/ likewise, never one of heldout22/ ... heldout32/, heldout34/ likewise, never one
# of heldout22/ ... heldout33/, and heldout35/ likewise, never one of heldout23/ ... heldout34/
# (the folder is a prefix or a tuple of them).
REUSES_HELD = {"heldout28": ({f"heldout{n}" for n in range(15, 20)}, "business/"),
               "heldout29": ({f"heldout{n}" for n in range(15, 22)}, "business/"),
               "heldout30": ({f"heldout{n}" for n in range(15, 22)}, ("business/", "sport/")),
               "heldout31": ({f"heldout{n}" for n in range(15, 22)}, ("business/", "sport/")),
               "heldout32": ({f"heldout{n}" for n in range(15, 22)}, ("business/", "sport/")),
               "heldout33": ({f"heldout{n}" for n in range(15, 22)}, ("business/", "sport/")),
               "heldout34": ({f"heldout{n}" for n in range(15, 22)}, ("business/", "sport/")),
               "heldout35": ({f"heldout{n}" for n in range(15, 22)}, ("business/", "sport/"))}
# heldout35/ found business/ short even with those, so it may also use business/ articles of
# heldout22/ (read since), never a sport/ or other article of heldout22/.
REUSES_HELD_ALSO = {"heldout35": ("heldout22", "business/")}
FOLLOW_UPS = {"pronoun", "definite", "ellipsis"}

errors = []


def fail(msg):
    errors.append(msg)


def first_existing(*cands):
    for c in cands:
        if os.path.isdir(c):
            return c
    return cands[0]


_loaded = {}


def load(path):
    if path in _loaded:
        return _loaded[path]
    recs = _loaded[path] = []
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


def check_file(split, name, root):
    path = os.path.join(HERE, split, name + ".jsonl")
    if not os.path.isfile(path):
        fail(f"{split}/{name}.jsonl: missing")
        return
    recs = load(path)
    counts = collections.Counter()
    follow = collections.Counter()
    questions = set()
    answer_paths = collections.Counter()
    per_folder = collections.Counter()
    record_articles = collections.Counter()
    recounts = 0
    for n, r in recs:
        where = f"{split}/{name}.jsonl:{n}"
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
                if not isinstance(t, dict):
                    fail(f"{where} turn {i + 1}: not an object")
                    continue
                qs.append(t.get("question"))
                check_answer(f"{where} turn {i + 1}", root, t.get("answer"), t.get("path"))
            fu = r.get("follow_up")
            if fu not in FOLLOW_UPS:
                fail(f"{where}: follow_up {fu!r} not one of {sorted(FOLLOW_UPS)}")
            follow[fu] += 1
        else:
            fail(f"{where}: unknown kind {kind!r}")
            continue
        if isinstance(r, dict):
            arts = {r.get("path"), r.get("about")}
            arts |= {t.get("path") for t in r.get("turns") or [] if isinstance(t, dict)}
            for a in arts:
                if isinstance(a, str):
                    record_articles[a] += 1
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                fail(f"{where}: empty question")
                continue
            key = " ".join(q.lower().split())
            if key in questions:
                fail(f"{where}: duplicate question {q!r}")
            questions.add(key)
    for kind, want in EXPECTED[split][name].items():
        if counts[kind] != want:
            fail(f"{split}/{name}: {counts[kind]} {kind} records, expected {want}")
    if name == "bbc":
        for p, c in answer_paths.items():
            if c > 1:
                fail(f"{split}/bbc: {c} answerable questions cite {p}")
        for folder in BBC_FOLDERS:
            want = PER_FOLDER[split][folder]
            if per_folder[folder] != want:
                fail(f"{split}/bbc: {per_folder[folder]} answerable from {folder}/, "
                     f"expected {want}")
        if split in REUSES_FITTING:
            for p, c in sorted(record_articles.items()):
                if c > 1:
                    fail(f"{split}/bbc: {c} records use {p}")
        if recounts < 6:
            fail(f"{split}/bbc: only {recounts} answerable records marked recounts, expected >= 6")
    print(f"{split}/{name}: answerable={counts['answerable']} "
          f"unanswerable={counts['unanswerable']} chat={counts['chat']} "
          f"(pronoun={follow['pronoun']} definite={follow['definite']} "
          f"ellipsis={follow['ellipsis']})" +
          (f" recounts={recounts} per-folder={dict(sorted(per_folder.items()))}"
           if name == "bbc" else ""))


STOPWORDS = set("""a an and are as at be by did do does for from had has have how
in is it its many much of on or that the their this to was were what when where
which who whom whose with""".split())


def words(q):
    return {w for w in re.findall(r"[a-z0-9]+", q.lower()) if w not in STOPWORDS}


def split_items(split, name):
    """(question, answers, bbc-or-seed paths, kind) for every question in a split's file."""
    path = os.path.join(HERE, split, name + ".jsonl")
    if not os.path.isfile(path):
        return []
    items = []
    for _, r in load(path):
        if not isinstance(r, dict):
            continue
        if r.get("kind") == "chat":
            for t in r.get("turns") or []:
                if isinstance(t, dict):
                    items.append((t.get("question"), t.get("answer") or [],
                                  [t.get("path")], "chat"))
        else:
            items.append((r.get("question"), r.get("answer") or [],
                          [r.get("path"), r.get("about")], r.get("kind")))
    return items


def check_across_splits():
    for name in ("seeds", "bbc"):
        items = {s: split_items(s, name) for s in ALL_SPLITS}
        norm = {s: {" ".join(q.lower().split()) for q, _, _, _ in items[s] if isinstance(q, str)}
                for s in ALL_SPLITS}
        for a, b in itertools.combinations(ALL_SPLITS, 2):
            for q in sorted(norm[a] & norm[b]):
                fail(f"{name}: question in both {a}/ and {b}/: {q!r}")
        if name == "bbc":
            paths = {s: {p for _, _, ps, _ in items[s] for p in ps if isinstance(p, str)}
                     for s in ALL_SPLITS}
            for a, b in itertools.combinations(ALL_SPLITS, 2):
                if ((a in REUSES_FITTING and b in FITTING)
                        or (b in REUSES_FITTING and a in FITTING)):
                    continue
                allowed = ""
                for x, y in ((a, b), (b, a)):
                    if y in REUSES_HELD.get(x, ((), ""))[0]:
                        allowed = REUSES_HELD[x][1]
                    if y == REUSES_HELD_ALSO.get(x, ("", ""))[0]:
                        allowed = REUSES_HELD_ALSO[x][1]
                for p in sorted(paths[a] & paths[b]):
                    if not (allowed and p.startswith(allowed)):
                        fail(f"bbc: article {p} used by both {a}/ and {b}/")
        for split, earlier in NEAR_DUP_CHECKED.items():
            for q, ans, _, kind in items[split]:
                if not isinstance(q, str):
                    continue
                wq = words(q)
                aq = {x.lower() for x in ans if isinstance(x, str)}
                for other in earlier:
                    for q2, ans2, _, kind2 in items[other]:
                        if not isinstance(q2, str):
                            continue
                        w2 = words(q2)
                        jac = len(wq & w2) / max(1, len(wq | w2))
                        same_answer = bool(aq & {x.lower() for x in ans2 if isinstance(x, str)})
                        both_unanswerable = kind == kind2 == "unanswerable"
                        if (same_answer and jac >= 0.5) or (both_unanswerable and jac >= 0.7):
                            fail(f"{split}/{name}: {q!r} is a near-duplicate of {other}/: {q2!r}")


def main(argv):
    seeds = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "..", "..", "corpus")
    bbc = argv[2] if len(argv) > 2 else first_existing(
        os.path.join(HERE, "..", "..", "..", "..", "shared", "corpora", "bbc"),
        os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "corpora", "bbc"))
    for name, root in (("seeds", seeds), ("bbc", bbc)):
        if not os.path.isdir(root):
            fail(f"{name}: corpus folder {root} not found")
            continue
        for split in EXPECTED:
            check_file(split, name, root)
    check_across_splits()
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} failure(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
