#!/bin/sh
# TLS, and a frozen broker, against a real 3-node Kafka cluster
# (tests/kafka/cluster.sh), whose up makes a throwaway CA and listeners that
# take TLS, require a client certificate, or take SASL over TLS.
#
# Over TLS, check -b must give exactly the findings and the exit status it
# gives over PLAINTEXT, whether configured with librdkafka's keys (-X, -F)
# or with Java's (--command-config: a PEM truststore; a PKCS12 or a PEM
# keystore; SASL_SSL).  A JKS or PKCS12 truststore, which librdkafka cannot
# read, is refused with exit status 2 and the way to convert it, though
# Kafka's own client takes the same file.  A CA that did not sign the
# brokers, a listener that wants a client certificate none is given for,
# and PLAINTEXT spoken to a TLS listener each end at once in one message
# and exit status 3.  No password shows, at -vv, in any format, or in a
# snapshot.
#
# A frozen broker (SIGSTOP: its sockets stay open, nothing answers) must
# not hang the audit: the node is frozen before each run, so that nothing
# hangs on a race.  Frozen while the cluster still lists it, the broker is
# met mid-audit, and only what it holds is not checked; frozen as the only
# bootstrap server, nothing is.  Either way the audit ends with exit
# status 3 within --timeout and 3 seconds, naming what it could not read.
# Thawed, the cluster is audited as before; thawed while an audit waits
# on it, it is read rather than given up on.
#
# TAP.  Skips without java, openssl or keytool (or without mvn and the
# Kafka jars), except under CI=true, as live.sh does.
# By hand, from a build directory: KAUDIT=src/kafka-audit sh ../tests/live-tls.sh
# shellcheck disable=SC2154 # live_start, in lib.sh, sets work, out and err
. "$(dirname "$0")/lib.sh"

live_start tls
for tool in openssl keytool; do
	command -v "$tool" >/dev/null 2>&1 ||
	    live_skip "$tool not found, no TLS listeners"
done

live_up
ok "a 3-node cluster is up"
for f in bootstrap-ssl bootstrap-mtls bootstrap-sasl-ssl tls/ca.pem \
    tls/client.p12 tls/truststore.jks secrets; do
	[ -s "$KA_KAFKA_DIR/$f" ] || bail "cluster.sh made no $f"
done
dir=$KA_KAFKA_DIR
ca=$dir/tls/ca.pem
plain=$(cat "$dir/bootstrap")
ssl=$(cat "$dir/bootstrap-ssl")
mtls=$(cat "$dir/bootstrap-mtls")
sasl_ssl=$(cat "$dir/bootstrap-sasl-ssl")

# A topic that loses nothing, and one with a single replica per partition
# and unclean election on: findings on topics and partitions to compare.
{
	cluster topics --create --topic durable \
	    --replica-assignment 1:2:3,2:3:1,3:1:2 \
	    --config min.insync.replicas=2 &&
	cluster topics --create --topic fragile --replica-assignment 2,3 \
	    --config unclean.leader.election.enable=true
} >"$out" 2>&1 || { diag_file "$out"; bail "could not make the topics"; }

# --- the same audit over every listener ----------------------------------

run 1 "check -b over PLAINTEXT finds what the topics lack" check -f json \
    -b "$plain"
cp "$out" "$work/plain.json"
plain_rc=$rc
if grep -q '"topic": "fragile"' "$work/plain.json" &&
    grep -q '"subject": "broker 3"' "$work/plain.json"; then
	ok "findings on topics and on each broker to compare"
else
	not_ok "findings on topics and on each broker to compare"
	diag_file "$work/plain.json"
fi

# same DESCRIPTION ARGS...: check -f json ARGS exits as over PLAINTEXT
# and prints the very same JSON.
same() {
	s_desc=$1
	shift
	run "$plain_rc" "$s_desc" check -f json "$@"
	if cmp -s "$work/plain.json" "$out"; then
		ok "and finds what PLAINTEXT finds"
	else
		not_ok "and finds what PLAINTEXT finds"
		diff "$work/plain.json" "$out" >"$work/diff"
		diag_file "$work/diff"
		diag_file "$err"
	fi
}

same "TLS with -X security.protocol=ssl -X ssl.ca.location" -b "$ssl" \
    -X security.protocol=ssl -X ssl.ca.location="$ca"
