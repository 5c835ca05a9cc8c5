#!/usr/bin/env python3
"""The chapter-3 notebook's run in plain numpy, to set beside `./submit train` (docs/notebook.md).

network2.py's algorithm with the notebook's generator, rng = np.random.default_rng(seed):
biases then weights drawn by rng.normal, rng.shuffle(training_data) each epoch, mini-batches of m,
per-sample backpropagation, L2 weight decay, cross-entropy, sigmoid; every epoch the training
and the test set are scored as network2's total_cost and accuracy. Reads the IDX files (.gz or
not) of a folder, by default the project's bundled digits. With --batched, each mini-batch and
each scored set is one matrix (vectorized numpy, equal up to rounding): the fair speed comparison.

  python3 src/test/python/notebook_nn2.py [--data DIR] [--train-limit N] [--epochs E] ...

Prints one CSV row per epoch: epoch,test_accuracy,test_cost,train_accuracy,train_cost (accuracies
as fractions, floats as repr, i.e. exactly). With --compare FILE (the same columns, e.g. from
`./submit query --format csv`), prints instead a side-by-side markdown table of the first and last
five epochs and the largest differences over all epochs. Needs only numpy.
"""
import argparse
import gzip
from pathlib import Path

import numpy as np

SAMPLE = Path(__file__).resolve().parents[2] / "main/resources/org/nndl/data/sample"


def idx(path):
    """An IDX file's array (images as uint8 rows of 784, labels as uint8)."""
    raw = (gzip.open if path.suffix == ".gz" else open)(path, "rb").read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims)
    return data.reshape(shape[0], -1) if dims > 1 else data


def load(folder, prefix, limit):
    def find(kind):
        for name in (f"{prefix}-{kind}.gz", f"{prefix}-{kind}"):
            if (folder / name).exists():
                return folder / name
        raise SystemExit(f"error: no {prefix}-{kind}[.gz] in {folder}")
    images, labels = idx(find("images-idx3-ubyte")), idx(find("labels-idx1-ubyte"))
    if limit:
        images, labels = images[:limit], labels[:limit]
    return [(img.reshape(-1, 1) / 255.0, int(lab)) for img, lab in zip(images, labels)]


def vectorized(j):
    e = np.zeros((10, 1))
    e[j] = 1.0
    return e


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


