#!/usr/bin/env python3
"""Replays the one-threshold decision over the traces of `personalize eval` runs, for many thresholds and local weights,
without running the models again (docs/thresholds.md, "Hard photos").

Run each configuration once with every concept verified and ten candidates kept in each result's trace:
    personalize eval --dataset DIR --negatives DIR --out out/run-a --set Recognition:TopK=10 --set Recognition:LocalShortlist=0 [...]
then:
    scripts/replay-thresholds.py out/run-a [out/run-b ...] [--weights 0,0.3] [--min-inliers 3] [--cap 20] [--region-bonus 0,0.025]

For each run and local weight w it prints the threshold T with the best F1 and the F1 at every T given with --at:
score = global score + w * clamp((inliers - min) / (cap - min), 0, 1); the best-scoring candidate gains
margin * (s1 - max(s2, floor)) for its lead over the next (Recognition:MarginWeight / MarginFloor; --margins 0 is off);
the answer is that candidate if its score >= T, else none. --region-bonus K replaces the small-region correction the run
applied (Recognition:SmallRegionBonus, in each candidate's region_bonus) with K per halving of its region's short side below
224 decoded pixels, at most two (the region is the one the run chose; runs written before the trace held query_regions
keep their scores). Precision, recall and F1 are counted as `personalize eval` counts them.
--hubs prints instead, per run, the concepts whose mean global score over the photos that are not of them (negatives
included; a score the room rule excluded counts as 0.5) is highest: a concept that looks like everything (a hub)."""
import argparse
import glob
import json
import math
import os


def halvings(trace, region):
    """How many times the region's short side (decoded pixels) halves below the encoder's 224 px input, at most 2; None if unknown."""
    boxes = trace.get("query_regions")
    if not boxes or not 0 <= region < len(boxes):
        return None
    side = min(boxes[region]["width"], boxes[region]["height"]) * (trace.get("pixel_scale") or 1.0)
    return 0.0 if side >= 224 else 2.0 if side <= 0 else min(2.0, math.log2(224 / side))


def load(run):
    rows = []
    for path in glob.glob(os.path.join(run, "results", "**", "*.json"), recursive=True):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if "trace" not in doc:
            continue
        trace = doc["trace"]
        candidates = [(c["concept"], c.get("global_score", c["score"]), c.get("inliers", 0), c.get("region_bonus", 0.0),
                       halvings(trace, c.get("query_region", -1)) if c.get("global_score", c["score"]) > -1 else None)
                      for c in trace["candidates"]]
        rows.append((doc.get("truth"), candidates))
    return rows


def hubs(run, shown=6):
    scores = {}
    for truth, candidates in load(run):
        for concept, global_score, *_ in candidates:
            if concept != truth:
                scores.setdefault(concept, []).append(global_score if global_score > -1 else 0.5)
    means = sorted(((sum(v) / len(v), sum(x >= 0.75 for x in v), concept) for concept, v in scores.items()), reverse=True)
    middle = sorted(m for m, _, _ in means)[len(means) // 2]
    top = "  ".join(f"{concept} {m:.3f} ({n} at >= 0.75)" for m, n, concept in means[:shown])
    print(f"{run}  median {middle:.3f}  |  {top}")


def rebonused(global_score, applied, octaves, bonus):
    return global_score if bonus is None or octaves is None else global_score - applied + bonus * octaves


def evidence(inliers, minimum, cap):
    return 0.0 if inliers <= minimum else min(1.0, (inliers - minimum) / (cap - minimum))


def score(rows, weight, minimum, cap, threshold, margin=0.0, floor=0.65, bonus=None):
    positives = sum(1 for truth, _ in rows if truth)
    predicted = correct = top1 = 0
    for truth, candidates in rows:
        ranked = sorted(((rebonused(global_score, applied, octaves, bonus) + weight * evidence(inliers, minimum, cap), concept)
                         for concept, global_score, inliers, applied, octaves in candidates),
                        key=lambda x: -x[0])
        best, best_score = (ranked[0][1], ranked[0][0]) if ranked else (None, float("-inf"))
        if ranked and margin > 0:
            best_score += margin * (best_score - max(ranked[1][0] if len(ranked) > 1 else float("-inf"), floor))
        top1 += truth is not None and best == truth
        if best is not None and best_score >= threshold:
            predicted += 1
            correct += best == truth
    p = correct / predicted if predicted else 0.0
    r = correct / positives if positives else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, p, r, top1 / positives if positives else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="eval output folders (with results/)")
    parser.add_argument("--weights", default="0,0.3", help="local weights to try, comma-separated")
    parser.add_argument("--min-inliers", type=int, default=3)
    parser.add_argument("--cap", type=int, default=20)
    parser.add_argument("--margins", default="0", help="lead weights to try (Recognition:MarginWeight), comma-separated")
    parser.add_argument("--floor", type=float, default=0.65, help="Recognition:MarginFloor")
    parser.add_argument("--region-bonus", default=None, help="small-region corrections to try instead of the run's, comma-separated")
    parser.add_argument("--hubs", action="store_true", help="print each run's hub concepts instead of the thresholds")
    parser.add_argument("--lowest", type=float, default=0.40, help="the lowest threshold tried (thresholds run from it to 1.20 in steps of 0.01)")
    parser.add_argument("--at", default="0.72,0.73,0.74,0.75", help="thresholds to print F1 at, comma-separated")
    args = parser.parse_args()
    thresholds = [t / 100 for t in range(round(args.lowest * 100), 121)]
    shown = [float(t) for t in args.at.split(",")]
    for run in args.runs:
        if args.hubs:
            hubs(run)
            continue
        rows = load(run)
        if not rows:
            raise SystemExit(f"error: {run} holds no eval results (results/**/*.json)")
        bonuses = [None] if args.region_bonus is None else [float(b) for b in args.region_bonus.split(",")]
        for weight in (float(w) for w in args.weights.split(",")):
            for margin in (float(m) for m in args.margins.split(",")):
                for bonus in bonuses:
                    f1, p, r, top1, t = max(score(rows, weight, args.min_inliers, args.cap, t, margin, args.floor, bonus) + (t,) for t in thresholds)
                    at = " ".join(f"{x:.2f}:{score(rows, weight, args.min_inliers, args.cap, x, margin, args.floor, bonus)[0]:.3f}" for x in shown)
                    label = "" if bonus is None else f" region-bonus={bonus:g}"
                    print(f"{run}  w={weight:g} margin={margin:g}{label}  best T={t:.2f}: F1 {f1:.3f} P {p:.3f} R {r:.3f} top-1 {top1:.3f}  |  F1 at {at}")


if __name__ == "__main__":
    main()
