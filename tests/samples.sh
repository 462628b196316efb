#!/bin/sh
# samples/ ships with the output kafka-audit prints for it; keep it true.
# With KA_GOLDEN_UPDATE=1 the output files are rewritten instead.
. "$(dirname "$0")/lib.sh"

samples="$KA_TOP_SRCDIR/samples"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

for fmt in text json; do
	out="$samples/check.$fmt"
	(cd "$samples" && "$KAUDIT" check -f "$fmt" .) >"$tmp/out" 2>&1
	rc=$?
	[ -n "${KA_GOLDEN_UPDATE:-}" ] && cp "$tmp/out" "$out"
	if [ "$rc" -eq 1 ] && cmp -s "$tmp/out" "$out"; then
		ok "samples/check.$fmt is what kafka-audit prints (exit 1)"
	else
		not_ok "samples/check.$fmt is what kafka-audit prints (exit $rc)"
		diff -u "$out" "$tmp/out" >"$tmp/diff" 2>&1
		diag_file "$tmp/diff"
	fi
done
tap_done
