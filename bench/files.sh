#!/bin/sh
# Speed of the file audit (issue 2, item 10), measured against cat of the
# same files in the same run, never as a timed test:
#   1. 10,000 generated configs audited in one run: files per second;
#   2. the median wall time of auditing one file, against cat of it.
# usage: bench/files.sh [path/to/kafka-audit] [number-of-files]
# Needs python3 (for the clock).  Targets: 10,000 files in under 1 s, one
# file in under 5 ms.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../src/kafka-audit}
n=${2:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KAFKA_AUDIT_RULES_DIR="${KAFKA_AUDIT_RULES_DIR:-$here/../rules}"

awk -v n="$n" -v dir="$tmp/configs" -f "$here/gen-configs.awk"
one=$(find "$tmp/configs" -name 'orders-producer-*.properties' | head -1)
echo "generated $n files, $(du -sh "$tmp/configs" | cut -f1), in $tmp/configs"

python3 - "$bin" "$tmp/configs" "$one" "$n" <<'PY'
import os, resource, statistics, subprocess, sys, time

bin, configs, one, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def run(argv):
    t = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, p.returncode

# Warm the page cache, then take the best of three for the whole tree.
files = [os.path.join(d, f) for d, _, fs in os.walk(configs) for f in fs]
run(["cat"] + files)
audit = min(run([bin, "check", "-f", "compact", configs])[0] for _ in range(3))
rc = run([bin, "check", "-f", "compact", configs])[1]
cat = min(run(["cat"] + files)[0] for _ in range(3))
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"all {n} files: kafka-audit {audit:.3f} s ({n / audit:,.0f} files/s, exit {rc}); "
      f"cat {cat:.3f} s; ratio {audit / cat:.1f}x; peak RSS {rss / 1024:.1f} MiB")

one_audit = [run([bin, "check", "-f", "compact", one])[0] for _ in range(201)]
one_cat = [run(["cat", one])[0] for _ in range(201)]
ma, mc = statistics.median(one_audit), statistics.median(one_cat)
print(f"one file: kafka-audit median {ma * 1000:.2f} ms; cat median {mc * 1000:.2f} ms; "
      f"ratio {ma / mc:.1f}x")
PY
