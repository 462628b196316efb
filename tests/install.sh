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
bin=$(find "$tmp/root" -type f -path "*/bin/kafka-audit" | head -1)
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
# The bash completion, where bash-completion looks for it.
comp=$(find "$tmp/root" -path '*/bash-completion/completions/kafka-audit')
if [ -n "$comp" ] && cmp -s "$comp" \
    "$KA_TOP_SRCDIR/contrib/bash-completion/kafka-audit"; then
	ok "bash completion installed: ${comp#"$tmp/root"}"
else
	not_ok "bash completion installed under bash-completion/completions"
fi
# shellcheck disable=SC2016
if [ -n "$comp" ] && [ "$(KAFKA_AUDIT_RULES_DIR=$rules bash -c '. "$1"
    COMP_WORDS=("$2" explain KA1001); COMP_CWORD=2; _kafka_audit
    echo "${COMPREPLY[*]}"' sh "$comp" "$bin")" = KA1001 ]; then
	ok "installed bash completion asks the installed binary"
else
	not_ok "installed bash completion asks the installed binary"
fi
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
