#!/usr/bin/env python3
"""The odds that the parallel plan meets issue 22's accuracy bar by chance.

Reads the four accuracy tables of docs/scaling.md (per-seed differences, parallel - exact, in
points), prints their mean and spread, and simulates the bar -- every one of 16 entries' median
of 3 seeds at least -0.2 -- for a plan whose true mean difference is MU, the seeds' differences
drawn independently from a normal with the measured spread (they are not quite independent:
the seeds' exact runs are shared across N).

    python3 src/test/bench/accuracy-bar-odds.py [docs/scaling.md]
"""
import random
import re
import statistics
import sys

text = open(sys.argv[1] if len(sys.argv) > 1 else "docs/scaling.md").read()
section = text[text.index("## Accuracy: N workers against exact SGD"):text.index("## The alternatives measured")]
diffs = []
for line in section.splitlines():
    m = re.match(r"\| (\d+) \| [^|]+\| [^|]+\| ([^|]+)\| ([^|]+)\|", line)
    if m:
        diffs += [float(x) for x in m.group(2).split(",")]
mean, sd = statistics.mean(diffs), statistics.stdev(diffs)
print(f"{len(diffs)} per-seed differences: mean {mean:+.2f} points, standard deviation {sd:.2f}")
rng = random.Random(1)
trials = 20000
for mu in (round(mean, 2), 0.0, 0.1, 0.2, 0.3):
    met = sum(all(sorted(rng.gauss(mu, sd) for _ in range(3))[1] >= -0.2 for _ in range(16)) for _ in range(trials))
    print(f"true mean difference {mu:+.2f}: all 16 medians >= -0.2 in {100 * met / trials:.1f}% of {trials} draws")
