#!/usr/bin/env python3
"""sentiment_stats.py - arithmetic for tests/eval/sentiment.sh (stdlib only).

  sentiment_stats.py en GOLD.tsv SCORES.tsv [REFERENCE.tsv]
  sentiment_stats.py zh GOLD.tsv SCORES.tsv

GOLD has columns id, gold, text; SCORES has columns id and compound (any
others ignored; the first line is a header when its compound is not a
number); REFERENCE has id and compound (vaderSentiment output). Prints one
tab-separated line: rows, then for en: Pearson r, 3-class F1 (class-weighted)
and the share of rows with |compound - reference| <= 0.0001 (or '-');
for zh: accuracy, macro-F1 and the share of zero scores.
"""
import math
import sys


def read(path, col):
    out = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        idx = header.index(col)
        iid = header.index("id")
        for line in f:
            p = line.rstrip("\n").split("\t")
            out[p[iid]] = p[idx]
    return out


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return sxy / (sx * sy) if sx and sy else float("nan")


def f1_weighted(gold, pred, classes):
    total, acc = len(gold), 0.0
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        support = sum(1 for g in gold if g == c)
        acc += f1 * support / total
    return acc


def f1_macro(gold, pred, classes):
    vals = []
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        vals.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(vals) / len(vals)


def main():
    kind, gold_path, score_path = sys.argv[1:4]
    gold = read(gold_path, "gold")
    score = read(score_path, "compound")
    ids = [i for i in gold if i in score]
    if len(ids) != len(gold):
        sys.exit("sentiment_stats: %d of %d rows scored" % (len(ids), len(gold)))
    g = [float(gold[i]) for i in ids]
    s = [float(score[i]) for i in ids]
    if kind == "en":
        r = pearson(g, s)
        cls = lambda v, cut: 1 if v > cut else (-1 if v < -cut else 0)
        gc = [1 if v > 0 else (-1 if v < 0 else 0) for v in g]
        pc = [1 if v >= 0.05 else (-1 if v <= -0.05 else 0) for v in s]
        f1 = f1_weighted(gc, pc, (-1, 0, 1))
        agree = "-"
        if len(sys.argv) > 4:
            ref = read(sys.argv[4], "compound")
            ok = sum(1 for i in ids if abs(float(score[i]) - float(ref[i])) <= 0.0001 + 1e-9)
            agree = "%.2f%%" % (100.0 * ok / len(ids))
        print("%d\t%.4f\t%.4f\t%s" % (len(ids), r, f1, agree))
    else:
        gc = [int(float(v)) for v in g]
        pc = [1 if v > 0 else (0 if v < 0 else -1) for v in s]
        acc = sum(1 for a, b in zip(gc, pc) if a == b) / len(ids)
        mf1 = f1_macro(gc, pc, (0, 1))
        zeros = sum(1 for v in s if v == 0) / len(ids)
        print("%d\t%.4f\t%.4f\t%.2f%%" % (len(ids), acc, mf1, 100.0 * zeros))


if __name__ == "__main__":
    main()
