#!/bin/sh
# A real Apache Kafka cluster for the live tests: three combined
# broker+controller KRaft nodes on 127.0.0.1, run from jars that Maven
# copies out of Maven Central (tests/kafka/pom.xml).  POSIX sh.
#
#   cluster.sh fetch                  jars into $KA_KAFKA_LIB (cached)
#   cluster.sh up                     format, start 3 nodes, wait until ready
#   cluster.sh down                   stop everything, remove $KA_KAFKA_DIR
#   cluster.sh stop-node N [kill]     SIGTERM (controlled shutdown) or SIGKILL
#   cluster.sh start-node N           start node N again, wait until ready
#   cluster.sh pause-node N           SIGSTOP: node N freezes, its sockets open
#   cluster.sh resume-node N          SIGCONT
#   cluster.sh pid N                  the pid of node N's JVM
#   cluster.sh wait-isr TOPIC PART SIZE    until the ISR has SIZE replicas
#   cluster.sh wait-brokers COUNT     until Metadata lists COUNT brokers
#   cluster.sh topics|configs|acls ARGS...  kafka-topics/-configs/-acls,
#                                     --bootstrap-server preset (PLAINTEXT)
#   cluster.sh tool CLASS ARGS...     any other main class on the classpath
#   cluster.sh dump-configs           tests/kafka/DumpConfigs.java, compiled
#   cluster.sh logs [N]               tail of the node logs
#
# Environment:
#   KA_KAFKA_DIR   state of one cluster: configs, data, logs, pids, ports.
#                  Without it, up makes a temporary one, prints
#                  "KA_KAFKA_DIR=...; export KA_KAFKA_DIR" and remembers it
#                  for the other commands.  Tests should set it themselves:
#                    KA_KAFKA_DIR=$(mktemp -d); export KA_KAFKA_DIR
#                    trap 'sh tests/kafka/cluster.sh down' EXIT
#                    sh tests/kafka/cluster.sh up || exit 1
#   KA_KAFKA_LIB   the jars; default $XDG_CACHE_HOME/kafka-audit/kafka-V/lib
#   KA_KAFKA_HEAP  broker heap options (-Xms64m -Xmx512m)
#   KA_KAFKA_TIMEOUT   seconds for up, start-node and the wait-* (120)
#   KA_KAFKA_FORMAT_ARGS   more arguments to kafka-storage format, e.g.
#                  "--feature eligible.leader.replicas.version=0"
#   KA_KAFKA_RACKS the broker.rack of nodes 1, 2 and 3, read by up
#                  ("rack-1 rack-2 rack-3"); e.g. "a a b" puts two in one
#
# Files in $KA_KAFKA_DIR that tests read: bootstrap (PLAINTEXT host:port
# list), bootstrap-sasl (SASL_PLAINTEXT, PLAIN), cluster-id, and the client
# settings for the SASL users admin (super user) and restricted (no ACLs):
# sasl-admin.properties, sasl-restricted.properties (Java client keys),
# sasl-admin.rdkafka, sasl-restricted.rdkafka (librdkafka keys).
#
# TLS, when openssl and keytool are found: a CA made afresh by each up
# signs the brokers' and a client's certificates, for 127.0.0.1.
# bootstrap-ssl lists listeners that ask for no client certificate
# (User:ANONYMOUS, a super user), bootstrap-mtls ones that require one
# (User:CN=audit-client, a super user), bootstrap-sasl-ssl SASL_SSL with
# the users above.  In tls/: ca.pem (the CA, PEM), client.pem and
# client.key (the client's certificate and its key, PEM, the key
# encrypted), client.p12 (both, PKCS12), truststore.p12 and
# truststore.jks (the CA, for Java).  Client settings: ssl.rdkafka and
# mtls.rdkafka (librdkafka keys), ssl.properties (Java keys, a PEM
# truststore), mtls.properties (Java keys, PEM truststore and PKCS12
# keystore), java-mtls.properties (JKS truststore and PKCS12 keystore, as
# a Java client has them; Kafka's tools accept it, librdkafka cannot).
# secrets lists every password of these, one a line.
#
# Quiet on stdout; on failure the tail of the failing node's log goes to
# stderr.  Exit 0 on success, 1 on failure, 2 on a usage error.

set -u

