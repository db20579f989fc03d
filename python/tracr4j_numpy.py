#!/usr/bin/env python3
"""Runs a tracr4j model directory with numpy alone: the reference forward pass of docs/model-format.md.

Usage:
    python3 tracr4j_numpy.py MODEL_DIR "a b c" ["b a" ...]

Each argument after the directory is one input: tokens separated by spaces, written as in the
vocabulary, without the BOS token. Prints one JSON document on stdout:
    [{"input": ["a", "b", "c"], "output": [...]}, ...]
with one output value per input token (typed JSON values, null for none). A numerical output is decoded
to the nearest value of tracr4j.output_value_set when within 1e-6 relative (as `tracr4j run` does);
directories without that key give the raw number.

The directory is checked as strictly as the Java reader (org.tracr4j.export.ModelDirectory.read): every
config.json key, the safetensors layout, tensor names, shapes and dtypes, finite weights, the
weights_sha256 digest and the provenance. An input on which a categorical aggregate with a recorded
precondition would average is refused, as the Java Model refuses it: the same residual check.

Errors: one line on stderr, no traceback, and the exit status of the tracr4j command:
    64  usage (no model directory given)
    66  bad input (unknown token, too long, a violated precondition; or MODEL_DIR is not a directory)
    74  bad model directory (unreadable, corrupt or inconsistent file)
"""
import hashlib
import json
import math
import os
import struct
import sys

import numpy as np

EXIT_USAGE = 64
EXIT_INPUT = 66
EXIT_MODEL_FILE = 74

_DTYPES = {"F32": "<f4", "F64": "<f8"}
# config.json format versions this script reads: 2 added tracr4j.provenance and (optionally)
# tracr4j.output_value_set.
_FORMAT_VERSION = 2
_MAX_HEADER_BYTES = 100 << 20
_INT_MAX = 2**31 - 1
# A numerical output within this of a value of the output's value set decodes to that value
# (org.tracr4j.rasp.Tolerance.MODEL_OUTPUT).
_OUTPUT_TOLERANCE = 1e-6


class ModelError(Exception):
    """The model directory is unreadable or inconsistent: message 'FILE: problem'."""

    def __init__(self, file, problem):
        super().__init__(f"{file}: {problem}")


class InputError(Exception):
    """An input the model cannot take or refuses."""


# --- JSON, as strict as the Java reader's: duplicate keys, NaN/Infinity literals and trailing data rejected


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"Duplicate field '{key}'")
        result[key] = value
    return result


def _no_constant(name):
    raise ValueError(f"non-standard number {name}")


def _parse_json(text):
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


def _describe(value):
    return json.dumps(value, allow_nan=True)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


class _Fields:
    """Typed access to one JSON file's keys; every failure a ModelError naming the file and the key path."""

    def __init__(self, file):
        self.file = file

    def corrupt(self, problem):
        return ModelError(self.file, problem)

    def field(self, node, path, key=None):
        key = path.rsplit(".", 1)[-1] if key is None else key
        if not isinstance(node, dict) or key not in node:
            raise self.corrupt(f"key {path} is missing")
        return node[key]

    def integer(self, node, path, minimum, key=None):
        value = self.field(node, path, key)
        if not _is_int(value) or not -2**31 <= value <= _INT_MAX or value < minimum:
            raise self.corrupt(f"{path} must be an integer of at least {minimum}, found {_describe(value)}")
        return value

    def text(self, node, path):
        value = self.field(node, path)
        if not isinstance(value, str):
            raise self.corrupt(f"{path} must be a string, found {_describe(value)}")
        return value

    def text_or_none(self, node, path):
        return None if self.field(node, path) is None else self.text(node, path)

    def boolean(self, node, path):
        value = self.field(node, path)
        if not isinstance(value, bool):
            raise self.corrupt(f"{path} must be true or false, found {_describe(value)}")
        return value

    def array(self, node, path):
        value = self.field(node, path)
        if not isinstance(value, list):
            raise self.corrupt(f"{path} must be an array, found {type(value).__name__}")
        return value

    def object(self, node, path):
        value = self.field(node, path)
        if not isinstance(value, dict):
            raise self.corrupt(f"{path} must be an object")
        return value

    def value(self, value, path, lists):
        """A JSON value as the Java reader accepts it: null, boolean, string, a 64-bit integer, a finite
        float, or (when lists) an array of those."""
        if value is None or isinstance(value, (bool, str)):
            return value
        if _is_int(value):
            if not -2**63 <= value < 2**63:
                raise self.corrupt(f"{path} holds {value}, outside the 64-bit range")
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                raise self.corrupt(f"{path} holds {value}, not a finite number")
            return value
        if isinstance(value, list) and lists:
            return [self.value(item, path, True) for item in value]
        raise self.corrupt(f"{path} holds {_describe(value)}; values must be numbers, booleans, strings"
                           + (", arrays" if lists else "") + " or null")


