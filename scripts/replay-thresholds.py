#!/usr/bin/env python3
"""Replays the one-threshold decision over the traces of `personalize eval` runs, for many thresholds and local weights,
without running the models again (docs/thresholds.md, "Hard photos").

Run each configuration once with every concept verified and ten candidates kept in each result's trace:
    personalize eval --dataset DIR --negatives DIR --out out/run-a --set Recognition:TopK=10 --set Recognition:LocalShortlist=0 [...]
then:
    scripts/replay-thresholds.py out/run-a [out/run-b ...] [--weights 0,0.3] [--min-inliers 3] [--cap 20]

For each run and local weight w it prints the threshold T with the best F1 and the F1 at every T given with --at:
score = global score + w * clamp((inliers - min) / (cap - min), 0, 1); the best-scoring candidate gains
margin * (s1 - max(s2, floor)) for its lead over the next (Recognition:MarginWeight / MarginFloor; --margins 0 is off);
the answer is that candidate if its score >= T, else none. Precision, recall and F1 are counted as `personalize eval` counts them."""
import argparse
import glob
import json
import os


def load(run):
    rows = []
    for path in glob.glob(os.path.join(run, "results", "**", "*.json"), recursive=True):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if "trace" not in doc:
            continue
        candidates = [(c["concept"], c.get("global_score", c["score"]), c.get("inliers", 0)) for c in doc["trace"]["candidates"]]
        rows.append((doc.get("truth"), candidates))
    return rows


def evidence(inliers, minimum, cap):
    return 0.0 if inliers <= minimum else min(1.0, (inliers - minimum) / (cap - minimum))


def score(rows, weight, minimum, cap, threshold, margin=0.0, floor=0.65):
    positives = sum(1 for truth, _ in rows if truth)
    predicted = correct = top1 = 0
    for truth, candidates in rows:
        ranked = sorted(((global_score + weight * evidence(inliers, minimum, cap), concept) for concept, global_score, inliers in candidates),
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
    parser.add_argument("--at", default="0.72,0.73,0.74,0.75", help="thresholds to print F1 at, comma-separated")
    args = parser.parse_args()
    thresholds = [t / 100 for t in range(40, 121)]
    shown = [float(t) for t in args.at.split(",")]
    for run in args.runs:
        rows = load(run)
        if not rows:
            raise SystemExit(f"error: {run} holds no eval results (results/**/*.json)")
        for weight in (float(w) for w in args.weights.split(",")):
            for margin in (float(m) for m in args.margins.split(",")):
                f1, p, r, top1, t = max(score(rows, weight, args.min_inliers, args.cap, t, margin, args.floor) + (t,) for t in thresholds)
                at = " ".join(f"{x:.2f}:{score(rows, weight, args.min_inliers, args.cap, x, margin, args.floor)[0]:.3f}" for x in shown)
                print(f"{run}  w={weight:g} margin={margin:g}  best T={t:.2f}: F1 {f1:.3f} P {p:.3f} R {r:.3f} top-1 {top1:.3f}  |  F1 at {at}")


if __name__ == "__main__":
    main()
