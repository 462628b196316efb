#!/bin/sh
# House rules that a machine can check (shared/reference/aesthetics-anchors.md
# section 3.11): banned calls, third-party headers outside their adapter,
# process exits outside main.c, bare allocation outside xmalloc.c.
. "$(dirname "$0")/lib.sh"

src="$KA_TOP_SRCDIR/src"
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT

check() {
	if [ -s "$tmp" ]; then
		not_ok "$1"
		diag_file "$tmp"
	else
		ok "$1"
	fi
}

grep -nE '\b(atoi|atol|atoll|sprintf|vsprintf|strcpy|strcat|strtok|gets)\s*\(' \
    "$src"/*.c "$src"/*.h | grep -vE ':[0-9]+:[[:space:]]*(/?\*)' >"$tmp"
check "no banned string and number functions"

: >"$tmp"
for pair in 'rdkafka.h:live' 'yaml.h:rules_yaml|policy_yaml|ydoc' 'jansson.h:report_json|snapshot|baseline'; do
	hdr=${pair%%:*}
	allowed=${pair#*:}
	grep -lE "#include[[:space:]]*[<\"](librdkafka/)?$hdr[>\"]" \
	    "$src"/*.c "$src"/*.h | grep -vE "/($allowed)[a-z_]*\.[ch]$" >>"$tmp"
done
check "third-party headers only in their adapter files"

grep -nE '\b(exit|_exit|err|errx|abort)\s*\(' "$src"/*.c |
    grep -vE '/(main|xmalloc)\.c:' >"$tmp"
check "only main.c and xmalloc.c end the process"

grep -nE '(^|[^x_a-z])(malloc|calloc|realloc|strdup|strndup)\s*\(' "$src"/*.c |
    grep -v '/xmalloc\.c:' >"$tmp"
check "allocation goes through xmalloc.h"

grep -nE 'typedef[[:space:]]+struct' "$src"/*.c "$src"/*.h >"$tmp"
check "no typedef'd structs"

: >"$tmp"
for f in "$src"/*.c; do
	case $(basename "$f") in main.c|xmalloc.c) continue ;; esac
	grep -nE '\b(fprintf|fputs|fputc)\s*\(\s*stderr' "$f" >>"$tmp"
done
check "only main.c writes to stderr"

# Tabs count as eight columns in style(9), hence expand.
: >"$tmp"
for f in "$src"/*.c "$src"/*.h; do
	expand "$f" | awk -v f="$f" 'length($0) > 80 {
	    print f ":" NR ": " length($0) " columns" }' >>"$tmp"
done
check "lines fit in 80 columns"

tap_done