ka_here=$(cd "$(dirname "$0")" && pwd)
ka_pom=$ka_here/pom.xml
KA_KVER=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ka_pom")
ka_cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kafka-audit
: "${KA_KAFKA_LIB:=$ka_cache/kafka-$KA_KVER/lib}"
: "${KA_KAFKA_HEAP:=-Xms64m -Xmx512m}"
: "${KA_KAFKA_TIMEOUT:=120}"
: "${KA_KAFKA_FORMAT_ARGS:=}"
: "${KA_KAFKA_RACKS:=rack-1 rack-2 rack-3}"
: "${JAVA:=java}"
case $JAVA in
*/*) : "${KEYTOOL:=$(dirname "$JAVA")/keytool}" ;;
*) : "${KEYTOOL:=keytool}" ;;
esac
ka_portlocks=/tmp/kafka-audit-ports
ka_last=$ka_cache/last-cluster-dir

# Small machine: one G1 worker, C1 only, few compiler threads.
ka_jvm_server="-XX:+UseG1GC -XX:ParallelGCThreads=1 -XX:ConcGCThreads=1
 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=64m
 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.awt.headless=true"
ka_jvm_tool="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
 -XX:CICompilerCount=1 -XX:-UsePerfData -Djava.awt.headless=true"

die() {
	echo "cluster.sh: $*" >&2
	exit 1
}

now() {
	date +%s
}

nap() {
	sleep 0.2 2>/dev/null || sleep 1
}

# --- jars -----------------------------------------------------------------

ka_fetch() {
	ka_want="kafka $KA_KVER pom $(cksum <"$ka_pom")"
	if [ -f "$KA_KAFKA_LIB/.complete" ] &&
	    [ "$(cat "$KA_KAFKA_LIB/.complete")" = "$ka_want" ]; then
		return 0
	fi
	command -v mvn >/dev/null 2>&1 || die "mvn not found"
	mkdir -p "$(dirname "$KA_KAFKA_LIB")" || die "cannot create $KA_KAFKA_LIB"
	ka_tmp=$KA_KAFKA_LIB.tmp.$$
	rm -rf "$ka_tmp"
	if ! mvn -q -B -Dstyle.color=never -f "$ka_pom" \
	    dependency:copy-dependencies -Dka.lib="$ka_tmp" \
	    >"$ka_tmp.log" 2>&1; then
		tail -n 40 "$ka_tmp.log" >&2
		rm -rf "$ka_tmp" "$ka_tmp.log"
		die "mvn could not copy Kafka $KA_KVER into $KA_KAFKA_LIB"
	fi
	rm -f "$ka_tmp.log"
	[ -f "$ka_tmp/kafka_2.13-$KA_KVER.jar" ] ||
	    die "mvn left no kafka_2.13-$KA_KVER.jar in $ka_tmp"
	echo "$ka_want" >"$ka_tmp/.complete"
	# Another fetch may have finished first, and its jars be in use.
	if [ "$(cat "$KA_KAFKA_LIB/.complete" 2>/dev/null)" = "$ka_want" ]; then
		rm -rf "$ka_tmp"
		return 0
	fi
	rm -rf "$KA_KAFKA_LIB"
	mv "$ka_tmp" "$KA_KAFKA_LIB" 2>/dev/null || rm -rf "$ka_tmp"
	[ -f "$KA_KAFKA_LIB/.complete" ] || die "could not fill $KA_KAFKA_LIB"
}

# java -cp for tools; $ka_dir/tools-log4j2.properties sends WARN to stderr.
kcli() {
	ka_fetch
	ka_log4j=
	if [ -n "${ka_dir:-}" ] && [ -f "$ka_dir/tools-log4j2.properties" ]; then
		ka_log4j=-Dlog4j2.configurationFile=$ka_dir/tools-log4j2.properties
	fi
	# shellcheck disable=SC2086 # word splitting of the option lists
	"$JAVA" $ka_jvm_tool ${ka_log4j:+"$ka_log4j"} -cp "$KA_KAFKA_LIB/*" "$@"
}

# --- state directory --------------------------------------------------------

# Sets ka_dir; with "create", makes a temporary one if KA_KAFKA_DIR is unset.
ka_state() {
	if [ -n "${KA_KAFKA_DIR:-}" ]; then
		ka_dir=$KA_KAFKA_DIR
	elif [ "${1:-}" = create ]; then
		ka_dir=$(mktemp -d "${TMPDIR:-/tmp}/kafka-audit-cluster.XXXXXX") ||
		    die "mktemp failed"
		mkdir -p "$ka_cache" && echo "$ka_dir" >"$ka_last"
		echo "KA_KAFKA_DIR=$ka_dir; export KA_KAFKA_DIR"
	elif [ -f "$ka_last" ]; then
		ka_dir=$(cat "$ka_last")
	else
		die "KA_KAFKA_DIR is not set and no cluster was started here"
	fi
	case $ka_dir in /*) ;; *) ka_dir=$(pwd)/$ka_dir ;; esac
	[ ! -d "$ka_dir" ] || ka_dir=$(cd "$ka_dir" && pwd)
	[ "${1:-}" = create ] || [ -f "$ka_dir/ports" ] ||
	    die "$ka_dir holds no cluster (run up first)"
}

ka_bootstrap() {
	cat "$ka_dir/bootstrap"
}

# A zombie counts as dead: some inits take a second or more to reap.
ka_alive() {
	kill -0 "$1" 2>/dev/null || return 1
	[ ! -r "/proc/$1/stat" ] ||
	    [ "$(sed 's/.*) \([A-Za-z]\).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# Pid of node N if that process is alive and is really our node.
ka_pid() {
	ka_p=$(cat "$ka_dir/node$1/pid" 2>/dev/null) || return 1
	[ -n "$ka_p" ] && ka_alive "$ka_p" || return 1
	if [ -r "/proc/$ka_p/cmdline" ]; then
		tr '\0' '\n' <"/proc/$ka_p/cmdline" |
		    grep -qxF "$ka_dir/node$1/server.properties" || return 1
	fi
	echo "$ka_p"
}

ka_tail() {
	ka_none="--- node $1 has written no log yet"
	for ka_f in "$ka_dir/node$1/server.log" "$ka_dir/node$1/stdout.log"; do
		[ -s "$ka_f" ] || continue
		# The cause is often far above the shutdown noise at the end.
		if grep -Eq '^\[[^]]*\] (ERROR|FATAL) ' "$ka_f"; then
			echo "--- first errors in $ka_f" >&2
			grep -E -A 1 '^\[[^]]*\] (ERROR|FATAL) ' "$ka_f" | head -n 6 >&2
		fi
		echo "--- tail of $ka_f" >&2
		tail -n "${2:-40}" "$ka_f" >&2
		ka_none=
	done
	[ -z "$ka_none" ] || echo "$ka_none" >&2
}

# --- ports ------------------------------------------------------------------

# Local TCP ports in use in any state, one per line, decimal.
ka_used_ports() {
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '
	    BEGIN { for (i = 0; i < 16; i++) hex[sprintf("%X", i)] = i }
	    NR > 0 && $2 ~ /:/ {
		p = substr($2, index($2, ":") + 1); v = 0
		for (i = 1; i <= length(p); i++) v = v * 16 + hex[substr(p, i, 1)]
		print v
	    }'
}

# Takes the lock of the 10 ports after base; fails if another cluster
# holds it, unless that cluster has gone without down.
ka_lock_ports() {
	ka_lock=$ka_portlocks/$1
	if ! mkdir "$ka_lock" 2>/dev/null; then
		ka_owner=$(cat "$ka_lock/dir" 2>/dev/null)
		if [ -z "$ka_owner" ] ||
		    grep -qx "base $1" "$ka_owner/ports" 2>/dev/null; then
			return 1
		fi
	fi
	echo "$ka_dir" >"$ka_lock/dir"
}

# Picks 19 free ports base+1..base+19 below the ephemeral range and holds
# the locks of base and base+10 in $ka_portlocks until down: locks are
# per 10 ports, as earlier versions of this script took them.  Sets
# ka_base.
ka_pick_ports() {
	ka_lo=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range \
	    2>/dev/null || echo 32768)
	ka_slots=$(((ka_lo - 10020) / 20))
	mkdir -p "$ka_portlocks" 2>/dev/null
	ka_used=$(ka_used_ports)
	ka_try=0
	while [ "$ka_try" -lt 50 ]; do
		ka_try=$((ka_try + 1))
		ka_r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		ka_base=$((10000 + (ka_r % ka_slots) * 20))
		ka_busy=
		ka_i=1
		while [ "$ka_i" -le 19 ]; do
			if echo "$ka_used" | grep -qx "$((ka_base + ka_i))"; then
				ka_busy=1
				break
			fi
			ka_i=$((ka_i + 1))
		done
		[ -z "$ka_busy" ] || continue
		ka_lock_ports "$ka_base" || continue
		if ! ka_lock_ports $((ka_base + 10)); then
			rm -rf "${ka_portlocks:?}/$ka_base"
			continue
		fi
		printf 'base %s\nbase %s\n' "$ka_base" $((ka_base + 10)) \
		    >"$ka_dir/ports" && return 0
	done
	die "found no free ports"
}

ka_release_ports() {
	sed -n 's/^base //p' "$ka_dir/ports" 2>/dev/null | while read -r ka_b; do
		if [ "$(cat "$ka_portlocks/$ka_b/dir" 2>/dev/null)" = "$ka_dir" ]; then
			rm -rf "${ka_portlocks:?}/$ka_b"
		fi
	done
}

# --- TLS --------------------------------------------------------------------

ka_have_tls() {
	command -v openssl >/dev/null 2>&1 &&
	    command -v "$KEYTOOL" >/dev/null 2>&1
}

# A password: the word given and 18 random hex digits.
ka_password() {
	echo "$1-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
}

ka_openssl() {
	openssl "$@" >>"$ka_t/openssl.log" 2>&1 ||
	    { cat "$ka_t/openssl.log" >&2; die "openssl $1 failed"; }
}

# Once per up: a throwaway CA, a certificate for each node and one for the
# client, all EC P-256 (quick to make), for 127.0.0.1 and localhost, valid
# 2 days; the client settings that use them.  openssl makes the PEM files
# and the PKCS12 keystores; keytool, a JVM start each, makes Java's
# truststores in the background while the nodes are formatted, and
# ka_tls_wait waits for it.  Sets ka_tls_pw (the nodes' keystores).
ka_make_tls() {
	ka_t=$ka_dir/tls
	rm -rf "$ka_t"
	mkdir -p "$ka_t" || die "cannot create $ka_t"
	ka_tls_pw=$(ka_password broker-keystore)
	ka_pw_ks=$(ka_password client-keystore)
	ka_pw_key=$(ka_password client-key)
	ka_pw_ts=$(ka_password truststore)
	cat >"$ka_t/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[peer]
basicConstraints = CA:FALSE
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
	ka_ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
	# shellcheck disable=SC2086 # $ka_ec is a list
	ka_openssl req -x509 -config "$ka_t/openssl.cnf" -extensions ca $ka_ec \
	    -keyout "$ka_t/ca.key" -out "$ka_t/ca.pem" -days 2 \
	    -subj "/CN=kafka-audit test CA"
	ka_serial=1
	for ka_c in node1 node2 node3 client; do
		ka_cn=$ka_c
		ka_p12pw=$ka_tls_pw
		if [ "$ka_c" = client ]; then
			ka_cn=audit-client
			ka_p12pw=$ka_pw_ks
		fi
		# shellcheck disable=SC2086
		ka_openssl req -new -config "$ka_t/openssl.cnf" $ka_ec \
		    -keyout "$ka_t/$ka_c.key" -out "$ka_t/$ka_c.csr" \
		    -subj "/CN=$ka_cn"
		ka_openssl x509 -req -in "$ka_t/$ka_c.csr" -CA "$ka_t/ca.pem" \
		    -CAkey "$ka_t/ca.key" -set_serial "$ka_serial" -days 2 \
		    -extfile "$ka_t/openssl.cnf" -extensions peer \
		    -out "$ka_t/$ka_c.pem"
		KA_PW=$ka_p12pw ka_openssl pkcs12 -export -passout env:KA_PW \
		    -in "$ka_t/$ka_c.pem" -inkey "$ka_t/$ka_c.key" \
		    -certfile "$ka_t/ca.pem" -name "$ka_c" -out "$ka_t/$ka_c.p12"
		ka_serial=$((ka_serial + 1))
	done
	# librdkafka's client key: PKCS#8, encrypted.  No key stays in clear.
	KA_PW=$ka_pw_key ka_openssl pkcs8 -topk8 -passout env:KA_PW \
	    -in "$ka_t/client.key" -out "$ka_t/client.key.enc"
	mv "$ka_t/client.key.enc" "$ka_t/client.key"
	rm -f "$ka_t"/node?.key "$ka_t"/*.csr "$ka_t/ca.key"
	(
		"$KEYTOOL" -importcert -noprompt -alias ca -file "$ka_t/ca.pem" \
		    -storetype JKS -keystore "$ka_t/truststore.jks" \
		    -storepass "$ka_pw_ts" &&
		"$KEYTOOL" -importcert -noprompt -alias ca -file "$ka_t/ca.pem" \
		    -storetype PKCS12 -keystore "$ka_t/truststore.p12" \
		    -storepass "$ka_pw_ts"
	) >"$ka_t/keytool.log" 2>&1 &
	ka_keytool_pid=$!

	printf '%s\n' "security.protocol=SSL" "ssl.ca.location=$ka_t/ca.pem" \
	    >"$ka_dir/ssl.rdkafka"
	printf '%s\n' "ssl.certificate.location=$ka_t/client.pem" \
	    "ssl.key.location=$ka_t/client.key" "ssl.key.password=$ka_pw_key" |
	    cat "$ka_dir/ssl.rdkafka" - >"$ka_dir/mtls.rdkafka"
	printf '%s\n' "security.protocol=SSL" "ssl.truststore.type=PEM" \
	    "ssl.truststore.location=$ka_t/ca.pem" >"$ka_dir/ssl.properties"
	printf '%s\n' "ssl.keystore.type=PKCS12" \
	    "ssl.keystore.location=$ka_t/client.p12" \
	    "ssl.keystore.password=$ka_pw_ks" "ssl.key.password=$ka_pw_ks" \
	    >"$ka_t/keystore.properties"
	cat "$ka_dir/ssl.properties" "$ka_t/keystore.properties" \
	    >"$ka_dir/mtls.properties"
	printf '%s\n' "security.protocol=SSL" \
	    "ssl.truststore.location=$ka_t/truststore.jks" \
	    "ssl.truststore.password=$ka_pw_ts" |
	    cat - "$ka_t/keystore.properties" >"$ka_dir/java-mtls.properties"
	rm -f "$ka_t/keystore.properties"
	printf '%s\n' "$ka_tls_pw" "$ka_pw_ks" "$ka_pw_key" "$ka_pw_ts" \
	    >"$ka_t/secrets"
}

ka_tls_wait() {
	[ -n "${ka_keytool_pid:-}" ] || return 0
	if ! wait "$ka_keytool_pid"; then
		cat "$ka_dir/tls/keytool.log" >&2
		echo "cluster.sh: keytool could not make the truststores" >&2
		return 1
	fi
	ka_keytool_pid=
}

# --- configuration ----------------------------------------------------------

# The listeners of the nodes, as offsets from the base port: node n
# listens on base + offset + n.  The TLS ones only when up made a CA.
ka_offset_plaintext=0
ka_offset_controller=3
ka_offset_sasl=6
ka_offset_ssl=10
ka_offset_mtls=13
ka_offset_sasl_ssl=16

# "127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3" for a listener offset.
ka_hosts() {
	echo "127.0.0.1:$((ka_base + $1 + 1)),127.0.0.1:$((ka_base + $1 + 2))" \
	    "127.0.0.1:$((ka_base + $1 + 3))" | tr ' ' ,
}

ka_write_config() {
	ka_tls=
	[ ! -f "$ka_dir/tls/ca.pem" ] || ka_tls=1
	ka_voters=
	for ka_n in 1 2 3; do
		ka_voters=$ka_voters${ka_voters:+,}$ka_n@127.0.0.1:$((ka_base + ka_offset_controller + ka_n))
	done
	{
		echo "base $ka_base"
		echo "base $((ka_base + 10))"
		for ka_n in 1 2 3; do
			echo "node $ka_n plaintext $((ka_base + ka_n))" \
			    "controller $((ka_base + ka_offset_controller + ka_n))" \
			    "sasl $((ka_base + ka_offset_sasl + ka_n))" \
			    ${ka_tls:+"ssl $((ka_base + ka_offset_ssl + ka_n))"} \
			    ${ka_tls:+"mtls $((ka_base + ka_offset_mtls + ka_n))"} \
			    ${ka_tls:+"sasl_ssl $((ka_base + ka_offset_sasl_ssl + ka_n))"}
		done
	} >"$ka_dir/ports.tmp"
	ka_hosts "$ka_offset_plaintext" >"$ka_dir/bootstrap"
	ka_hosts "$ka_offset_sasl" >"$ka_dir/bootstrap-sasl"
	rm -f "$ka_dir/bootstrap-ssl" "$ka_dir/bootstrap-mtls" \
	    "$ka_dir/bootstrap-sasl-ssl"
	if [ -n "$ka_tls" ]; then
		ka_hosts "$ka_offset_ssl" >"$ka_dir/bootstrap-ssl"
		ka_hosts "$ka_offset_mtls" >"$ka_dir/bootstrap-mtls"
		ka_hosts "$ka_offset_sasl_ssl" >"$ka_dir/bootstrap-sasl-ssl"
	fi

	cat >"$ka_dir/server-log4j2.properties" <<'EOF'
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = ${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = FILE
logger.req.name = kafka.request.logger
logger.req.level = warn
logger.state.name = state.change.logger
logger.state.level = warn
EOF
	cat >"$ka_dir/tools-log4j2.properties" <<'EOF'
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
# "Connection to node -3 could not be established" while a node is down.
logger.nc.name = org.apache.kafka.clients.NetworkClient
logger.nc.level = error
EOF
	for ka_u in admin restricted; do
		cat >"$ka_dir/sasl-$ka_u.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$ka_u" password="$ka_u-secret";
EOF
		cat >"$ka_dir/sasl-$ka_u.rdkafka" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanisms=PLAIN
sasl.username=$ka_u
sasl.password=$ka_u-secret
EOF
	done
	{
		echo admin-secret
		echo restricted-secret
		[ -z "$ka_tls" ] || cat "$ka_dir/tls/secrets"
	} >"$ka_dir/secrets"
	ka_jaas_users='org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="admin-secret" user_restricted="restricted-secret";'

	for ka_n in 1 2 3; do
		ka_l=PLAINTEXT://127.0.0.1:$((ka_base + ka_n))
		ka_l=$ka_l,CONTROLLER://127.0.0.1:$((ka_base + ka_offset_controller + ka_n))
		ka_l=$ka_l,SASL_PLAINTEXT://127.0.0.1:$((ka_base + ka_offset_sasl + ka_n))
		ka_map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
		if [ -n "$ka_tls" ]; then
			ka_l=$ka_l,SSL://127.0.0.1:$((ka_base + ka_offset_ssl + ka_n))
			ka_l=$ka_l,MTLS://127.0.0.1:$((ka_base + ka_offset_mtls + ka_n))
			ka_l=$ka_l,SASL_SSL://127.0.0.1:$((ka_base + ka_offset_sasl_ssl + ka_n))
			ka_map=$ka_map,SSL:SSL,MTLS:SSL,SASL_SSL:SASL_SSL
		fi
		# shellcheck disable=SC2086 # KA_KAFKA_RACKS is a list
		ka_rack=$(printf '%s\n' $KA_KAFKA_RACKS | sed -n "${ka_n}p")
		mkdir -p "$ka_dir/node$ka_n/data"
		cat >"$ka_dir/node$ka_n/server.properties" <<EOF
process.roles=broker,controller
node.id=$ka_n
controller.quorum.voters=$ka_voters
controller.listener.names=CONTROLLER
listeners=$ka_l
advertised.listeners=$ka_l
listener.security.protocol.map=$ka_map
inter.broker.listener.name=PLAINTEXT
log.dirs=$ka_dir/node$ka_n/data
broker.rack=$ka_rack

# SASL/PLAIN for the authorization tests.  PLAINTEXT, CONTROLLER and SSL
# connections are User:ANONYMOUS, a super user like admin and the client
# certificate of MTLS; restricted has no ACLs, so it is denied everything
# until a test grants something.
sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=$ka_jaas_users
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:ANONYMOUS;User:admin;User:CN=audit-client
allow.everyone.if.no.acl.found=false

auto.create.topics.enable=false
num.partitions=1
default.replication.factor=3
offsets.topic.replication.factor=3
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
transaction.state.log.num.partitions=3
share.coordinator.state.topic.num.partitions=3
group.initial.rebalance.delay.ms=0

# Small machine.
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
log.cleaner.dedupe.buffer.size=16777216

# Fast failure detection: a killed node is fenced after 6 s, a stopped
# one leaves every ISR at once through controlled shutdown.
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=6000
replica.lag.time.max.ms=10000
leader.imbalance.check.interval.seconds=10
EOF
		[ -n "$ka_tls" ] || continue
		cat >>"$ka_dir/node$ka_n/server.properties" <<EOF

# TLS with the certificates of tls/.  MTLS requires a client certificate.
ssl.keystore.type=PKCS12
ssl.keystore.location=$ka_dir/tls/node$ka_n.p12
ssl.keystore.password=$ka_tls_pw
ssl.truststore.type=PEM
ssl.truststore.location=$ka_dir/tls/ca.pem
listener.name.mtls.ssl.client.auth=required
listener.name.sasl_ssl.plain.sasl.jaas.config=$ka_jaas_users
EOF
	done
	mv "$ka_dir/ports.tmp" "$ka_dir/ports"
}

# --- nodes ------------------------------------------------------------------

ka_start_node() {
	ka_nd=$ka_dir/node$1
	[ -f "$ka_nd/server.log" ] && mv -f "$ka_nd/server.log" "$ka_nd/server.log.prev"
	# shellcheck disable=SC2086 # word splitting of the option lists
	"$JAVA" $KA_KAFKA_HEAP $ka_jvm_server \
	    -Dkafka.logs.dir="$ka_nd" \
	    -Dlog4j2.configurationFile="$ka_dir/server-log4j2.properties" \
	    -cp "$KA_KAFKA_LIB/*" kafka.Kafka "$ka_nd/server.properties" \
	    >"$ka_nd/stdout.log" 2>&1 </dev/null &
	echo $! >"$ka_nd/pid"
}

# Waits until every node in "$@" logged "Kafka Server started", which the
# broker does only once it is registered, caught up and unfenced.
ka_wait_started() {
	ka_deadline=$(($(now) + KA_KAFKA_TIMEOUT))
	for ka_n in "$@"; do
		while ! grep -q 'Kafka Server started' "$ka_dir/node$ka_n/server.log" \
		    2>/dev/null; do
			if ! ka_pid "$ka_n" >/dev/null; then
				echo "cluster.sh: node $ka_n exited during startup" >&2
				ka_tail "$ka_n"
				return 1
			fi
			if [ "$(now)" -ge "$ka_deadline" ]; then
				echo "cluster.sh: node $ka_n not ready after" \
				    "${KA_KAFKA_TIMEOUT}s" >&2
				ka_tail "$ka_n"
				return 1
			fi
			nap
		done
	done
}

# Number of brokers a Metadata request lists (BrokerApiVersionsCommand
# prints one "host:port (id: N rack: R isFenced: ...) -> (" block each).
ka_brokers() {
	kcli org.apache.kafka.tools.BrokerApiVersionsCommand \
	    --bootstrap-server "$(ka_bootstrap)" 2>/dev/null |
	    grep -c '^127\.0\.0\.1:[0-9]* (id: '
}

ka_wait_brokers() {
	ka_deadline=$(($(now) + KA_KAFKA_TIMEOUT))
	while :; do
		ka_got=$(ka_brokers)
		[ "$ka_got" = "$1" ] && return 0
		if [ "$(now)" -ge "$ka_deadline" ]; then
			echo "cluster.sh: Metadata lists ${ka_got:-no} brokers," \
			    "not $1, after ${KA_KAFKA_TIMEOUT}s" >&2
			return 1
		fi
		sleep 1
	done
}

# Signals every live node, waits up to $2 seconds, then SIGKILLs.
ka_stop() {
	ka_sig=$1
	ka_grace=$2
	shift 2
	ka_pids=
	for ka_n in "$@"; do
		ka_p=$(ka_pid "$ka_n") || { rm -f "$ka_dir/node$ka_n/pid"; continue; }
		kill "-$ka_sig" "$ka_p" 2>/dev/null
		# A paused node handles nothing but SIGKILL until it runs.
		kill -CONT "$ka_p" 2>/dev/null
		ka_pids="$ka_pids $ka_p"
	done
	ka_deadline=$(($(now) + ka_grace))
	for ka_p in $ka_pids; do
		while ka_alive "$ka_p"; do
			if [ "$(now)" -ge "$ka_deadline" ]; then
				kill -KILL "$ka_p" 2>/dev/null
			fi
			nap
		done
	done
	for ka_n in "$@"; do
		rm -f "$ka_dir/node$ka_n/pid"
	done
}

ka_up_once() {
	ka_pick_ports
	ka_write_config
	ka_cid=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c 1-22)
	case $ka_cid in -*) ka_cid=A${ka_cid#?} ;; esac
	echo "$ka_cid" >"$ka_dir/cluster-id"
	# Three formats at once: each is a JVM start, about 2 s.
	for ka_n in 1 2 3; do
		# shellcheck disable=SC2086 # KA_KAFKA_FORMAT_ARGS is a list
		kcli kafka.tools.StorageTool format -t "$ka_cid" \
		    -c "$ka_dir/node$ka_n/server.properties" $KA_KAFKA_FORMAT_ARGS \
		    >"$ka_dir/node$ka_n/format.log" 2>&1 &
		eval "ka_fpid$ka_n=\$!"
	done
	ka_fail=
	for ka_n in 1 2 3; do
		eval "ka_p=\$ka_fpid$ka_n"
		if ! wait "$ka_p"; then
			echo "cluster.sh: kafka-storage format failed on node $ka_n" >&2
			cat "$ka_dir/node$ka_n/format.log" >&2
			ka_fail=1
		fi
	done
	[ -z "$ka_fail" ] || return 1
	for ka_n in 1 2 3; do
		ka_start_node "$ka_n"
	done
	ka_wait_started 1 2 3 || return 1
	ka_wait_brokers 3
}

ka_up() {
	# shellcheck disable=SC2086 # KA_KAFKA_RACKS is a list
	[ "$(printf '%s\n' $KA_KAFKA_RACKS | grep -c .)" -eq 3 ] ||
	    die "KA_KAFKA_RACKS needs three racks, not '$KA_KAFKA_RACKS'"
	ka_fetch
	ka_state create
	[ -d "$ka_dir" ] || mkdir -p "$ka_dir" || die "cannot create $ka_dir"
	if [ ! -f "$ka_dir/.kafka-audit-cluster" ] &&
	    [ -n "$(ls -A "$ka_dir" 2>/dev/null)" ]; then
		die "$ka_dir is not empty and holds no cluster (use an empty one)"
	fi
	for ka_n in 1 2 3; do
		if [ -f "$ka_dir/ports" ] && ka_pid "$ka_n" >/dev/null; then
			die "a cluster is already running in $ka_dir"
		fi
	done
	echo "kafka-audit test cluster, Kafka $KA_KVER" >"$ka_dir/.kafka-audit-cluster"
	rm -rf "$ka_dir/tls"
	! ka_have_tls || ka_make_tls
	ka_attempt=1
	while :; do
		rm -rf "$ka_dir/node1" "$ka_dir/node2" "$ka_dir/node3"
		if ka_up_once; then
			ka_tls_wait
			return
		fi
		# Someone took one of the ports between the check and the bind.
		ka_bind=$(grep -l 'Address already in use' \
		    "$ka_dir"/node*/server.log "$ka_dir"/node*/stdout.log 2>/dev/null)
		ka_stop KILL 0 1 2 3
		ka_release_ports
		if [ -z "$ka_bind" ] || [ "$ka_attempt" -ge 3 ]; then
			ka_tls_wait
			return 1
		fi
		echo "cluster.sh: a port was taken, trying other ports" >&2
		ka_attempt=$((ka_attempt + 1))
	done
}

