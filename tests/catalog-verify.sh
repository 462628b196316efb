#!/bin/sh
# The catalogue against the real thing.  Kafka: the ConfigDefs of the
# broker, topic, producer and consumer in the jars the live tests run
# (tests/kafka/DumpConfigs.java, internal keys included) must have the
# same key names and defaults as the catalogue for that release.
# librdkafka: the properties that the linked librdkafka documents, with
# the defaults rd_kafka_conf_dump() gives, against the catalogue's.
# Defaults are compared as the catalogue reads values (acks -1 is all,
# 1.0E-4 is 0.0001, lists trimmed), through tests/dump_catalog.  TAP.
#
# The Kafka half needs java, javac and the jars (mvn fetches them once);
# it skips without java, except under CI=true.  The catalogue describes
# one librdkafka release, the one its generator read (src/catalog_data.c
# names it); against another release the differences are listed as TODO,
# since they are that release's, not the catalogue's.
# By hand, from a build directory: sh ../tests/catalog-verify.sh
. "$(dirname "$0")/lib.sh"
LC_ALL=C
export LC_ALL

dump=$KA_TOP_BUILDDIR/tests/dump_catalog
work=$(mktemp -d "${TMPDIR:-/tmp}/kafka-audit-catalog.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT HUP TERM

[ -x "$dump" ] || { echo "Bail out! no $dump (make check builds it)"; exit 1; }

# fails DESCRIPTION [TODO]: not ok; with a TODO reason, TAP's expected
# failure, which does not fail the run.
fails() {
	if [ -n "${2:-}" ]; then
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - $1 # TODO $2"
	else
		not_ok "$1"
	fi
}

# compare DIALECT WHAT KNOWN GOT [TODO]: the names, then the defaults of
# the names both have, of two "dialect name default" files.
compare() {
	d=$1
	what=$2
	todo=${5:-}
	awk -F '\t' -v d="$d" '$1 == d' "$3" | sort >"$work/a"
	awk -F '\t' -v d="$d" '$1 == d' "$4" | sort >"$work/b"
	cut -f 2 "$work/a" >"$work/an"
	cut -f 2 "$work/b" >"$work/bn"
	n=$(grep -c . "$work/an")
	comm -23 "$work/an" "$work/bn" | sed "s/^/only in $what: /" \
	    >"$work/names"
	comm -13 "$work/an" "$work/bn" | sed 's/^/only in the catalogue: /' \
	    >>"$work/names"
	if [ "$n" -gt 0 ] && [ ! -s "$work/names" ]; then
		ok "$d: $what and the catalogue have the same $n keys"
	else
		fails "$d: $what and the catalogue have the same keys" "$todo"
		diag_file "$work/names"
	fi
	join -t "$(printf '\t')" -j 2 -o 0,1.3,2.3 "$work/a" "$work/b" |
	    awk -F '\t' -v w="$what" '$2 != $3 {
		printf "%s: %s %s, the catalogue %s\n", $1, w, $2, $3 }' \
	    >"$work/defaults"
	if [ "$n" -gt 0 ] && [ ! -s "$work/defaults" ]; then
		ok "$d: the same defaults"
	else
		fails "$d: the same defaults" "$todo"
		diag_file "$work/defaults"
	fi
}

# --- Kafka's ConfigDefs ------------------------------------------------------

kver=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' \
    "$KA_TOP_SRCDIR/tests/kafka/pom.xml")
"$dump" keys "$kver" >"$work/catalog" || exit 99

kafka_skip=
if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1
then
	kafka_skip="java or javac not found"
elif ! sh "$KA_TOP_SRCDIR/tests/kafka/cluster.sh" dump-configs --internal \
    >"$work/kafka.tsv" 2>"$work/err"; then
	if ! command -v mvn >/dev/null 2>&1; then
		kafka_skip="mvn not found, no Kafka jars"
	else
		diag_file "$work/err"
		echo "Bail out! cluster.sh dump-configs failed"
		exit 1
	fi
fi
if [ -n "$kafka_skip" ]; then
	if [ "${CI:-}" = true ]; then
		echo "Bail out! $kafka_skip (CI must have it)"
		exit 1
	fi
	for d in broker topic producer consumer; do
		ok "$d: Kafka $kver's keys # SKIP $kafka_skip"
		ok "$d: Kafka $kver's defaults # SKIP $kafka_skip"
	done
else
	# dialect, name, default; the default as the catalogue reads it.
	cut -f 1,2,4 "$work/kafka.tsv" | "$dump" normalize >"$work/kafka" ||
	    exit 99
	for d in broker topic producer consumer; do
		compare "$d" "Kafka $kver" "$work/kafka" "$work/catalog"
	done
fi

# --- librdkafka ---------------------------------------------------------------

linked=$("$dump" rdkafka-version) || exit 99
ours=$(sed -n 's/.*rdkafka_conf\.c at v\([0-9.]*[0-9]\).*/\1/p' \
    "$KA_TOP_SRCDIR/src/catalog_data.c" | head -n 1)
"$dump" rdkafka 2>"$work/hidden" | "$dump" normalize >"$work/rdkafka" ||
    exit 99
if [ -s "$work/hidden" ]; then
	# Accepted by rd_kafka_conf_set(), left out of CONFIGURATION.md.
	diag_file "$work/hidden"
fi
todo=
[ "$linked" = "$ours" ] ||
    todo="the catalogue describes librdkafka $ours, this is $linked"
compare librdkafka "librdkafka $linked" "$work/rdkafka" "$work/catalog" \
    "$todo"

tap_done
