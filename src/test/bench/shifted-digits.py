# Writes a 60,000-image training set and a 10,000-image test set of 28x28 digits as raw MNIST files:
# the bundled digits with one-pixel shifts, as bench/ShiftedDigits builds the bench's set.
# Usage: python3 src/test/bench/shifted-digits.py src/main/resources/org/nndl/data/sample OUT_DIR
import gzip, numpy as np, sys, os
src = sys.argv[1]; out = sys.argv[2]
def rd(name):
    return gzip.open(os.path.join(src, name)).read()
def images(b):
    n, r, c = np.frombuffer(b[4:16], '>i4'); return np.frombuffer(b[16:], np.uint8).reshape(n, r, c)
def labels(b): return np.frombuffer(b[8:], np.uint8)
shifts = [(0,0),(1,0),(-1,0),(0,1),(0,-1),(1,1),(-1,-1),(1,-1),(-1,1)]
def expand(x, y, size):
    n = len(x); X = np.zeros((size,) + x.shape[1:], np.uint8); Y = np.zeros(size, np.uint8)
    for i in range(size):
        s = i % n; dx, dy = shifts[(i // n) % 9]
        img = np.zeros_like(x[s]); r, c = x.shape[1:]
        ys = slice(max(dy,0), r+min(dy,0)); xs = slice(max(dx,0), c+min(dx,0))
        yd = slice(max(-dy,0), r+min(-dy,0)); xd = slice(max(-dx,0), c+min(-dx,0))
        img[ys, xs] = x[s][yd, xd]; X[i] = img; Y[i] = y[s]
    return X, Y
def write(prefix, X, Y):
    n, r, c = X.shape
    open(os.path.join(out, prefix + '-images-idx3-ubyte'), 'wb').write(np.array([2051, n, r, c], '>i4').tobytes() + X.tobytes())
    open(os.path.join(out, prefix + '-labels-idx1-ubyte'), 'wb').write(np.array([2049, n], '>i4').tobytes() + Y.tobytes())
tx, ty = images(rd('train-images-idx3-ubyte.gz')), labels(rd('train-labels-idx1-ubyte.gz'))
vx, vy = images(rd('t10k-images-idx3-ubyte.gz')), labels(rd('t10k-labels-idx1-ubyte.gz'))
write('train', *expand(tx, ty, 60000)); write('t10k', *expand(vx, vy, 10000))
