#!/bin/sh
# "make install" puts the binary, the rule pack and the man pages where
# the binary looks for them, and the installed binary audits with them.
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

if make -s -C "$KA_TOP_BUILDDIR" install DESTDIR="$tmp/root" \
    >"$tmp/log" 2>&1; then
	ok "make install"
else
	not_ok "make install"
	diag_file "$tmp/log"
	tap_done
	exit 1
fi
bin=$(find "$tmp/root" -type f -name kafka-audit | head -1)
rules=$(dirname "$(find "$tmp/root" -name producer.yaml | head -1)")
[ -x "$bin" ] && ok "binary installed" || not_ok "binary installed"
for f in broker.yaml cluster.yaml producer.yaml consumer.yaml files.yaml \
    self.yaml; do
	[ -f "$rules/$f" ] && ok "rules/$f installed" ||
	    not_ok "rules/$f installed"
done
case $rules in
*/share/kafka-audit/rules) ok "rules under \$(pkgdatadir)/rules" ;;
*) not_ok "rules under \$(pkgdatadir)/rules: $rules" ;;
esac
for m in man1/kafka-audit.1 man5/kafka-audit-rules.5 \
    man5/kafka-audit-config.5; do
	[ -n "$(find "$tmp/root" -path "*/$m")" ] && ok "$m installed" ||
	    not_ok "$m installed"
done
# The installed pack is the one in the source tree.
KAFKA_AUDIT_RULES_DIR=$rules "$bin" rules >"$tmp/installed" 2>&1
"$KAUDIT" rules >"$tmp/source" 2>&1
if [ -s "$tmp/installed" ] && cmp -s "$tmp/installed" "$tmp/source"; then
	ok "installed binary lists the same rules"
else
	not_ok "installed binary lists the same rules"
	diff "$tmp/source" "$tmp/installed" >"$tmp/diff" 2>&1
	diag_file "$tmp/diff"
fi
tap_done