ka_down() {
	if [ -z "${KA_KAFKA_DIR:-}" ] && [ ! -f "$ka_last" ]; then
		return 0
	fi
	if [ -n "${KA_KAFKA_DIR:-}" ]; then ka_dir=$KA_KAFKA_DIR; else ka_dir=$(cat "$ka_last"); fi
	[ -d "$ka_dir" ] || return 0
	ka_dir=$(cd "$ka_dir" && pwd) || return 1
	# The data is thrown away, so no controlled shutdown: with all three
	# nodes going at once it would wait for a controller that is gone.
	ka_stop KILL 10 1 2 3
	ka_release_ports
	# Remove what up made, then the directory if that leaves it empty.
	if [ -f "$ka_dir/.kafka-audit-cluster" ]; then
		(cd "$ka_dir" && rm -rf node1 node2 node3 ports ports.tmp \
		    bootstrap bootstrap-sasl cluster-id server-log4j2.properties \
		    tools-log4j2.properties sasl-admin.properties \
		    sasl-restricted.properties sasl-admin.rdkafka \
		    sasl-restricted.rdkafka secrets tls bootstrap-ssl \
		    bootstrap-mtls bootstrap-sasl-ssl ssl.rdkafka mtls.rdkafka \
		    ssl.properties mtls.properties java-mtls.properties \
		    .kafka-audit-cluster)
		rmdir "$ka_dir" 2>/dev/null
	fi
	if [ -z "${KA_KAFKA_DIR:-}" ] || [ "$(cat "$ka_last" 2>/dev/null)" = "$ka_dir" ]; then
		rm -f "$ka_last"
	fi
}

