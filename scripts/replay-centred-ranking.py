#!/usr/bin/env python3
"""Replays how the concept could be chosen in the owner-centred space (docs/thresholds.md, round 10), from two
`personalize eval` runs of the same photos: one raw, one with every image vector centred on the mean of the owner's rooms.

The centred run comes from the experiment build of round 9 (commit 491b0fd: `X_CENTER=1` in the environment); both runs
keep every concept verified and twenty candidates:
    personalize eval … --set Recognition:CentredRanking=false --set Recognition:TopK=20 --set Recognition:LocalShortlist=0 --out RAW
    X_CENTER=1 personalize eval … --set Recognition:TopK=20 --set Recognition:LocalShortlist=0 --out CENTRED   (build of 491b0fd)
then:
    scripts/replay-centred-ranking.py RAW CENTRED [--at 0.75] [--floor 0.65] [--centred-floor 0.3]

Per photo: raw, the best raw score (global + 0.3 * local evidence) chooses, as without centring; the other modes choose
the best centred score plus the same local evidence, and judge that concept's raw score plus 0.5 * its lead, measured
  A: over every other concept's raw score (or the floor),
  B: over the raw scores of the concepts that do not outscore it (the chain: CandidateRetriever.WithoutOutscorers),
  C: in the centred space, over the next centred score (or --centred-floor).
The answer is that concept if the result is at least the threshold, else none; counted as `personalize eval` counts."""
import argparse
import glob
import json
import os


def evidence(inliers, minimum=3, cap=20):
    return 0.0 if inliers <= minimum else min(1.0, (inliers - minimum) / (cap - minimum))


def load(run):
    photos = {}
    for path in glob.glob(os.path.join(run, "results", "**", "*.json"), recursive=True):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if "trace" in doc:
            photos[doc["image"]] = (doc.get("truth"), {c["concept"]: (c.get("global_score", c["score"]), c.get("inliers", 0))
                                                       for c in doc["trace"]["candidates"]})
    return photos


def replay(raw, centred, mode, threshold, floor, centred_floor, weight=0.3, margin=0.5):
    positives = sum(1 for truth, _ in raw.values() if truth)
    predicted = correct = top1 = 0
    for image, (truth, candidates) in raw.items():
        rs = {c: g + weight * evidence(n) for c, (g, n) in candidates.items()}
        cs = {c: g + weight * evidence(n) for c, (g, n) in centred.get(image, (None, candidates))[1].items() if g > -1}
        key = rs if mode == "raw" or not cs else cs
        if not key:
            continue
        best = max(key, key=lambda c: (key[c], c))
        top1 += truth is not None and best == truth
        s1 = rs.get(best, -1.0)
        if mode == "C":
            others = [v for c, v in cs.items() if c != best]
            lead = cs.get(best, -1.0) - max(max(others, default=float("-inf")), centred_floor)
        else:
            others = [v for c, v in rs.items() if c != best and (mode != "B" or v <= s1)]
            lead = s1 - max(max(others, default=float("-inf")), floor)
        if s1 + margin * lead >= threshold:
            predicted += 1
            correct += best == truth
    p = correct / predicted if predicted else 0.0
    r = correct / positives if positives else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r, (top1 / positives if positives else 0.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw")
    parser.add_argument("centred")
    parser.add_argument("--at", type=float, default=0.75, help="the threshold (Recognition:RejectBelow)")
    parser.add_argument("--floor", type=float, default=0.65, help="Recognition:MarginFloor")
    parser.add_argument("--centred-floor", type=float, default=0.3, help="the floor of mode C's centred lead")
    args = parser.parse_args()
    raw, centred = load(args.raw), load(args.centred)
    if not raw or not centred:
        raise SystemExit("error: a run holds no eval results (results/**/*.json)")
    for mode in ("raw", "A", "B", "C"):
        f1, p, r, top1 = replay(raw, centred, mode, args.at, args.floor, args.centred_floor)
        print(f"{args.raw}  {mode:3s}  at {args.at:.2f}: F1 {f1:.3f} P {p:.3f} R {r:.3f}  top-1 {top1:.3f}")


if __name__ == "__main__":
    main()