same "TLS with -F (librdkafka keys)" -b "$ssl" -F "$dir/ssl.rdkafka"
same "TLS with --command-config: a PEM truststore (Java keys)" -b "$ssl" \
    --command-config "$dir/ssl.properties"
same "client certificate: PEM certificate and encrypted key, -F" \
    -b "$mtls" -F "$dir/mtls.rdkafka"
same "client certificate: a PKCS12 keystore, --command-config" -b "$mtls" \
    --command-config "$dir/mtls.properties"
# Java's PEM keystore: the key and its chain in one file.
cat "$dir/tls/client.key" "$dir/tls/client.pem" >"$work/keystore.pem"
key_pw=$(sed -n 's/^ssl\.key\.password=//p' "$dir/mtls.rdkafka")
{
	cat "$dir/ssl.properties"
	echo "ssl.keystore.type=PEM"
	echo "ssl.keystore.location=$work/keystore.pem"
	echo "ssl.key.password=$key_pw"
} >"$work/pem-keystore.properties"
same "client certificate: a PEM keystore, --command-config" -b "$mtls" \
    --command-config "$work/pem-keystore.properties"
sed 's/^security\.protocol=.*/security.protocol=SASL_SSL/' \
    "$dir/sasl-admin.properties" >"$work/sasl-ssl.properties"
grep -v '^security\.protocol=' "$dir/ssl.properties" \
    >>"$work/sasl-ssl.properties"
same "SASL_SSL with --command-config (sasl.jaas.config, PEM truststore)" \
    -b "$sasl_ssl" --command-config "$work/sasl-ssl.properties"
same "SASL_SSL with -F and -X" -b "$sasl_ssl" -F "$dir/sasl-admin.rdkafka" \
    -X security.protocol=sasl_ssl -X ssl.ca.location="$ca"

# --- stores librdkafka cannot read ----------------------------------------

# java-mtls.properties is what a Java client has: a JKS truststore.
run 2 "a JKS truststore in --command-config exits 2" check -b "$mtls" \
    --command-config "$dir/java-mtls.properties"
expect "the message names ssl.ca.location and how to convert" \
    "^$dir/java-mtls.properties:2:1: error: ssl.truststore.location: a JKS truststore, which librdkafka cannot read; export its certificates to PEM \(keytool -exportcert -rfc\) and give the file with ssl.ca.location \[connect.unsupported\]\$" \
    "$err"
if [ "$(wc -l <"$err")" -eq 1 ]; then
	ok "and nothing else"
else
	not_ok "and nothing else"
	diag_file "$err"
fi
cluster topics --bootstrap-server "$mtls" \
    --command-config "$dir/java-mtls.properties" --list >"$out" 2>&1
expect "Kafka's own client reads the same file" '^durable$' "$out"

{
	grep -v '^ssl\.truststore' "$dir/java-mtls.properties"
	echo "ssl.truststore.type=PKCS12"
	echo "ssl.truststore.location=$dir/tls/truststore.p12"
	grep '^ssl\.truststore\.password=' "$dir/java-mtls.properties"
} >"$work/p12-truststore.properties"
run 2 "a PKCS12 truststore in --command-config exits 2" check -b "$mtls" \
    --command-config "$work/p12-truststore.properties"
expect "the message names ssl.ca.location and how to convert" \
    'ssl\.truststore\.location: librdkafka reads no PKCS12 truststore; convert it to PEM \(openssl pkcs12 -nokeys\) and give the file with ssl\.ca\.location \[connect\.unsupported\]$' \
    "$err"

# Wrong passwords: librdkafka cannot open the store or the key.
sed 's/^ssl\.keystore\.password=.*/ssl.keystore.password=wrong-keystore-pw/' \
    "$dir/mtls.properties" >"$work/wrong-keystore.properties"
run 2 "a wrong keystore password exits 2" check -b "$mtls" \
    --command-config "$work/wrong-keystore.properties"
expect "librdkafka says it cannot read the keystore" \
    'ssl\.keystore\.location PKCS#12 file.*\[connect\.rejected\]$' "$err"
run 2 "a wrong key password exits 2" check -b "$mtls" -F "$dir/mtls.rdkafka" \
    -X ssl.key.password=wrong-key-pw
expect "librdkafka says it cannot read the key" \
    'ssl\.key\.location failed.*\[connect\.rejected\]$' "$err"

# --- handshakes that fail -------------------------------------------------