# --- safetensors


def load_safetensors(path):
    """Returns {name: float64 array} of a safetensors file, checked as the Java reader does."""
    return _read_safetensors(path)[1]


def _read_safetensors(path):
    """(raw bytes, {name: float64 array}) of a safetensors file; raises ModelError."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ModelError(path, f"cannot read the file: {_os_reason(e)}") from None
    except MemoryError:
        raise ModelError(path, "cannot read the file: too large to load") from None
    if len(data) < 8:
        raise ModelError(path, f"file is {len(data)} bytes, too short for the 8-byte header length")
    (header_length,) = struct.unpack("<Q", data[:8])
    if header_length < 2 or header_length > _MAX_HEADER_BYTES or header_length > len(data) - 8:
        raise ModelError(path, f"header length {header_length} is not between 2 and the {len(data) - 8} "
                               "bytes that follow it")
    try:
        header = _parse_json(data[8:8 + header_length].decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise ModelError(path, f"header is not valid JSON: {e}") from None
    if not isinstance(header, dict):
        raise ModelError(path, "header is not a JSON object")
    start = 8 + header_length
    entries = []
    for name, info in header.items():
        if name == "__metadata__":
            if not isinstance(info, dict):
                raise ModelError(path, "__metadata__ is not a JSON object")
            for key, value in info.items():
                if not isinstance(value, str):
                    raise ModelError(path, f"__metadata__.{key} is not a string")
            continue
        entries.append(_entry(path, name, info))
    expected = 0
    for name, dtype, shape, begin, end in sorted(entries, key=lambda e: e[3]):
        if begin != expected:
            raise ModelError(path, f"tensor {name} starts at data offset {begin}, expected {expected} "
                                   "(tensors must be contiguous, without gaps or overlap)")
        expected = end
    data_length = len(data) - start
    if expected != data_length:
        raise ModelError(path, f"the tensors cover {expected} bytes of data but the file holds {data_length} "
                               "after the header" + (" (truncated?)" if expected > data_length
                                                     else " (trailing bytes)"))
    tensors = {}
    for name, dtype, shape, begin, end in entries:
        count = int(np.prod(shape, dtype=np.int64))
        array = np.frombuffer(data, dtype=np.dtype(_DTYPES[dtype]), count=count, offset=start + begin)
        tensors[name] = array.reshape(shape).astype(np.float64)
    return data, tensors


def _entry(path, name, info):
    where = f"tensor {name}"
    if not isinstance(info, dict):
        raise ModelError(path, f"{where} is not described by a JSON object")
    dtype = info.get("dtype")
    if not isinstance(dtype, str):
        raise ModelError(path, f"{where} has no dtype string")
    if dtype not in _DTYPES:
        raise ModelError(path, f"{where} has dtype {dtype}; only F32 and F64 are supported")
    shape = info.get("shape")
    if not isinstance(shape, list):
        raise ModelError(path, f"{where} has no shape array")
    if not all(_is_int(d) and 0 <= d <= _INT_MAX for d in shape):
        raise ModelError(path, f"{where} has shape {_describe(shape)}; dimensions must be non-negative "
                               "integers below 2^31")
    offsets = info.get("data_offsets")
    if (not isinstance(offsets, list) or len(offsets) != 2 or not all(_is_int(o) for o in offsets)
            or offsets[0] < 0 or offsets[1] >= 2**62 or offsets[1] < -2**62):
        raise ModelError(path, f"{where} has data_offsets {_describe(offsets)}; expected [begin, end], two "
                               "non-negative integers")
    begin, end = offsets
    elements = math.prod(shape)
    needed = elements * np.dtype(_DTYPES[dtype]).itemsize
    if elements > _INT_MAX or end - begin != needed:
        raise ModelError(path, f"{where} has data_offsets [{begin}, {end}] ({end - begin} bytes), but {dtype} "
                               f"× {shape} needs {needed} bytes")
    for key in info:
        if key not in ("dtype", "shape", "data_offsets"):
            raise ModelError(path, f"{where} has an unknown field '{key}'")
    return name, dtype, shape, begin, end


def _os_reason(e):
    if isinstance(e, FileNotFoundError):
        return "no such file"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return e.strerror or str(e)


# --- config.json


def _read_config(file):
    try:
        with open(file, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise ModelError(file, f"cannot read the file: {_os_reason(e)}") from None
    try:
        config = _parse_json(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise ModelError(file, f"is not valid JSON: {e}") from None
    if not isinstance(config, dict):
        raise ModelError(file, "is not a JSON object")
    return config


def _check_config(file, config):
    """Checks config.json as org.tracr4j.export.ConfigReader does; returns the tensor shapes it implies."""
    json_ = _Fields(file)
    meta = json_.object(config, "tracr4j")
    version = json_.integer(meta, "tracr4j.format_version", 1)
    if version > _FORMAT_VERSION:
        raise json_.corrupt(f"tracr4j.format_version {version} is newer than this reader ({_FORMAT_VERSION})")
    act = json_.text(config, "act_fn")
    if act != "relu":
        raise json_.corrupt(f"act_fn must be \"relu\", found \"{act}\"")
    if "normalization_type" not in config or config["normalization_type"] is not None:
        raise json_.corrupt("normalization_type must be null (tracr4j models have no layer norm), found "
                            + (_describe(config["normalization_type"]) if "normalization_type" in config
                               else "null"))
    causal = json_.boolean(meta, "tracr4j.causal")
    direction = json_.text(config, "attention_dir")
    if direction != ("causal" if causal else "bidirectional"):
        raise json_.corrupt(f"attention_dir is \"{direction}\" but tracr4j.causal is {str(causal).lower()}")
    n_ctx = json_.integer(config, "n_ctx", 1)
    max_seq_len = json_.integer(meta, "tracr4j.max_seq_len", 0)
    if n_ctx != max_seq_len + 1:
        raise json_.corrupt(f"n_ctx is {n_ctx} but tracr4j.max_seq_len is {max_seq_len} "
                            "(n_ctx must be max_seq_len + 1)")
    layers = json_.integer(config, "n_layers", 0)
    heads = json_.integer(config, "n_heads", 1)
    d_model = json_.integer(config, "d_model", 1)
    d_head = json_.integer(config, "d_head", 1)
    d_mlp = json_.integer(config, "d_mlp", 1)
    d_vocab = json_.integer(config, "d_vocab", 2)
    d_vocab_out = json_.integer(config, "d_vocab_out", 1)

    vocab = json_.field(meta, "tracr4j.input_vocab")
    if not isinstance(vocab, dict) or len(vocab) != d_vocab:
        raise json_.corrupt(f"tracr4j.input_vocab must map {d_vocab} tokens (d_vocab) to ids, found "
                            + (f"{len(vocab)} tokens" if isinstance(vocab, dict) else type(vocab).__name__))
    tokens = [None] * d_vocab
    for token in vocab:
        token_id = json_.integer(vocab, f"tracr4j.input_vocab.{token}", 0, key=token)
        if token_id >= d_vocab or tokens[token_id] is not None:
            raise json_.corrupt(f"tracr4j.input_vocab gives token '{token}' the id {token_id}"
                                + (f", not below d_vocab = {d_vocab}" if token_id >= d_vocab
                                   else f", already used by '{tokens[token_id]}'"))
        tokens[token_id] = token
    bos = json_.text(meta, "tracr4j.bos")
    pad = json_.text(meta, "tracr4j.pad")
    if bos not in vocab or pad not in vocab or bos == pad:
        raise json_.corrupt("tracr4j.bos and tracr4j.pad must be two different tokens of tracr4j.input_vocab")

    encoding = json_.text(meta, "tracr4j.output_encoding")
    if encoding not in ("categorical", "numerical"):
        raise json_.corrupt(f"tracr4j.output_encoding must be \"categorical\" or \"numerical\", found "
                            f"\"{encoding}\"")
    values = json_.field(meta, "tracr4j.output_values")
    if not isinstance(values, list) or len(values) != d_vocab_out:
        raise json_.corrupt(f"tracr4j.output_values must be an array of {d_vocab_out} values (d_vocab_out)")
    for value in values:
        json_.value(value, "tracr4j.output_values", False)
    if encoding == "numerical" and len(values) != 1:
        raise json_.corrupt(f"a numerical output space has one column, got {len(values)}")
    if "output_value_set" in meta:
        value_set = json_.array(meta, "tracr4j.output_value_set")
        if encoding != "numerical" or not all(
                (_is_int(v) or isinstance(v, float)) and math.isfinite(v) for v in value_set):
            raise json_.corrupt("tracr4j.output_value_set must be an array of finite numbers, of a numerical "
                                "output")

    labels = None
    if "residual_labels" in meta:
        labels = json_.field(meta, "tracr4j.residual_labels")
        if not isinstance(labels, list) or len(labels) != d_model:
            raise json_.corrupt(f"tracr4j.residual_labels must be an array of {d_model} strings (d_model)")
        for label in labels:
            if not isinstance(label, str):
                raise json_.corrupt(f"tracr4j.residual_labels holds {_describe(label)}, not a string")
    if version >= 2 and "provenance" in meta:
        _check_provenance(json_, meta, layers, heads, d_model, d_mlp)
    for key in ("version", "source"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise json_.corrupt(f"tracr4j.{key} must be a string or null")
    if "metadata" in meta and not isinstance(meta["metadata"], dict):
        raise json_.corrupt("tracr4j.metadata must be an object of strings")

    shapes = {"embed.W_E": [d_vocab, d_model], "pos_embed.W_pos": [n_ctx, d_model]}
    for layer in range(layers):
        p = f"blocks.{layer}."
        shapes.update({
            p + "attn.W_Q": [heads, d_model, d_head], p + "attn.W_K": [heads, d_model, d_head],
            p + "attn.W_V": [heads, d_model, d_head], p + "attn.W_O": [heads, d_head, d_model],
            p + "attn.b_Q": [heads, d_head], p + "attn.b_K": [heads, d_head], p + "attn.b_V": [heads, d_head],
            p + "attn.b_O": [d_model], p + "mlp.W_in": [d_model, d_mlp], p + "mlp.b_in": [d_mlp],
            p + "mlp.W_out": [d_mlp, d_model], p + "mlp.b_out": [d_model]})
    shapes.update({"unembed.W_U": [d_model, d_vocab_out], "unembed.b_U": [d_vocab_out]})
    return shapes, labels


_ROLES = ("value", "one", "intermediate")
_ENCODINGS = ("categorical", "numerical")


def _check_provenance(json_, meta, layers, heads, d_model, d_mlp):
    """tracr4j.provenance as org.tracr4j.export.ProvenanceJson reads it and Provenance.check checks it."""
    path = "tracr4j.provenance"
    node = json_.object(meta, path)

    def obj(value, at):
        if not isinstance(value, dict):
            raise json_.corrupt(f"{at} must be an object")
        return value

    def enum(entry, at, allowed):
        text = json_.text(entry, at)
        if text not in allowed:
            raise json_.corrupt(f"{at} must be one of " + ", ".join(f"\"{a}\"" for a in allowed)
                                + f", found \"{text}\"")
        return text

    def strings(entry, at):
        items = json_.array(entry, at)
        for item in items:
            if not isinstance(item, str):
                raise json_.corrupt(f"{at} holds {_describe(item)}, not a string")
        return items

    residual = json_.array(node, path + ".residual")
    for i, entry in enumerate(residual):
        at = f"{path}.residual[{i}]"
        obj(entry, at)
        role = enum(entry, at + ".role", _ROLES)
        encoding = enum(entry, at + ".encoding", _ENCODINGS)
        if role == "value" and encoding == "categorical":
            json_.value(json_.field(entry, at + ".value"), at + ".value", True)
        json_.text(entry, at + ".label")
        json_.text(entry, at + ".expression")
    expressions = json_.array(node, path + ".expressions")
    listed = set()
    for i, entry in enumerate(expressions):
        at = f"{path}.expressions[{i}]"
        obj(entry, at)
        if json_.field(entry, at + ".encoding") is not None:
            enum(entry, at + ".encoding", _ENCODINGS)
        label = json_.text(entry, at + ".label")
        json_.text(entry, at + ".kind")
        json_.integer(entry, at + ".layer", -1)
        strings(entry, at + ".inputs")
        json_.text_or_none(entry, at + ".origin")
        if "precondition" in entry:
            json_.text(entry, at + ".precondition")
        if "never_none" in entry:
            json_.text(entry, at + ".never_none")
        if label in listed:
            raise json_.corrupt(f"provenance lists expression {label} twice")
        listed.add(label)
    layer_list = json_.array(node, path + ".layers")
    parsed = []
    for l, entry in enumerate(layer_list):
        at = f"{path}.layers[{l}]"
        obj(entry, at)
        head_entries = []
        for h, head in enumerate(json_.array(entry, at + ".heads")):
            where = f"{at}.heads[{h}]"
            obj(head, where)
            head_entries.append((json_.integer(head, where + ".head", 0), json_.text(head, where + ".expression")))
        ranges = []
        for m, rng in enumerate(json_.array(entry, at + ".mlp")):
            where = f"{at}.mlp[{m}]"
            obj(rng, where)
            bounds = json_.array(rng, where + ".neurons")
            if (len(bounds) != 2 or not all(_is_int(b) and -2**31 <= b <= _INT_MAX for b in bounds)
                    or bounds[0] < 0 or bounds[0] >= bounds[1]):
                raise json_.corrupt(f"{where}.neurons must be [start, end) with 0 <= start < end, found "
                                    f"{_describe(bounds)}")
            ranges.append((bounds[0], bounds[1], json_.text(rng, where + ".expression")))
        neurons = strings(entry, at + ".neurons")
        parsed.append((head_entries, ranges, neurons))

    if len(residual) != d_model:
        raise json_.corrupt(f"provenance describes {len(residual)} residual features, dModel is {d_model}")
    if len(parsed) != layers:
        raise json_.corrupt(f"provenance describes {len(parsed)} layers, the model has {layers}")
    for l, (head_entries, ranges, neurons) in enumerate(parsed):
        seen = set()
        for index, expression in head_entries:
            # A head shared by several aggregates (one attention pattern) is listed once per expression.
            if index >= heads or (index, expression) in seen:
                raise json_.corrupt(f"layer {l}: head {index} is outside 0..{heads - 1} or listed twice")
            seen.add((index, expression))
            if expression not in listed:
                raise json_.corrupt(f"layer {l} head {index} computes '{expression}', which is not a listed "
                                    "expression")
        following = 0
        for start, end, expression in ranges:
            if start < following or end > d_mlp:
                raise json_.corrupt(f"layer {l}: neurons [{start}, {end}) overlap another range or exceed "
                                    f"dMlp = {d_mlp}")
            if expression not in listed:
                raise json_.corrupt(f"layer {l} neurons computes '{expression}', which is not a listed "
                                    "expression")
            following = end
        if len(neurons) > d_mlp:
            raise json_.corrupt(f"layer {l} names {len(neurons)} neurons, dMlp is {d_mlp}")


def load(model_dir):
    """Returns (config dict, weights dict) of a model directory; raises ModelError for any inconsistency."""
    config_file = os.path.join(model_dir, "config.json")
    weights_file = os.path.join(model_dir, "model.safetensors")
    config = _read_config(config_file)
    shapes, labels = _check_config(config_file, config)
    data, weights = _read_safetensors(weights_file)
    for name in weights:
        if name not in shapes:
            raise ModelError(weights_file, f"unexpected tensor {name} (config.json describes "
                                           f"{config['n_layers']} layers)")
    for name, shape in shapes.items():
        if name not in weights:
            raise ModelError(weights_file, f"tensor {name} is missing")
        if list(weights[name].shape) != shape:
            raise ModelError(weights_file, f"tensor {name} has shape {list(weights[name].shape)}, config.json "
                                           f"implies {shape}")
        bad = np.flatnonzero(~np.isfinite(weights[name]))
        if bad.size:
            value = weights[name].reshape(-1)[bad[0]]
            raise ModelError(weights_file, f"tensor {name} holds {_java_float(value)} at index {bad[0]}")
    expected = config["tracr4j"].get("weights_sha256")
    if expected is not None:
        if not isinstance(expected, str) or expected.lower() != hashlib.sha256(data).hexdigest():
            raise ModelError(weights_file, "SHA-256 does not match config.json's weights_sha256: the weights "
                                           "were modified or corrupted")
    provenance = config["tracr4j"].get("provenance") if config["tracr4j"]["format_version"] >= 2 else None
    if labels is None:  # a directory stripped of its labels reads as r0, r1, ... (as in Java)
        labels = [f"r{i}" for i in range(config["d_model"])]
    if provenance is not None and labels != [f["label"] for f in provenance["residual"]]:
        raise ModelError(config_file, "tracr4j.residual_labels differ from the labels of "
                                      "tracr4j.provenance.residual")
    return config, weights


def _java_float(value):
    if np.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


# --- the forward pass


def forward(config, w, ids, residual_out=None):
    """The unembedded output [T, d_vocab_out] of token ids [T] (BOS first), in float64. When residual_out is
    a list, the final residual [T, d_model] is appended to it."""
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
    if residual_out is not None:
        residual_out.append(x)
    return x @ w["unembed.W_U"] + w["unembed.b_U"]


def guards(config):
    """(label, origin, precondition, value features, key-channel features, number-valued features) of each with a
    precondition: the categorical aggregates the compiler could not prove select at most one distinct value
    (the key channel, intermediate features, shows several selected keys)."""
    provenance = config["tracr4j"].get("provenance")
    if not provenance:
        return []
    result = []
    for expression in provenance["expressions"]:
        if expression.get("precondition") is not None:
            mine = [(i, f) for i, f in enumerate(provenance["residual"]) if f["expression"] == expression["label"]]
            result.append((expression["label"], expression.get("origin"), expression["precondition"],
                           [i for i, f in mine if f["role"] == "value"],
                           [i for i, f in mine if f["role"] == "intermediate"],
                           [i for i, f in mine if f["role"] == "value" and f.get("encoding") == "categorical"
                            and isinstance(f.get("value"), (int, float, bool))]))
    return result


def none_guards(config):
    """(label, origin, reason, value features) of each categorical s-op that must never be none: a select
    compares it and RASP fails on a none there."""
    provenance = config["tracr4j"].get("provenance")
    if not provenance:
        return []
    return [(e["label"], e.get("origin"), e["never_none"],
             [i for i, f in enumerate(provenance["residual"]) if f["expression"] == e["label"] and f["role"] == "value"])
            for e in provenance["expressions"] if e.get("never_none") is not None]


def _spread(values):
    """The weight beyond the largest share."""
    return float(values.sum()) - max(0.0, float(values.max())) if len(values) else 0.0


def refusal(config, residual, t):
    """Why the model refuses an input whose final residual is `residual` (t positions, BOS first), or None:
    the check of org.tracr4j.model.Model. A categorical aggregate's value features are one-hot (or zero)
    where its query selects one distinct value, and its key channel one-hot where it selects one key; a split
    above half the smallest share (1/n_ctx) is an average."""
    for label, origin, reason, features in none_guards(config):
        for p in range(1, t):
            # one-hot where it has a value; the zero vector where it is none
            if float(residual[p, features].sum()) < 0.5:
                return (f"input refused: {label}" + (f" ({origin})" if origin else "")
                        + f" is none at position {p - 1}, and {reason} (RASP gives no answer)")
    split = 0.5 / config["n_ctx"]
    for label, origin, precondition, features, keys, numbers in guards(config):
        for p in range(1, t):
            values = residual[p, features]
            total = float(values.sum())
            # several keys while not all their values are numbers: a string (or none) selected twice
            several = (len(keys) > 0 and _spread(residual[p, keys]) > split
                       and float(residual[p, numbers].sum()) < 1 - split)
            if _spread(values) > split or split < total < 1 - split or several:
                return (f"input refused: aggregate {label}" + (f" ({origin})" if origin else "")
                        + f" would average several values at position {p - 1}, where the compiled model cannot "
                        f"give RASP's answer; its precondition: {precondition}")
    return None


def decode(config, row):
    """Numerical: the single column, decoded to the nearest value of tracr4j.output_value_set when within
    1e-6 relative. Categorical: the largest column's value, None below 0.5."""
    meta = config["tracr4j"]
    if meta["output_encoding"] == "numerical":
        raw = float(row[0])
        best = None
        for value in meta.get("output_value_set", ()):
            if best is None or abs(value - raw) < abs(best - raw):
                best = value
        if best is not None and abs(raw - best) <= _OUTPUT_TOLERANCE * max(1.0, abs(best)):
            return best
        return raw
    best = int(np.argmax(row))  # the first maximum on ties
    return None if row[best] < 0.5 else meta["output_values"][best]


