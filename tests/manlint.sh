#!/bin/sh
# The manual is part of the interface: both pages lint clean, and every
# diagnostic id, every rule and every long option is documented.
. "$(dirname "$0")/lib.sh"

man="$KA_TOP_SRCDIR/man"
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
: "${MANDOC:=$(command -v mandoc)}"

if [ -z "$MANDOC" ]; then
	echo "1..0 # SKIP mandoc is not installed"
	exit 0
fi
for page in kafka-audit.1 kafka-audit-rules.5; do
	if "$MANDOC" -Tlint -Wwarning "$man/$page" >"$tmp" 2>&1; then
		ok "$page lints clean"
	else
		not_ok "$page lints clean"
		diag_file "$tmp"
	fi
done

# Diagnostic ids: from the catalogue's comments in diag.h.
sed -n 's/.*\/\* \([a-z][a-z.-]*\) \*\/.*/\1/p' "$KA_TOP_SRCDIR/src/diag.h" |
    while read -r id; do
	grep -qF "$id" "$man/kafka-audit.1" || echo "diagnostic $id"
done >"$tmp"
# Rule ids of the default pack.
sed -n 's/^[[:space:]]*- id:[[:space:]]*\([A-Z0-9]*\).*/\1/p' \
    "$KA_TOP_SRCDIR"/rules/*.yaml | while read -r id; do
	grep -qF "$id" "$man/kafka-audit.1" || echo "rule $id"
done >>"$tmp"
# Long options, as --help prints them.
"$KAUDIT" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u | while read -r o; do
	# mdoc spells --format as ".Fl \-format".
	grep -qF -- "-${o#--}" "$man/kafka-audit.1" ||
	    echo "option $o"
done >>"$tmp"
if [ -s "$tmp" ]; then
	not_ok "kafka-audit.1 documents every diagnostic, rule and option"
	diag_file "$tmp"
else
	ok "kafka-audit.1 documents every diagnostic, rule and option"
fi
tap_done
