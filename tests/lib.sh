# Shared helpers for the TAP shell tests; sourced, not run.
# KAUDIT, KA_TOP_SRCDIR and KA_TOP_BUILDDIR come from the test harness;
# by hand, run from a build directory: KAUDIT=src/kafka-audit tests/x.sh

: "${KA_TOP_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${KA_TOP_BUILDDIR:=$(pwd)}"
: "${KAUDIT:=$KA_TOP_BUILDDIR/src/kafka-audit}"
: "${KAFKA_AUDIT_RULES_DIR:=$KA_TOP_SRCDIR/rules}"
NO_COLOR=1
export KA_TOP_SRCDIR KA_TOP_BUILDDIR KAUDIT KAFKA_AUDIT_RULES_DIR NO_COLOR

tap_n=0
tap_failed=0

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
}

# Print a file as TAP diagnostics.
diag_file() {
	sed 's/^/# /' "$1"
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# --- checks that need a tool -------------------------------------------------

# skip_missing DESCRIPTION TOOL: a check whose TOOL is not installed is
# skipped with a message, but never under CI=true, where it fails:
# tools/setup-debian.sh installs every tool the tests use.
skip_missing() {
	if [ "${CI:-}" = true ]; then
		not_ok "$1 (CI must have $2: tools/setup-debian.sh)"
	else
		tap_n=$((tap_n + 1))
		echo "ok $tap_n - $1 # SKIP $2 not installed"
	fi
}

# find_python MODULE...: set py to the first of the python3 on PATH and
# Debian's that imports every MODULE, or to "" when neither does.
# shellcheck disable=SC2034 # py is for the scripts that source this
find_python() {
	py=""
	for p in python3 /usr/bin/python3; do
		if "$p" -c "import $(echo "$*" | tr ' ' ,)" 2>/dev/null; then
			py=$p
			return 0
		fi
	done
	return 1
}

# --- live tests (a real cluster, tests/kafka/cluster.sh) ----------------------

# Skip the script: java is absent on a user's machine.  Never under
# CI=true: design.md section 6, live tests never skip in CI.
live_skip() {
	if [ "${CI:-}" = true ]; then
		echo "Bail out! $1 (CI must have it)"
		exit 1
	fi
	echo "1..0 # SKIP $1: the live tests need a Kafka"
	exit 0
}

cluster() {
	sh "$KA_TOP_SRCDIR/tests/kafka/cluster.sh" "$@"
}

# live_start NAME: skip without java; a cluster directory and a work
# directory, removed at exit with the cluster brought down.  Sets and
# exports KA_KAFKA_DIR, sets work, out and err (scratch files in work).
live_start() {
	command -v java >/dev/null 2>&1 || live_skip "java not found"
	KA_KAFKA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kafka-audit-$1.XXXXXX") ||
	    exit 99
	export KA_KAFKA_DIR
	work=$(mktemp -d "${TMPDIR:-/tmp}/kafka-audit-$1-work.XXXXXX") ||
	    exit 99
	trap 'cluster down; rm -rf "$work"' EXIT
	trap 'exit 130' INT HUP TERM
	out=$work/out
	err=$work/err
}

# bail MESSAGE: stop the script, with the tails of the node logs.
bail() {
	echo "Bail out! $1"
	cluster logs >"$out" 2>&1
	diag_file "$out"
	exit 1
}

# run STATUS DESCRIPTION ARGS...: kafka-audit ARGS, stdout in $out and
# stderr in $err, both also added to $work/all-output for the checks that
# no secret shows; ok when it exits with STATUS.  Sets rc, and took: the
# seconds it ran.
run() {
	want=$1
	desc=$2
	shift 2
	t0=$(date +%s)
	"$KAUDIT" "$@" >"$out" 2>"$err"
	rc=$?
	took=$(($(date +%s) - t0))
	cat "$out" "$err" >>"$work/all-output"
	if [ "$rc" -eq "$want" ]; then
		ok "$desc"
	else
		not_ok "$desc (exit $rc, expected $want)"
		diag_file "$err"
	fi
}

# live_up: the Kafka jars (skip without mvn and jars), then the cluster.
live_up() {
	if ! cluster fetch >"$out" 2>&1; then
		command -v mvn >/dev/null 2>&1 ||
		    live_skip "mvn not found, no Kafka jars"
		diag_file "$out"
		bail "no Kafka jars"
	fi
	cluster up >"$out" 2>&1 ||
	    { diag_file "$out"; bail "the cluster did not come up"; }
}

# Flatten kafka-audit's indented JSON (snapshots and -f json) into
# "pointer value" lines, snapshot topics named by name and brokers by id:
# /topics/t/partitions/0/leader 1, /findings/3/ruleId "KA4003".
flatten() {
	awk '
	{
		line = $0
		sub(/^ +/, "", line)
		sub(/,$/, "", line)
		if (line == "}" || line == "]") { d--; next }
		if (d == 0) { d = 1; pfx[1] = ""; arr[1] = 0; next }
		if (match(line, /^"[^"]*": /)) {
			key = substr(line, 2, RLENGTH - 4)
			line = substr(line, RLENGTH + 1)
		} else
			key = idx[d]++
		p = pfx[d] "/" key
		if (line == "{" || line == "[") {
			d++
			pfx[d] = p
			arr[d] = line == "["
			idx[d] = 0
			next
		}
		n++
		path[n] = p
		val[n] = line
		if (p ~ /^\/topics\/[0-9]+\/name$/)
			name["/topics/" key2(p)] = substr(line, 2, length(line) - 2)
		if (p ~ /^\/brokers\/[0-9]+\/id$/)
			name["/brokers/" key2(p)] = line
	}
	function key2(s) { split(s, a, "/"); return a[3] }
	END {
		for (i = 1; i <= n; i++) {
			split(path[i], a, "/")
			k = "/" a[2] "/" a[3]
			p = path[i]
			if (k in name)
				p = "/" a[2] "/" name[k] substr(p, length(k) + 1)
			print p, val[i]
		}
	}' "$1"
}

# expect_lines DESCRIPTION FILE LINE...: ok when FILE has every LINE.
# Uses $work.
expect_lines() {
	desc=$1
	file=$2
	shift 2
	: >"$work/missing"
	for l in "$@"; do
		grep -qxF -- "$l" "$file" || echo "missing: $l" >>"$work/missing"
	done
	if [ -s "$work/missing" ]; then
		not_ok "$desc"
		diag_file "$work/missing"
	else
		ok "$desc"
	fi
}

# expect DESCRIPTION ERE FILE: ok when FILE has a line matching ERE.
expect() {
	if grep -Eq -- "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diag_file "$3"
	fi
}