ka_node_arg() {
	case ${1:-} in 1|2|3) ;; *) usage ;; esac
}

# ISR of one partition from kafka-topics --describe, as "1,2,3".
ka_isr() {
	kcli org.apache.kafka.tools.TopicCommand --bootstrap-server "$(ka_bootstrap)" \
	    --describe --topic "$1" 2>/dev/null | awk -v p="$2" '
	    { for (i = 1; i < NF; i++) {
		if ($i == "Partition:" && $(i + 1) != p) next
		if ($i == "Isr:") { print $(i + 1); exit }
	    } }'
}

ka_wait_isr() {
	ka_deadline=$(($(now) + KA_KAFKA_TIMEOUT))
	while :; do
		ka_got=$(ka_isr "$1" "$2")
		ka_cnt=$(echo "$ka_got" | awk -F, 'NF { print NF } !NF { print 0 }')
		[ "$ka_cnt" = "$3" ] && return 0
		if [ "$(now)" -ge "$ka_deadline" ]; then
			echo "cluster.sh: $1-$2 has ISR [${ka_got}], not $3 replicas," \
			    "after ${KA_KAFKA_TIMEOUT}s" >&2
			return 1
		fi
		sleep 1
	done
}

# Tools get the PLAINTEXT bootstrap unless the caller names a server.
ka_tool() {
	ka_cls=$1
	shift
	for ka_a in "$@"; do
		case $ka_a in
		--bootstrap-server|--bootstrap-server=*|--bootstrap-controller|--bootstrap-controller=*)
			kcli "$ka_cls" "$@"
			return
			;;
		esac
	done
	kcli "$ka_cls" --bootstrap-server "$(ka_bootstrap)" "$@"
}

