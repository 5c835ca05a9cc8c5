#!/usr/bin/env python3
"""Test vectors from real numpy for org.nndl.net.NumpyRandom (issue 12): what the chapter-3
notebook's generator, np.random.default_rng(seed), draws.

Writes, into the folder given (default: src/test/resources/org/nndl/net/numpy):
  vectors.txt                  one vector per line, space-separated tokens (described below)
  network-784-30-10-seed3.f64  the notebook's initial [784,30,10] network for seed 3, as
                               little-endian float64 in draw order: every layer's biases,
                               then every layer's weights row by row (n_out, n_in)
  notebook-100-digits-2-epochs.f64  the same network after 2 epochs of notebook_nn2.py (network2's
                               SGD, m = 10, eta = 0.5, lambda = 0) on the first 100 bundled
                               training digits, in the same order

Lines of vectors.txt (doubles as the 16 hex digits of their IEEE bits, integers in decimal):
  numpy VERSION
  seedseq SEED W0 W1 W2 W3      SeedSequence(SEED).generate_state(4, uint64), hex
  raw SEED X...                 default_rng(SEED).bit_generator.random_raw(16), hex
  normal SEED X...              default_rng(SEED).standard_normal(1000)
  scaled SEED LOC SCALE X...    default_rng(SEED).normal(LOC, SCALE, 100) (LOC, SCALE as hex)
  shuffle SEED N EPOCH I...     list(range(N)) after EPOCH consecutive rng.shuffle calls
  mixed SEED X...               shuffle(range 2), normal x3, shuffle(range 10), normal x3 as
                                hex normals and the two lists (the uint32 buffer kept aside)
  init SEED SIZES INIT X...     the notebook's initializer (default or large) in draw order
  notebook SEED SIZES N EPOCH I...  after that initializer, list(range(N)) after EPOCH shuffles

Run from the project root:  python3 src/test/python/numpy_vectors.py
"""
import struct
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebook_nn2  # noqa: E402  (the notebook's network, next to this script)

SEEDS = [0, 1, 3, 42, 2**32 - 1, 2**63 + 12345, 2**64 - 1]


def hx(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


def initial(rng, sizes, init):
    """network2.py's default_weight_initializer / large_weight_initializer with the notebook's rng."""
    biases = [rng.normal(loc=0, scale=1, size=(y, 1)) for y in sizes[1:]]
    scale = (lambda x: 1 / np.sqrt(x)) if init == "default" else (lambda x: 1)
    weights = [rng.normal(loc=0, scale=scale(x), size=(y, x)) for x, y in zip(sizes[:-1], sizes[1:])]
    return biases, weights


def draw_order(biases, weights):
    return np.concatenate([b.ravel() for b in biases] + [w.ravel() for w in weights])


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/org/nndl/net/numpy")
    out.mkdir(parents=True, exist_ok=True)
    lines = ["numpy " + np.__version__]
    for s in SEEDS:
        state = np.random.SeedSequence(s).generate_state(4, np.uint64)
        lines.append("seedseq %d %s" % (s, " ".join("%016x" % int(w) for w in state)))
        raw = np.random.default_rng(s).bit_generator.random_raw(16)
        lines.append("raw %d %s" % (s, " ".join("%016x" % int(w) for w in raw)))
        lines.append("normal %d %s" % (s, " ".join(map(hx, np.random.default_rng(s).standard_normal(1000)))))
    for s, loc, scale in [(3, 0.0, 1 / np.sqrt(784)), (7, 2.5, 0.1)]:
        xs = np.random.default_rng(s).normal(loc, scale, 100)
        lines.append("scaled %d %s %s %s" % (s, hx(loc), hx(scale), " ".join(map(hx, xs))))
    for s, sizes in [(3, [1, 2, 10, 1000, 8000]), (2**63 + 12345, [1, 2, 10, 1000])]:
        for n in sizes:
            rng = np.random.default_rng(s)
            data = list(range(n))
            for epoch in range(1, 4):
                rng.shuffle(data)
                lines.append("shuffle %d %d %d %s" % (s, n, epoch, " ".join(map(str, data))))
    rng = np.random.default_rng(3)
    a, b = list(range(2)), list(range(10))
    rng.shuffle(a)
    x1 = rng.standard_normal(3)
    rng.shuffle(b)
    x2 = rng.standard_normal(3)
    lines.append("mixed 3 %s %s %s" % (" ".join(map(hx, list(x1) + list(x2))), " ".join(map(str, a)),
                                       " ".join(map(str, b))))
    for s, sizes, init in [(3, [4, 3, 2], "default"), (3, [4, 3, 2], "large"), (5, [3, 5, 4, 2], "default")]:
        rng = np.random.default_rng(s)
        xs = draw_order(*initial(rng, sizes, init))
        lines.append("init %d %s %s %s" % (s, ",".join(map(str, sizes)), init, " ".join(map(hx, xs))))
    for s, sizes, n in [(3, [784, 30, 10], 1000), (1, [4, 3, 2], 17)]:
        rng = np.random.default_rng(s)
        initial(rng, sizes, "default")
        data = list(range(n))
        for epoch in range(1, 4):
            rng.shuffle(data)
            lines.append("notebook %d %s %d %d %s" % (s, ",".join(map(str, sizes)), n, epoch, " ".join(map(str, data))))
    (out / "vectors.txt").write_text("\n".join(lines) + "\n")
    net = draw_order(*initial(np.random.default_rng(3), [784, 30, 10], "default"))
    (out / "network-784-30-10-seed3.f64").write_bytes(net.astype("<f8").tobytes())
    train = notebook_nn2.load(notebook_nn2.SAMPLE, "train", 100)
    nn = notebook_nn2.Network([784, 30, 10], np.random.default_rng(3))
    for _ in range(2):
        nn.epoch(train, 10, 0.5, 0.0)
    trained = draw_order([b for b in nn.biases], [w for w in nn.weights])
    (out / "notebook-100-digits-2-epochs.f64").write_bytes(trained.astype("<f8").tobytes())


if __name__ == "__main__":
    main()
