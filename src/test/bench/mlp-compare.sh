#!/usr/bin/env bash
# Issue 14 item 8: Spark's MultilayerPerceptronClassifier (l-bfgs, its defaults) against NetworkClassifier
# (the book's m=10, eta 0.5, lambda 5) on 60,000 shifted bundled digits, tested on 10,000, on local[2].
# Usage: src/test/bench/mlp-compare.sh HIDDEN [EPOCHS]   e.g. 30 30, or 100 30 (one network size per run)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
hidden="${1:?give the hidden layer size, e.g. 30}"
epochs="${2:-30}"
data="${MLP_DATA:-/tmp/nndl-shifted-digits}"
if [ ! -f "$data/train-images-idx3-ubyte" ]; then
  mkdir -p "$data"
  python3 "$HERE/src/test/bench/shifted-digits.py" "$HERE/src/main/resources/org/nndl/data/sample" "$data"
fi
exec "$HERE/submit" --master 'local[2]' bench --mlp "$data" --mlp-hidden "$hidden" --mlp-epochs "$epochs" \
  --out "mlp-compare-$hidden.csv"
