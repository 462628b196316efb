#!/bin/sh
# Golden CLI cases: each directory under tests/cases/ holds
#   args        the command line after "kafka-audit" (shell words); or
#               several, one a line, whose outputs follow one another,
#               each headed by "$ kafka-audit ARGS", and whose exit
#               statuses expect.rc lists on one line
#   stdin       optional: fed to standard input
#   cwd         optional: the subdirectory of the case to run in, one
#               line (to find a configuration file above it)
#   expect.out  the exact standard output
#   expect.err  optional: the exact standard error
#   expect.rc   the exit status
#   expect.todo optional: a known bug, in one line; the expect files then
#               hold the right output, which the program does not print
#               yet, and the case is a TAP TODO (XFAIL) until it does
# and the input files.  kafka-audit runs inside the case directory, so
# paths in the output are relative and stable.  Name the inputs in args
# rather than 'check .': a walk also audits any other file whose keys
# look like a Kafka configuration, and expect.out is full of them
# ("  acks = 1 (...)"), so the second run would differ from the first.
# Nothing there is written: with KA_GOLDEN_UPDATE=1 the expect files are rewritten instead, for a
# developer to review with git diff (except those of TODO cases, which
# are written by hand).
. "$(dirname "$0")/lib.sh"

# Every case runs on the same day, so that suppressions with until= (and
# their expiry) read the same in every run.
KAFKA_AUDIT_TODAY=2026-11-30
export KAFKA_AUDIT_TODAY

cases="$KA_TOP_SRCDIR/tests/cases"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

for dir in "$cases"/*/; do
	name=$(basename "$dir")
	[ -f "$dir/args" ] || continue
	in=/dev/null
	[ -f "$dir/stdin" ] && in="$dir/stdin"
	run=$dir
	[ -f "$dir/cwd" ] && run="$dir/$(head -n 1 "$dir/cwd")"
	if [ "$(grep -c . "$dir/args")" -le 1 ]; then
		args=$(cat "$dir/args")
		(cd "$run" && eval "set -- $args" && exec "$KAUDIT" "$@") \
		    <"$in" >"$tmp/out" 2>"$tmp/err"
		rc=$?
	else
		# Several runs, one an args line: each output is headed by
		# its command line, and expect.rc holds the statuses.
		: >"$tmp/out"
		: >"$tmp/err"
		rc=""
		while IFS= read -r args; do
			[ -n "$args" ] || continue
			echo "\$ kafka-audit $args" >>"$tmp/out"
			echo "\$ kafka-audit $args" >>"$tmp/err"
			(cd "$run" && eval "set -- $args" &&
			    exec "$KAUDIT" "$@") <"$in" >>"$tmp/out" \
			    2>>"$tmp/err"
			rc="$rc${rc:+ }$?"
		done <"$dir/args"
	fi
	todo=""
	[ -f "$dir/expect.todo" ] && todo=" # TODO $(head -n 1 "$dir/expect.todo")"
	if [ -n "$KA_GOLDEN_UPDATE" ] && [ -z "$todo" ]; then
		cp "$tmp/out" "$dir/expect.out"
		echo "$rc" >"$dir/expect.rc"
		if [ -s "$tmp/err" ] || [ -f "$dir/expect.err" ]; then
			cp "$tmp/err" "$dir/expect.err"
		fi
	fi
	bad=""
	[ "$rc" = "$(cat "$dir/expect.rc" 2>/dev/null)" ] ||
	    bad="exit status $rc, expected $(cat "$dir/expect.rc" 2>/dev/null)"
	cmp -s "$tmp/out" "$dir/expect.out" || bad="$bad${bad:+; }stdout differs"
	if [ -f "$dir/expect.err" ]; then
		cmp -s "$tmp/err" "$dir/expect.err" ||
		    bad="$bad${bad:+; }stderr differs"
	fi
	if [ -z "$bad" ]; then
		ok "$name$todo"
	else
		if [ -n "$todo" ]; then
			# A known bug: TAP counts it as XFAIL, not as a failure.
			tap_n=$((tap_n + 1))
			echo "not ok $tap_n - $name: $bad$todo"
		else
			not_ok "$name: $bad"
		fi
		diff -u "$dir/expect.out" "$tmp/out" >"$tmp/diff" 2>&1
		[ -f "$dir/expect.err" ] &&
		    diff -u "$dir/expect.err" "$tmp/err" >>"$tmp/diff" 2>&1
		diag_file "$tmp/diff"
	fi
done
tap_done
