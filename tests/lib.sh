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
