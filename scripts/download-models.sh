#!/usr/bin/env bash
# Downloads the models the offline pipeline needs from their public homes into a models folder
# (default ./models; the CLI looks there after ../shared/models), and checks their checksums.
#
#   scripts/download-models.sh [DIR] [--clip]
#
# --clip also fetches the CLIP ViT-B/32 ONNX export (about 600 MB) for Encoders:Image=clip.
# Needs curl, and python3 with the onnx package (Debian: python3-onnx) to add MobileNetV2's feature output.
set -euo pipefail
dir=./models
clip=false
for arg in "$@"; do
  case "$arg" in
    --clip) clip=true ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) dir=$arg ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/detectors" "$dir/features" "$dir/clip"

fetch() { # url target [sha256]
  if [ -s "$2" ]; then echo "have $2"; else echo "get  $2"; curl -fL --retry 3 -o "$2.part" "$1" && mv "$2.part" "$2"; fi
  if [ -n "${3:-}" ]; then echo "$3  $2" | sha256sum -c --quiet - || { echo "checksum mismatch for $2" >&2; exit 1; }; fi
}

fetch https://github.com/Megvii-BaseDetection/YOLOX/releases/download/0.1.1rc0/yolox_nano.onnx \
  "$dir/detectors/yolox_nano.onnx" d39bee73564e338080378b0ad567fbb40e818b55bbfaf971de82a0267ed16b8a
fetch https://github.com/onnx/models/raw/main/validated/vision/classification/mobilenet/model/mobilenetv2-12-int8.onnx \
  "$dir/features/mobilenetv2-12-int8.onnx" 83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f
fetch https://github.com/openai/CLIP/raw/main/clip/bpe_simple_vocab_16e6.txt.gz \
  "$dir/clip/bpe_simple_vocab_16e6.txt.gz" 924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a

if [ ! -s "$dir/features/mobilenetv2-12-int8-features.onnx" ]; then
  python3 "$here/add_mobilenet_features.py" "$dir/features/mobilenetv2-12-int8.onnx" "$dir/features/mobilenetv2-12-int8-features.onnx"
fi

# Class names, one a line, in model order.
if [ ! -s "$dir/detectors/coco80.txt" ]; then
  curl -fsSL https://raw.githubusercontent.com/Megvii-BaseDetection/YOLOX/main/yolox/data/datasets/coco_classes.py \
    | python3 -c 'import ast,sys; src=sys.stdin.read(); t=ast.literal_eval(src[src.index("("):src.rindex(")")+1]); print("\n".join(t))' \
    > "$dir/detectors/coco80.txt"
fi
if [ ! -s "$dir/features/imagenet1k.txt" ]; then
  curl -fsSL https://raw.githubusercontent.com/onnx/models/main/validated/vision/classification/synset.txt \
    | sed -E 's/^n[0-9]+ //' > "$dir/features/imagenet1k.txt"
fi
[ "$(wc -l < "$dir/detectors/coco80.txt")" -eq 80 ] || { echo "coco80.txt should have 80 lines" >&2; exit 1; }
[ "$(wc -l < "$dir/features/imagenet1k.txt")" -eq 1000 ] || { echo "imagenet1k.txt should have 1000 lines" >&2; exit 1; }

if $clip; then
  fetch https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/onnx/vision_model.onnx "$dir/clip/vision_model.onnx"
  fetch https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/onnx/text_model.onnx "$dir/clip/text_model.onnx"
fi
echo "models ready in $dir (use --models $dir or PERSONALIZATION_MODELS=$dir)"
