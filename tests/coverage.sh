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
	# "[ID slug]"; JSON output is not used in rule cases.
	fired=$(grep -c "^fires[^:]*:.* \[$id " "$out")
	quiet=$(grep -c "^quiet[^:]*:.* \[$id " "$out")
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
