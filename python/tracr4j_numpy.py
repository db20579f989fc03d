#!/usr/bin/env python3
"""Runs a tracr4j model directory with numpy alone: the reference forward pass of docs/model-format.md.

Usage:
    python3 tracr4j_numpy.py MODEL_DIR "a b c" ["b a" ...]

Each argument after the directory is one input: tokens separated by spaces, written as in the
vocabulary, without the BOS token. Prints one JSON document on stdout:
    [{"input": ["a", "b", "c"], "output": [...]}, ...]
with one output value per input token (typed JSON values, null for none). Errors go to stderr with
exit status 2 (bad input) or 3 (bad model directory).
"""
import json
import os
import struct
import sys

import numpy as np

_DTYPES = {"F32": "<f4", "F64": "<f8"}
# config.json format versions this script reads: 2 added tracr4j.provenance, which the forward pass ignores.
_FORMAT_VERSIONS = (1, 2)


class ModelError(Exception):
    """The model directory is unreadable or inconsistent."""


def load_safetensors(path):
    """Returns {name: float64 array} from a safetensors file (F32 and F64 tensors only)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ModelError(f"{path}: file too short")
    (header_length,) = struct.unpack("<Q", data[:8])
    if header_length > len(data) - 8:
        raise ModelError(f"{path}: header length {header_length} exceeds the file")
    header = json.loads(data[8:8 + header_length])
    header.pop("__metadata__", None)
    start = 8 + header_length
    tensors = {}
    for name, info in header.items():
        if info["dtype"] not in _DTYPES:
            raise ModelError(f"{path}: tensor {name} has unsupported dtype {info['dtype']}")
        begin, end = info["data_offsets"]
        dtype = np.dtype(_DTYPES[info["dtype"]])
        count = int(np.prod(info["shape"], dtype=np.int64))
        if end - begin != count * dtype.itemsize or start + end > len(data):
            raise ModelError(f"{path}: tensor {name} has inconsistent data_offsets")
        array = np.frombuffer(data, dtype=dtype, count=count, offset=start + begin)
        tensors[name] = array.reshape(info["shape"]).astype(np.float64)
    return tensors


def load(model_dir):
    """Returns (config dict, weights dict) of a model directory."""
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    version = config.get("tracr4j", {}).get("format_version")
    if version not in _FORMAT_VERSIONS:
        raise ModelError(f"config.json: tracr4j.format_version {version!r} is not one of {_FORMAT_VERSIONS}")
    weights = load_safetensors(os.path.join(model_dir, "model.safetensors"))
    return config, weights


def forward(config, w, ids):
    """The unembedded output [T, d_vocab_out] of token ids [T] (BOS first), in float64."""
    meta = config["tracr4j"]
    pad = meta["input_vocab"][meta["pad"]]
    t = len(ids)
    x = w["embed.W_E"][ids] + w["pos_embed.W_pos"][:t]
    # mask[query, key]: PAD keys, and keys after the query when causal
    mask = np.broadcast_to(ids[None, :] == pad, (t, t)).copy()
    if config["attention_dir"] == "causal":
        mask |= np.triu(np.ones((t, t), dtype=bool), k=1)
    scale = 1.0 / np.sqrt(config["d_head"])
    for layer in range(config["n_layers"]):
        p = f"blocks.{layer}."
        q = np.einsum("td,hdk->htk", x, w[p + "attn.W_Q"]) + w[p + "attn.b_Q"][:, None, :]
        k = np.einsum("td,hdk->htk", x, w[p + "attn.W_K"]) + w[p + "attn.b_K"][:, None, :]
        v = np.einsum("td,hdk->htk", x, w[p + "attn.W_V"]) + w[p + "attn.b_V"][:, None, :]
        scores = np.where(mask[None], -1e30, q @ k.transpose(0, 2, 1) * scale)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        pattern = scores / scores.sum(axis=-1, keepdims=True)
        z = pattern @ v
        x = x + np.einsum("htk,hkd->td", z, w[p + "attn.W_O"]) + w[p + "attn.b_O"]
        hidden = np.maximum(x @ w[p + "mlp.W_in"] + w[p + "mlp.b_in"], 0.0)
        x = x + hidden @ w[p + "mlp.W_out"] + w[p + "mlp.b_out"]
    return x @ w["unembed.W_U"] + w["unembed.b_U"]


def decode(config, row):
    """Numerical: the single column. Categorical: the largest column's value, None below 0.5."""
    meta = config["tracr4j"]
    if meta["output_encoding"] == "numerical":
        return float(row[0])
    best = int(np.argmax(row))  # the first maximum on ties
    return None if row[best] < 0.5 else meta["output_values"][best]


def encode(config, tokens):
    """Token ids with BOS prepended; raises ValueError for unknown tokens or a too long input."""
    meta = config["tracr4j"]
    vocab = meta["input_vocab"]
    if len(tokens) > meta["max_seq_len"]:
        raise ValueError(f"input has {len(tokens)} tokens, the maximum sequence length is {meta['max_seq_len']}")
    ids = [vocab[meta["bos"]]]
    for position, token in enumerate(tokens):
        if token not in vocab or token in (meta["bos"], meta["pad"]):
            raise ValueError(f"unknown token '{token}' at position {position}")
        ids.append(vocab[token])
    return np.array(ids, dtype=np.int64)


def run(config, weights, tokens):
    """Decoded outputs of one input (a list of token strings), BOS dropped."""
    out = forward(config, weights, encode(config, tokens))
    return [decode(config, row) for row in out[1:]]


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        config, weights = load(argv[1])
    except (OSError, ValueError, KeyError, ModelError) as e:
        print(f"tracr4j_numpy: cannot load {argv[1]}: {e}", file=sys.stderr)
        return 3
    results = []
    for text in argv[2:]:
        tokens = text.split()
        try:
            results.append({"input": tokens, "output": run(config, weights, tokens)})
        except ValueError as e:
            print(f"tracr4j_numpy: {e}", file=sys.stderr)
            return 2
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
