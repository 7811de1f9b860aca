#!/usr/bin/env bash
# Recognition with un-enrolled objects in the mix: enrols the first photo of 20 DreamBooth subjects, and
# queries with their other photos plus every photo of the other 10 subjects (negatives: the right answer
# is "none of my concepts"). Extra arguments go to 'personalize eval' (e.g. --json, --compare KEY=VALUE).
#
#   scripts/eval-held-out.sh [DREAMBOOTH_DIR] [eval options…]
set -euo pipefail
cd "$(dirname "$0")/.."
src=../shared/datasets/dreambooth
if [ $# -gt 0 ] && [ -d "$1" ]; then src=$1; shift; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/enrolled" "$work/negatives"
i=0
for dir in $(find "$src" -mindepth 1 -maxdepth 1 -type d | sort); do
  name=$(basename "$dir")
  if [ $((i % 3)) -eq 2 ]; then
    for f in "$dir"/*.jpg; do ln -s "$(realpath "$f")" "$work/negatives/${name}_$(basename "$f")"; done
  else
    ln -s "$(realpath "$dir")" "$work/enrolled/$name"
  fi
  i=$((i + 1))
done
[ -f "$src/subjects.csv" ] && cp "$src/subjects.csv" "$work/enrolled/"
dotnet run --project src/Personalization.Cli -c Release -- eval --dataset "$work/enrolled" --negatives "$work/negatives" --out out/eval-held-out "$@"
