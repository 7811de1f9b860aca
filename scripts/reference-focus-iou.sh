#!/usr/bin/env bash
# How well the automatic object choice (no box drawn) finds the subject of each reference photo of a benchmark made by
# `personalize make-benchmark`: enrols every concepts/<subject>/r1.jpg without a box, then prints the IoU of the region
# `personalize concepts` reports with the true box in reference-boxes.csv, and the mean (docs/thresholds.md).
#
#   scripts/reference-focus-iou.sh BENCHMARK_DIR [--set KEY=VALUE …]
#   e.g. scripts/reference-focus-iou.sh out/hard --set Detection:ReferenceSegmentation=false
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ -f "$1/reference-boxes.csv" ] || { echo "usage: $0 BENCHMARK_DIR [--set KEY=VALUE …] (a folder made by make-benchmark)"; exit 2; }
bench=$(realpath "$1"); shift
[ -n "${BIN:-}" ] || dotnet build src/Personalization.Cli -c Release -v quiet -nologo >/dev/null
personalize() { dotnet "${BIN:-src/Personalization.Cli/bin/Release/net10.0}/personalize.dll" "$@"; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
for dir in "$bench"/concepts/*/; do
  subject=$(basename "$dir")
  personalize enroll --data "$data" --owner focus --name "$subject" "$dir/r1.jpg" "$@" >/dev/null
done
personalize concepts --data "$data" --owner focus "$@" > "$data/concepts.txt"
python3 - "$bench/reference-boxes.csv" "$data/concepts.txt" <<'PY'
import csv, re, sys
truth = {r["image"].split("/")[0]: [float(r[k]) for k in ("x", "y", "width", "height")]
         for r in csv.DictReader(open(sys.argv[1])) if r["image"].endswith("/r1.jpg")}
def iou(a, b):
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    i = ix * iy
    return i / (a[2] * a[3] + b[2] * b[3] - i)
values = []
for line in open(sys.argv[2]):
    name, box = re.match(r"<([^>]+)>", line), re.search(r"(?:at|photo|recognised,|box) (\d+),(\d+),(\d+),(\d+)", line)
    if name and box and name.group(1) in truth:
        v = iou([float(x) for x in box.groups()], truth[name.group(1)])
        values.append(v)
        print(f"{name.group(1):24s} IoU {v:.2f}")
print(f"mean IoU {sum(values) / len(values):.3f}; IoU >= 0.5: {sum(v >= 0.5 for v in values)}/{len(values)}")
PY
