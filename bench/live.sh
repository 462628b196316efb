#!/bin/sh
# Speed of the live audit (issue 3, item 8), on a real 3-node Kafka cluster
# (tests/kafka/cluster.sh) with many partitions, against peers run in the
# same script, never as a timed test:
#   1. kafka-audit check -b against kcat -L, which fetches the metadata
#      only (target: kafka-audit within 1.5x);
#   2. against Kafka's own tools for the same topics: kafka-topics
#      --describe, then kafka-configs --describe --all for the topics and
#      for the brokers, one after the other as an operator would run them
#      (target: kafka-audit at least 20x faster);
#   3. kafka-audit's peak RSS, in all and per partition.
# Each is run RUNS times after one warm-up run; the figures are medians.
# usage: bench/live.sh [path/to/kafka-audit] [topics] [runs]
# Topics have 3 partitions and 3 replicas (so 1000 topics are 3000
# partitions and 9000 replicas).  Needs java, mvn (or the cached jars),
# python3 (for the clock), /usr/bin/time (for the peak RSS), a C compiler
# and librdkafka-dev (for bench/mktopics.c), and kcat, which it installs
# with apt-get when missing and run as root.  Environment: KA_KAFKA_HEAP
# for the brokers.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../src/kafka-audit}
ntopics=${2:-1000}
runs=${3:-5}
parts=3
export KAFKA_AUDIT_RULES_DIR="${KAFKA_AUDIT_RULES_DIR:-$here/../rules}"
: "${KA_KAFKA_HEAP:=-Xms128m -Xmx768m}"
export KA_KAFKA_HEAP

die() {
	echo "bench/live.sh: $*" >&2
	exit 1
}

[ -x "$bin" ] || die "no kafka-audit at $bin"
if ! command -v kcat >/dev/null 2>&1; then
	[ "$(id -u)" -eq 0 ] || die "kcat not found (apt-get install kcat)"
	echo "installing kcat" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat \
	    >/dev/null || die "apt-get could not install kcat"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kafka-audit-bench.XXXXXX")
KA_KAFKA_DIR=$tmp/cluster
export KA_KAFKA_DIR
cluster() {
	sh "$here/../tests/kafka/cluster.sh" "$@"
}
trap 'cluster down; rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

# shellcheck disable=SC2046 # pkg-config prints a list of flags
cc -O2 -o "$tmp/mktopics" "$here/mktopics.c" \
    $(pkg-config --cflags --libs rdkafka 2>/dev/null || echo -lrdkafka) ||
    die "cannot build bench/mktopics.c"

echo "starting a 3-node cluster (Kafka heap $KA_KAFKA_HEAP)" >&2
cluster up >&2 || die "the cluster did not come up"
boot=$(cat "$KA_KAFKA_DIR/bootstrap")
start=$(date +%s)
"$tmp/mktopics" "$boot" bench "$ntopics" "$parts" 3 min.insync.replicas=2 ||
    die "could not make the topics"
want=$((ntopics * parts))
# Every partition led and fully in sync, as each broker sees it: brokers
# apply new topics on their own schedule, seconds apart with thousands.
synced() {
	kcat -L -b "$1" -m 30 2>/dev/null |
	    grep -c 'partition [0-9]*, leader [1-3], replicas: [1-3],[1-3],[1-3], isrs: [1-3],[1-3],[1-3]$' ||
	    true
}
while :; do
	behind=
	for b in $(echo "$boot" | tr ',' ' '); do
		n=$(synced "$b")
		[ "$n" -ge "$want" ] || behind="$behind $b:$n"
	done
	[ -z "$behind" ] && break
	[ $(($(date +%s) - start)) -lt 600 ] ||
	    die "after 600 s, of $want partitions in sync:$behind"
	sleep 2
done
echo "made $ntopics topics, $want partitions, in $(($(date +%s) - start)) s" >&2

printf 'bootstrap.servers=localhost:9092\nacks=all\n' >"$tmp/producer.properties"
python3 - "$bin" "$boot" "$here/../tests/kafka/cluster.sh" "$runs" "$want" \
    "$tmp/producer.properties" "$ntopics" <<'PY'
