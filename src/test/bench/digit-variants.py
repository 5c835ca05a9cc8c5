# Writes a harder 10-class set of 28x28 digits as raw MNIST (IDX) files, made from the bundled digits:
# each training digit (8,000) and each test digit (2,000) copied COPIES times, every copy moved by a
# random transform of the variant. Test images are copies of digits the training set does not hold.
#   shifted  moved by up to 3 pixels in each direction (uniform whole pixels)
#   rotated  turned by up to 25 degrees either way about the centre (bilinear), then moved by up to 1 pixel
#   noisy    Gaussian noise of standard deviation 50 (of 255) on every pixel, clipped to 0-255,
#            and one image in two inverted (255 - x)
# Usage: python3 src/test/bench/digit-variants.py VARIANT src/main/resources/org/nndl/data/sample OUT_DIR [COPIES [SEED]]
# (COPIES 2 by default: 16,000 training and 4,000 test images; SEED 1). Needs numpy.
import gzip, os, sys
import numpy as np

variant, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
copies = int(sys.argv[4]) if len(sys.argv) > 4 else 2
rng = np.random.default_rng(int(sys.argv[5]) if len(sys.argv) > 5 else 1)


def read(name):
    return gzip.open(os.path.join(src, name)).read()


def images(b):
    n, r, c = np.frombuffer(b[4:16], '>i4')
    return np.frombuffer(b[16:], np.uint8).reshape(n, r, c).astype(np.float64)


def labels(b):
    return np.frombuffer(b[8:], np.uint8)


def sample(img, ys, xs):
    """img at real coordinates (ys, xs), bilinear, 0 outside."""
    r, c = img.shape
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    fy, fx = ys - y0, xs - x0
    out = np.zeros(ys.shape)
    for dy, wy in ((0, 1 - fy), (1, fy)):
        for dx, wx in ((0, 1 - fx), (1, fx)):
            yy, xx = y0 + dy, x0 + dx
            ok = (yy >= 0) & (yy < r) & (xx >= 0) & (xx < c)
            out[ok] += (wy * wx)[ok] * img[yy[ok], xx[ok]]
    return out


def moved(img, angle, dy, dx):
    """img turned by angle (radians) about its centre, then moved dy rows down and dx columns right."""
    r, c = img.shape
    cy, cx = (r - 1) / 2, (c - 1) / 2
    yy, xx = np.mgrid[0:r, 0:c].astype(np.float64)
    y, x = yy - dy - cy, xx - dx - cx  # where each output pixel comes from, before the turn
    cos, sin = np.cos(angle), np.sin(angle)
    return sample(img, cos * y - sin * x + cy, sin * y + cos * x + cx)


def variant_of(img):
    if variant == 'shifted':
        return moved(img, 0.0, *rng.integers(-3, 4, size=2))
    if variant == 'rotated':
        return moved(img, np.radians(rng.uniform(-25, 25)), *rng.integers(-1, 2, size=2))
    if variant == 'noisy':
        x = np.clip(img + rng.normal(0, 50, img.shape), 0, 255)
        return 255 - x if rng.random() < 0.5 else x
    sys.exit('variant ' + variant + ': use shifted, rotated or noisy')


def made(x, y):
    n = len(x)
    X = np.zeros((n * copies,) + x.shape[1:], np.uint8)
    Y = np.zeros(n * copies, np.uint8)
    for k in range(copies):
        for i in range(n):
            X[k * n + i] = np.rint(np.clip(variant_of(x[i]), 0, 255))
            Y[k * n + i] = y[i]
    order = rng.permutation(len(X))  # copies of one digit not side by side
    return X[order], Y[order]


def write(prefix, X, Y):
    n, r, c = X.shape
    with open(os.path.join(out, prefix + '-images-idx3-ubyte'), 'wb') as f:
        f.write(np.array([2051, n, r, c], '>i4').tobytes() + X.tobytes())
    with open(os.path.join(out, prefix + '-labels-idx1-ubyte'), 'wb') as f:
        f.write(np.array([2049, n], '>i4').tobytes() + Y.tobytes())


os.makedirs(out, exist_ok=True)
write('train', *made(images(read('train-images-idx3-ubyte.gz')), labels(read('train-labels-idx1-ubyte.gz'))))
write('t10k', *made(images(read('t10k-images-idx3-ubyte.gz')), labels(read('t10k-labels-idx1-ubyte.gz'))))
