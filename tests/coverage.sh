#!/bin/sh
# Every rule of the default pack has a golden case, tests/cases/rule-ID/,
# whose inputs named fires* make it fire and whose inputs named quiet*
# (files or directories) do not.  The case's expect.out is the evidence:
# golden.sh holds it to what kafka-audit prints.
. "$(dirname "$0")/lib.sh"

cases="$KA_TOP_SRCDIR/tests/cases"

ids=$(sed -n 's/^[[:space:]]*- id:[[:space:]]*\([A-Z0-9]*\).*/\1/p' \
    "$KA_TOP_SRCDIR"/rules/*.yaml | sort)
for id in $ids; do
	dir="$cases/rule-$id"
	out="$dir/expect.out"
	if [ ! -f "$out" ]; then
		not_ok "$id has a golden case (tests/cases/rule-$id)"
		continue
	fi
	# Text findings start with "path:line:col: severity:" and end with
	# "[ID slug]"; JSON output is not used in rule cases.  A live
	# finding has no path: a case of several runs (golden.sh) heads
	# each run's output with its command line, which names the input.
	set -- $(awk -v id="$id" '
	    /^\$ kafka-audit / { run = / fires/ ? "fires" : / quiet/ ?
		"quiet" : ""; next }
	    index($0, " [" id " ") == 0 { next }
	    /^fires[^:]*:/ { f++; next }
	    /^quiet[^:]*:/ { q++; next }
	    run == "fires" { f++ }
	    run == "quiet" { q++ }
	    END { print f + 0, q + 0 }' "$out")
	fired=$1
	quiet=$2
	inputs=$(cd "$dir" && ls -d quiet* 2>/dev/null | wc -l)
	if [ "$fired" -eq 0 ]; then
		not_ok "$id fires on rule-$id/fires*"
	elif [ "$inputs" -eq 0 ]; then
		not_ok "$id has a quiet* input in rule-$id"
	elif [ "$quiet" -ne 0 ]; then
		not_ok "$id stays quiet on rule-$id/quiet*"
	else
		ok "$id fires on fires* and stays quiet on quiet*"
	fi
done
tap_done