import json, os, re, statistics, subprocess, sys, time

bin, boot, cluster, runs, nparts, file, ntopics = sys.argv[1], \
    sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), \
    sys.argv[6], int(sys.argv[7])

out = file + ".out"

def run(argv, want=(0,)):
    """Wall time of one process; its stdout in out."""
    t = time.perf_counter()
    with open(out, "wb") as o:
        rc = subprocess.run(argv, stdout=o,
                            stderr=subprocess.DEVNULL).returncode
    elapsed = time.perf_counter() - t
    if rc not in want:
        sys.exit(f"{' '.join(argv)}: exit {rc}")
    return elapsed

def peak_rss(argv):
    """Peak RSS (KiB) of one process, by /usr/bin/time: the getrusage of
    a child forked from python counts python's own pages too."""
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out + ".rss"] + argv,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return int(open(out + ".rss").read().split()[-1])

kcat = ["kcat", "-L", "-b", boot]
audit = [bin, "check", "-b", boot, "-f", "json"]
# The fixed cost: the rules and one small file, no cluster.
empty = [bin, "check", "-f", "json", file]
# Each with what its output must show of the cluster, or the run is void.
tools = [(["sh", cluster, "topics", "--describe"], "kafka-topics",
          r"^\tTopic: .*\tPartition: ", nparts),
         (["sh", cluster, "configs", "--describe", "--all",
           "--entity-type", "topics"], "kafka-configs topics",
          r"^All configs for topic ", ntopics),
         (["sh", cluster, "configs", "--describe", "--all",
           "--entity-type", "brokers"], "kafka-configs brokers",
          r"^All configs for broker ", 3)]

def check(what, pattern, n):
    got = len(re.findall(pattern, open(out).read(), re.M))
    if got != n:
        sys.exit(f"{what} listed {got}, not {n}: the cluster is not ready")

# What kafka-audit fetched, once, from its -v summary.
p = subprocess.run(audit + ["-v"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE, text=True)
summary = [l for l in p.stderr.splitlines() if "[live.summary]" in l]
print(summary[0] if summary else p.stderr.strip())

t_kcat, t_audit, t_tools, rss, rss0 = [], [], [], [], []
for i in range(runs + 1):
    k = run(kcat)
    check("kcat -L", r"^ +partition \d+, ", nparts)
    a = run(audit, want=(0, 1))
    got = json.load(open(out))["summary"]["cluster"]["partitions"]
    if got != nparts:
        sys.exit(f"kafka-audit fetched {got} partitions, not {nparts}")
    tt = []
    for c, what, pattern, n in tools:
        tt.append(run(c))
        check(what, pattern, n)
    if i == 0:
        continue                    # warm-up
    rss.append(peak_rss(audit))
    rss0.append(peak_rss(empty))
    t_kcat.append(k)
    t_audit.append(a)
    t_tools.append(sum(tt))
    print(f"run {i}: kcat -L {k:.3f} s, kafka-audit {a:.3f} s, "
          f"Kafka's tools {t_tools[-1]:.2f} s "
          f"({' + '.join(f'{x:.2f}' for x in tt)}), "
          f"kafka-audit peak RSS {rss[-1] / 1024:.1f} MiB", flush=True)

mk, ma, mt = (statistics.median(x) for x in (t_kcat, t_audit, t_tools))
peak, base = max(rss), statistics.median(rss0)
print(f"medians of {runs} runs, {nparts} partitions:")
print(f"  kcat -L                  {mk:8.3f} s")
print(f"  kafka-audit check -b     {ma:8.3f} s   {ma / mk:5.2f}x kcat -L "
      f"(target <= 1.5x)")
print(f"  kafka-topics + kafka-configs topics + brokers "
      f"{mt:8.2f} s   {mt / ma:5.1f}x kafka-audit (target >= 20x)")
print(f"  kafka-audit peak RSS     {peak / 1024:8.1f} MiB, "
      f"{peak * 1024 / nparts:,.0f} bytes per partition; "
      f"{(peak - base) * 1024 / nparts:,.0f} bytes per partition above "
      f"the {base / 1024:.1f} MiB of an audit of one file")
PY
