#!/usr/bin/env python3
"""Side-by-side timing of conv4j and its peers on the same machine, in the same run, with the same thread count.

Each workload line (the grammar of `conv4j bench --help`) is timed by conv4j (`./conv4j bench --json`) and by the
peer that people would otherwise use: PyTorch for convolutions, their backward and pooling; OpenCV `filter2D` /
`sepFilter2D` for image filters (`filter-into` rows: both write into an output allocated once, OpenCV's `dst`);
SciPy `fftconvolve` for large kernels. Rounds alternate conv4j and the peer so that
background load hits both alike; every (system, threads) pair runs in its own process (thread pools of different
runtimes fight for the 2 cores otherwise). The table gives per-round medians pooled into one median.

Run with Debian's Python, which has the peers (`apt-get install python3-torch python3-opencv python3-scipy`):

    /usr/bin/python3 bench/compare.py                     # the default workload list, 1 and 2 threads, 3 rounds
    /usr/bin/python3 bench/compare.py --threads 1 --rounds 5 conv:n1c64h56w56o64k3p1

Peers that are not installed are reported as missing; conv4j is still timed.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEFAULT_WORKLOADS = [
    "conv:c1h6w8k1x2",
    "filter:h2160w3840:k3",
    "filter:h2160w3840:k5",
    "filter:h2160w3840:k1x2",
    "filter:h2160w3840:sobel",
    "filter:h2160w3840:gauss5",
    "filter-into:h2160w3840:k3",
    "filter-into:h2160w3840:k5",
    "filter-into:h2160w3840:k1x2",
    "filter-into:h2160w3840:sobel",
    "filter-into:h2160w3840:gauss5",
    "conv:n1c3h1080w1920k3p1gdw",
    "conv:n1c64h56w56o64k3p1",
    "conv:n8c64h56w56o64k3p1",
    "conv:n1c128h28w28o128k3p1",
    "conv:n8c128h28w28o128k3p1",
    "conv:n1c256h14w14o256k3p1",
    "conv:n8c256h14w14o256k3p1",
    "conv:n1c512h7w7o512k3p1",
    "conv:n8c512h7w7o512k3p1",
    "conv:n1c64h56w56o256k1",
    "conv:n8c64h56w56o256k1",
    "conv:n1c32h112w112o64k1",
    "conv:n1c3h224w224o64k7s2p3",
    "conv:n8c3h224w224o64k7s2p3",
    "conv:n1c32h112w112k3p1gdw",
    "conv:n1c512h14w14k3p1gdw",
    "conv:n1c64h112w112k3s2p1gdw",
    "conv:n1c512h14w14k3s2p1gdw",
    "conv:n1c64h56w56o64k3p2d2",
    "filter:h512w512:k31",
    "conv-bwd:n8c64h56w56o64k3p1",
    "conv-bwd:n8c128h28w28o128k3p1",
    "conv-bwd:n8c256h14w14o256k3p1",
    "conv-bwd:n8c512h7w7o512k3p1",
    "conv-bwd:n1c32h112w112k3p1gdw",
    "conv-bwd:n1c512h14w14k3s2p1gdw",
    "maxpool:n8c64h112w112k3s2p1",
    "avgpool:n8c64h112w112k2",
]


def parse_conv(desc):
    """The ConvSpec grammar (see conv4j's ConvSpec): returns a dict of ints and pairs."""
    parts = dict(re.findall(r"([a-z])([0-9x_]+|same|dw)", desc))
    pair = lambda v, d: tuple(int(t) for t in v.split("x")) if "x" in v else (int(v), int(v)) if v else d
    c = int(parts["c"])
    h = int(parts["h"])
    w = int(parts.get("w", h))
    groups = c if parts.get("g") == "dw" else int(parts.get("g", 1))
    pad = parts.get("p", "0")
    if "_" in pad:
        t, b, l, r = (int(v) for v in pad.split("_"))
    else:
        ph, pw = pair(pad, (0, 0))
        t, b, l, r = ph, ph, pw, pw
    return {
        "n": int(parts.get("n", 1)), "c": c, "h": h, "w": w, "o": int(parts.get("o", c)),
        "k": pair(parts["k"], None), "s": pair(parts.get("s", ""), (1, 1)), "d": pair(parts.get("d", ""), (1, 1)),
        "pad": (t, b, l, r), "g": groups, "has_s": "s" in parts,
    }


def peer_name(workload):
    kind, _, spec = workload.partition(":")
    if kind in ("conv", "conv-bwd", "maxpool", "avgpool"):
        return "PyTorch"
    if spec.endswith(":gauss5"):
        return "OpenCV sepFilter2D"
    k = spec.split(":")[1]
    if k.startswith("k") and k[1:].isdigit() and int(k[1:]) >= 11:
        return "SciPy fftconvolve"
    return "OpenCV filter2D"


def peer_callable(workload, threads):
    """Builds the peer's call for a workload (imports inside: only what the workload needs)."""
    import numpy as np
    kind, _, spec = workload.partition(":")
    rng = np.random.default_rng(1)
    if kind in ("conv", "conv-bwd"):
        import torch
        import torch.nn.functional as F
        torch.set_num_threads(threads)
        p = parse_conv(spec)
        x = torch.from_numpy(rng.standard_normal((p["n"], p["c"], p["h"], p["w"]), dtype=np.float32))
        wt = torch.from_numpy(rng.standard_normal((p["o"], p["c"] // p["g"]) + p["k"], dtype=np.float32))
        t, b, l, r = p["pad"]
        if t == b and l == r:
            conv = lambda xx, ww: F.conv2d(xx, ww, None, p["s"], (t, l), p["d"], p["g"])
        else:
            conv = lambda xx, ww: F.conv2d(F.pad(xx, (l, r, t, b)), ww, None, p["s"], 0, p["d"], p["g"])
        if kind == "conv":
            def call():
                with torch.no_grad():
                    conv(x, wt)
            return call
        x.requires_grad_(True)
        wt.requires_grad_(True)
        y = conv(x, wt)
        gy = torch.randn_like(y)
        return lambda: torch.autograd.grad(y, (x, wt), gy, retain_graph=True)
    if kind in ("maxpool", "avgpool"):
        import torch
        import torch.nn.functional as F
        torch.set_num_threads(threads)
        p = parse_conv(spec.replace("k", "o1k"))
        x = torch.from_numpy(rng.standard_normal((p["n"], p["c"], p["h"], p["w"]), dtype=np.float32))
        stride = p["s"] if p["has_s"] else None
        pad = (p["pad"][0], p["pad"][2])
        if kind == "maxpool":
            return lambda: F.max_pool2d(x, p["k"], stride, pad)
        return lambda: F.avg_pool2d(x, p["k"], stride, pad)
    size, kname = spec.split(":")
    dims = dict(re.findall(r"([hw])([0-9]+)", size))
    img = rng.random((int(dims["h"]), int(dims["w"])), dtype=np.float32)
    if peer_name(workload).startswith("SciPy"):
        import scipy.signal
        k = rng.standard_normal((int(kname[1:]),) * 2).astype(np.float32)
        return lambda: scipy.signal.fftconvolve(img, k, mode="same")
    import cv2
    cv2.setNumThreads(threads)
    # filter: a new output per call, as cv2 returns by default; filter-into: one output reused through dst.
    dst = np.empty_like(img) if kind == "filter-into" else None
    if kname == "gauss5":
        g = (np.array([1, 4, 6, 4, 1], np.float32) / 16).reshape(5, 1)
        return lambda: cv2.sepFilter2D(img, cv2.CV_32F, g, g, dst=dst, borderType=cv2.BORDER_CONSTANT)
    if kname == "sobel":
        k = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], np.float32)
    elif kname == "k1x2":
        k = rng.standard_normal((1, 2)).astype(np.float32)
    else:
        n = int(kname[1:])
        k = rng.standard_normal((n, n)).astype(np.float32)
    return lambda: cv2.filter2D(img, cv2.CV_32F, k, dst=dst, borderType=cv2.BORDER_CONSTANT)


def time_call(call, warmup_s, samples):
    end = time.perf_counter() + warmup_s
    calls = 0
    while calls < 2 or time.perf_counter() < end:
        call()
        calls += 1
    t = []
    for _ in range(samples):
        s = time.perf_counter()
        call()
        t.append((time.perf_counter() - s) * 1e3)
    return statistics.median(t)


def peer_process(args):
    """Child mode: time every workload with its peer, print one JSON line each."""
    for w in args.workloads:
        try:
            ms = time_call(peer_callable(w, args.threads), args.warmup_ms / 1e3, args.samples)
            print(json.dumps({"workload": w, "median_ms": ms}), flush=True)
        except ImportError as e:
            print(json.dumps({"workload": w, "missing": str(e)}), flush=True)


JVM_OPTS = "-Xms3g -Xmx3g -XX:+AlwaysPreTouch"


def run_conv4j(workloads, threads, samples, warmup_ms):
    cmd = [os.path.join(ROOT, "conv4j"), "--threads", str(threads), "bench", "--json", "--samples", str(samples),
           "--warmup-ms", str(warmup_ms)] + workloads
    # A fixed, pre-touched heap: a growing heap puts every new 33 MB output in freshly committed memory, and the
    # first-touch page faults (about 2.5 us per 4 KiB page on these VMs) made a 6 ms filter take 90-180 ms for
    # seconds after a preceding workload. PyTorch's caching allocator likewise reuses its memory.
    env = dict(os.environ, CONV4J_JAVA_OPTS=os.environ.get("CONV4J_JAVA_OPTS", JVM_OPTS))
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return {j["workload"]: j for j in map(json.loads, out.splitlines()) if j}


def run_peer(workloads, threads, samples, warmup_ms):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    cmd = [sys.executable, os.path.abspath(__file__), "--peer-child", "--threads", str(threads), "--samples",
           str(samples), "--warmup-ms", str(warmup_ms)] + workloads
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return {j["workload"]: j for j in map(json.loads, out.splitlines()) if j}


def flops(workload):
    kind, _, spec = workload.partition(":")
    if kind in ("maxpool", "avgpool"):
        return 0
    if kind in ("filter", "filter-into"):
        size, kname = spec.split(":")
        dims = dict(re.findall(r"([hw])([0-9]+)", size))
        taps = 2 if kname == "k1x2" else 9 if kname in ("k3", "sobel") else 25 if kname in ("k5", "gauss5") \
            else int(kname[1:]) ** 2
        return 2 * int(dims["h"]) * int(dims["w"]) * taps
    p = parse_conv(spec)
    t, b, l, r = p["pad"]
    oh = (p["h"] + t + b - p["d"][0] * (p["k"][0] - 1) - 1) // p["s"][0] + 1
    ow = (p["w"] + l + r - p["d"][1] * (p["k"][1] - 1) - 1) // p["s"][1] + 1
    f = 2 * p["n"] * p["o"] * oh * ow * (p["c"] // p["g"]) * p["k"][0] * p["k"][1]
    return 2 * f if kind == "conv-bwd" else f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workloads", nargs="*", default=DEFAULT_WORKLOADS)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--samples", type=int, default=11)
    ap.add_argument("--warmup-ms", type=int, default=500)
    ap.add_argument("--peak-gflops", type=float, nargs="+", default=[101.7, 200.9],
                    help="FMA peak for 1, 2, ... threads (default: shared/anchors/PERF-ANCHORS.md)")
    ap.add_argument("--peer-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer_child:
        args.threads = args.threads[0]
        peer_process(args)
        return
    results = {}
    for r in range(args.rounds):
        for t in args.threads:
            print(f"round {r + 1}/{args.rounds}, {t} thread(s)...", file=sys.stderr, flush=True)
            for system, runner in (("conv4j", run_conv4j), ("peer", run_peer)):
                for w, j in runner(args.workloads, t, args.samples, args.warmup_ms).items():
                    results.setdefault((w, t, system), []).append(j.get("median_ms"))
    print("| workload | threads | conv4j ms | peer | peer ms | ratio | conv4j GFLOP/s | % of peak |")
    print("|---|---|---|---|---|---|---|---|")
    for t in args.threads:
        peak = args.peak_gflops[min(t, len(args.peak_gflops)) - 1]
        for w in args.workloads:
            ours = [v for v in results.get((w, t, "conv4j"), []) if v is not None]
            theirs = [v for v in results.get((w, t, "peer"), []) if v is not None]
            ours_ms = statistics.median(ours) if ours else None
            theirs_ms = statistics.median(theirs) if theirs else None
            ratio = f"{ours_ms / theirs_ms:.2f}" if ours_ms and theirs_ms else "-"
            f = flops(w)
            gf = f / ours_ms / 1e6 if ours_ms and f else None
            print(f"| `{w}` | {t} | {ours_ms:.3f} | {peer_name(w)} | "
                  f"{f'{theirs_ms:.3f}' if theirs_ms else 'missing'} | {ratio} | "
                  f"{f'{gf:.1f}' if gf else '-'} | {f'{100 * gf / peak:.0f}%' if gf else '-'} |")


if __name__ == "__main__":
    main()
