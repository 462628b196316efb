#!/bin/sh
# Regenerates src/catalog_data.c and src/catalog_history.c from Kafka's own
# ConfigDefs and librdkafka's CONFIGURATION.md.  Needs Java 17, Maven (which
# fetches each release's jars from Maven Central), Python 3 and a git clone
# of librdkafka; the kafka-audit build needs none of them.
#
#   tools/catalog/gen.sh /path/to/librdkafka.git [work-dir]
#
# The release lines and the latest patch release of each, as Maven Central
# had them when the table was last generated.  Add a line here when Kafka
# releases one; "mvn ... -Dkafka.version='[4.2,4.2.99)'" resolves the
# latest patch of a line.  The Scala build is the one Maven Central has for
# that release (kafka_2.12 3.5.2 is missing there, hence 2.13).
set -eu

releases="
0.9.0.1:2.11
0.10.0.1:2.11
0.10.1.1:2.11
0.10.2.2:2.12
0.11.0.3:2.12
1.0.2:2.12
1.1.1:2.12
2.0.1:2.12
2.1.1:2.12
2.2.2:2.12
2.3.1:2.12
2.4.1:2.12
2.5.1:2.12
2.6.3:2.12
2.7.2:2.12
2.8.2:2.12
3.0.2:2.12
3.1.2:2.12
3.2.3:2.12
3.3.2:2.12
3.4.1:2.12
3.5.2:2.13
3.6.2:2.12
3.7.2:2.12
3.8.1:2.12
3.9.2:2.12
4.0.2:2.13
4.1.2:2.13
4.2.2:2.13
4.3.1:2.13
4.4.0:2.13
"

# The librdkafka release whose CONFIGURATION.md is used.
lrk_tag=${LRK_TAG:-v2.15.0}

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
lrk=${1:?usage: gen.sh /path/to/librdkafka.git [work-dir]}
work=${2:-$(mktemp -d)}
mkdir -p "$work/classes" "$work/dumps"
work=$(cd "$work" && pwd)

javac -d "$work/classes" "$here/Dump.java"
for r in $releases; do
	v=${r%%:*}
	s=${r#*:}
	out="$work/dumps/$v.tsv"
	[ -s "$out" ] && continue
	mvn -q -f "$here/pom.xml" -Dkafka.version="$v" -Dscala.binary="$s" \
	    dependency:build-classpath -Dmdep.outputFile="$work/$v.cp" >&2
	java -cp "$work/classes:$(cat "$work/$v.cp")" Dump \
	    >"$out.tmp" 2>"$work/$v.log"
	mv "$out.tmp" "$out"
	echo "gen.sh: $v: $(wc -l <"$out") keys" >&2
done

git --git-dir="$lrk" show "$lrk_tag:CONFIGURATION.md" >"$work/CONFIGURATION.md"
git --git-dir="$lrk" show "$lrk_tag:src/rdkafka_conf.c" >"$work/rdkafka_conf.c"

python3 "$here/merge.py" --dumps "$work/dumps" --lrk-tag "$lrk_tag" \
    --lrk-md "$work/CONFIGURATION.md" --lrk-conf "$work/rdkafka_conf.c" \
    --scala "$here/scala.tsv" \
    --data "$top/src/catalog_data.c" --history "$top/src/catalog_history.c"
