#!/usr/bin/env python3
"""Adds the pooled 1280-d features of MobileNetV2 (int8, ONNX model zoo) as a second graph output.

The model's global average pool is quantised (`464_quantized`); a DequantizeLinear with the pool's own
scale and zero point exposes it as float `features` [N,1280,1,1] next to the logits `output` [N,1000].
Needs the `onnx` Python package (Debian: apt-get install python3-onnx).

usage: add_mobilenet_features.py mobilenetv2-12-int8.onnx mobilenetv2-12-int8-features.onnx
"""
import sys

import onnx
from onnx import helper


def main(source: str, target: str) -> None:
    model = onnx.load(source)
    graph = model.graph
    if any(o.name == "features" for o in graph.output):
        raise SystemExit(f"{source} already has a 'features' output")
    pool = next((n for n in graph.node if "464_quantized" in n.output), None)
    if pool is None or pool.op_type != "QLinearGlobalAveragePool":
        raise SystemExit("no QLinearGlobalAveragePool producing '464_quantized': is this mobilenetv2-12-int8.onnx?")
    scale, zero_point = pool.input[3], pool.input[4]
    graph.node.append(helper.make_node("DequantizeLinear", ["464_quantized", scale, zero_point], ["features"], name="expose_features"))
    graph.output.append(helper.make_empty_tensor_value_info("features"))
    onnx.save(model, target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