class Network:
    """network2.Network with the default weight initializer, drawing from the notebook's rng."""

    def __init__(self, sizes, rng):
        self.sizes, self.rng = sizes, rng
        self.biases = [rng.normal(loc=0, scale=1, size=(y, 1)) for y in sizes[1:]]
        self.weights = [rng.normal(loc=0, scale=1 / np.sqrt(x), size=(y, x)) for x, y in zip(sizes[:-1], sizes[1:])]

    def feedforward(self, a):
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        return a

    def epoch(self, training_data, m, eta, lmbda):
        n = len(training_data)
        self.rng.shuffle(training_data)
        for k in range(0, n, m):
            self.update_mini_batch(training_data[k:k + m], eta, lmbda, n)

    def update_mini_batch(self, mini_batch, eta, lmbda, n):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        self.weights = [(1 - eta * (lmbda / n)) * w - (eta / len(mini_batch)) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation, activations, zs = x, [x], []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = activations[-1] - vectorized(y)  # the cross-entropy cost's delta (BP1)
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for l in range(2, len(self.sizes)):
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sigmoid_prime(zs[-l])
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return nabla_b, nabla_w

    def accuracy(self, data):
        return sum(int(np.argmax(self.feedforward(x)) == y) for x, y in data)

    def total_cost(self, data, lmbda):
        cost = 0.0
        for x, y in data:
            a, y = self.feedforward(x), vectorized(y)
            cost += np.sum(np.nan_to_num(-y * np.log(a) - (1 - y) * np.log(1 - a))) / len(data)
        return cost + 0.5 * (lmbda / len(data)) * sum(np.linalg.norm(w) ** 2 for w in self.weights)


class BatchedNetwork(Network):
    """The same algorithm with each mini-batch, and each scored set, as one matrix (the columns are
    samples): the vectorized numpy a speed comparison should face. Equal to Network up to rounding."""

    def update_mini_batch(self, mini_batch, eta, lmbda, n):
        x = np.hstack([x for x, _ in mini_batch])
        y = np.zeros((self.sizes[-1], len(mini_batch)))
        y[[label for _, label in mini_batch], np.arange(len(mini_batch))] = 1.0
        activations, zs = [x], []
        for b, w in zip(self.biases, self.weights):
            zs.append(np.dot(w, activations[-1]) + b)
            activations.append(sigmoid(zs[-1]))
        delta = activations[-1] - y  # the cross-entropy cost's delta (BP1), one column per sample
        nabla_b, nabla_w = [None] * len(self.biases), [None] * len(self.weights)
        nabla_b[-1], nabla_w[-1] = delta.sum(axis=1, keepdims=True), np.dot(delta, activations[-2].T)
        for l in range(2, len(self.sizes)):
            delta = np.dot(self.weights[-l + 1].T, delta) * sigmoid_prime(zs[-l])
            nabla_b[-l], nabla_w[-l] = delta.sum(axis=1, keepdims=True), np.dot(delta, activations[-l - 1].T)
        self.weights = [(1 - eta * (lmbda / n)) * w - (eta / len(mini_batch)) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def matrices(self, data):
        """A scored set as (its images as columns, its labels), stacked on first use (in that order)."""
        stacked = self.__dict__.setdefault("_stacked", {})
        if id(data) not in stacked:
            stacked[id(data)] = (np.hstack([x for x, _ in data]), np.array([y for _, y in data]))
        return stacked[id(data)]

    def accuracy(self, data):
        x, labels = self.matrices(data)
        return int(np.sum(np.argmax(self.feedforward(x), axis=0) == labels))

    def total_cost(self, data, lmbda):
        x, labels = self.matrices(data)
        a = self.feedforward(x)
        y = np.zeros(a.shape)
        y[labels, np.arange(len(labels))] = 1.0
        cost = np.sum(np.nan_to_num(-y * np.log(a) - (1 - y) * np.log(1 - a))) / len(data)
        return cost + 0.5 * (lmbda / len(data)) * sum(np.linalg.norm(w) ** 2 for w in self.weights)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=SAMPLE, help="folder of the four IDX files (default: the bundled digits)")
    p.add_argument("--train-limit", type=int, default=1000)
    p.add_argument("--test-limit", type=int, default=0)
    p.add_argument("--sizes", default="784,30,10")
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=10)
    p.add_argument("--eta", type=float, default=0.5)
    p.add_argument("--lambda", dest="lmbda", type=float, default=0.0)
    p.add_argument("--seed", type=int, default=3)
    p.add_argument("--compare", type=Path, help="CSV of the same columns from ./submit query: print the comparison")
    p.add_argument("--batched", action="store_true",
                   help="each mini-batch and scored set as one matrix (vectorized numpy; equal up to rounding)")
    args = p.parse_args()
    train = load(args.data, "train", args.train_limit)
    test = load(args.data, "t10k", args.test_limit)
    net = (BatchedNetwork if args.batched else Network)([int(s) for s in args.sizes.split(",")],
                                                        np.random.default_rng(seed=args.seed))
    rows = []
    if not args.compare:
        print("epoch,test_accuracy,test_cost,train_accuracy,train_cost")
    for epoch in range(1, args.epochs + 1):
        net.epoch(train, args.batch_size, args.eta, args.lmbda)
        rows.append([epoch, net.accuracy(test) / len(test), float(net.total_cost(test, args.lmbda)),
                     net.accuracy(train) / len(train), float(net.total_cost(train, args.lmbda))])
        if not args.compare:
            print(",".join(map(repr, rows[-1])), flush=True)
    if args.compare:
        compare(rows, args.compare)


def compare(numpy_rows, path):
    """The side-by-side table and the largest differences: accuracies absolute, costs relative."""
    lines = [l.split(",") for l in path.read_text().split() if l and l[0].isdigit()]
    ours = {int(t[0]): [float(v) for v in t[1:5]] for t in lines}
    missing = [r[0] for r in numpy_rows if r[0] not in ours]
    if missing:
        raise SystemExit(f"error: {path} has no row for epoch {missing[0]}: compare the same number of epochs")
    print("| epoch | test acc numpy | test acc ours | test cost numpy | test cost ours"
          " | train acc numpy | train acc ours | train cost numpy | train cost ours |")
    print("|---" * 9 + "|")
    shown = numpy_rows[:5] + numpy_rows[-5:] if len(numpy_rows) > 10 else numpy_rows
    for r in shown:
        o = ours[r[0]]
        print("| %d | %.2f%% | %.2f%% | %.12f | %.12f | %.2f%% | %.2f%% | %.12f | %.12f |"
              % (r[0], 100 * r[1], 100 * o[0], r[2], o[1], 100 * r[3], 100 * o[2], r[4], o[3]))
    acc = max(max(abs(r[1] - ours[r[0]][0]), abs(r[3] - ours[r[0]][2])) for r in numpy_rows)
    cost = max(max(abs(r[2] - ours[r[0]][1]) / abs(r[2]), abs(r[4] - ours[r[0]][3]) / abs(r[4])) for r in numpy_rows)
    print(f"\nover {len(numpy_rows)} epochs: largest accuracy difference {acc:.3g}, largest relative cost difference {cost:.3g}")


if __name__ == "__main__":
    main()