# one_line DESCRIPTION ERE: ok when $err is one line that matches ERE.
one_line() {
	if [ "$(wc -l <"$err")" -eq 1 ] && grep -Eq -- "$2" "$err"; then
		ok "$1"
	else
		not_ok "$1"
		diag_file "$err"
	fi
}

# within DESCRIPTION SECONDS: ok when the last run took at most SECONDS.
within() {
	if [ "$took" -le "$2" ]; then
		ok "$1 ($took s of $2)"
	else
		not_ok "$1 ($took s of $2)"
	fi
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$work/other-ca.key" -out "$work/other-ca.pem" -days 1 \
    -subj "/CN=another CA" >"$out" 2>&1 ||
    { diag_file "$out"; bail "openssl could not make a CA"; }
run 3 "a CA that did not sign the brokers exits 3" check -b "$ssl" \
    -X security.protocol=ssl -X ssl.ca.location="$work/other-ca.pem" \
    --timeout 10
within "at once" 10
one_line "one message: the TLS handshake failed, and why" \
    "^kafka-audit: error: the TLS handshake with $ssl failed, so nothing of the cluster is checked: .*certificate verify failed.*\[live\.auth\]\$"

run 3 "no client certificate where one is required exits 3" check \
    -b "$mtls" -F "$dir/ssl.rdkafka" --timeout 10
within "within the timeout" 10
one_line "one message: the broker's TLS alert" \
    '^kafka-audit: error: .*SSL.* alert .*certificate.*\[live\.[a-z]+\]$'

run 3 "PLAINTEXT spoken to a TLS listener exits 3" check -b "$ssl" \
    --timeout 10
within "within the timeout" 10
one_line "one message that points at security.protocol" \
    '^kafka-audit: error: no broker of .* can be reached.*security\.protocol.*\[live\.connect\]$'

# --- no secret anywhere ---------------------------------------------------

# With librdkafka's debug log, in every format of check, and in a
# snapshot, over every kind of credential.
formats=$("$KAUDIT" check -f '?' 2>&1 | sed -n 's/.*expected one of //p' |
    tr -d ,)
if [ -n "$formats" ]; then
	ok "the formats are: $formats"
else
	not_ok "the formats are known"
	formats="text json"
fi
for f in $formats; do
	run "$plain_rc" "check -f $f -vv, client certificate, -F" check -vv \
	    -f "$f" -b "$mtls" -F "$dir/mtls.rdkafka" \
	    -X debug=security,broker,conf
	run "$plain_rc" "check -f $f -vv, PKCS12 keystore, --command-config" \
	    check -vv -f "$f" -b "$mtls" --command-config \
	    "$dir/mtls.properties" -X debug=security,broker,conf
done
n=$(grep -c '\[live\.log\]' "$work/all-output")
if [ "$n" -gt 0 ]; then
	ok "librdkafka's debug log is there to leak ($n lines)"
else
	not_ok "librdkafka's debug log is there to leak"
fi
run 0 "snapshot -vv, PEM keystore, --command-config" snapshot -vv \
    -b "$mtls" --command-config "$work/pem-keystore.properties" \
    -X debug=security,broker,conf -o "$work/snap-pem.json"
run 0 "snapshot -vv, SASL_SSL" snapshot -vv -b "$sasl_ssl" \
    --command-config "$work/sasl-ssl.properties" \
    -X debug=security,broker,conf -o "$work/snap-sasl.json"
run "$plain_rc" "check --snapshot -vv" check -vv --snapshot \
    "$work/snap-pem.json"
cat "$work"/*.json >>"$work/all-output"

# Each one was given, so the check cannot pass for want of them.
while read -r s; do
	cat "$dir"/node1/server.properties "$dir"/*.properties \
	    "$dir"/*.rdkafka | grep -qF -- "$s" || echo "never given: $s"
done <"$dir/secrets" >"$out"
if [ -s "$out" ]; then
	not_ok "every password of the cluster is in its files"
	diag_file "$out"
else
	ok "every password of the cluster is in its files" \
	    "($(wc -l <"$dir/secrets"))"
fi
{
	cat "$dir/secrets"
	echo wrong-keystore-pw
	echo wrong-key-pw
} >"$work/secrets"
if grep -nF -f "$work/secrets" "$work/all-output" >"$out"; then
	not_ok "no password in any output or snapshot"
	diag_file "$out"
else
	ok "no password in any output or snapshot"
fi

# --- a frozen broker ------------------------------------------------------

node3=$(sed -n 's/^node 3 plaintext \([0-9]*\) .*/127.0.0.1:\1/p' \
    "$dir/ports")
node3_ssl=$(sed -n 's/^node 3 .* ssl \([0-9]*\) .*/127.0.0.1:\1/p' \
    "$dir/ports")
if [ -z "$node3" ] || [ -z "$node3_ssl" ]; then
	bail "no ports of node 3 in $dir/ports"
fi

# Frozen, node 3 stays in the Metadata until the controller fences it,
# broker.session.timeout.ms (6 s) later: the audit starts at once, finds it
# listed, and waits for its configs until --timeout.
cluster pause-node 3 >"$out" 2>&1 || { diag_file "$out"; bail "no pause"; }
run 3 "node 3 frozen under the audit: exit 3" check -f json -b "$plain" \
    --timeout 8
within "within --timeout and 3 s" 11
one_line "one message: broker 3's configs did not come in time" \
    '^kafka-audit: error: configs of .*could not be read: _TIMED_OUT.*\(.*broker 3\) \[live\.timeout\]$'
if grep -q '"subject": "broker 1"' "$out" &&
    grep -q '"subject": "broker 2"' "$out" &&
    grep -q '"topic": "fragile"' "$out"; then
	ok "the brokers that answered and the topics are still audited"
else
	not_ok "the brokers that answered and the topics are still audited"
	diag_file "$out"
fi

run 3 "node 3 frozen, the only bootstrap server: exit 3" check \
    -b "$node3" --timeout 8
within "within --timeout and 3 s" 11
one_line "one message: no broker answered" \
    "^kafka-audit: error: no broker of $node3 answered within the 8 s timeout, so nothing of the cluster is checked \[live\.timeout\]\$"
run 3 "the same over TLS: exit 3" check -b "$node3_ssl" \
    -F "$dir/ssl.rdkafka" --timeout 8
within "within --timeout and 3 s" 11
one_line "one message: no broker answered" \
    "^kafka-audit: error: no broker of $node3_ssl answered within the 8 s timeout, so nothing of the cluster is checked \[live\.timeout\]\$"

# Thawed, node 3 is unfenced once it has caught up, leads again the
# partition of fragile that only it holds, and rejoins the ISR of the
# others.  Right after SIGCONT it may still answer Metadata from its own
# cache, as it was before the freeze: the cluster has recovered when five
# audits in a row, a second apart, find what the first one found.
cluster resume-node 3 >"$out" 2>&1 || diag_file "$out"
t0=$(date +%s)
n=0
while [ "$n" -lt 5 ]; do
	"$KAUDIT" check -f json -b "$plain" >"$out" 2>"$err"
	rc=$?
	if [ "$rc" -eq "$plain_rc" ] && cmp -s "$work/plain.json" "$out"; then
		n=$((n + 1))
	else
		n=0
	fi
	[ $(($(date +%s) - t0)) -lt "${KA_KAFKA_TIMEOUT:-120}" ] || break
	sleep 1
done
if [ "$n" -eq 5 ]; then
	ok "thawed, the cluster is audited as before ($(($(date +%s) - t0)) s)"
else
	not_ok "thawed, the cluster is audited as before (exit $rc)"
	diff "$work/plain.json" "$out" >"$work/diff"
	diag_file "$work/diff"
	diag_file "$err"
fi

# Frozen for 2 s, well within the session timeout, while an audit waits on
# its configs: thawed, it answers, and the audit ends then, complete.
cluster pause-node 3 >"$out" 2>&1 || { diag_file "$out"; bail "no pause"; }
t0=$(date +%s)
"$KAUDIT" check -f json -b "$plain" --timeout 30 >"$work/thawed.json" \
    2>"$err" &
audit=$!
sleep 2
cluster resume-node 3 >"$out" 2>&1 || diag_file "$out"
wait "$audit"
rc=$?
took=$(($(date +%s) - t0))
if [ "$rc" -eq "$plain_rc" ] && cmp -s "$work/plain.json" "$work/thawed.json"
then
	ok "thawed during the audit, node 3 is read"
else
	not_ok "thawed during the audit, node 3 is read (exit $rc)"
	diff "$work/plain.json" "$work/thawed.json" >"$work/diff"
	diag_file "$work/diff"
	diag_file "$err"
fi
within "and the audit does not wait for --timeout" 10

tap_done
