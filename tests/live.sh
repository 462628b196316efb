#!/bin/sh
# The live fetch against a real 3-node Kafka cluster (tests/kafka/cluster.sh):
# topics of known shapes made with Kafka's own tools must come back in the
# snapshot with the exact replicas, ISR and config sources; check loads the
# snapshot; an unreachable cluster, a bad password and a principal denied
# DescribeConfigs each give one clear message and exit status 3; no
# password ever shows.  TAP.  Skips without java (or without mvn and the
# Kafka jars), except under CI=true: design.md section 6, live tests never
# skip in CI.
# By hand, from a build directory: KAUDIT=src/kafka-audit sh ../tests/live.sh
# shellcheck disable=SC2154 # live_start, in lib.sh, sets work and out
. "$(dirname "$0")/lib.sh"

live_start live

# The rules must load whatever the state of the catalogue: the structural
# checks name no key.  The live rules are not what this script tests.
rules="--no-default-rules -r $KA_TOP_SRCDIR/rules/files.yaml"

live_up
ok "a 3-node cluster is up"
boot=$(cat "$KA_KAFKA_DIR/bootstrap")
sasl=$(cat "$KA_KAFKA_DIR/bootstrap-sasl")

# Known shapes: exact replica assignments, so replicas, leaders and ISR
# are known; a topic override made with kafka-configs.
{
	cluster topics --create --topic durable \
	    --replica-assignment 1:2:3,2:3:1,3:1:2 \
	    --config min.insync.replicas=2 &&
	cluster topics --create --topic single --replica-assignment 2,3 &&
	cluster topics --create --topic override --replica-assignment 3:1:2 &&
	cluster configs --alter --entity-type topics --entity-name override \
	    --add-config unclean.leader.election.enable=true,retention.ms=3600000
} >"$out" 2>&1 || { diag_file "$out"; bail "could not make the topics"; }
cluster wait-isr durable 2 3 >/dev/null 2>&1
cluster wait-isr override 0 3 >/dev/null 2>&1

# --- snapshot of the PLAINTEXT listener ------------------------------------

run 0 "snapshot of the cluster" snapshot -b "$boot" -o "$work/snap.json"
flatten "$work/snap.json" >"$work/snap.flat"
expect_lines "the snapshot is version 1, complete, with the cluster id" \
    "$work/snap.flat" \
    "/kafkaAuditSnapshot 1" "/bootstrap \"$boot\"" "/complete true" \
    "/clusterId \"$(cat "$KA_KAFKA_DIR/cluster-id")\""
expect_lines "three brokers with their racks from DescribeConfigs" \
    "$work/snap.flat" \
    "/brokers/1/rack \"rack-1\"" "/brokers/2/rack \"rack-2\"" \
    "/brokers/3/rack \"rack-3\"" \
    "/brokers/1/configs/state \"ok\"" \
    "/brokers/2/configs/entries/broker.rack/source \"static-broker\"" \
    "/brokers/3/configs/entries/broker.rack/readOnly true" \
    "/brokers/1/configs/entries/default.replication.factor/value \"3\""
expect_lines "durable: 3 partitions with the assigned replicas, leaders, ISR" \
    "$work/snap.flat" \
    "/topics/durable/internal false" \
    "/topics/durable/partitions/0/leader 1" \
    "/topics/durable/partitions/0/replicas/0 1" \
    "/topics/durable/partitions/0/replicas/1 2" \
    "/topics/durable/partitions/0/replicas/2 3" \
    "/topics/durable/partitions/1/leader 2" \
    "/topics/durable/partitions/2/leader 3" \
    "/topics/durable/partitions/2/replicas/0 3" \
    "/topics/durable/partitions/2/replicas/2 2" \
    "/topics/durable/partitions/2/error null"
if grep -q '^/topics/durable/partitions/3/' "$work/snap.flat"; then
	not_ok "durable has exactly 3 partitions"
else
	ok "durable has exactly 3 partitions"
fi
for p in 0 1 2; do
	n=$(grep -c "^/topics/durable/partitions/$p/isr/" "$work/snap.flat")
	[ "$n" -eq 3 ] || echo "durable/$p: $n in ISR" >>"$work/isr"
done
n=$(grep -c '^/topics/single/partitions/[01]/isr/0 ' "$work/snap.flat")
[ "$n" -eq 2 ] || echo "single: ISR not of one each" >>"$work/isr"
if [ -s "$work/isr" ]; then
	not_ok "every ISR holds all replicas"
	diag_file "$work/isr"
else
	ok "every ISR holds all replicas"
fi
expect_lines "single: RF 1 on brokers 2 and 3" "$work/snap.flat" \
    "/topics/single/partitions/0/replicas/0 2" \
    "/topics/single/partitions/0/isr/0 2" \
    "/topics/single/partitions/1/replicas/0 3" \
    "/topics/single/partitions/1/leader 3"
if grep -q '^/topics/single/partitions/0/replicas/1 ' "$work/snap.flat"; then
	not_ok "single has one replica per partition"
else
	ok "single has one replica per partition"