ka_dump_configs() {
	ka_fetch
	command -v javac >/dev/null 2>&1 || die "javac not found"
	ka_cls=$(mktemp -d "${TMPDIR:-/tmp}/kafka-audit-dump.XXXXXX") || die "mktemp failed"
	if ! javac -nowarn -d "$ka_cls" -cp "$KA_KAFKA_LIB/*" "$ka_here/DumpConfigs.java"; then
		rm -rf "$ka_cls"
		die "javac failed"
	fi
	ka_log4j=-Dlog4j2.level=ERROR
	# shellcheck disable=SC2086
	"$JAVA" $ka_jvm_tool "$ka_log4j" -cp "$ka_cls:$KA_KAFKA_LIB/*" DumpConfigs "$@"
	ka_rc=$?
	rm -rf "$ka_cls"
	return $ka_rc
}

usage() {
	sed -n '/^#   cluster.sh fetch/,/^# Environment/s/^# \{0,1\}//p' "$0" |
	    sed '$d' >&2
	exit 2
}

[ $# -ge 1 ] || usage
ka_cmd=$1
shift
case $ka_cmd in
fetch)
	ka_fetch
	;;
up)
	ka_up || exit 1
	;;
down)
	ka_down
	;;
stop-node)
	ka_node_arg "${1:-}"
	ka_state
	case ${2:-term} in
	term|TERM) ka_stop TERM 60 "$1" ;;
	kill|KILL) ka_stop KILL 10 "$1" ;;
	*) usage ;;
	esac
	;;