def encode(config, tokens):
    """Token ids with BOS prepended; raises InputError for unknown tokens or a too long input."""
    meta = config["tracr4j"]
    vocab = meta["input_vocab"]
    if len(tokens) > meta["max_seq_len"]:
        raise InputError(f"input has {len(tokens)} tokens, the maximum sequence length is {meta['max_seq_len']}")
    ids = [vocab[meta["bos"]]]
    for position, token in enumerate(tokens):
        if token not in vocab or token in (meta["bos"], meta["pad"]):
            raise InputError(f"unknown token '{token}' at position {position}")
        ids.append(vocab[token])
    return np.array(ids, dtype=np.int64)


def run(config, weights, tokens):
    """Decoded outputs of one input (a list of token strings), BOS dropped; raises InputError for an input
    the model cannot take or refuses."""
    ids = encode(config, tokens)
    residual = []
    out = forward(config, weights, ids, residual)
    reason = refusal(config, residual[0], len(ids))
    if reason is not None:
        raise InputError(reason)
    return [decode(config, row) for row in out[1:]]


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return EXIT_USAGE if len(argv) < 2 else 0
    model_dir = argv[1]
    try:
        if not os.path.isdir(model_dir):
            reason = "not a directory" if os.path.exists(model_dir) else "no such directory"
            print(f"tracr4j_numpy: cannot read {model_dir}: {reason}", file=sys.stderr)
            return EXIT_INPUT
        config, weights = load(model_dir)
    except ModelError as e:
        print(f"tracr4j_numpy: {e}", file=sys.stderr)
        return EXIT_MODEL_FILE
    except Exception as e:  # noqa: BLE001 - a corrupt directory must never end in a traceback
        print(f"tracr4j_numpy: cannot load {model_dir}: {type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_MODEL_FILE
    results = []
    for number, text in enumerate(argv[2:], start=1):
        tokens = text.split()
        try:
            results.append({"input": tokens, "output": run(config, weights, tokens)})
        except InputError as e:
            where = f"input {number}: " if len(argv) > 3 else ""
            print(f"tracr4j_numpy: {where}{e}", file=sys.stderr)
            return EXIT_INPUT
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
