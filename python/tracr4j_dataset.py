#!/usr/bin/env python3
"""Reads a tracr4j dataset (docs/dataset.md) with numpy alone.

    import tracr4j_dataset
    for tokens, config, weights in tracr4j_dataset.iterate("data"):
        ...   # tokens: list of str; config: the config.json object; weights: {TransformerLens name: array}

`iterate(directory, split=None)` yields the programs in index order (optionally one split only), loading
each shard once. `config` and `weights` together are a model directory: `tracr4j_numpy.forward` runs them.

Usage as a script (prints one JSON line per program, running it on INPUT when given):
    python3 tracr4j_dataset.py DATASET_DIR [INPUT]
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracr4j_numpy  # noqa: E402  (same directory)


def entries(directory):
    """The index.jsonl objects, in order."""
    with open(os.path.join(directory, "index.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def iterate(directory, split=None):
    """Yields (tokens, config, weights) per program; weights are float64 arrays under TransformerLens names."""
    shard_name, shard = None, None
    for entry in entries(directory):
        if split is not None and entry["split"] != split:
            continue
        if entry["shard"] != shard_name:
            shard_name = entry["shard"]
            shard = tracr4j_numpy.load_safetensors(os.path.join(directory, shard_name))
        prefix = entry["prefix"]
        weights = {name[len(prefix):]: array for name, array in shard.items() if name.startswith(prefix)}
        yield entry["tokens"], entry["config"], weights


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    directory = argv[1]
    for tokens, config, weights in iterate(directory):
        result = {"tokens": len(tokens), "params": int(sum(a.size for a in weights.values()))}
        if len(argv) == 3:
            result["output"] = tracr4j_numpy.run(config, weights, argv[2].split())
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