start-node)
	ka_node_arg "${1:-}"
	ka_state
	ka_pid "$1" >/dev/null && die "node $1 is running"
	ka_start_node "$1"
	ka_wait_started "$1"
	;;
pause-node|resume-node|pid)
	ka_node_arg "${1:-}"
	ka_state
	ka_p=$(ka_pid "$1") || die "node $1 is not running"
	case $ka_cmd in
	pause-node) kill -STOP "$ka_p" ;;
	resume-node) kill -CONT "$ka_p" ;;
	pid) echo "$ka_p" ;;
	esac
	;;
wait-isr)
	[ $# -eq 3 ] || usage
	ka_state
	ka_wait_isr "$@"
	;;
wait-brokers)
	[ $# -eq 1 ] || usage
	ka_state
	ka_wait_brokers "$1"
	;;
topics)
	ka_state
	ka_tool org.apache.kafka.tools.TopicCommand "$@"
	;;
configs)
	ka_state
	ka_tool kafka.admin.ConfigCommand "$@"
	;;
acls)
	ka_state
	ka_tool org.apache.kafka.tools.AclCommand "$@"
	;;
tool)
	[ $# -ge 1 ] || usage
	ka_state
	kcli "$@"
	;;
dump-configs)
	ka_dump_configs "$@"
	;;
logs)
	ka_state
	for ka_n in ${1:-1 2 3}; do
		ka_tail "$ka_n" "${2:-40}"
	done
	;;
*)
	usage
	;;
esac
