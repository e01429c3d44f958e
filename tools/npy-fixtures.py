#!/usr/bin/python3
"""Generates the .npy/.npz test fixtures of conv4j's io package with NumPy, and checks Java-written files.

Run with Debian's NumPy (python3-numpy, 1.24 when this was written); never needs pip:

    /usr/bin/python3 tools/npy-fixtures.py            # (re)write conv4j-core/src/test/resources/npy/
    /usr/bin/python3 tools/npy-fixtures.py --check    # np.load the Java-written files in .../npy/java/

The fixtures are generated once and committed, so the Java tests never need Python. Besides the arrays, the script
writes expected.txt, one line per array:

    <file>[:<npz entry>] TAB <shape, comma-separated> TAB <values as float32> TAB <values as float64>

with values in C order as Python float.hex() strings (exact; 'inf', '-inf', 'nan' for the specials). The float32
and float64 columns are NumPy's own astype() results, so the Java reader is checked against NumPy's rounding.

The files under npy/java/ are written by conv4j (JavaWrittenFilesTest, which also checks that the current writer
still produces exactly those bytes); --check proves that NumPy reads them with the values JAVA_EXPECTED lists.
"""

import io
import os
import sys
import zipfile

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "conv4j-core", "src", "test", "resources", "npy")

# Six values per dtype chosen to hit the edges: extremes, signs, and integers that float32 or float64 must round.
VALUES = {
    "f4": [1.5, -2.25, -0.0, 3.4028235e38, np.inf, np.nan],
    "f8": [0.1, -1e300, 1e-40, 16777217.0, -np.inf, 5e-324],
    "i1": [-128, 127, 0, -1, 5, 100],
    "i2": [-32768, 32767, 0, -1, 1234, -1234],
    "i4": [-2**31, 2**31 - 1, 16777217, -1, 0, 123456789],
    "i8": [-2**63, 2**63 - 1, 2**53 + 1, 16777217, -1, 0],
    "u1": [0, 255, 128, 1, 7, 200],
    "u2": [0, 65535, 32768, 1, 7, 40000],
    "u4": [0, 2**32 - 1, 2**31, 16777217, 7, 3000000000],
    # 2**63 + 2**39 + 1 lies just above a float32 rounding tie: a conversion that drops the low bit gets it wrong.
    "u8": [0, 2**64 - 1, 2**63, 2**63 + 2**39 + 1, 2**53 + 1, 7],
    "b1": [True, False, True, True, False, False],
}

# What JavaWrittenFilesTest writes (see that class), keyed by file name under npy/java/.
def java_expected():
    f4 = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / np.float32(4) - np.float32(3)
    f8 = np.arange(6, dtype=np.float64).reshape(2, 3) / 3.0
    scalar = np.array(2.5, dtype=np.float32)
    empty = np.zeros((0, 3), dtype=np.float32)
    arrays = {"w": f4, "b": f8, "s": scalar}
    return {
        "java-f4.npy": f4,
        "java-f8.npy": f8,
        "java-scalar.npy": scalar,
        "java-empty.npy": empty,
        "java-stored.npz": arrays,
        "java-deflated.npz": arrays,
    }


def hexes(a, dtype):
    out = []
    for v in np.ascontiguousarray(a).astype(dtype).ravel():
        v = float(v)
        out.append("nan" if v != v else v.hex() if abs(v) != float("inf") else ("inf" if v > 0 else "-inf"))
    return " ".join(out)


def record(lines, name, a):
    a = np.asarray(a)
    shape = ",".join(str(d) for d in a.shape)
    lines.append("\t".join([name, shape, hexes(a, np.float32), hexes(a, np.float64)]))


def save(lines, name, a):
    np.save(os.path.join(OUT, name), a)
    record(lines, name, a)