fi
expect_lines "config values and their sources" "$work/snap.flat" \
    "/topics/durable/configs/entries/min.insync.replicas/value \"2\"" \
    "/topics/durable/configs/entries/min.insync.replicas/source \"topic\"" \
    "/topics/durable/configs/entries/unclean.leader.election.enable/value \"false\"" \
    "/topics/durable/configs/entries/unclean.leader.election.enable/source \"default\"" \
    "/topics/override/configs/entries/unclean.leader.election.enable/value \"true\"" \
    "/topics/override/configs/entries/unclean.leader.election.enable/source \"topic\"" \
    "/topics/override/configs/entries/retention.ms/value \"3600000\"" \
    "/topics/override/configs/entries/retention.ms/source \"topic\"" \
    "/topics/single/configs/entries/retention.ms/source \"default\"" \
    "/topics/single/configs/entries/min.insync.replicas/value \"1\""
# Kafka 4.1 stores a cluster-wide min.insync.replicas when it activates
# eligible leader replicas (KIP-966); earlier releases report the default.
expect "a topic without an override shows where min.insync.replicas is from" \
    '^/topics/single/configs/entries/min.insync.replicas/source "(dynamic-default|default|static-broker)"$' \
    "$work/snap.flat"

run 0 "--topic and --exclude-topic select topics" snapshot -b "$boot" \
    --topic 'd*' --topic 's*' --exclude-topic single -o "$work/some.json"
flatten "$work/some.json" | grep -E '^/topics/[^/]+/name ' >"$work/names"
if [ "$(tr '\n' ' ' <"$work/names")" = '/topics/durable/name "durable" ' ]; then
	ok "only durable is selected"
else
	not_ok "only durable is selected"
	diag_file "$work/names"
fi

run 0 "snapshot to standard output" snapshot -b "$boot" --topic override \
    -o -
expect "standard output holds the snapshot" '"kafkaAuditSnapshot": 1' "$out"

# --- the snapshot, offline ---------------------------------------------------

# shellcheck disable=SC2086 # $rules is two words on purpose
run 0 "check --snapshot loads it" check $rules --snapshot "$work/snap.json"
if grep -q . "$err"; then
	not_ok "check --snapshot says nothing on standard error"
	diag_file "$err"
else
	ok "check --snapshot says nothing on standard error"
fi
# shellcheck disable=SC2086
run 0 "check -b audits the live cluster" check $rules -b "$boot" -v
expect "check -b -v says what it fetched" \
    'note: fetched 3 brokers, [0-9]+ topics and [0-9]+ partitions from .* \[live.summary\]' \
    "$err"

# --- an unreachable cluster -------------------------------------------------

# A loopback port nobody listens on: the first refused connection ends it.
closed=127.0.0.1:1
start=$(date +%s)
run 3 "snapshot of a closed port exits 3" snapshot -b "$closed" \
    --timeout 10 -o "$work/none.json"
end=$(date +%s)
if [ $((end - start)) -le 11 ]; then
	ok "and ends within the timeout ($((end - start)) s of 10)"
else
	not_ok "and ends within the timeout ($((end - start)) s of 10)"
fi
if [ "$(wc -l <"$err")" -eq 1 ] &&
    grep -q "no broker of $closed can be reached.*\[live.connect\]$" "$err"; then
	ok "one clear message names the brokers"
else
	not_ok "one clear message names the brokers"
	diag_file "$err"
fi
if [ -e "$work/none.json" ]; then
	not_ok "no snapshot is written"
else
	ok "no snapshot is written"
fi
# shellcheck disable=SC2086
run 3 "check -b of a closed port exits 3, the files are still audited" \
    check $rules -b "$closed" --timeout 5 \
    "$KA_TOP_SRCDIR/samples/producer-safe.properties"
expect "check names what it could not check" 'nothing of the cluster is checked' \
    "$err"

# --- authentication and authorisation ---------------------------------------

sed 's/restricted-secret/not-the-password/' \
    "$KA_KAFKA_DIR/sasl-restricted.rdkafka" >"$work/wrong.rdkafka"
run 3 "a wrong password exits 3" snapshot -b "$sasl" -F "$work/wrong.rdkafka" \
    -o "$work/wrong.json"
expect "authentication failure is one message" \
    'cannot authenticate to .*Authentication failed.*\[live.auth\]$' "$err"

# restricted may describe durable, but read no config.
cluster acls --add --allow-principal User:restricted --operation Describe \
    --topic durable >"$out" 2>&1 || diag_file "$out"
run 3 "restricted: DescribeConfigs denied exits 3" snapshot -b "$sasl" \
    -F "$KA_KAFKA_DIR/sasl-restricted.rdkafka" -o "$work/restricted.json"
expect "topic configs denied: one message that says what is needed" \
    '^kafka-audit: error: configs of 1 topic could not be read: TOPIC_AUTHORIZATION_FAILED.*DescribeConfigs.*\(durable\) \[live.denied\]$' \
    "$err"
