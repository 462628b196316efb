#!/bin/sh
# Smoke test of tests/kafka/cluster.sh against a real 3-node Kafka: topics
# with Kafka's own tools, a broker stopped and started again, and the
# SASL user "restricted" denied DescribeConfigs.  TAP; about 40 s on two
# cores.  Skips without java (or without mvn and a complete jar cache),
# except under CI=true: design.md section 6, live tests never skip in CI.
# By hand, from the top of the tree: sh tests/kafka/smoke.sh
: "${KA_TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$KA_TOP_SRCDIR/tests/lib.sh"

skip() {
	if [ "${CI:-}" = true ]; then
		echo "Bail out! $1 (CI must have it)"
		exit 1
	fi
	echo "1..0 # SKIP $1"
	exit 0
}

command -v java >/dev/null 2>&1 || skip "java not found"

cluster() {
	sh "$KA_TOP_SRCDIR/tests/kafka/cluster.sh" "$@"
}

out=$(mktemp) || exit 99
trap 'rm -f "$out"' EXIT
trap 'exit 130' INT HUP TERM

# check DESCRIPTION COMMAND...: ok when COMMAND exits 0, else not ok with
# its output as diagnostics.  The output stays in $out either way.
check() {
	desc=$1
	shift
	if "$@" >"$out" 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
		diag_file "$out"
	fi
}

# expect DESCRIPTION ERE: ok when $out has a line matching ERE.
expect() {
	if grep -Eq "$2" "$out"; then
		ok "$1"
	else
		not_ok "$1"
		diag_file "$out"
	fi
}

bail() {
	echo "Bail out! $1"
	cluster logs >"$out" 2>&1
	diag_file "$out"
	exit 1
}

# Maven is needed only while the jar cache is incomplete.
if ! cluster fetch >"$out" 2>&1; then
	command -v mvn >/dev/null 2>&1 || skip "mvn not found"
	diag_file "$out"
	echo "Bail out! no Kafka jars"
	exit 1
fi

KA_KAFKA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kafka-audit-smoke.XXXXXX") || exit 99
export KA_KAFKA_DIR
trap 'cluster down; rm -f "$out"' EXIT

check "up: 3 nodes registered, unfenced, in Metadata" cluster up
[ "$tap_failed" -eq 0 ] || bail "the cluster did not come up"
bootstrap=$(cat "$KA_KAFKA_DIR/bootstrap")
sasl=$(cat "$KA_KAFKA_DIR/bootstrap-sasl")
case $bootstrap,$sasl in
127.0.0.1:*,127.0.0.1:*,127.0.0.1:*,127.0.0.1:*,127.0.0.1:*,127.0.0.1:*)
	ok "bootstrap and bootstrap-sasl list 3 brokers each" ;;
*)
	not_ok "bootstrap and bootstrap-sasl list 3 brokers each"
	echo "# $bootstrap / $sasl" ;;
esac

check "create rf3 (RF 3, min.insync.replicas=2)" \
    cluster topics --create --topic rf3 --partitions 3 \
    --replication-factor 3 --config min.insync.replicas=2
check "create rf1 (RF 1)" \
    cluster topics --create --topic rf1 --partitions 1 --replication-factor 1
check "create strict (RF 3, min.insync.replicas=3)" \
    cluster topics --create --topic strict --partitions 1 \
    --replication-factor 3 --config min.insync.replicas=3

check "describe the three topics" cluster topics --describe --exclude-internal
expect "rf3 has 3 partitions, RF 3, min.insync.replicas=2" \
    '^Topic: rf3.*PartitionCount: 3.*ReplicationFactor: 3.*min\.insync\.replicas=2'
expect "rf1 has RF 1" '^Topic: rf1.*ReplicationFactor: 1'
expect "strict has RF 3, min.insync.replicas=3" \
    '^Topic: strict.*ReplicationFactor: 3.*min\.insync\.replicas=3'
expect "rf3 partition 0 has ISR of 3" \
    'Topic: rf3[[:space:]]+Partition: 0.*Isr: [123],[123],[123]([[:space:]]|$)'

check "kafka-configs sets unclean.leader.election.enable on rf3" \
    cluster configs --alter --entity-type topics --entity-name rf3 \
    --add-config unclean.leader.election.enable=true
check "kafka-configs describes rf3" \
    cluster configs --describe --entity-type topics --entity-name rf3
