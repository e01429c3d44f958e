#!/usr/bin/env python3
"""Generate golden test vectors (fixtures) for conv4j.

Usage, from the repository root::

    /usr/bin/python3 tools/golden/generate.py

Requirements: Debian's python3 with torch 1.13 (python3-torch), numpy 1.24 and
scipy 1.10.  No network, no pip.

The script deletes ``conv4j-core/src/test/resources/golden/`` and rewrites it:
one folder per case, ``golden/<op>/<NNNN>/``, holding ``case.properties`` and
``.npy`` arrays.  Inputs are float32 ('<f4'); expected results are computed in
float64 ('<f8') from exactly those float32 values; max-pool indices are '<i8'.
All randomness comes from fixed seeds, so a re-run rewrites identical files
(same machine and library versions).  The exact format is documented in
``tools/golden/README.md``.

Every case is cross-checked while it is generated: torch results against an
independent NumPy reference (loops / np.pad), torch against SciPy where both
apply, SciPy against an np.pad-based reference, and the periodic closed-form
padding index maps against np.pad.  A failed check aborts the run.
"""

import pathlib
import shutil
import sys
import warnings
from dataclasses import dataclass

import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
OUTPUT_DIR = REPO_ROOT / "conv4j-core" / "src" / "test" / "resources" / "golden"

FLOAT32_ARRAYS = {"input", "weight", "bias", "kernel", "grad_output"}
INT64_ARRAYS = {"indices"}

# conv4j padding-mode name -> np.pad mode
NUMPY_PAD_MODES = {
    "zeros": "constant",
    "constant": "constant",
    "reflect": "reflect",
    "symmetric": "symmetric",
    "replicate": "edge",
    "circular": "wrap",
}


# ---------------------------------------------------------------------------
# Small value helpers
# ---------------------------------------------------------------------------

def pair(value):
    """int -> (v, v); sequence of two -> tuple of ints."""
    if isinstance(value, (int, np.integer)):
        return (int(value), int(value))
    first, second = value
    return (int(first), int(second))


def quad(value):
    """int -> (p,p,p,p); (ph, pw) -> (ph,ph,pw,pw); four ints -> (t,b,l,r)."""
    if isinstance(value, (int, np.integer)):
        return (int(value),) * 4
    if len(value) == 2:
        return (int(value[0]), int(value[0]), int(value[1]), int(value[1]))
    return tuple(int(v) for v in value)


def format_value(value):
    """Render a properties value: booleans lower case, tuples comma separated."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ",".join(format_value(v) for v in value)
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return str(value)


def random_f32(rng, shape, low=-1.0, high=1.0):
    return rng.uniform(low, high, size=shape).astype(np.float32)


def random_integers_f32(rng, shape, low=-2, high=2):
    """Small integers as float32: produces many ties."""
    return rng.integers(low, high + 1, size=shape).astype(np.float32)


def to_torch64(array, requires_grad=False):
    tensor = torch.from_numpy(np.asarray(array, dtype=np.float64).copy())
    return tensor.requires_grad_(requires_grad)


def to_numpy64(tensor):
    return tensor.detach().numpy().astype(np.float64)


def assert_close(actual, expected, what):
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        raise AssertionError(f"{what}: shape {actual.shape} != {expected.shape}")
    np.testing.assert_allclose(actual, expected, rtol=1e-10, atol=1e-10,
                               err_msg=what, equal_nan=True)


# ---------------------------------------------------------------------------
# Fixture writer
# ---------------------------------------------------------------------------

class FixtureWriter:
    """Writes golden/<op>/<NNNN>/case.properties plus .npy files."""

    def __init__(self, root):
        self.root = root
        self.case_counts = {}

    def write(self, op, description, properties, arrays):
        index = self.case_counts.get(op, 0)
        self.case_counts[op] = index + 1
        folder = self.root / op / f"{index:04d}"
        folder.mkdir(parents=True)
        lines = [f"op={op}", f"description={escape_property(description)}"]
        lines += [f"{key}={format_value(value)}" for key, value in properties.items()]
        with open(folder / "case.properties", "w", encoding="ascii", newline="\n") as out:
            out.write("\n".join(lines) + "\n")
        for name, array in arrays.items():
            np.save(folder / f"{name}.npy", checked_array(name, array), allow_pickle=False)


def escape_property(text):
    if not text.isascii():
        raise ValueError(f"non-ASCII description: {text!r}")
    return text.replace("\\", "\\\\")


def checked_array(name, array):
    """Enforce the dtype contract: inputs '<f4', indices '<i8', results '<f8'."""
    if name in FLOAT32_ARRAYS:
        expected = np.dtype("<f4")
    elif name in INT64_ARRAYS:
        expected = np.dtype("<i8")
    else:
        expected = np.dtype("<f8")
    array = np.ascontiguousarray(array)
    if array.dtype != expected:
        raise TypeError(f"{name}: dtype {array.dtype} but the format requires {expected}")
    return array


# ---------------------------------------------------------------------------
# Padding (shared by conv2d, pad and the references)
# ---------------------------------------------------------------------------

def periodic_index_map(size, before, after, mode):
    """Source index for every padded position, as a clean periodic extension.

    reflect: period 2*(size-1) (size 1 repeats the only element),
    symmetric: period 2*size, circular: period size, replicate: clamp.
    """
    positions = np.arange(-before, size + after)
    if mode == "reflect":
        if size == 1:
            return np.zeros_like(positions)
        period = 2 * (size - 1)
        folded = positions % period
        return np.where(folded < size, folded, period - folded)
    if mode == "symmetric":
        period = 2 * size
        folded = positions % period
        return np.where(folded < size, folded, period - 1 - folded)
    if mode == "circular":
        return positions % size
    if mode == "replicate":
        return np.clip(positions, 0, size - 1)
    raise ValueError(mode)


def numpy_pad_2d(x, pads, mode, value=0.0):
    """np.pad of the last two dims by (top, bottom, left, right)."""
    top, bottom, left, right = pads
    width = [(0, 0)] * (x.ndim - 2) + [(top, bottom), (left, right)]
    np_mode = NUMPY_PAD_MODES[mode]
    if np_mode == "constant":
        fill = value if mode == "constant" else 0.0
        return np.pad(x, width, mode="constant", constant_values=fill)
    return np.pad(x, width, mode=np_mode)


def index_map_pad_2d(x, pads, mode, value=0.0):
    """Same as numpy_pad_2d but built from periodic_index_map (independent path)."""
    top, bottom, left, right = pads
    height, width = x.shape[-2:]
    if mode in ("zeros", "constant"):
        fill = value if mode == "constant" else 0.0
        shape = x.shape[:-2] + (height + top + bottom, width + left + right)
        padded = np.full(shape, fill, dtype=np.float64)
        padded[..., top:top + height, left:left + width] = x
        return padded
    rows = periodic_index_map(height, top, bottom, mode)
    cols = periodic_index_map(width, left, right, mode)
    return x[..., rows, :][..., :, cols]


def torch_symmetric_pad(x, pads):
    """Differentiable 'symmetric' pad (missing from PyTorch) via index_select."""
    top, bottom, left, right = pads
    height, width = x.shape[-2:]
    rows = torch.from_numpy(periodic_index_map(height, top, bottom, "symmetric"))
    cols = torch.from_numpy(periodic_index_map(width, left, right, "symmetric"))
    return x.index_select(-2, rows).index_select(-1, cols)


def torch_pad_2d(x, pads, mode, value=0.0):
    """Differentiable pad of the last two dims by (top, bottom, left, right)."""
    top, bottom, left, right = pads
    if mode == "symmetric":
        return torch_symmetric_pad(x, pads)
    if mode in ("zeros", "constant"):
        fill = value if mode == "constant" else 0.0
        return F.pad(x, (left, right, top, bottom), mode="constant", value=fill)
    return F.pad(x, (left, right, top, bottom), mode=mode)


def same_padding_1d(size, kernel, stride, dilation):
    """TensorFlow 'SAME' rule for any stride; the extra pixel goes after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + dilation * (kernel - 1) + 1 - size, 0)
    return total // 2, total - total // 2


# ---------------------------------------------------------------------------
# conv2d
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Conv2dCase:
    label: str
    batch: int
    in_channels: int
    in_hw: tuple
    out_channels: int
    kernel_hw: tuple
    stride: tuple = (1, 1)
    padding: object = (0, 0, 0, 0)  # (t, b, l, r) or "same" / "valid"
    dilation: tuple = (1, 1)
    groups: int = 1
    padding_mode: str = "zeros"
    padding_value: float = 0.0
    has_bias: bool = True
    fixed_input: object = None
    fixed_weight: object = None

    def resolved_padding(self):
        if self.padding == "valid":
            return (0, 0, 0, 0)
        if self.padding == "same":
            top, bottom = same_padding_1d(self.in_hw[0], self.kernel_hw[0],
                                          self.stride[0], self.dilation[0])
            left, right = same_padding_1d(self.in_hw[1], self.kernel_hw[1],
                                          self.stride[1], self.dilation[1])
            return (top, bottom, left, right)
        return self.padding

    def output_hw(self):
        top, bottom, left, right = self.resolved_padding()
        padded = (self.in_hw[0] + top + bottom, self.in_hw[1] + left + right)
        return tuple(
            (padded[d] - self.dilation[d] * (self.kernel_hw[d] - 1) - 1) // self.stride[d] + 1
            for d in range(2))

    def summary(self):
        padding = self.padding if isinstance(self.padding, str) else format_value(self.padding)
        text = (f"N{self.batch} C{self.in_channels} {self.in_hw[0]}x{self.in_hw[1]} -> "
                f"O{self.out_channels} k{self.kernel_hw[0]}x{self.kernel_hw[1]} "
                f"s{format_value(self.stride)} d{format_value(self.dilation)} g{self.groups} "
                f"pad {padding} {self.padding_mode}")
        if self.padding_mode == "constant":
            text += f" value {self.padding_value}"
        return text + ("" if self.has_bias else " nobias")


def conv(label, n, c, hw, o, k, stride=1, padding=0, dilation=1, groups=1,
         mode="zeros", value=0.0, bias=True, x=None, w=None):
    """Conv2dCase constructor with int/pair/quad shorthands."""
    return Conv2dCase(
        label=label, batch=n, in_channels=c, in_hw=pair(hw), out_channels=o,
        kernel_hw=pair(k), stride=pair(stride),
        padding=padding if isinstance(padding, str) else quad(padding),
        dilation=pair(dilation), groups=groups, padding_mode=mode,
        padding_value=float(value), has_bias=bias, fixed_input=x, fixed_weight=w)


