#!/bin/sh
# No secret ever reaches the output.  The files of the golden case
# tests/cases/secrets-text/config hold passwords, JAAS configurations and
# credentials, some of them in entries that findings are about (a
# duplicate key, a would-be inline comment, a misspelled key, a key the
# audited release does not have).  Every format, with and without -v, and
# for an old release, must print none of them; nor may any expected
# output of the secrets cases hold one.
. "$(dirname "$0")/lib.sh"

cases="$KA_TOP_SRCDIR/tests/cases"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# The secret values of the files, one per line.
cat >"$tmp/secrets" <<'EOF'
scram-broker-s3cret
hunter2-keystore
k3y-pass-old
k3y-pass-2024
Tru5t-store-2024
clickstream-s3cret
typo-s3cret
al1ce-secret
typo-jaas-s3cret
typo-trust-s3cret
lrk-old-s3cret
lrk-new-s3cret
lrk-k3y-pass
EOF

# Each secret is really in the input, so the test cannot pass vacuously.
missing=$(while read -r s; do
	cat "$cases"/secrets-text/config/*.properties \
	    "$cases"/secrets-misspelled-keys/config/*.properties |
	    grep -qF -- "$s" || echo "$s"
done <"$tmp/secrets")
if [ -z "$missing" ]; then
	ok "the inputs hold every secret"
else
	not_ok "the inputs hold every secret; missing: $missing"
fi

leaks() {
	grep -oF -f "$tmp/secrets" "$1" | sort -u | tr '\n' ' '
}

for cfg in secrets-text secrets-misspelled-keys; do
for opts in "-f text" "-f compact" "-f json" "-v -f text" "-v -f json" \
    "--kafka-version 0.10.0 -f text" "--kafka-version 0.10.0 -f json" \
    "--client java -f json" "--type producer -f json" "-f sarif" \
    "-f junit" "-f github" "-f codequality" "-f junit -t info" \
    "-f text -o sarif=$tmp/o.sarif -o junit=$tmp/o.xml" \
    "-f text -o codequality=$tmp/o.json -o github=$tmp/o.txt"; do
	# shellcheck disable=SC2086
	(cd "$cases/$cfg/config" && "$KAUDIT" check $opts .) \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	cat "$tmp/out" "$tmp/err" "$tmp"/o.* >"$tmp/all" 2>/dev/null
	rm -f "$tmp"/o.*
	found=$(leaks "$tmp/all")
	what="$cfg: check $opts"
	if [ "$rc" -ge 3 ]; then
		not_ok "$what: exit status $rc"
		diag_file "$tmp/err"
	elif [ -n "$found" ]; then
		not_ok "$what leaks no secret; leaked: $found"
		grep -F -f "$tmp/secrets" "$tmp/all" >"$tmp/lines"
		diag_file "$tmp/lines"
	elif ! grep -q 'redacted' "$tmp/out" && ! echo "$opts" |
	    grep -qE 'compact|sarif|github|codequality'; then
		not_ok "$what shows redacted values"
		diag_file "$tmp/out"
	else
		ok "$what leaks no secret"
	fi
done
done

# A baseline records messages: none may hold a secret either.
(cd "$cases/secrets-text/config" && "$KAUDIT" baseline create -o - .) \
    >"$tmp/out" 2>/dev/null
found=$(leaks "$tmp/out")
if [ -z "$found" ] && grep -q '"entries"' "$tmp/out"; then
	ok "baseline create leaks no secret"
else
	not_ok "baseline create leaks no secret; leaked: $found"
fi

for f in "$KA_TOP_SRCDIR"/tests/cases/secrets-*/expect.out \
    "$KA_TOP_SRCDIR"/tests/cases/secrets-*/expect.err; do
	[ -f "$f" ] || continue
	name=${f#"$KA_TOP_SRCDIR"/tests/cases/}
	found=$(leaks "$f")
	if [ -z "$found" ]; then
		ok "$name holds no secret"
	else
		not_ok "$name holds no secret; it holds: $found"
	fi
done
tap_done
