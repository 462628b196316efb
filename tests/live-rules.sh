#!/bin/sh
# The live rules against a real 3-node Kafka cluster (tests/kafka/cluster.sh):
# topics made with Kafka's own tools in known good and bad shapes must give
# exactly the findings expected of each shape, and none for the good one;
# with a node stopped, the partition rules must list the very partitions
# that kafka-topics --describe --under-replicated-partitions,
# --under-min-isr-partitions, --at-min-isr-partitions and
# --unavailable-partitions list; a broker changed alone, a server.properties
# that differs from its running broker, producer files against the topics,
# racks; and check --snapshot must say byte for byte what check -b says.
# TAP.  Skips without java (or without mvn and the Kafka jars), except
# under CI=true, as live.sh does.
# By hand, from a build directory: KAUDIT=src/kafka-audit sh ../tests/live-rules.sh
# shellcheck disable=SC2154 # live_start, in lib.sh, sets work and out
. "$(dirname "$0")/lib.sh"
LC_ALL=C
export LC_ALL

live_start rules

# audit NAME ARGS...: kafka-audit check -f json ARGS, the findings as
# tuples (see tuples) in $work/NAME, the JSON in $work/NAME.json, stderr in
# $work/NAME.err, the exit status in $rc.
audit() {
	a_name=$1
	shift
	"$KAUDIT" check -f json "$@" >"$work/$a_name.json" 2>"$work/$a_name.err"
	rc=$?
	tuples "$work/$a_name.json" >"$work/$a_name"
}

# One line per finding, sorted: "RULE TOPIC PARTITION" (- for a topic),
# "RULE broker N", "RULE brokers N,M,...", "RULE cluster KEY" and, for a
# file, "RULE FILE:LINE KEY" with the file's name relative to $work.
tuples() {
	flatten "$1" | awk -v work="$work/" '
	{
		split($1, a, "/")
		if (a[2] != "findings")
			next
		i = a[3]
		v = substr($0, length($1) + 2)
		if (v ~ /^".*"$/)
			v = substr(v, 2, length(v) - 2)
		if (!(i in seen)) {
			seen[i] = 1
			order[n++] = i
		}
	}
	a[4] == "ruleId" { rule[i] = v }
	a[4] == "topic" { topic[i] = v }
	a[4] == "partition" { part[i] = v }
	a[4] == "broker" { brk[i] = v }
	a[4] == "brokers" { brks[i] = brks[i] (nb[i]++ ? "," : "") v }
	a[4] == "key" { key[i] = v }
	a[4] == "subject" { subj[i] = v }
	a[4] == "location" && a[5] == "file" {
		if (index(v, work) == 1)
			v = substr(v, length(work) + 1)
		file[i] = v
	}
	a[4] == "location" && a[5] == "line" { line[i] = v }
	END {
		for (k = 0; k < n; k++) {
			i = order[k]
			if (i in topic)
				s = topic[i] " " (i in part ? part[i] : "-")
			else if (i in file)
				s = file[i] ":" line[i] " " key[i]
			else if (subj[i] == "cluster")
				s = subj[i] " " key[i]
			else if (i in brks)
				s = "brokers " brks[i]
			else
				s = "broker " brk[i]
			print rule[i], s
		}
	}' | sort
}

# The message of the one finding of RULE in JSON file $2.
message() {
	flatten "$2" | awk -v rule="\"$1\"" '
	{ split($1, a, "/") }
	a[4] == "ruleId" && $2 == rule { want = a[3] }
	a[4] == "message" && a[3] == want && want != "" {
		print substr($0, length($1) + 3, length($0) - length($1) - 3)
	}'
}

# same DESCRIPTION EXPECTED GOT: ok when the two files hold the same lines.
same() {
	sort "$2" >"$work/same.want"
	sort "$3" >"$work/same.got"
	if diff -u "$work/same.want" "$work/same.got" >"$work/same.diff"; then
		ok "$1"
	else
		not_ok "$1"
		diag_file "$work/same.diff"
	fi
}

# settle NAME WANT ARGS...: audit NAME ARGS... until its tuples are those
# of the file WANT, for up to 30 s: brokers apply a change of metadata or
# configs on their own schedule.  The comparison itself is left to same.
settle() {
	s_name=$1
	s_want=$2
	shift 2
	s_end=$(($(date +%s) + 30))
	while :; do
		audit "$s_name" "$@"
		sort "$s_want" | cmp -s - "$work/$s_name" && return 0
		[ "$(date +%s)" -lt "$s_end" ] || return 1
		sleep 1
	done
}

