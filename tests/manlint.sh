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
for page in kafka-audit.1 kafka-audit-rules.5 kafka-audit-config.5; do
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
# Facts, from their table in facts.c, in kafka-audit-rules(5).
sed -n 's/^[[:space:]]*{ "\([a-z.]*\)", .*KA_TYPE_.*/\1/p' \
    "$KA_TOP_SRCDIR/src/facts.c" | while read -r f; do
	grep -q "^\.It Li $f\$" "$man/kafka-audit-rules.5" || echo "fact $f"
done >>"$tmp"
if [ -s "$tmp" ]; then
	not_ok "kafka-audit.1 documents every diagnostic, rule and option"
	diag_file "$tmp"
else
	ok "kafka-audit.1 documents every diagnostic, rule and option"
fi

# Each rule's slug in the RULES section is the one the rule pack gives it.
awk '/^[[:space:]]*- id:/ { id = $3 } /^[[:space:]]*slug:/ { print id, $2 }' \
    "$KA_TOP_SRCDIR"/rules/*.yaml | sort >"$tmp.pack"
awk '/^\.It KA[0-9]+$/ { id = $2; next }
    id != "" && /^\.Cm [a-z0-9-]+ :$/ { print id, $2 } { id = "" }' \
    "$man/kafka-audit.1" | sort >"$tmp.man"
if join -v 2 "$tmp.pack" "$tmp.man" | grep -q . ||
    ! join "$tmp.pack" "$tmp.man" | awk '$2 != $3 { exit 1 }'; then
	not_ok "kafka-audit.1 gives each rule the slug of the rule pack"
	join -a 2 "$tmp.pack" "$tmp.man" | awk '$2 != $3' >"$tmp"
	diag_file "$tmp"
else
	ok "kafka-audit.1 gives each rule the slug of the rule pack"
fi
rm -f "$tmp.pack" "$tmp.man"
tap_done