def generate():
    os.makedirs(OUT, exist_ok=True)
    lines = []
    with np.errstate(over="ignore"):
        for code, values in VALUES.items():
            if code[1] == "1":
                save(lines, code + ".npy", np.array(values, dtype="|" + code).reshape(2, 3))
            else:
                for order, suffix in (("<", "le"), (">", "be")):
                    a = np.array(values, dtype=order + code).reshape(2, 3)
                    save(lines, "%s_%s.npy" % (code, suffix), a)

    save(lines, "fortran_f4.npy", np.asfortranarray(np.arange(24, dtype="<f4").reshape(2, 3, 4)))
    save(lines, "fortran_i2_be.npy", np.asfortranarray(np.arange(-6, 6, dtype=">i2").reshape(3, 4)))
    save(lines, "scalar_f8.npy", np.array(3.25, dtype="<f8"))
    save(lines, "scalar_i4_be.npy", np.array(-7, dtype=">i4"))
    save(lines, "empty_f4.npy", np.zeros((0, 3), dtype="<f4"))
    save(lines, "empty_i8.npy", np.zeros((2, 0, 4), dtype="<i8"))
    save(lines, "empty_1d_f8.npy", np.zeros((0,), dtype="<f8"))
    save(lines, "vector_f4.npy", np.linspace(-1, 1, 7, dtype="<f4"))
    save(lines, "tensor3d_f8_be.npy", (np.arange(60, dtype=">f8").reshape(3, 4, 5) - 30) / 7)
    save(lines, "tensor4d_f4.npy", (np.arange(120, dtype="<f4").reshape(2, 3, 4, 5) - 60) / 8)

    for version in ((2, 0), (3, 0)):
        name = "v%d_f4.npy" % version[0]
        a = np.arange(6, dtype="<f4").reshape(2, 3) * 1.5
        with open(os.path.join(OUT, name), "wb") as f:
            np.lib.format.write_array(f, a, version=version)
        record(lines, name, a)

    a = np.arange(12, dtype="<f4").reshape(3, 4)
    b = np.array([1, -2, 3], dtype=">i2")
    s = np.array(0.5, dtype="<f8")
    np.savez(os.path.join(OUT, "savez.npz"), a, weight=a, bias=b, scalar=s)
    np.savez_compressed(os.path.join(OUT, "savez_compressed.npz"), weight=a, bias=b, zeros=np.zeros((20, 20), "<f4"))
    for npz, entries in (("savez.npz", [("arr_0", a), ("weight", a), ("bias", b), ("scalar", s)]),
                         ("savez_compressed.npz", [("weight", a), ("bias", b), ("zeros", np.zeros((20, 20), "<f4"))])):
        for key, value in entries:
            record(lines, npz + ":" + key, value)

    # Archives NumPy would not write but a reader meets: a duplicate entry and a non-array entry.
    with zipfile.ZipFile(os.path.join(OUT, "npz_duplicate.npz"), "w") as z:
        z.writestr("a.npy", open(os.path.join(OUT, "f4_le.npy"), "rb").read())
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z.writestr("a.npy", open(os.path.join(OUT, "i1.npy"), "rb").read())
    with zipfile.ZipFile(os.path.join(OUT, "npz_extra_entry.npz"), "w") as z:
        z.writestr("a.npy", open(os.path.join(OUT, "f4_le.npy"), "rb").read())
        z.writestr("README.txt", "not an array\n")

    with open(os.path.join(OUT, "expected.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d arrays to %s" % (len(lines), os.path.relpath(OUT, ROOT)))


def check():
    java_dir = os.path.join(OUT, "java")
    failures = 0
    for name, expected in java_expected().items():
        path = os.path.join(java_dir, name)
        loaded = np.load(path, allow_pickle=False)
        pairs = ([(name, loaded, expected)] if isinstance(expected, np.ndarray)
                 else [(name + ":" + k, loaded[k], v) for k, v in expected.items()])
        if not isinstance(expected, np.ndarray) and sorted(loaded.files) != sorted(expected):
            print("FAIL %s: entries %s" % (name, loaded.files))
            failures += 1
        for label, got, want in pairs:
            ok = got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)
            print("%s %s: %s %s" % ("ok  " if ok else "FAIL", label, got.dtype.str, got.shape))
            failures += not ok
        if isinstance(expected, np.ndarray):
            # Byte-identical to np.save, and aligned so that NumPy can memory-map it.
            buf = io.BytesIO()
            np.save(buf, expected)
            same = buf.getvalue() == open(path, "rb").read()
            mapped = np.load(path, mmap_mode="r")
            ok = same and np.array_equal(mapped, expected)
            print("%s %s: %s" % ("ok  " if ok else "FAIL", name, "same bytes as np.save, mmap loads"))
            failures += not ok
    print("numpy %s read %s: %s" % (np.__version__, os.path.relpath(java_dir, ROOT),
                                    "all match" if not failures else "%d failures" % failures))
    return failures


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(1 if check() else 0)
    elif sys.argv[1:]:
        sys.exit("usage: npy-fixtures.py [--check]")
    else:
        generate()