# quiet DESCRIPTION FILE: ok when FILE (a stderr) is empty.
quiet() {
	if [ -s "$2" ]; then
		not_ok "$1"
		diag_file "$2"
	else
		ok "$1"
	fi
}

# "TOPIC PARTITION" of each partition kafka-topics --describe --OPTION
# lists; a line "kafka-topics failed" if it failed.
kafka_topics() {
	if ! cluster topics --describe "--$1" >"$work/kt.raw" 2>"$work/kt.err"
	then
		echo "kafka-topics failed"
		return
	fi
	awk '
	{
		t = p = ""
		for (i = 1; i < NF; i++) {
			if ($i == "Topic:") t = $(i + 1)
			if ($i == "Partition:") p = $(i + 1)
		}
		if (t != "" && p != "") print t, p
	}' "$work/kt.raw" | sort
}

# agree STATE NAME: the partitions of KA4004, KA4002, KA4003 and KA4001 in
# the tuples $work/NAME are those kafka-topics lists, on the same state;
# except isr4, whose min.insync.replicas is above its replication factor:
# Kafka 3.7+ caps the minimum there and kafka-audit with it, while
# kafka-topics 4.1 compares with the setting as written.
agree() {
	for pair in KA4004:under-replicated-partitions \
	    KA4002:under-min-isr-partitions KA4003:at-min-isr-partitions \
	    KA4001:unavailable-partitions; do
		r=${pair%%:*}
		o=${pair#*:}
		kafka_topics "$o" | grep -v '^isr4 ' >"$work/kt.$o"
		awk -v r="$r" '$1 == r && $2 != "isr4" { print $2, $3 }' \
		    "$work/$2" >"$work/ka.$r"
		same "$1: $r lists what kafka-topics --$o lists" \
		    "$work/kt.$o" "$work/ka.$r"
	done
}

live_up
ok "a 3-node cluster is up, racks rack-1, rack-2, rack-3"
boot=$(cat "$KA_KAFKA_DIR/bootstrap")

# Findings of the brokers themselves, whatever the topics: Kafka 4.1 has
# min.insync.replicas=1 as its cluster-wide default (KA1002), and the
# cluster's data is under /tmp when its directory is (KA1013).
brokers_findings() {
	echo "KA1002 brokers $(echo "$@" | tr ' ' ',')"
	case $KA_KAFKA_DIR in
	/tmp/*)
		for b in "$@"; do
			echo "KA1013 broker $b"
		done
		;;
	esac
}

# expected NAME BROKER...: $work/want.NAME, the findings of those brokers
# and the lines on standard input.
expected() {
	e_name=$1
	shift
	{
		brokers_findings "$@"
		cat
	} >"$work/want.$e_name"
}

# topic NAME ASSIGNMENT [CONFIG]: kafka-topics --create.
topic() {
	cluster topics --create --topic "$1" --replica-assignment "$2" \
	    ${3:+--config "$3"} >>"$out" 2>&1 ||
	    { diag_file "$out"; bail "could not make topic $1"; }
}

# --- topics of known shapes ---------------------------------------------------

# Exact assignments, so that the partitions a stopped node takes along
# are known.  Each shape is alone in its fault.
: >"$out"
topic good 1:2:3,2:3:1,3:1:2 min.insync.replicas=2
topic rf1 3,1
topic rf2 1:2,2:3
topic isr3 1:2:3 min.insync.replicas=3
topic isr4 2:3:1 min.insync.replicas=4
topic unclean 3:1:2 min.insync.replicas=2
cluster configs --alter --entity-type topics --entity-name unclean \
    --add-config unclean.leader.election.enable=true >>"$out" 2>&1 ||
    { diag_file "$out"; bail "could not alter topic unclean"; }
topic minisr1 1:2:3 min.insync.replicas=1

expected healthy 1 2 3 <<'EOF'
KA1103 rf1 -
KA4003 rf1 0
KA4003 rf1 1
KA1103 rf2 -
KA1104 isr3 -
KA4003 isr3 0
KA1106 isr4 -
KA4003 isr4 0
KA1102 unclean -
KA1101 minisr1 -
EOF
# isr4: min.insync.replicas=4 over 3 replicas, all in sync.  Kafka 3.7+
# caps the minimum at the replication factor, so acks=all writes succeed
# (a kcat acks=all write was delivered and read back on 4.1.2) and the
# partition is at its minimum, not under it; kafka-topics 4.1 still calls
# it under min ISR.

settle healthy "$work/want.healthy" -b "$boot"
same "every shape gives its findings, the good topic none" \
    "$work/want.healthy" "$work/healthy"
if [ "$rc" -eq 1 ]; then ok "exit status 1"; else not_ok "exit status $rc, not 1"; fi
quiet "nothing on standard error" "$work/healthy.err"
agree "all nodes up" healthy

# --- check --snapshot says what check -b says -----------------------------------

printf 'bootstrap.servers=localhost:9092\nacks=all\nenable.idempotence=true\n' \
    >"$work/producer-all.properties"
printf 'bootstrap.servers=localhost:9092\nacks=1\n' \
    >"$work/producer-one.properties"
files="$work/producer-all.properties $work/producer-one.properties"

# snapshot_same STATE: a snapshot, then check of it and of the cluster,
# in json and text, must be the same bytes.
snapshot_same() {
	"$KAUDIT" snapshot -b "$boot" -o "$work/cluster.snap" 2>"$out" ||
	    diag_file "$out"
	for f in json text; do
		# shellcheck disable=SC2086 # $files is a list
		"$KAUDIT" check -f "$f" -b "$boot" $files >"$work/live.$f" 2>&1
		# shellcheck disable=SC2086
		"$KAUDIT" check -f "$f" --snapshot "$work/cluster.snap" $files \
		    >"$work/snap.$f" 2>&1
		if cmp -s "$work/live.$f" "$work/snap.$f" &&
		    grep -q 'KA4' "$work/live.$f"; then
			ok "$1: check --snapshot -f $f is check -b, byte for byte"
		else
			not_ok "$1: check --snapshot -f $f is check -b, byte for byte"
			diff "$work/live.$f" "$work/snap.$f" >"$out"
			diag_file "$out"
		fi
	done
}
snapshot_same "all nodes up"

# --- producers against the cluster's topics ---------------------------------------

# topics_of RULE NAME: the topics RULE's message in $work/NAME.json lists,
# one a line ("...: a, b and c").
topics_of() {
	message "$1" "$work/$2.json" |
	    awk '{ sub(/.*: /, ""); gsub(/, | and /, "\n"); print }' | sort
}

# shellcheck disable=SC2086 # $files is a list
audit producers -b "$boot" $files
grep '^KA210[56] ' "$work/producers" >"$work/got.cross"
cat >"$work/want.cross" <<'EOF'
KA2105 producer-all.properties:2 acks
KA2106 producer-one.properties:2 acks
EOF
same "acks=all gets KA2105, acks=1 gets KA2106, at their acks line" \
    "$work/want.cross" "$work/got.cross"
printf 'minisr1\nrf1\nrf2\n' >"$work/want.2105"
topics_of KA2105 producers >"$work/got.2105"
same "KA2105 lists the topics with min.insync.replicas=1" \
    "$work/want.2105" "$work/got.2105"
printf 'good\nisr3\nisr4\nunclean\n' >"$work/want.2106"
topics_of KA2106 producers >"$work/got.2106"
same "KA2106 lists the topics with min.insync.replicas of 2 or more" \
    "$work/want.2106" "$work/got.2106"

# --- brokers that disagree ---------------------------------------------------------

# unclean.leader.election.enable can be set for one broker at run time.
cluster configs --alter --entity-type brokers --entity-name 2 \
    --add-config unclean.leader.election.enable=true >"$out" 2>&1 ||
    diag_file "$out"
{
	cat "$work/want.healthy"
	echo "KA4201 cluster unclean.leader.election.enable"
	echo "KA1006 broker 2"
} >"$work/want.disagree"
settle disagree "$work/want.disagree" -b "$boot"
same "broker 2 alone with unclean.leader.election.enable=true: KA4201, KA1006" \
    "$work/want.disagree" "$work/disagree"
message KA4201 "$work/disagree.json" >"$work/msg"
expect "KA4201 names the key, the values and the brokers" \
    '^unclean\.leader\.election\.enable differs between brokers: false on brokers 1, 3; true on broker 2$' \
    "$work/msg"

# --- a broker file against its running broker -----------------------------------

mkdir -p "$work/node1" "$work/node1x" "$work/node2x"
cp "$KA_KAFKA_DIR/node1/server.properties" "$work/node1/server.properties"
audit same -b "$boot" "$work/node1/server.properties"
grep '^KA4202 ' "$work/same" >"$work/got.same"
same "node 1's own server.properties: no drift" /dev/null "$work/got.same"

# The file of node 1, with num.partitions 3 where node 1 runs with 1.
sed 's/^num\.partitions=1$/num.partitions=3/' \
    "$KA_KAFKA_DIR/node1/server.properties" >"$work/node1x/server.properties"
n=$(grep -n '^num\.partitions=3$' "$work/node1x/server.properties" | cut -d: -f1)
audit drift -b "$boot" "$work/node1x/server.properties"
grep '^KA4202 ' "$work/drift" >"$work/got.drift"
echo "KA4202 node1x/server.properties:${n:-?} num.partitions" >"$work/want.drift"
same "num.partitions=3 for node 1 running with 1: KA4202 at its line" \
    "$work/want.drift" "$work/got.drift"
message KA4202 "$work/drift.json" >"$work/msg"
expect "KA4202 says what broker 1 runs with, and where that is from" \
    '^num\.partitions=3 in this file, but broker 1 runs with 1 \(server\.properties of broker 1\)$' \
    "$work/msg"

# Node 2's file says false, its dynamic config true.
{
	cat "$KA_KAFKA_DIR/node2/server.properties"
	echo "unclean.leader.election.enable=false"
} >"$work/node2x/server.properties"
n=$(grep -c '' "$work/node2x/server.properties")
audit drift2 -b "$boot" "$work/node2x/server.properties"
grep '^KA4202 ' "$work/drift2" >"$work/got.drift2"
echo "KA4202 node2x/server.properties:$n unclean.leader.election.enable" \
    >"$work/want.drift2"
same "a dynamic config over node 2's file: KA4202 at its line" \
    "$work/want.drift2" "$work/got.drift2"
message KA4202 "$work/drift2.json" >"$work/msg"
expect "KA4202 says the value is broker 2's dynamic config" \
    '^unclean\.leader\.election\.enable=false in this file, but broker 2 runs with true \(dynamic config of broker 2\)$' \
    "$work/msg"

cluster configs --alter --entity-type brokers --entity-name 2 \
    --delete-config unclean.leader.election.enable >"$out" 2>&1 ||
    diag_file "$out"
settle agreed "$work/want.healthy" -b "$boot"
same "the dynamic config deleted: the brokers agree again" \
    "$work/want.healthy" "$work/agreed"

# --- node 3 stopped ------------------------------------------------------------------

# A controlled shutdown takes node 3 out of every ISR at once; rf1-0 has
# no other replica, so it has no leader.  Kafka 4.1's eligible leader
# replicas (KIP-966) leave that ISR empty rather than holding node 3.
cluster stop-node 3 >"$out" 2>&1 || diag_file "$out"
cluster wait-brokers 2 >"$out" 2>&1 || diag_file "$out"
expected down 1 2 <<'EOF'
KA4003 good 0
KA4004 good 0
KA4003 good 1
KA4004 good 1
KA4003 good 2
KA4004 good 2
KA1103 rf1 -
KA4001 rf1 0
KA4002 rf1 0
KA4004 rf1 0
KA4003 rf1 1
KA1103 rf2 -
KA4003 rf2 1
KA4004 rf2 1
KA1104 isr3 -
KA4002 isr3 0
KA4004 isr3 0
KA1106 isr4 -
KA4002 isr4 0
KA4004 isr4 0
KA1102 unclean -
KA4003 unclean 0
KA4004 unclean 0
KA1101 minisr1 -
KA4004 minisr1 0
EOF
settle down "$work/want.down" -b "$boot"
same "node 3 stopped: under-replicated, under and at min ISR, unavailable" \
    "$work/want.down" "$work/down"
quiet "nothing on standard error" "$work/down.err"
agree "node 3 stopped" down
snapshot_same "node 3 stopped"

cluster down >"$out" 2>&1 || diag_file "$out"

# --- racks ---------------------------------------------------------------------------

# Nodes 1 and 2 in rack a, node 3 in rack b.
KA_KAFKA_RACKS="a a b" cluster up >"$out" 2>&1 ||
    { diag_file "$out"; bail "the cluster with racks a a b did not come up"; }
ok "a 3-node cluster is up, racks a, a, b"
boot=$(cat "$KA_KAFKA_DIR/bootstrap")
: >"$out"
topic onerack 1:2,2:1
topic tworacks 1:3
topic spread 1:2:3 min.insync.replicas=2
topic spread1 3:2:1 min.insync.replicas=1
expected racks 1 2 3 <<'EOF'
KA1103 onerack -
KA4101 onerack 0
KA4101 onerack 1
KA1103 tworacks -
KA4102 spread 0
KA1101 spread1 -
EOF
# spread1: losing rack a leaves 1 replica, which min.insync.replicas=1
# allows; tworacks: one replica in each rack.
settle racks "$work/want.racks" -b "$boot"
same "racks: all replicas in rack a, and a rack whose loss leaves too few" \
    "$work/want.racks" "$work/racks"
quiet "nothing on standard error" "$work/racks.err"

tap_done