def conv2d_problem(case):
    """Why this case is not a valid PyTorch-semantics conv2d, or None."""
    if case.in_channels % case.groups or case.out_channels % case.groups:
        return "channels not divisible by groups"
    top, bottom, left, right = case.resolved_padding()
    height, width = case.in_hw
    if case.padding_mode == "reflect" and (max(top, bottom) >= height or max(left, right) >= width):
        return "reflect pad must be < dimension"
    if case.padding_mode in ("circular", "symmetric") and (
            max(top, bottom) > height or max(left, right) > width):
        return "circular/symmetric pad must be <= dimension"
    if min(case.output_hw()) < 1:
        return "empty output"
    return None


def numpy_conv2d(x, w, b, pads, mode, value, stride, dilation, groups):
    """Direct float64 reference: explicit pad, then a strided/dilated correlation."""
    padded = index_map_pad_2d(x, pads, mode, value)
    batch, _, padded_h, padded_w = padded.shape
    out_channels, group_channels, kh, kw = w.shape
    out_h = (padded_h - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    out_w = (padded_w - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    group_out = out_channels // groups
    out = np.zeros((batch, out_channels, out_h, out_w))
    for g in range(groups):
        xs = padded[:, g * group_channels:(g + 1) * group_channels]
        ws = w[g * group_out:(g + 1) * group_out]
        for p in range(kh):
            for q in range(kw):
                r0, c0 = p * dilation[0], q * dilation[1]
                patch = xs[:, :, r0:r0 + stride[0] * (out_h - 1) + 1:stride[0],
                           c0:c0 + stride[1] * (out_w - 1) + 1:stride[1]]
                out[:, g * group_out:(g + 1) * group_out] += np.einsum(
                    "ncij,oc->noij", patch, ws[:, :, p, q])
    if b is not None:
        out += b[None, :, None, None]
    return out


def scipy_conv2d_check(x, w, b, padded):
    """groups=1, stride=1, dilation=1: sum of scipy correlate2d over channels."""
    batch, channels = x.shape[:2]
    out_channels = w.shape[0]
    rows = []
    for n in range(batch):
        planes = []
        for o in range(out_channels):
            acc = sum(scipy.signal.correlate2d(padded[n, c], w[o, c], mode="valid")
                      for c in range(channels))
            planes.append(acc + (b[o] if b is not None else 0.0))
        rows.append(planes)
    return np.array(rows)


def build_conv2d(writer, rng, case):
    problem = conv2d_problem(case)
    if problem:
        raise AssertionError(f"invalid conv2d case {case.label!r}: {problem}")
    n, c, o, groups = case.batch, case.in_channels, case.out_channels, case.groups
    x32 = case.fixed_input if case.fixed_input is not None else random_f32(rng, (n, c) + case.in_hw)
    w32 = case.fixed_weight if case.fixed_weight is not None else random_f32(
        rng, (o, c // groups) + case.kernel_hw)
    b32 = random_f32(rng, (o,)) if case.has_bias else None
    pads = case.resolved_padding()

    x = to_torch64(x32, requires_grad=True)
    w = to_torch64(w32, requires_grad=True)
    b = to_torch64(b32, requires_grad=True) if b32 is not None else None
    padded = torch_pad_2d(x, pads, case.padding_mode, case.padding_value)
    x64 = x32.astype(np.float64)
    assert_close(to_numpy64(padded), numpy_pad_2d(x64, pads, case.padding_mode, case.padding_value),
                 f"{case.label}: torch pad vs np.pad")
    out = F.conv2d(padded, w, b, stride=case.stride, padding=0,
                   dilation=case.dilation, groups=groups)
    assert tuple(out.shape[-2:]) == case.output_hw(), case.label

    b64 = b32.astype(np.float64) if b32 is not None else None
    w64 = w32.astype(np.float64)
    assert_close(to_numpy64(out), numpy_conv2d(x64, w64, b64, pads, case.padding_mode,
                                               case.padding_value, case.stride,
                                               case.dilation, groups),
                 f"{case.label}: torch vs numpy reference")
    cross_check_conv2d_builtin_padding(case, x, w, b, out, pads)
    if groups == 1 and case.stride == (1, 1) and case.dilation == (1, 1):
        assert_close(to_numpy64(out), scipy_conv2d_check(x64, w64, b64, to_numpy64(padded)),
                     f"{case.label}: torch vs scipy correlate2d")

    grad_output32 = random_f32(rng, tuple(out.shape))
    out.backward(to_torch64(grad_output32))

    arrays = {"input": x32, "weight": w32}
    if b32 is not None:
        arrays["bias"] = b32
    arrays["output"] = to_numpy64(out)
    arrays["grad_output"] = grad_output32
    arrays["grad_input"] = to_numpy64(x.grad)
    arrays["grad_weight"] = to_numpy64(w.grad)
    if b is not None:
        arrays["grad_bias"] = to_numpy64(b.grad)
    properties = {
        "stride": case.stride,
        "padding": case.padding,
        "resolved_padding": pads,
        "dilation": case.dilation,
        "groups": groups,
        "padding_mode": case.padding_mode,
        "padding_value": case.padding_value,
        "has_bias": case.has_bias,
    }
    writer.write("conv2d", f"{case.label}; {case.summary()}", properties, arrays)
    return arrays


def cross_check_conv2d_builtin_padding(case, x, w, b, out, pads):
    """Compare with torch's own zero padding where torch can express it."""
    if case.padding_mode != "zeros":
        return
    top, bottom, left, right = pads
    with torch.no_grad():
        if top == bottom and left == right:
            builtin = F.conv2d(x, w, b, case.stride, (top, left), case.dilation, case.groups)
            assert_close(to_numpy64(builtin), to_numpy64(out), f"{case.label}: builtin padding")
        if case.padding in ("same", "valid") and case.stride == (1, 1):
            builtin = F.conv2d(x, w, b, case.stride, case.padding, case.dilation, case.groups)
            assert_close(to_numpy64(builtin), to_numpy64(out), f"{case.label}: builtin '{case.padding}'")


def d2l_conv2d_cases():
    """The seed examples from Dive into Deep Learning (chapter 7)."""
    corr_x = np.arange(9, dtype=np.float32).reshape(1, 1, 3, 3)
    corr_k = np.arange(4, dtype=np.float32).reshape(1, 1, 2, 2)
    edges = np.ones((6, 8), dtype=np.float32)
    edges[:, 2:6] = 0
    edge_k = np.array([[[[1.0, -1.0]]]], dtype=np.float32)
    five = np.array([[3, 4, 6, 5, 7], [2, 4, 6, 8, 2], [1, 6, 7, 8, 4],
                     [9, 7, 4, 6, 2], [3, 7, 5, 4, 1]], dtype=np.float32).reshape(1, 1, 5, 5)
    nine = np.arange(1, 10, dtype=np.float32).reshape(1, 1, 3, 3)
    return [
        (conv("d2l corr2d arange(9) with arange(4)", 1, 1, 3, 1, 2, bias=False, x=corr_x, w=corr_k),
         np.array([[[[19.0, 25.0], [37.0, 43.0]]]])),
        (conv("d2l edge detection, 6x8 ones with columns 2..5 zero, kernel [[1,-1]]",
              1, 1, (6, 8), 1, (1, 2), bias=False, x=edges.reshape(1, 1, 6, 8), w=edge_k),
         np.tile(np.array([0, 1, 0, 0, 0, -1, 0], dtype=np.float64), (1, 1, 6, 1))),
        (conv("d2l edge kernel on the transposed image gives zeros", 1, 1, (8, 6), 1, (1, 2),
              bias=False, x=np.ascontiguousarray(edges.T).reshape(1, 1, 8, 6), w=edge_k),
         np.zeros((1, 1, 8, 5))),
        (conv("d2l 5x5 input, kernel 1..9, padding 1", 1, 1, 5, 1, 3, padding=1, bias=False,
              x=five, w=nine), None),
        (conv("d2l 5x5 input, kernel 1..9, padding 1, stride 2", 1, 1, 5, 1, 3, stride=2,
              padding=1, bias=False, x=five, w=nine), None),
    ]


def handpicked_conv2d_cases():
    return [
        # basics and 1x1 kernels
        conv("basic 3x3, no padding", 1, 1, 5, 1, 3, bias=False),
        conv("batch 2, 3->4 channels, padding 1", 2, 3, 6, 4, 3, padding=1),
        conv("1x1 pointwise", 1, 4, 5, 6, 1),
        conv("1x1 stride 2, batch 2", 2, 3, 7, 2, 1, stride=2),
        conv("1x1 with padding 1: border is bias only", 1, 2, 4, 3, 1, padding=1),
        # strides
        conv("stride 2, odd size", 1, 2, 7, 3, 3, stride=2, padding=1),
        conv("stride 2, even size", 1, 2, 8, 2, 3, stride=2, padding=1),
        conv("stride 3", 1, 1, 10, 2, 3, stride=3),
        conv("unequal stride 2,1", 2, 2, (7, 6), 2, 3, stride=(2, 1), padding=1),
        conv("unequal stride 1,3 with 3x2 kernel", 1, 2, (6, 9), 3, (3, 2), stride=(1, 3)),
        conv("stride 3,2 with asymmetric zero pad", 1, 3, (9, 8), 2, 3, stride=(3, 2), padding=(1, 2, 0, 1)),
        conv("stride larger than kernel", 1, 1, 8, 1, 2, stride=3),
        # dilation
        conv("dilation 2", 1, 2, 9, 2, 3, dilation=2),
        conv("dilation 3 with padding 3", 1, 1, 10, 2, 3, dilation=3, padding=3),
        conv("dilation 1,2", 1, 2, (6, 9), 2, 3, dilation=(1, 2)),
        conv("dilation 3,1 with 2x3 kernel", 2, 1, (9, 5), 2, (2, 3), dilation=(3, 1), padding=1),
        conv("dilation 2 and stride 2", 1, 2, 11, 3, 3, dilation=2, stride=2, padding=2),
        # groups
        conv("groups 2, C4 O4", 1, 4, 6, 4, 3, groups=2, padding=1),
        conv("groups 2, C4 O6", 2, 4, 5, 6, 3, groups=2),
        conv("groups 3, C6 O3", 1, 6, 6, 3, 3, groups=3, padding=1),
        conv("groups 3, C3 O6, stride 2", 1, 3, 7, 6, 3, groups=3, stride=2),
        conv("depthwise C4 O4", 1, 4, 6, 4, 3, groups=4, padding=1),
        conv("depthwise multiplier 2, C3 O6", 2, 3, 5, 6, 3, groups=3, padding=1),
        conv("depthwise C5, dilation 2, reflect", 1, 5, 7, 5, 3, groups=5, dilation=2,
             padding=2, mode="reflect"),
        conv("groups 2 with asymmetric symmetric-mode pad", 1, 4, (5, 6), 2, 3, groups=2,
             padding=(2, 0, 1, 2), mode="symmetric"),
        # large kernels
        conv("7x7 kernel on 5x5 image, padding 3", 1, 2, 5, 2, 7, padding=3),
        conv("11x11 kernel on 6x6 image, padding 5", 1, 1, 6, 2, 11, padding=5),
        conv("7x7 kernel, replicate padding 3", 1, 2, 8, 2, 7, padding=3, mode="replicate"),
        conv("11x11 kernel on 12x12, valid", 1, 1, 12, 1, 11, padding="valid"),
        conv("5x5 kernel on 20x20, stride 2", 1, 2, 20, 3, 5, stride=2, padding=2),
        conv("11x11 kernel, circular padding 5 on 6x6", 1, 1, 6, 1, 11, padding=5, mode="circular"),
        # non-square kernels
        conv("1x2 kernel", 1, 2, (4, 5), 2, (1, 2)),
        conv("3x1 kernel", 1, 2, (5, 4), 2, (3, 1), padding=(1, 0)),
        conv("2x5 kernel, asymmetric pad", 1, 1, (6, 9), 2, (2, 5), padding=(1, 0, 2, 2)),
        conv("2x5 kernel, same", 2, 2, (6, 7), 2, (2, 5), padding="same"),
        # output exactly 1
        conv("kernel equals input: 1x1 output", 1, 2, 4, 3, 4),
        conv("kernel equals input 5x3, batch 3", 3, 2, (5, 3), 2, (5, 3)),
        conv("stride beyond input: 1x1 output", 1, 1, 4, 1, 3, stride=5),
        conv("1x1 input and kernel", 1, 3, 1, 2, 1),
        conv("1x1 input, 3x3 kernel, padding 1", 1, 2, 1, 2, 3, padding=1),
        # same / valid
        conv("same 3x3", 1, 2, 6, 2, 3, padding="same"),
        conv("same even kernel 4x4: extra pad bottom/right", 1, 1, 6, 2, 4, padding="same"),
        conv("same stride 2, odd input", 1, 2, 7, 2, 3, stride=2, padding="same"),
        conv("same stride 2, even input (pad 0,1)", 1, 2, 8, 2, 3, stride=2, padding="same"),
        conv("same stride 3 with 2x2 kernel", 1, 1, 10, 2, 2, stride=3, padding="same"),
        conv("same with dilation 2, 5x5", 1, 1, 9, 1, 5, dilation=2, padding="same"),
        conv("same stride 2,3 kernel 3x4", 2, 2, (7, 11), 2, (3, 4), stride=(2, 3), padding="same"),
        conv("same needing no padding", 1, 1, 8, 1, 2, stride=2, padding="same"),
        conv("same with reflect mode", 1, 2, 6, 2, 3, padding="same", mode="reflect"),
        conv("same with circular mode, stride 2", 1, 2, 8, 2, 4, stride=2, padding="same", mode="circular"),
        conv("same with replicate mode, even kernel", 1, 1, 5, 2, 2, padding="same", mode="replicate"),
        conv("valid 3x3", 1, 2, 6, 2, 3, padding="valid"),
        conv("valid stride 2", 2, 1, 9, 2, 3, stride=2, padding="valid"),
        # padding modes: symmetric pads, asymmetric pads, limits
        conv("zeros asymmetric pad", 1, 2, 5, 2, 3, padding=(0, 2, 1, 0)),
        conv("constant 1.5 symmetric pad", 1, 2, 5, 2, 3, padding=1, mode="constant", value=1.5),
        conv("constant -2 asymmetric pad, groups 2", 1, 2, (5, 6), 2, 3, groups=2,
             padding=(2, 1, 0, 3), mode="constant", value=-2.0),
        conv("constant 0.25 with stride 2", 2, 1, 6, 2, 3, stride=2, padding=(1, 2, 2, 1),
             mode="constant", value=0.25),
        conv("reflect symmetric pad 1", 1, 2, 5, 2, 3, padding=1, mode="reflect"),
        conv("reflect asymmetric pad", 1, 2, (5, 6), 2, 3, padding=(2, 0, 1, 3), mode="reflect"),
        conv("reflect maximal pad dim-1", 1, 1, (4, 5), 2, 3, padding=(3, 3, 4, 4), mode="reflect"),
        conv("reflect with stride 2 and dilation 2", 1, 2, 7, 2, 3, stride=2, dilation=2,
             padding=(2, 1, 1, 2), mode="reflect"),
        conv("symmetric pad 1", 1, 2, 5, 2, 3, padding=1, mode="symmetric"),
        conv("symmetric asymmetric pad", 2, 2, (6, 5), 2, 3, padding=(0, 2, 3, 1), mode="symmetric"),
        conv("symmetric maximal pad = dim", 1, 1, (3, 4), 2, 3, padding=(3, 3, 4, 4), mode="symmetric"),
        conv("symmetric pad on 1-pixel dim", 1, 1, (1, 5), 1, (3, 3), padding=(1, 1, 2, 0), mode="symmetric"),
        conv("replicate pad 2", 1, 2, 5, 2, 3, padding=2, mode="replicate"),
        conv("replicate asymmetric pad larger than input", 1, 1, (3, 2), 2, 3,
             padding=(4, 1, 0, 5), mode="replicate"),
        conv("circular pad 1", 1, 2, 5, 2, 3, padding=1, mode="circular"),
        conv("circular asymmetric pad", 1, 2, (6, 5), 2, 3, padding=(2, 0, 0, 3), mode="circular"),
        conv("circular maximal pad = dim", 1, 1, (3, 4), 1, 3, padding=(3, 3, 4, 4), mode="circular"),
        conv("circular with stride 3 and groups 3", 1, 3, 7, 3, 3, groups=3, stride=3,
             padding=(1, 2, 2, 1), mode="circular"),
        conv("replicate with dilation 3", 1, 1, 6, 1, 3, dilation=3, padding=(3, 2, 1, 3), mode="replicate"),
        # batch
        conv("batch 3, 20x17 input", 3, 2, (20, 17), 2, 3, padding=1),
    ]


def random_conv2d_cases(rng, count):
    """Random valid combinations of every conv2d parameter."""
    modes = ["zeros", "constant", "reflect", "symmetric", "replicate", "circular"]
    cases = []
    while len(cases) < count:
        if rng.random() < 0.2:
            channels = int(rng.integers(1, 7))
            groups, out_channels = channels, channels * int(rng.integers(1, 3))
        else:
            groups = int(rng.choice([1, 1, 1, 2, 3]))
            channels = groups * int(rng.integers(1, 3))
            out_channels = groups * int(rng.integers(1, 3))
        selector = rng.random()
        if selector < 0.15:
            padding = "same"
        elif selector < 0.22:
            padding = "valid"
        else:
            padding = tuple(int(v) for v in rng.integers(0, 4, size=4))
        mode = modes[int(rng.integers(0, len(modes)))]
        value = float(rng.choice([0.5, -1.25, 2.0])) if mode == "constant" else 0.0
        case = conv(f"random sweep {len(cases)}", int(rng.integers(1, 4)), channels,
                    tuple(int(v) for v in rng.integers(1, 13, size=2)), out_channels,
                    tuple(int(v) for v in rng.integers(1, 6, size=2)),
                    stride=tuple(int(v) for v in rng.integers(1, 4, size=2)),
                    padding=padding,
                    dilation=tuple(int(v) for v in rng.integers(1, 4, size=2)),
                    groups=groups, mode=mode, value=value, bias=bool(rng.random() < 0.7))
        if conv2d_problem(case) is None:
            cases.append(case)
    return cases


def generate_conv2d(writer):
    rng = np.random.default_rng(20240101)
    for case, expected in d2l_conv2d_cases():
        arrays = build_conv2d(writer, rng, case)
        if expected is not None:
            assert_close(arrays["output"], expected, case.label)
    for case in handpicked_conv2d_cases():
        build_conv2d(writer, rng, case)
    for case in random_conv2d_cases(rng, 60):
        build_conv2d(writer, rng, case)


# ---------------------------------------------------------------------------
# conv_transpose2d
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ConvTranspose2dCase:
    label: str
    batch: int
    in_channels: int
    in_hw: tuple
    out_channels: int
    kernel_hw: tuple
    stride: tuple = (1, 1)
    padding: tuple = (0, 0)
    output_padding: tuple = (0, 0)
    dilation: tuple = (1, 1)
    groups: int = 1
    has_bias: bool = True
    fixed_input: object = None
    fixed_weight: object = None

    def output_hw(self):
        return tuple((self.in_hw[d] - 1) * self.stride[d] - 2 * self.padding[d]
                     + self.dilation[d] * (self.kernel_hw[d] - 1) + self.output_padding[d] + 1
                     for d in range(2))

    def summary(self):
        return (f"N{self.batch} Cin{self.in_channels} {self.in_hw[0]}x{self.in_hw[1]} -> "
                f"Cout{self.out_channels} k{self.kernel_hw[0]}x{self.kernel_hw[1]} "
                f"s{format_value(self.stride)} p{format_value(self.padding)} "
                f"op{format_value(self.output_padding)} d{format_value(self.dilation)} "
                f"g{self.groups}" + ("" if self.has_bias else " nobias"))


def tconv(label, n, c, hw, o, k, stride=1, padding=0, output_padding=0, dilation=1,
          groups=1, bias=True, x=None, w=None):
    return ConvTranspose2dCase(
        label=label, batch=n, in_channels=c, in_hw=pair(hw), out_channels=o,
        kernel_hw=pair(k), stride=pair(stride), padding=pair(padding),
        output_padding=pair(output_padding), dilation=pair(dilation), groups=groups,
        has_bias=bias, fixed_input=x, fixed_weight=w)


def conv_transpose2d_problem(case):
    if case.in_channels % case.groups or case.out_channels % case.groups:
        return "channels not divisible by groups"
    for d in range(2):
        if not (case.output_padding[d] < case.stride[d] or case.output_padding[d] < case.dilation[d]):
            return "output_padding must be < stride or < dilation"
    if min(case.output_hw()) < 1:
        return "empty output"
    return None


def numpy_conv_transpose2d(x, w, b, stride, padding, output_padding, dilation, groups):
    """Scatter reference: every input pixel adds weight * value into the full output."""
    batch, in_channels, height, width = x.shape
    _, group_out, kh, kw = w.shape
    group_in = in_channels // groups
    full_h = (height - 1) * stride[0] + dilation[0] * (kh - 1) + 1 + output_padding[0]
    full_w = (width - 1) * stride[1] + dilation[1] * (kw - 1) + 1 + output_padding[1]
    full = np.zeros((batch, group_out * groups, full_h, full_w))
    for g in range(groups):
        xs = x[:, g * group_in:(g + 1) * group_in]
        ws = w[g * group_in:(g + 1) * group_in]
        for p in range(kh):
            for q in range(kw):
                r0, c0 = p * dilation[0], q * dilation[1]
                full[:, g * group_out:(g + 1) * group_out,
                     r0:r0 + stride[0] * (height - 1) + 1:stride[0],
                     c0:c0 + stride[1] * (width - 1) + 1:stride[1]] += np.einsum(
                         "nchw,co->nohw", xs, ws[:, :, p, q])
    out_h = (height - 1) * stride[0] - 2 * padding[0] + dilation[0] * (kh - 1) + output_padding[0] + 1
    out_w = (width - 1) * stride[1] - 2 * padding[1] + dilation[1] * (kw - 1) + output_padding[1] + 1
    out = full[:, :, padding[0]:padding[0] + out_h, padding[1]:padding[1] + out_w]
    if b is not None:
        out = out + b[None, :, None, None]
    return out


def build_conv_transpose2d(writer, rng, case):
    problem = conv_transpose2d_problem(case)
    if problem:
        raise AssertionError(f"invalid conv_transpose2d case {case.label!r}: {problem}")
    n, c, o, groups = case.batch, case.in_channels, case.out_channels, case.groups
    x32 = case.fixed_input if case.fixed_input is not None else random_f32(rng, (n, c) + case.in_hw)
    w32 = case.fixed_weight if case.fixed_weight is not None else random_f32(
        rng, (c, o // groups) + case.kernel_hw)
    b32 = random_f32(rng, (o,)) if case.has_bias else None
    x = to_torch64(x32, requires_grad=True)
    w = to_torch64(w32, requires_grad=True)
    b = to_torch64(b32, requires_grad=True) if b32 is not None else None
    out = F.conv_transpose2d(x, w, b, stride=case.stride, padding=case.padding,
                             output_padding=case.output_padding, groups=groups,
                             dilation=case.dilation)
    assert tuple(out.shape[-2:]) == case.output_hw(), case.label
    b64 = b32.astype(np.float64) if b32 is not None else None
    assert_close(to_numpy64(out),
                 numpy_conv_transpose2d(x32.astype(np.float64), w32.astype(np.float64), b64,
                                        case.stride, case.padding, case.output_padding,
                                        case.dilation, groups),
                 f"{case.label}: torch vs numpy scatter reference")
    grad_output32 = random_f32(rng, tuple(out.shape))
    out.backward(to_torch64(grad_output32))
    arrays = {"input": x32, "weight": w32}
    if b32 is not None:
        arrays["bias"] = b32
    arrays["output"] = to_numpy64(out)
    arrays["grad_output"] = grad_output32
    arrays["grad_input"] = to_numpy64(x.grad)
    arrays["grad_weight"] = to_numpy64(w.grad)
    if b is not None:
        arrays["grad_bias"] = to_numpy64(b.grad)
    properties = {
        "stride": case.stride,
        "padding": case.padding,
        "output_padding": case.output_padding,
        "dilation": case.dilation,
        "groups": groups,
        "has_bias": case.has_bias,
    }
    writer.write("conv_transpose2d", f"{case.label}; {case.summary()}", properties, arrays)
    return arrays


def handpicked_conv_transpose2d_cases():
    d2l_x = np.array([[0, 1], [2, 3]], dtype=np.float32).reshape(1, 1, 2, 2)
    return [
        (tconv("d2l trans_conv [[0,1],[2,3]] with [[0,1],[2,3]]", 1, 1, 2, 1, 2, bias=False,
               x=d2l_x, w=d2l_x.copy()),
         np.array([[[[0.0, 0.0, 1.0], [0.0, 4.0, 6.0], [4.0, 12.0, 9.0]]]])),
        (tconv("d2l trans_conv with stride 2", 1, 1, 2, 1, 2, stride=2, bias=False,
               x=d2l_x, w=d2l_x.copy()),
         np.array([[[[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 2.0, 3.0],
                     [0.0, 2.0, 0.0, 3.0], [4.0, 6.0, 6.0, 9.0]]]])),
        (tconv("basic 3x3", 1, 1, 4, 1, 3), None),
        (tconv("2x2 stride 2 upsampling", 2, 2, 3, 3, 2, stride=2), None),
        (tconv("3x3 stride 2 padding 1 output_padding 1 (exact 2x upsample)", 1, 2, 4, 2, 3,
               stride=2, padding=1, output_padding=1), None),
        (tconv("4x4 stride 2 padding 1", 1, 2, 5, 3, 4, stride=2, padding=1), None),
        (tconv("stride 3, output_padding 2", 1, 1, 3, 2, 3, stride=3, output_padding=2), None),
        (tconv("unequal stride 2,1 with padding 1,0 and output_padding 1,0", 1, 2, (4, 5), 2, 3,
               stride=(2, 1), padding=(1, 0), output_padding=(1, 0)), None),
        (tconv("dilation 2", 1, 2, 4, 2, 3, dilation=2), None),
        (tconv("output_padding 1 allowed by dilation 2 at stride 1", 1, 1, 4, 2, 3, dilation=2,
               output_padding=1), None),
        (tconv("dilation 3,1 stride 1,2 output_padding 2,1", 1, 2, (3, 4), 2, (2, 3),
               stride=(1, 2), dilation=(3, 1), output_padding=(2, 1)), None),
        (tconv("groups 2, Cin4 Cout6", 1, 4, 4, 6, 3, groups=2, stride=2, padding=1), None),
        (tconv("depthwise Cin3 Cout3", 2, 3, 4, 3, 3, groups=3, padding=1), None),
        (tconv("depthwise multiplier 2, Cin4 Cout8", 1, 4, 3, 8, 2, groups=4, stride=2), None),
        (tconv("groups 3, Cin6 Cout3, stride 3, dilation 2", 1, 6, 3, 3, 3, groups=3, stride=3,
               dilation=2, padding=2, output_padding=1), None),
        (tconv("1x1 kernel", 1, 3, 4, 2, 1), None),
        (tconv("1x1 kernel stride 2 output_padding 1", 1, 2, 3, 2, 1, stride=2, output_padding=1), None),
        (tconv("1x3 kernel", 1, 2, (4, 3), 2, (1, 3), padding=(0, 1)), None),
        (tconv("2x5 kernel stride 2", 1, 1, (3, 4), 2, (2, 5), stride=2, padding=(0, 2)), None),
        (tconv("1x1 input, 3x3 kernel", 1, 2, 1, 3, 3), None),
        (tconv("padding 2 shrinks output to 1x1", 1, 1, 3, 1, 3, padding=2), None),
        (tconv("batch 3 without bias", 3, 2, 4, 2, 3, stride=2, bias=False), None),
        (tconv("10x10 input, 5x5 kernel, stride 2, padding 2, output_padding 1", 1, 2, 10, 2, 5,
               stride=2, padding=2, output_padding=1), None),
        (tconv("7x7 kernel on 2x2 input", 1, 1, 2, 2, 7, padding=3), None),
    ]


def random_conv_transpose2d_cases(rng, count):
    cases = []
    while len(cases) < count:
        groups = int(rng.choice([1, 1, 2, 3]))
        stride = tuple(int(v) for v in rng.integers(1, 4, size=2))
        dilation = tuple(int(v) for v in rng.integers(1, 4, size=2))
        output_padding = tuple(int(rng.integers(0, max(s, d))) for s, d in zip(stride, dilation))
        case = tconv(f"random sweep {len(cases)}", int(rng.integers(1, 3)),
                     groups * int(rng.integers(1, 3)),
                     tuple(int(v) for v in rng.integers(1, 8, size=2)),
                     groups * int(rng.integers(1, 3)),
                     tuple(int(v) for v in rng.integers(1, 5, size=2)),
                     stride=stride, padding=tuple(int(v) for v in rng.integers(0, 3, size=2)),
                     output_padding=output_padding, dilation=dilation, groups=groups,
                     bias=bool(rng.random() < 0.7))
        if conv_transpose2d_problem(case) is None:
            cases.append(case)
    return cases


def generate_conv_transpose2d(writer):
    rng = np.random.default_rng(20240102)
    for case, expected in handpicked_conv_transpose2d_cases():
        arrays = build_conv_transpose2d(writer, rng, case)
        if expected is not None:
            assert_close(arrays["output"], expected, case.label)
    for case in random_conv_transpose2d_cases(rng, 16):
        build_conv_transpose2d(writer, rng, case)


# ---------------------------------------------------------------------------
# convolve2d (SciPy true convolution)
# ---------------------------------------------------------------------------

SCIPY_BOUNDARY_TO_MODE = {"wrap": "circular", "symm": "symmetric"}


def reference_convolve2d(x, k, mode, boundary, fillvalue):
    """np.pad/index-map based true convolution, independent of SciPy.

    full pads k-1 on both sides; same pads k//2 before and (k-1)//2 after
    (i.e. same == full[(k-1)//2 : (k-1)//2 + H]); valid pads nothing.
    """
    kh, kw = k.shape
    if mode == "full":
        pads = (kh - 1, kh - 1, kw - 1, kw - 1)
    elif mode == "same":
        pads = (kh // 2, (kh - 1) // 2, kw // 2, (kw - 1) // 2)
    else:
        pads = (0, 0, 0, 0)
    if boundary == "fill":
        padded = index_map_pad_2d(x, pads, "constant", fillvalue)
    else:
        padded = index_map_pad_2d(x, pads, SCIPY_BOUNDARY_TO_MODE[boundary])
    flipped = k[::-1, ::-1]
    out_h, out_w = padded.shape[0] - kh + 1, padded.shape[1] - kw + 1
    out = np.zeros((out_h, out_w))
    for p in range(kh):
        for q in range(kw):
            out += flipped[p, q] * padded[p:p + out_h, q:q + out_w]
    return out


def valid_mode_allowed(in_shape, kernel_shape):
    """SciPy 'valid': one array must be >= the other in every dimension."""
    return (all(a >= b for a, b in zip(in_shape, kernel_shape))
            or all(b >= a for a, b in zip(in_shape, kernel_shape)))


def build_convolve2d(writer, rng, in_shape, kernel_shape, mode, boundary, fillvalue, note=""):
    x32 = random_f32(rng, in_shape)
    k32 = random_f32(rng, kernel_shape)
    x64, k64 = x32.astype(np.float64), k32.astype(np.float64)
    out = scipy.signal.convolve2d(x64, k64, mode=mode, boundary=boundary, fillvalue=fillvalue)
    if mode == "valid" and any(b > a for a, b in zip(in_shape, kernel_shape)):
        # SciPy swaps the arguments when the kernel is the larger array.
        expected = reference_convolve2d(k64, x64, mode, boundary, fillvalue)
    else:
        expected = reference_convolve2d(x64, k64, mode, boundary, fillvalue)
    assert_close(out, expected, f"convolve2d {in_shape} {kernel_shape} {mode} {boundary}")
    if mode == "full" and boundary == "fill" and fillvalue == 0.0:
        torch_full = F.conv2d(to_torch64(x64).reshape((1, 1) + in_shape),
                              to_torch64(k64[::-1, ::-1].copy()).reshape((1, 1) + kernel_shape),
                              padding=(kernel_shape[0] - 1, kernel_shape[1] - 1))
        assert_close(to_numpy64(torch_full)[0, 0], out, "convolve2d vs torch conv2d")
    description = (f"input {in_shape[0]}x{in_shape[1]}, kernel {kernel_shape[0]}x{kernel_shape[1]}, "
                   f"{mode}, {boundary}, fillvalue {fillvalue}{note}")
    properties = {"mode": mode, "boundary": boundary, "fillvalue": float(fillvalue)}
    writer.write("convolve2d", description, properties,
                 {"input": x32, "kernel": k32, "output": out})


CONVOLVE2D_SHAPES = [
    ((5, 5), (3, 3)),
    ((6, 7), (2, 2)),
    ((4, 6), (2, 3)),
    ((7, 5), (4, 1)),
    ((3, 4), (5, 5)),   # kernel larger than input in both dims
    ((2, 3), (4, 6)),   # kernel larger, even sizes, more than one period
    ((1, 1), (3, 3)),
    ((5, 5), (1, 1)),
    ((8, 8), (5, 4)),
    ((3, 3), (3, 3)),
    ((12, 10), (3, 5)),
    ((4, 4), (7, 2)),   # kernel larger in H only: 'valid' rejected by SciPy
    ((2, 5), (6, 3)),   # mixed, odd kernel, wraps more than once vertically
    ((16, 20), (4, 6)),
]


def generate_convolve2d(writer):
    rng = np.random.default_rng(20240103)
    fillvalues = [1.5, 0.0, -0.75]
    for index, (in_shape, kernel_shape) in enumerate(CONVOLVE2D_SHAPES):
        fill = fillvalues[index % len(fillvalues)]
        for mode in ("full", "same"):
            build_convolve2d(writer, rng, in_shape, kernel_shape, mode, "fill", fill)
            build_convolve2d(writer, rng, in_shape, kernel_shape, mode, "wrap", 0.0)
            build_convolve2d(writer, rng, in_shape, kernel_shape, mode, "symm", 0.0)
        if valid_mode_allowed(in_shape, kernel_shape):
            note = "" if all(a >= b for a, b in zip(in_shape, kernel_shape)) else \
                " (kernel larger: SciPy swaps the arguments)"
            build_convolve2d(writer, rng, in_shape, kernel_shape, "valid", "fill", 0.0, note)
        else:
            assert_scipy_rejects_valid(in_shape, kernel_shape)
    # fillvalue must be ignored by wrap/symm, and by valid
    build_convolve2d(writer, rng, (4, 5), (3, 2), "same", "wrap", 2.5, " (fillvalue ignored)")
    build_convolve2d(writer, rng, (4, 5), (3, 2), "full", "symm", -3.0, " (fillvalue ignored)")
    build_convolve2d(writer, rng, (6, 6), (3, 3), "valid", "fill", 4.0, " (fillvalue ignored)")


def assert_scipy_rejects_valid(in_shape, kernel_shape):
    try:
        scipy.signal.convolve2d(np.zeros(in_shape), np.zeros(kernel_shape), mode="valid")
    except ValueError:
        return
    raise AssertionError(f"expected SciPy to reject valid mode for {in_shape} {kernel_shape}")


# ---------------------------------------------------------------------------
# pad (numpy semantics)
# ---------------------------------------------------------------------------

def build_pad(writer, rng, shape, pads, mode, value=0.0, label=""):
    x32 = random_f32(rng, shape)
    x64 = x32.astype(np.float64)
    out = numpy_pad_2d(x64, pads, mode, value)
    # np.pad (numpy 1.24) is not periodic for some large, unbalanced pads
    # (numpy issues #22464, #25926); only emit cases where it is.
    assert_close(out, index_map_pad_2d(x64, pads, mode, value),
                 f"pad {shape} {pads} {mode}: np.pad vs periodic index map")
    cross_check_pad_with_torch(x64, out, pads, mode, value)
    description = f"{label}; shape {format_value(shape)}, pads {format_value(pads)}, {mode}"
    if mode == "constant":
        description += f" value {value}"
    properties = {"pads": pads, "mode": mode, "value": float(value)}
    writer.write("pad", description, properties, {"input": x32, "output": out})


def cross_check_pad_with_torch(x64, expected, pads, mode, value):
    """torch.nn.functional.pad agrees wherever PyTorch accepts the pads."""
    top, bottom, left, right = pads
    height, width = x64.shape[-2:]
    if mode == "symmetric":
        return
    if mode == "reflect" and (max(top, bottom) >= height or max(left, right) >= width):
        return
    if mode == "circular" and (max(top, bottom) > height or max(left, right) > width):
        return
    actual = torch_pad_2d(to_torch64(x64), pads, mode, value)
    assert_close(to_numpy64(actual), expected, f"pad {pads} {mode}: torch vs numpy")


PAD_CASES = [
    # (label, shape, pads, value for constant)
    ("symmetric pads", (1, 2, 3, 4), (1, 1, 1, 1)),
    ("zero pads", (1, 1, 3, 3), (0, 0, 0, 0)),
    ("asymmetric pads", (2, 1, 4, 5), (2, 0, 1, 3)),
    ("pads equal to the dimension", (1, 1, 3, 4), (3, 3, 4, 4)),
    ("one-pixel height", (1, 2, 1, 5), (1, 2, 0, 1)),
    ("one-pixel plane", (1, 1, 1, 1), (2, 1, 1, 3)),
]

LARGE_PAD_CASES = {
    # pads beyond the dimension: np.pad extension (checked periodic)
    "constant": [((1, 1, 2, 3), (5, 4, 7, 6))],
    "replicate": [((1, 1, 2, 3), (5, 4, 7, 6)), ((1, 2, 1, 2), (0, 6, 4, 0))],
    "reflect": [((1, 1, 3, 4), (4, 5, 6, 9)), ((1, 1, 2, 3), (5, 5, 7, 8)),
                ((1, 1, 4, 3), (0, 11, 9, 0)), ((1, 1, 1, 3), (3, 2, 7, 7))],
    "symmetric": [((1, 1, 3, 4), (4, 5, 6, 9)), ((1, 1, 2, 3), (6, 5, 8, 7)),
                  ((1, 1, 4, 3), (0, 11, 9, 0)), ((1, 1, 1, 2), (2, 3, 5, 4))],
    "circular": [((1, 1, 3, 4), (4, 5, 8, 5)), ((1, 1, 2, 3), (0, 7, 6, 0)),
                 ((1, 1, 3, 2), (9, 3, 2, 7)), ((1, 1, 1, 2), (3, 2, 5, 6))],
}

PAD_MODE_ORDER = ["constant", "reflect", "symmetric", "replicate", "circular"]


def generate_pad(writer):
    rng = np.random.default_rng(20240104)
    for mode in PAD_MODE_ORDER:
        for label, shape, pads in PAD_CASES:
            if mode == "reflect" and label == "pads equal to the dimension":
                label = "pads equal to the dimension (beyond the PyTorch reflect limit)"
            build_pad(writer, rng, shape, pads, mode, 1.25 if mode == "constant" else 0.0, label)
        for shape, pads in LARGE_PAD_CASES[mode]:
            build_pad(writer, rng, shape, pads, mode, -0.5 if mode == "constant" else 0.0,
                      "pads larger than the dimension")
    build_pad(writer, rng, (1, 1, 3, 3), (1, 2, 2, 1), "constant", 0.0, "constant zero value")
    build_pad(writer, rng, (3, 2, 5, 4), (2, 1, 0, 2), "constant", -3.0, "batch 3, negative value")


# ---------------------------------------------------------------------------
# Pooling references (NumPy loops implementing the documented PyTorch rules)
# ---------------------------------------------------------------------------

def pool_output_size(size, kernel, stride, padding, dilation, ceil_mode):
    """PyTorch rule; in ceil mode a window may not start in the right padding."""
    span = size + 2 * padding - dilation * (kernel - 1) - 1
    out = (-(-span // stride) if ceil_mode else span // stride) + 1
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1
    return out


def max_over(plane, rows, cols):
    """PyTorch CPU rule: first maximum wins ties, the last NaN wins, and the
    index starts at the first in-bounds element (so an all -inf window
    reports that element)."""
    width = plane.shape[1]
    best_value, best_index = -np.inf, rows[0] * width + cols[0]
    for r in rows:
        for c in cols:
            value = plane[r, c]
            if value > best_value or np.isnan(value):
                best_value, best_index = value, r * width + c
    return best_value, best_index


def reference_max_pool2d(x, kernel, stride, padding, dilation, ceil_mode):
    batch, channels, height, width = x.shape
    out_h = pool_output_size(height, kernel[0], stride[0], padding[0], dilation[0], ceil_mode)
    out_w = pool_output_size(width, kernel[1], stride[1], padding[1], dilation[1], ceil_mode)
    values = np.zeros((batch, channels, out_h, out_w))
    indices = np.zeros((batch, channels, out_h, out_w), dtype=np.int64)
    for i in range(out_h):
        rows = [i * stride[0] - padding[0] + a * dilation[0] for a in range(kernel[0])]
        rows = [r for r in rows if 0 <= r < height]
        for j in range(out_w):
            cols = [j * stride[1] - padding[1] + a * dilation[1] for a in range(kernel[1])]
            cols = [c for c in cols if 0 <= c < width]
            assert rows and cols, "window entirely outside the input"
            for n in range(batch):
                for c in range(channels):
                    values[n, c, i, j], indices[n, c, i, j] = max_over(x[n, c], rows, cols)
    return values, indices


def scatter_by_indices(grad_output, indices, input_shape):
    grad_input = np.zeros(input_shape)
    batch, channels = input_shape[:2]
    for n in range(batch):
        for c in range(channels):
            flat = grad_input[n, c].reshape(-1)
            np.add.at(flat, indices[n, c].reshape(-1), grad_output[n, c].reshape(-1))
    return grad_input


def avg_pool_windows(size, kernel, stride, padding, ceil_mode, out):
    """(clamped start, clamped end, padded window length) per output position."""
    windows = []
    for i in range(out):
        start = i * stride - padding
        end = min(start + kernel, size + padding)
        padded_length = end - start
        windows.append((max(start, 0), min(end, size), padded_length))
    return windows


def reference_avg_pool2d(x, grad_output, kernel, stride, padding, ceil_mode,
                         count_include_pad, divisor_override):
    batch, channels, height, width = x.shape
    out_h = pool_output_size(height, kernel[0], stride[0], padding[0], 1, ceil_mode)
    out_w = pool_output_size(width, kernel[1], stride[1], padding[1], 1, ceil_mode)
    row_windows = avg_pool_windows(height, kernel[0], stride[0], padding[0], ceil_mode, out_h)
    col_windows = avg_pool_windows(width, kernel[1], stride[1], padding[1], ceil_mode, out_w)
    out = np.zeros((batch, channels, out_h, out_w))
    grad_input = np.zeros(x.shape)
    for i, (r0, r1, padded_rows) in enumerate(row_windows):
        for j, (c0, c1, padded_cols) in enumerate(col_windows):
            if divisor_override:
                divisor = divisor_override
            elif count_include_pad:
                divisor = padded_rows * padded_cols
            else:
                divisor = (r1 - r0) * (c1 - c0)
            out[:, :, i, j] = x[:, :, r0:r1, c0:c1].sum(axis=(2, 3)) / divisor
            grad_input[:, :, r0:r1, c0:c1] += (grad_output[:, :, i, j] / divisor)[:, :, None, None]
    return out, grad_input


def adaptive_windows(size, out):
    return [((i * size) // out, -(-((i + 1) * size) // out)) for i in range(out)]


def reference_adaptive_avg_pool2d(x, grad_output, output_size):
    batch, channels, height, width = x.shape
    out = np.zeros((batch, channels) + output_size)
    grad_input = np.zeros(x.shape)
    for i, (r0, r1) in enumerate(adaptive_windows(height, output_size[0])):
        for j, (c0, c1) in enumerate(adaptive_windows(width, output_size[1])):
            area = (r1 - r0) * (c1 - c0)
            out[:, :, i, j] = x[:, :, r0:r1, c0:c1].sum(axis=(2, 3)) / area
            grad_input[:, :, r0:r1, c0:c1] += (grad_output[:, :, i, j] / area)[:, :, None, None]
    return out, grad_input


def reference_adaptive_max_pool2d(x, output_size):
    batch, channels = x.shape[:2]
    values = np.zeros((batch, channels) + output_size)
    indices = np.zeros((batch, channels) + output_size, dtype=np.int64)
    for i, (r0, r1) in enumerate(adaptive_windows(x.shape[2], output_size[0])):
        for j, (c0, c1) in enumerate(adaptive_windows(x.shape[3], output_size[1])):
            for n in range(batch):
                for c in range(channels):
                    values[n, c, i, j], indices[n, c, i, j] = max_over(
                        x[n, c], list(range(r0, r1)), list(range(c0, c1)))
    return values, indices


# ---------------------------------------------------------------------------
# Pool inputs
# ---------------------------------------------------------------------------

def make_pool_input(rng, shape, kind):
    """random | ties (small integers) | nan | neginf | posinf."""
    if kind == "random":
        return random_f32(rng, shape)
    x = random_integers_f32(rng, shape)
    if kind == "ties":
        return x
    flat = x.reshape(-1)
    picks = rng.choice(flat.size, size=max(2, flat.size // 5), replace=False)
    if kind == "nan":
        flat[picks] = np.nan
    elif kind == "neginf":
        flat[picks] = -np.inf
        flat[: 2 * shape[-1]] = -np.inf  # two full rows: windows that are entirely -inf
    elif kind == "posinf":
        flat[picks[:2]] = np.inf
    else:
        raise ValueError(kind)
    return x


# ---------------------------------------------------------------------------
# max_pool2d
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MaxPoolCase:
    label: str
    shape: tuple
    kernel: tuple
    stride: object = None  # None = default (kernel_size)
    padding: tuple = (0, 0)
    dilation: tuple = (1, 1)
    ceil_mode: bool = False
    kind: str = "random"


def mpool(label, shape, k, stride=None, padding=0, dilation=1, ceil=False, kind="random"):
    return MaxPoolCase(label, tuple(shape), pair(k), None if stride is None else pair(stride),
                       pair(padding), pair(dilation), ceil, kind)


MAX_POOL_CASES = [
    mpool("2x2 default stride", (1, 1, 4, 4), 2),
    mpool("2x2 default stride, odd size drops last row/col", (1, 2, 5, 5), 2),
    mpool("2x2 default stride, ceil keeps overhanging window", (1, 2, 5, 5), 2, ceil=True),
    mpool("3x3 stride 2 pad 1 ceil: last window starts inside, overhangs padding",
          (1, 1, 6, 6), 3, stride=2, padding=1, ceil=True),
    mpool("2x2 stride 3 pad 1 ceil: window starting in right padding is dropped",
          (1, 1, 4, 4), 2, stride=3, padding=1, ceil=True),
    mpool("3x3 stride 3 pad 1 ceil: dropped window", (2, 1, 5, 5), 3, stride=3, padding=1, ceil=True),
    mpool("3x3 stride 2 pad 1 ceil on 7x8", (1, 2, 7, 8), 3, stride=2, padding=1, ceil=True),
    mpool("3x3 stride 2 pad 1 floor on 7x8", (1, 2, 7, 8), 3, stride=2, padding=1),
    mpool("ceil with default stride 3 on 7x5", (1, 1, 7, 5), 3, ceil=True),
    mpool("non-square kernel 2x3, stride 1,2, padding 1,0", (1, 2, 6, 7), (2, 3), stride=(1, 2),
          padding=(1, 0)),
    mpool("dilation 2", (1, 1, 9, 9), 3, stride=1, dilation=2),
    mpool("dilation 2,1 with padding", (1, 2, 8, 6), (3, 2), stride=(2, 1), padding=(1, 1),
          dilation=(2, 1)),
    mpool("dilation 2 ceil mode", (1, 1, 8, 8), 2, stride=2, dilation=2, ceil=True),
    mpool("padding = kernel/2 (k4 p2)", (1, 1, 6, 6), 4, stride=2, padding=2),
    mpool("padding = kernel/2 (k2 p1)", (1, 2, 5, 4), 2, stride=1, padding=1),
    mpool("k5 p2 stride 1", (1, 1, 6, 7), 5, stride=1, padding=2),
    mpool("overlapping 3x3 stride 1: gradients accumulate", (1, 1, 5, 5), 3, stride=1),
    mpool("ties: small integers, overlapping windows", (1, 2, 6, 6), 3, stride=1, kind="ties"),
    mpool("ties: small integers, 2x2", (2, 2, 6, 6), 2, kind="ties"),
    mpool("ties with padding: padding never wins", (1, 1, 5, 5), 3, stride=2, padding=1, kind="ties"),
    mpool("all-equal ties with ceil", (1, 1, 5, 5), 2, stride=2, ceil=True, kind="ties"),
    mpool("NaN inputs propagate", (1, 2, 6, 6), 2, kind="nan"),
    mpool("NaN inputs, overlapping with padding", (1, 1, 5, 5), 3, stride=1, padding=1, kind="nan"),
    mpool("-inf inputs, including full -inf windows", (1, 2, 6, 6), 2, stride=1, kind="neginf"),
    mpool("-inf inputs with padding", (1, 1, 5, 6), 3, stride=2, padding=1, ceil=True, kind="neginf"),
    mpool("+inf inputs", (1, 1, 6, 6), 3, stride=2, padding=1, kind="posinf"),
    mpool("global pool 1x1 output", (2, 3, 5, 4), (5, 4)),
    mpool("batch 3, channels 4", (3, 4, 6, 6), 2, stride=2),
    mpool("16x16 input, k3 s2 p1", (1, 2, 16, 16), 3, stride=2, padding=1),
    mpool("20x13 input, 2x2 ceil", (1, 1, 20, 13), 2, ceil=True),
    mpool("1x1 kernel stride 2", (1, 1, 5, 5), 1, stride=2),
    mpool("stride larger than kernel", (1, 1, 9, 9), 2, stride=3),
    mpool("1-pixel wide input", (1, 1, 6, 1), (2, 1)),
]


def random_max_pool_cases(rng, count):
    cases = []
    while len(cases) < count:
        kernel = tuple(int(v) for v in rng.integers(1, 5, size=2))
        padding = tuple(int(rng.integers(0, k // 2 + 1)) for k in kernel)
        stride = None if rng.random() < 0.3 else tuple(int(v) for v in rng.integers(1, 4, size=2))
        dilation = tuple(int(v) for v in rng.integers(1, 3, size=2))
        shape = (int(rng.integers(1, 3)), int(rng.integers(1, 4))) + tuple(
            int(v) for v in rng.integers(1, 13, size=2))
        case = mpool(f"random sweep {len(cases)}", shape, kernel, stride, padding, dilation,
                     bool(rng.random() < 0.5), "random" if rng.random() < 0.7 else "ties")
        if max_pool_case_is_valid(case):
            cases.append(case)
    return cases


def max_pool_case_is_valid(case):
    stride = case.stride or case.kernel
    for d in range(2):
        size = case.shape[2 + d]
        out = pool_output_size(size, case.kernel[d], stride[d], case.padding[d],
                               case.dilation[d], case.ceil_mode)
        if out < 1:
            return False
        for i in range(out):  # every window must touch the input
            start = i * stride[d] - case.padding[d]
            if not any(0 <= start + a * case.dilation[d] < size for a in range(case.kernel[d])):
                return False
    return True


def build_max_pool2d(writer, rng, case):
    assert max_pool_case_is_valid(case), case.label
    stride = case.stride or case.kernel
    x32 = make_pool_input(rng, case.shape, case.kind)
    has_grad = case.kind != "nan"
    x = to_torch64(x32, requires_grad=has_grad)
    out, indices = F.max_pool2d(x, case.kernel, case.stride, case.padding, case.dilation,
                                ceil_mode=case.ceil_mode, return_indices=True)
    expected_values, expected_indices = reference_max_pool2d(
        x32.astype(np.float64), case.kernel, stride, case.padding, case.dilation, case.ceil_mode)
    assert_close(to_numpy64(out), expected_values, f"max_pool2d {case.label}")
    assert np.array_equal(indices.numpy(), expected_indices), f"max_pool2d indices {case.label}"
    arrays = {"input": x32, "output": to_numpy64(out), "indices": indices.numpy().astype("<i8")}
    if has_grad:
        grad_output32 = random_f32(rng, tuple(out.shape))
        out.backward(to_torch64(grad_output32))
        assert_close(to_numpy64(x.grad),
                     scatter_by_indices(grad_output32.astype(np.float64), expected_indices,
                                        case.shape), f"max_pool2d grad {case.label}")
        arrays["grad_output"] = grad_output32
        arrays["grad_input"] = to_numpy64(x.grad)
    properties = {
        "kernel_size": case.kernel,
        "stride": stride,
        "stride_default": case.stride is None,
        "padding": case.padding,
        "dilation": case.dilation,
        "ceil_mode": case.ceil_mode,
        "has_grad": has_grad,
    }
    description = (f"{case.label}; input {format_value(case.shape)} {case.kind}, "
                   f"k{format_value(case.kernel)} s{format_value(stride)} "
                   f"p{format_value(case.padding)} d{format_value(case.dilation)} "
                   f"ceil {format_value(case.ceil_mode)}")
    writer.write("max_pool2d", description, properties, arrays)


def generate_max_pool2d(writer):
    rng = np.random.default_rng(20240105)
    for case in MAX_POOL_CASES + random_max_pool_cases(rng, 10):
        build_max_pool2d(writer, rng, case)


# ---------------------------------------------------------------------------
# avg_pool2d
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AvgPoolCase:
    label: str
    shape: tuple
    kernel: tuple
    stride: object = None
    padding: tuple = (0, 0)
    ceil_mode: bool = False
    count_include_pad: bool = True
    divisor_override: int = 0


def apool(label, shape, k, stride=None, padding=0, ceil=False, include_pad=True, divisor=0):
    return AvgPoolCase(label, tuple(shape), pair(k), None if stride is None else pair(stride),
                       pair(padding), ceil, include_pad, divisor)


AVG_POOL_CASES = [
    apool("2x2 default stride", (1, 1, 4, 4), 2),
    apool("2x2 default stride, odd size", (1, 2, 5, 5), 2),
    apool("3x3 stride 1 padding 1, count_include_pad", (1, 1, 5, 5), 3, stride=1, padding=1),
    apool("3x3 stride 1 padding 1, exclude pad", (1, 1, 5, 5), 3, stride=1, padding=1, include_pad=False),
    apool("ceil overhang, count_include_pad (overhang beyond padding not counted)",
          (1, 1, 6, 6), 3, stride=2, padding=1, ceil=True),
    apool("ceil overhang, exclude pad", (1, 1, 6, 6), 3, stride=2, padding=1, ceil=True,
          include_pad=False),
    apool("ceil without padding, include pad", (1, 2, 5, 5), 2, ceil=True),
    apool("ceil without padding, exclude pad", (1, 2, 5, 5), 2, ceil=True, include_pad=False),
    apool("ceil: window starting in right padding dropped", (1, 1, 4, 4), 2, stride=3, padding=1,
          ceil=True),
    apool("ceil dropped window, exclude pad", (1, 1, 5, 5), 3, stride=3, padding=1, ceil=True,
          include_pad=False),
    apool("divisor_override 3", (1, 1, 5, 5), 2, stride=1, divisor=3),
    apool("divisor_override 7 with padding and ceil", (1, 2, 6, 5), 3, stride=2, padding=1,
          ceil=True, divisor=7),
    apool("divisor_override 1 (sum pooling), exclude pad ignored", (1, 1, 4, 6), 2, padding=1,
          include_pad=False, divisor=1),
    apool("non-square kernel 2x3 stride 1,2 padding 1,1", (1, 2, 6, 7), (2, 3), stride=(1, 2),
          padding=(1, 1)),
    apool("non-square kernel, exclude pad", (1, 2, 6, 7), (3, 2), stride=(2, 1), padding=(1, 1),
          include_pad=False),
    apool("stride larger than kernel", (1, 1, 9, 9), 2, stride=3),
    apool("global pool", (2, 3, 5, 4), (5, 4)),
    apool("batch 3, channels 4", (3, 4, 6, 6), 2),
    apool("k4 p2 stride 2", (1, 1, 6, 6), 4, stride=2, padding=2),
    apool("k4 p2 stride 2, exclude pad", (1, 1, 6, 6), 4, stride=2, padding=2, include_pad=False),
    apool("1x1 kernel", (1, 1, 5, 5), 1, stride=2),
    apool("16x18 input, k3 s2 p1 ceil", (1, 2, 16, 18), 3, stride=2, padding=1, ceil=True),
    apool("1-pixel input, k1", (1, 1, 1, 1), 1),
    apool("1-pixel input, k2 p1 include pad", (1, 1, 1, 1), 2, padding=1),
    apool("1-pixel input, k2 p1 exclude pad", (1, 1, 1, 1), 2, padding=1, include_pad=False),
]


def random_avg_pool_cases(rng, count):
    cases = []
    while len(cases) < count:
        kernel = tuple(int(v) for v in rng.integers(1, 5, size=2))
        padding = tuple(int(rng.integers(0, k // 2 + 1)) for k in kernel)
        stride = None if rng.random() < 0.3 else tuple(int(v) for v in rng.integers(1, 4, size=2))
        shape = (int(rng.integers(1, 3)), int(rng.integers(1, 4))) + tuple(
            int(v) for v in rng.integers(1, 13, size=2))
        divisor = int(rng.choice([0, 0, 0, 2, 5]))
        case = apool(f"random sweep {len(cases)}", shape, kernel, stride, padding,
                     bool(rng.random() < 0.5), bool(rng.random() < 0.5), divisor)
        if avg_pool_case_is_valid(case):
            cases.append(case)
    return cases


def avg_pool_case_is_valid(case):
    stride = case.stride or case.kernel
    return all(pool_output_size(case.shape[2 + d], case.kernel[d], stride[d], case.padding[d], 1,
                                case.ceil_mode) >= 1 for d in range(2))


def build_avg_pool2d(writer, rng, case):
    assert avg_pool_case_is_valid(case), case.label
    stride = case.stride or case.kernel
    x32 = random_f32(rng, case.shape)
    x = to_torch64(x32, requires_grad=True)
    out = F.avg_pool2d(x, case.kernel, case.stride, case.padding, ceil_mode=case.ceil_mode,
                       count_include_pad=case.count_include_pad,
                       divisor_override=case.divisor_override or None)
    grad_output32 = random_f32(rng, tuple(out.shape))
    out.backward(to_torch64(grad_output32))
    expected, expected_grad = reference_avg_pool2d(
        x32.astype(np.float64), grad_output32.astype(np.float64), case.kernel, stride,
        case.padding, case.ceil_mode, case.count_include_pad, case.divisor_override)
    assert_close(to_numpy64(out), expected, f"avg_pool2d {case.label}")
    assert_close(to_numpy64(x.grad), expected_grad, f"avg_pool2d grad {case.label}")
    properties = {
        "kernel_size": case.kernel,
        "stride": stride,
        "stride_default": case.stride is None,
        "padding": case.padding,
        "ceil_mode": case.ceil_mode,
        "count_include_pad": case.count_include_pad,
        "divisor_override": case.divisor_override,
    }
    description = (f"{case.label}; input {format_value(case.shape)}, k{format_value(case.kernel)} "
                   f"s{format_value(stride)} p{format_value(case.padding)} "
                   f"ceil {format_value(case.ceil_mode)} "
                   f"include_pad {format_value(case.count_include_pad)} "
                   f"divisor {case.divisor_override}")
    writer.write("avg_pool2d", description, properties,
                 {"input": x32, "output": to_numpy64(out), "grad_output": grad_output32,
                  "grad_input": to_numpy64(x.grad)})


def generate_avg_pool2d(writer):
    rng = np.random.default_rng(20240106)
    for case in AVG_POOL_CASES + random_avg_pool_cases(rng, 10):
        build_avg_pool2d(writer, rng, case)


# ---------------------------------------------------------------------------
# adaptive pools
# ---------------------------------------------------------------------------

ADAPTIVE_CASES = [
    # (label, input shape, output size)
    ("divides evenly", (1, 2, 6, 6), (3, 3)),
    ("does not divide: overlapping windows", (1, 1, 7, 5), (3, 2)),
    ("does not divide, 5x7 -> 4x4", (2, 2, 5, 7), (4, 4)),
    ("output larger than input", (1, 1, 3, 3), (5, 7)),
    ("1x1 input to 2x3", (1, 2, 1, 1), (2, 3)),
    ("global pool to 1x1", (2, 3, 10, 10), (1, 1)),
    ("9x4 -> 4x9 (shrink H, grow W)", (1, 1, 9, 4), (4, 9)),
    ("12x8 -> 5x3", (1, 2, 12, 8), (5, 3)),
    ("identity size", (1, 1, 4, 4), (4, 4)),
    ("2x9 -> 2x4", (3, 1, 2, 9), (2, 4)),
    ("20x17 -> 6x7", (1, 1, 20, 17), (6, 7)),
    ("6x6 -> 4x5", (1, 4, 6, 6), (4, 5)),
]


def build_adaptive_avg_pool2d(writer, rng, label, shape, output_size):
    x32 = random_f32(rng, shape)
    x = to_torch64(x32, requires_grad=True)
    out = F.adaptive_avg_pool2d(x, output_size)
    grad_output32 = random_f32(rng, tuple(out.shape))
    out.backward(to_torch64(grad_output32))
    expected, expected_grad = reference_adaptive_avg_pool2d(
        x32.astype(np.float64), grad_output32.astype(np.float64), output_size)
    assert_close(to_numpy64(out), expected, f"adaptive_avg_pool2d {label}")
    assert_close(to_numpy64(x.grad), expected_grad, f"adaptive_avg_pool2d grad {label}")
    writer.write("adaptive_avg_pool2d",
                 f"{label}; input {format_value(shape)} -> {format_value(output_size)}",
                 {"output_size": output_size},
                 {"input": x32, "output": to_numpy64(out), "grad_output": grad_output32,
                  "grad_input": to_numpy64(x.grad)})


def build_adaptive_max_pool2d(writer, rng, label, shape, output_size, kind="random"):
    x32 = make_pool_input(rng, shape, kind)
    x = to_torch64(x32, requires_grad=True)
    out, indices = F.adaptive_max_pool2d(x, output_size, return_indices=True)
    expected, expected_indices = reference_adaptive_max_pool2d(x32.astype(np.float64), output_size)
    assert_close(to_numpy64(out), expected, f"adaptive_max_pool2d {label}")
    assert np.array_equal(indices.numpy(), expected_indices), f"adaptive_max_pool2d indices {label}"
    grad_output32 = random_f32(rng, tuple(out.shape))
    out.backward(to_torch64(grad_output32))
    assert_close(to_numpy64(x.grad),
                 scatter_by_indices(grad_output32.astype(np.float64), expected_indices, shape),
                 f"adaptive_max_pool2d grad {label}")
    writer.write("adaptive_max_pool2d",
                 f"{label}; input {format_value(shape)} {kind} -> {format_value(output_size)}",
                 {"output_size": output_size},
                 {"input": x32, "output": to_numpy64(out), "indices": indices.numpy().astype("<i8"),
                  "grad_output": grad_output32, "grad_input": to_numpy64(x.grad)})


def generate_adaptive_pools(writer):
    rng = np.random.default_rng(20240107)
    for label, shape, output_size in ADAPTIVE_CASES:
        build_adaptive_avg_pool2d(writer, rng, label, shape, output_size)
    for label, shape, output_size in ADAPTIVE_CASES:
        build_adaptive_max_pool2d(writer, rng, label, shape, output_size)
    build_adaptive_max_pool2d(writer, rng, "ties: first maximum wins", (1, 2, 7, 5), (3, 2), "ties")
    build_adaptive_max_pool2d(writer, rng, "ties with output larger than input", (1, 1, 3, 4),
                              (5, 6), "ties")


# ---------------------------------------------------------------------------
# unfold / fold
# ---------------------------------------------------------------------------

def sliding_output_size(size, kernel, dilation, padding, stride):
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def reference_unfold(x, kernel, dilation, padding, stride):
    padded = np.pad(x, ((0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2))
    batch, channels = x.shape[:2]
    out_h = sliding_output_size(x.shape[2], kernel[0], dilation[0], padding[0], stride[0])
    out_w = sliding_output_size(x.shape[3], kernel[1], dilation[1], padding[1], stride[1])
    columns = np.zeros((batch, channels, kernel[0], kernel[1], out_h * out_w))
    for p in range(kernel[0]):
        for q in range(kernel[1]):
            r0, c0 = p * dilation[0], q * dilation[1]
            block = padded[:, :, r0:r0 + stride[0] * (out_h - 1) + 1:stride[0],
                           c0:c0 + stride[1] * (out_w - 1) + 1:stride[1]]
            columns[:, :, p, q, :] = block.reshape(batch, channels, -1)
    return columns.reshape(batch, channels * kernel[0] * kernel[1], out_h * out_w)


UNFOLD_CASES = [
    # (label, input shape, kernel, dilation, padding, stride)
    ("2x2 kernel, stride 1", (1, 1, 3, 3), (2, 2), (1, 1), (0, 0), (1, 1)),
    ("3x3 kernel, padding 1, 2 channels", (1, 2, 4, 5), (3, 3), (1, 1), (1, 1), (1, 1)),
    ("stride 2", (2, 1, 6, 6), (2, 2), (1, 1), (0, 0), (2, 2)),
    ("dilation 2", (1, 2, 7, 7), (3, 3), (2, 2), (0, 0), (1, 1)),
    ("non-square kernel, unequal stride and padding", (1, 3, 5, 8), (2, 3), (1, 1), (1, 2), (2, 1)),
    ("dilation 1,3 stride 3,2 padding 2,0", (1, 1, 9, 10), (2, 3), (1, 3), (2, 0), (3, 2)),
    ("1x1 kernel", (2, 3, 4, 3), (1, 1), (1, 1), (0, 0), (1, 1)),
    ("kernel equals padded input: L = 1", (1, 2, 3, 4), (5, 6), (1, 1), (1, 1), (1, 1)),
    ("large padding", (1, 1, 2, 2), (2, 2), (1, 1), (3, 2), (2, 3)),
    ("batch 3, 12x11", (3, 2, 12, 11), (3, 3), (1, 1), (1, 1), (2, 2)),
    ("stride larger than kernel", (1, 1, 10, 10), (2, 2), (1, 1), (0, 0), (4, 3)),
    ("1-pixel input, 1x1 kernel", (1, 2, 1, 1), (1, 1), (1, 1), (0, 0), (1, 1)),
]

FOLD_CASES = [
    # (label, channels, output_size, kernel, dilation, padding, stride, batch)
    ("non-overlapping blocks (inverse of unfold)", 1, (4, 4), (2, 2), (1, 1), (0, 0), (2, 2), 1),
    ("overlapping 3x3 blocks sum", 2, (5, 5), (3, 3), (1, 1), (0, 0), (1, 1), 1),
    ("overlap with padding 1", 1, (4, 5), (3, 3), (1, 1), (1, 1), (1, 1), 2),
    ("stride 2 with overlap", 2, (7, 7), (3, 3), (1, 1), (1, 1), (2, 2), 1),
    ("dilation 2", 1, (7, 6), (2, 3), (2, 2), (0, 1), (1, 1), 1),
    ("non-square kernel, unequal stride", 3, (6, 9), (2, 3), (1, 1), (1, 0), (2, 3), 1),
    ("gaps: stride larger than kernel", 1, (8, 9), (2, 2), (1, 1), (0, 0), (3, 3), 2),
    ("1x1 kernel", 3, (3, 4), (1, 1), (1, 1), (0, 0), (1, 1), 1),
    ("single block L = 1", 2, (3, 3), (3, 3), (1, 1), (0, 0), (1, 1), 1),
    ("padding larger than kernel", 1, (2, 3), (2, 2), (1, 1), (2, 1), (1, 1), 1),
    ("12x10 output, k4 s2 p1", 2, (12, 10), (4, 4), (1, 1), (1, 1), (2, 2), 3),
    ("dilation 3,1 stride 1,2 padding 2,1", 1, (9, 6), (3, 2), (3, 1), (2, 1), (1, 2), 1),
]


def build_unfold(writer, rng, label, shape, kernel, dilation, padding, stride):
    x32 = random_f32(rng, shape)
    out = F.unfold(to_torch64(x32), kernel, dilation, padding, stride)
    assert_close(to_numpy64(out),
                 reference_unfold(x32.astype(np.float64), kernel, dilation, padding, stride),
                 f"unfold {label}")
    properties = {"kernel_size": kernel, "dilation": dilation, "padding": padding, "stride": stride}
    description = (f"{label}; input {format_value(shape)}, k{format_value(kernel)} "
                   f"d{format_value(dilation)} p{format_value(padding)} s{format_value(stride)}")
    writer.write("unfold", description, properties, {"input": x32, "output": to_numpy64(out)})


def build_fold(writer, rng, label, channels, output_size, kernel, dilation, padding, stride, batch):
    blocks = 1
    for d in range(2):
        blocks *= sliding_output_size(output_size[d], kernel[d], dilation[d], padding[d], stride[d])
    assert blocks >= 1, label
    x32 = random_f32(rng, (batch, channels * kernel[0] * kernel[1], blocks))
    out = F.fold(to_torch64(x32), output_size, kernel, dilation, padding, stride)
    # fold is the adjoint of unfold: <unfold(y), x> == <y, fold(x)>
    probe = rng.uniform(-1, 1, size=(batch, channels) + output_size)
    lhs = np.sum(reference_unfold(probe, kernel, dilation, padding, stride) * x32.astype(np.float64))
    rhs = np.sum(probe * to_numpy64(out))
    assert abs(lhs - rhs) < 1e-9 * max(1.0, abs(lhs)), f"fold adjoint {label}"
    properties = {"output_size": output_size, "kernel_size": kernel, "dilation": dilation,
                  "padding": padding, "stride": stride}
    description = (f"{label}; input {format_value(x32.shape)} -> C{channels} "
                   f"{format_value(output_size)}, k{format_value(kernel)} d{format_value(dilation)} "
                   f"p{format_value(padding)} s{format_value(stride)}")
    writer.write("fold", description, properties, {"input": x32, "output": to_numpy64(out)})


def generate_unfold_fold(writer):
    rng = np.random.default_rng(20240108)
    for case in UNFOLD_CASES:
        build_unfold(writer, rng, *case)
    for case in FOLD_CASES:
        build_fold(writer, rng, *case)


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

def main():
    torch.set_num_threads(1)  # deterministic reductions, and light on shared CPUs
    # torch's own padding='same' is only used as a cross-check; its perf warning is noise
    warnings.filterwarnings("ignore", message="Using padding='same' with even kernel lengths")
    torch.manual_seed(0)
    if OUTPUT_DIR.exists():
        shutil.rmtree(OUTPUT_DIR)
    OUTPUT_DIR.mkdir(parents=True)
    writer = FixtureWriter(OUTPUT_DIR)
    generate_conv2d(writer)
    generate_conv_transpose2d(writer)
    generate_convolve2d(writer)
    generate_pad(writer)
    generate_max_pool2d(writer)
    generate_avg_pool2d(writer)
    generate_adaptive_pools(writer)
    generate_unfold_fold(writer)
    total = 0
    for op, count in writer.case_counts.items():
        print(f"{op:22s} {count:4d} cases")
        total += count
    print(f"{'total':22s} {total:4d} cases -> {OUTPUT_DIR.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
