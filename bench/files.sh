#!/bin/sh
# Speed of the file audit (issue 2, item 10), measured against cat of the
# same files in the same run, never as a timed test:
#   1. N generated configs (10,000 by default) audited in one run, with
#      -f compact and with -f json: files per second, the ratio to cat of
#      all of them, and the peak RSS of the audit;
#   2. the same audit as text, alone and with -o sarif=... -o junit=...
#      besides (issue 4, item 7: within 1.3 times the text-only run),
#      in wall time and in CPU time (the reports of -o are written by
#      threads of their own);
#   3. the median wall time of auditing one file, against cat of it.
# usage: bench/files.sh [kafka-audit | build-directory] [number-of-files]
# Without a first argument the newest of src/kafka-audit in the source
# tree and in its usual build directories (_b, _build*, build*) is used,
# else kafka-audit from PATH.  Needs python3 (for the clock and the RSS).
# Targets on a 2-core machine: 10,000 files in under 1 s, one file in
# under 5 ms, the CI reports within 1.3x of text alone.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

find_bin() {
	newest=""
	for b in "$top/src/kafka-audit" "$top"/_b/src/kafka-audit \
	    "$top"/_build*/src/kafka-audit "$top"/build*/src/kafka-audit; do
		[ -x "$b" ] || continue
		if [ -z "$newest" ] || [ "$b" -nt "$newest" ]; then
			newest=$b
		fi
	done
	[ -n "$newest" ] || newest=$(command -v kafka-audit || :)
	echo "$newest"
}

bin=${1:-}
[ -d "$bin" ] && bin=$bin/src/kafka-audit
[ -n "$bin" ] || bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
	echo "bench/files.sh: no kafka-audit binary found${bin:+ at $bin};" \
	    "build one, or name it: bench/files.sh path/to/kafka-audit" >&2
	exit 2
fi
n=${2:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KAFKA_AUDIT_RULES_DIR="${KAFKA_AUDIT_RULES_DIR:-$top/rules}"

awk -v n="$n" -v dir="$tmp/configs" -f "$here/gen-configs.awk"
one=$(find "$tmp/configs" -name 'orders-producer-*.properties' | sort | head -1)

python3 - "$bin" "$tmp" "$one" "$n" <<'PY'
import os, statistics, subprocess, sys, time

bin, tmp, one, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
configs = os.path.join(tmp, "configs")

def run(argv, out=subprocess.DEVNULL, cpu=None):
    """Wall time, exit status and peak RSS (KiB) of one child; its CPU
    time (user and system, all its threads) appended to cpu."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if cpu is not None:
        cpu.append(ru.ru_utime + ru.ru_stime)
    return wall, p.returncode, ru.ru_maxrss

def best(argv, times=3):
    return min(run(argv)[0] for _ in range(times))

files = sorted(os.path.join(d, f) for d, _, fs in os.walk(configs) for f in fs)
size = sum(os.path.getsize(f) for f in files)
brokers = sum(1 for f in files if f.endswith("/server.properties"))
version = subprocess.run([bin, "version"], capture_output=True,
                         text=True).stdout.strip()
print(f"binary:    {bin} ({version})")
print(f"machine:   {os.cpu_count()} CPUs, load average "
      f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work "
      f"slows both kafka-audit and cat)")
print(f"rules:     {os.environ['KAFKA_AUDIT_RULES_DIR']}")
print(f"generated: {len(files):,} files ({brokers:,} brokers, "
      f"{len(files) - brokers:,} clients in {len(os.listdir(configs))} "
      f"directories), {size / 2**20:.1f} MiB")

run(["cat"] + files)            # warm the page cache
cat = best(["cat"] + files)
print()
print(f"all {len(files):,} files in one run (best of 3 wall times):")
print(f"  {'cat':<24} {cat:7.3f} s {len(files) / cat:>10,.0f} files/s")
results = {}
for fmt in ("compact", "json"):
    argv = [bin, "check", "-f", fmt, configs]
    out = os.path.join(tmp, "out." + fmt)
    with open(out, "w") as fp:
        _, rc, rss = run(argv, fp)
    wall = best(argv)
    results[fmt] = wall
    print(f"  {'kafka-audit -f ' + fmt:<24} {wall:7.3f} s "
          f"{len(files) / wall:>10,.0f} files/s {wall / cat:6.1f}x cat; "
          f"peak RSS {rss / 1024:.1f} MiB; exit {rc}; "
          f"{os.path.getsize(out) / 2**20:.1f} MiB of output")

# The CI reports besides the text one (issue 4, item 7).  Runs
# alternate, so that a change of load skews both alike.
text = [bin, "check", "-f", "text", configs]
ci = text + ["-o", "sarif=" + os.path.join(tmp, "out.sarif"),
             "-o", "junit=" + os.path.join(tmp, "out.xml")]
# The reports of -o are written by threads while the text one is: the
# CPU time (user and system, best of 5) shows what they cost in all.
tt, tc, ct, cc = [], [], [], []
for _ in range(5):
    tt.append(run(text, cpu=ct)[0])
    tc.append(run(ci, cpu=cc)[0])
t_text, t_ci = min(tt), min(tc)
print(f"  {'kafka-audit -f text':<24} {t_text:7.3f} s "
      f"{len(files) / t_text:>10,.0f} files/s {t_text / cat:6.1f}x cat; "
      f"CPU {min(ct):.3f} s")
print(f"  {'  -o sarif= -o junit=':<24} {t_ci:7.3f} s "
      f"{len(files) / t_ci:>10,.0f} files/s {t_ci / cat:6.1f}x cat; "
      f"CPU {min(cc):.3f} s; {t_ci / t_text:.2f}x text alone (best of 5 "
      f"each), {min(cc) / min(ct):.2f}x in CPU time; "
      f"SARIF {os.path.getsize(os.path.join(tmp, 'out.sarif')) / 2**20:.1f}"
      f" MiB, JUnit {os.path.getsize(os.path.join(tmp, 'out.xml')) / 2**20:.1f}"
      f" MiB")

one_audit = [run([bin, "check", "-f", "compact", one])[0] for _ in range(201)]
one_cat = [run(["cat", one])[0] for _ in range(201)]
ma, mc = statistics.median(one_audit), statistics.median(one_cat)
print()
print(f"one file, {os.path.relpath(one, configs)} (median of 201 wall times):")
print(f"  {'cat':<24} {mc * 1000:7.2f} ms")
print(f"  {'kafka-audit -f compact':<24} {ma * 1000:7.2f} ms "
      f"{ma / mc:6.1f}x cat")

print()
if len(files) == 10000:
    files_target = (f"{results['compact']:.3f} s, "
                    f"{'met' if results['compact'] < 1 else 'NOT met'}")
else:
    files_target = f"not measured: this run had {len(files):,} files"
print(f"targets:   10,000 files in under 1 s: {files_target}; "
      f"one file in under 5 ms: {ma * 1000:.2f} ms, "
      f"{'met' if ma < 0.005 else 'NOT met'}; "
      f"SARIF and JUnit within 1.3x of text: {t_ci / t_text:.2f}x, "
      f"{'met' if t_ci / t_text <= 1.3 else 'NOT met'}")
PY