expect "broker configs denied: one message" \
    '^kafka-audit: error: configs of 3 brokers could not be read: CLUSTER_AUTHORIZATION_FAILED.*\[live.denied\]$' \
    "$err"
if [ "$(wc -l <"$err")" -eq 2 ]; then
	ok "and nothing else"
else
	not_ok "and nothing else"
	diag_file "$err"
fi
flatten "$work/restricted.json" >"$work/restricted.flat"
expect_lines "the metadata was still fetched" "$work/restricted.flat" \
    "/complete false" \
    "/topics/durable/partitions/1/leader 2" \
    "/topics/durable/partitions/1/replicas/0 2" \
    "/topics/durable/configs/state \"failed\"" \
    "/brokers/1/configs/state \"failed\"" \
    "/brokers/1/rack null"
# The Java form of the same credentials, through --command-config.
run 3 "restricted through --command-config (sasl.jaas.config)" snapshot \
    -b "$sasl" --command-config "$KA_KAFKA_DIR/sasl-restricted.properties" \
    -o "$work/restricted2.json"
# The same but for the time and the controller, which KRaft picks at
# random among the live brokers for each Metadata answer.
same='^/(fetchedAt|controller) '
flatten "$work/restricted2.json" | grep -Ev "$same" >"$work/r2.flat"
grep -Ev "$same" "$work/restricted.flat" >"$work/r1.flat"
if diff "$work/r1.flat" "$work/r2.flat" >"$out"; then
	ok "and gives the same snapshot"
else
	not_ok "and gives the same snapshot"
	diag_file "$out"
fi
# shellcheck disable=SC2086
run 3 "check --snapshot of the partial snapshot exits 3 too" \
    check $rules --snapshot "$work/restricted.json"
expect "and says the snapshot is incomplete" '\[snapshot.incomplete\]$' "$err"

# The admin user sees everything, with librdkafka debugging on: the
# log goes to notes, never to stderr unasked.
run 0 "admin over SASL, librdkafka debug logs as notes" snapshot -vv \
    -b "$sasl" --command-config "$KA_KAFKA_DIR/sasl-admin.properties" \
    -X debug=security,broker,conf -o "$work/admin.json"
expect "its log lines are notes" '^kafka-audit: note: librdkafka .*\[live.log\]$' \
    "$err"
if grep -v '\[live\.\(log\|summary\)\]$' "$err" | grep -q .; then
	not_ok "nothing but notes on standard error"
	diag_file "$err"
else
	ok "nothing but notes on standard error"
fi

# --- a named cluster of the configuration file ---------------------------------

# Its bootstrap servers and Java client file, as --cluster uses them; an
# exemption that selects the cluster by name and a topic.
cat >"$work/policy.yaml" <<EOF
clusters:
  test:
    bootstrap: "$sasl"
    command-config: "$KA_KAFKA_DIR/sasl-admin.properties"
exemptions:
  - rule: topic-replication-factor-low
    cluster: test
    topic: "sing*"
    reason: a test topic of one replica
EOF
run 0 "snapshot --cluster: the servers and credentials of the configuration" \
    snapshot --config "$work/policy.yaml" --cluster test -o "$work/named.json"
flatten "$work/named.json" >"$work/named.flat"
expect_lines "and the snapshot is complete, of the SASL listener" \
    "$work/named.flat" "/complete true" "/bootstrap \"$sasl\"" \
    "/topics/single/partitions/1/replicas/0 3"
run 0 "check --cluster: the live topics, with the configuration's exemption" \
    check -t none --config "$work/policy.yaml" --cluster test \
    --show-suppressed --topic single --topic durable
expect "the topic of one replica is exempted, for its reason" \
    '^topic single: error: .*\[KA1103 topic-replication-factor-low\] \(exempted\)$' \
    "$out"
expect "and the summary counts it" '; 1 finding suppressed$' "$out"

# --- no secret anywhere -----------------------------------------------------

cat "$work"/*.json >>"$work/all-output"
if grep -n -e restricted-secret -e admin-secret -e not-the-password \
    "$work/all-output" >"$out"; then
	not_ok "no password in any output or snapshot"
	diag_file "$out"
else
	ok "no password in any output or snapshot"
fi

# --- a broker down ------------------------------------------------------------

cluster stop-node 3 >"$out" 2>&1 || diag_file "$out"
cluster wait-brokers 2 >/dev/null 2>&1
cluster wait-isr durable 0 2 >/dev/null 2>&1
run 0 "snapshot with node 3 stopped" snapshot -b "$boot" --timeout 20 \
    -o "$work/down.json"
flatten "$work/down.json" >"$work/down.flat"
expect_lines "two brokers; replicas keep node 3, the ISR drops it" \
    "$work/down.flat" "/brokers/1/id 1" "/brokers/2/id 2" \
    "/topics/durable/partitions/0/replicas/2 3"
if grep -q -e '^/brokers/3/' -e '^/topics/durable/partitions/0/isr/2 ' \
    "$work/down.flat"; then
	not_ok "node 3 is neither a broker nor in the ISR"
else
	ok "node 3 is neither a broker nor in the ISR"
fi

tap_done