expect "rf3 has unclean.leader.election.enable=true as a topic config" \
    'unclean\.leader\.election\.enable=true.*DYNAMIC_TOPIC_CONFIG'

check "stop node 3 (SIGTERM, controlled shutdown)" cluster stop-node 3
check "rf3 partition 0 ISR shrinks to 2" cluster wait-isr rf3 0 2
check "Metadata lists 2 brokers" cluster wait-brokers 2
check "kafka-topics --under-replicated-partitions" \
    cluster topics --describe --under-replicated-partitions
for p in 0 1 2; do
	expect "rf3 partition $p is under-replicated" \
	    "Topic: rf3[[:space:]]+Partition: ${p}[[:space:]]"
done
expect "strict is under-replicated" 'Topic: strict[[:space:]]+Partition: 0[[:space:]]'
check "kafka-topics --under-min-isr-partitions" \
    cluster topics --describe --under-min-isr-partitions
expect "strict is under min ISR" 'Topic: strict[[:space:]]+Partition: 0[[:space:]]'
if grep -q 'Topic: rf3' "$out"; then
	not_ok "rf3 (ISR 2, min ISR 2) is not under min ISR"
	diag_file "$out"
else
	ok "rf3 (ISR 2, min ISR 2) is not under min ISR"
fi

check "start node 3 again" cluster start-node 3
for p in 0 1 2; do
	check "rf3 partition $p ISR back to 3" cluster wait-isr rf3 "$p" 3
done
check "strict ISR back to 3" cluster wait-isr strict 0 3
check "kafka-topics --under-replicated-partitions after the restart" \
    cluster topics --describe --under-replicated-partitions
if [ -s "$out" ]; then
	not_ok "no partition is under-replicated"
	diag_file "$out"
else
	ok "no partition is under-replicated"
fi

# Authorization: admin and PLAINTEXT are super users; restricted has only
# the ACLs granted here.  kafka-configs lists topics before it describes
# them, so without Describe on the topic restricted would only be told
# the topic does not exist (exit 0) and no DescribeConfigs would be sent.
check "grant restricted Describe (not DescribeConfigs) on rf3" \
    cluster acls --add --allow-principal User:restricted \
    --operation Describe --topic rf3
check "grant restricted Describe and DescribeConfigs on rf1" \
    cluster acls --add --allow-principal User:restricted \
    --operation Describe --operation DescribeConfigs --topic rf1
asuser() {
	u=$1
	shift
	cluster configs --bootstrap-server "$sasl" \
	    --command-config "$KA_KAFKA_DIR/sasl-$u.properties" "$@"
}
if asuser restricted --describe --entity-type topics --entity-name rf3 \
    >"$out" 2>&1; then
	not_ok "restricted is denied DescribeConfigs on rf3"
	diag_file "$out"
else
	expect "restricted is denied DescribeConfigs on rf3" \
	    'TopicAuthorizationException'
fi
if asuser restricted --describe --entity-type brokers --entity-name 1 \
    >"$out" 2>&1; then
	not_ok "restricted is denied DescribeConfigs on broker 1"
	diag_file "$out"
else
	expect "restricted is denied DescribeConfigs on broker 1" \
	    'ClusterAuthorizationException'
fi
check "restricted may describe rf1, where it has DescribeConfigs" \
    asuser restricted --describe --entity-type topics --entity-name rf1
expect "restricted sees rf1's configs" '^Dynamic configs for topic rf1 are:'
check "admin (SASL, super user) describes rf3" \
    asuser admin --describe --entity-type topics --entity-name rf3
expect "admin sees rf3's unclean.leader.election.enable" \
    'unclean\.leader\.election\.enable=true'

if [ "$tap_failed" -ne 0 ]; then
	cluster logs >"$out" 2>&1
	diag_file "$out"
fi
pids=$(cat "$KA_KAFKA_DIR"/node*/pid 2>/dev/null)
check "down" cluster down
alive=
for p in $pids; do
	# A zombie has exited; some inits are slow to reap it.
	kill -0 "$p" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' "/proc/$p/stat" \
	    2>/dev/null && alive="$alive $p"
done
if [ -z "$alive" ] && [ ! -e "$KA_KAFKA_DIR" ]; then
	ok "down left no process and no directory"
else
	not_ok "down left no process and no directory"
	echo "# alive:${alive:- none}; $(ls -d "$KA_KAFKA_DIR" 2>/dev/null)"
fi

tap_done
