#!/bin/sh
# Bad inputs that golden cases cannot hold: files too large or too long
# to keep in git, trees too deep, unreadable files, symbolic links (which
# "make dist" would follow) and FIFOs.  Each is generated in a temporary
# directory and audited together with a good producer file, which must
# still be audited: its finding is in the report, the bad input is
# reported with its diagnostic id (at file:line:col where there is one)
# and the exit status is 2.
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99

# The good file: acks=1 gives KA2001, which proves it was audited.
cat >good-producer.properties <<'EOF'
bootstrap.servers=kafka-1.internal:9092
key.serializer=org.apache.kafka.common.serialization.StringSerializer
value.serializer=org.apache.kafka.common.serialization.StringSerializer
acks=1
EOF

# n_chars N CHAR: N copies of CHAR, without a newline.
n_chars() {
	awk -v n="$1" -v c="$2" 'BEGIN {
		s = c
		while (length(s) * 2 <= n) s = s s
		out = s
		while (length(out) < n) out = out substr(s, 1, n - length(out))
		printf "%s", out
	}'
}

# run ARGS...: audit in $tmp; sets rc, leaves out and err.
run() {
	"$KAUDIT" "$@" >out 2>err </dev/null
	rc=$?
}

# expect_error DESCRIPTION ERE: exit 2, a line of stderr matching ERE,
# and the good file audited.
expect_error() {
	if [ "$rc" -ne 2 ]; then
		not_ok "$1: exit status $rc, expected 2"
	elif ! grep -Eq "$2" err; then
		not_ok "$1: no diagnostic matching /$2/"
	elif ! grep -q '^good-producer\.properties:4:1: error: .*\[KA2001 ' out; then
		not_ok "$1: the good file was not audited"
	else
		ok "$1"
		return
	fi
	diag_file err
	diag_file out
}

# expect_clean DESCRIPTION ID: the diagnostic ID is absent and no input
# error happened.
expect_clean() {
	if [ "$rc" -eq 2 ] || grep -q "\[$2\]" err; then
		not_ok "$1 (exit $rc)"
		diag_file err
	else
		ok "$1"
	fi
}

# --- A logical line longer than 64 KiB ---------------------------------
# 65536 bytes is the bound; the key and '=' count.
{ echo "acks=all"; printf 'client.id='; n_chars 65526 x; echo; } \
    >max-producer.properties
run check max-producer.properties
expect_clean "a logical line of exactly 65536 bytes is read" \
    props.line-too-long

{ echo "acks=all"; printf 'client.id='; n_chars 65527 x; echo; } \
    >long-producer.properties
run check long-producer.properties good-producer.properties
expect_error "a line of 65537 bytes: props.line-too-long at its start" \
    '^long-producer\.properties:2:1: error: .*\[props\.line-too-long\]$'

# Continuations join natural lines into one logical line.
{
	echo "acks=all"
	printf 'client.id=\\\n'
	i=0
	while [ $i -lt 70 ]; do
		printf '    '; n_chars 1000 y; printf '\\\n'
		i=$((i + 1))
	done
	echo "    end"
} >cont-producer.properties
run check cont-producer.properties good-producer.properties
expect_error "continuation lines count towards the 64 KiB bound" \
    '^cont-producer\.properties:2:1: error: .*\[props\.line-too-long\]$'

# --- A file larger than 4 MiB ------------------------------------------
{ echo "acks=all"; echo "client.id=orders"; } >big-producer.properties
size=$(wc -c <big-producer.properties)
n_chars $((4194304 - size - 1)) '#' >>big-producer.properties
echo >>big-producer.properties
run check big-producer.properties
expect_clean "a file of exactly 4 MiB is read" source.too-large

echo '#' >>big-producer.properties
run check big-producer.properties good-producer.properties
expect_error "a file of 4 MiB + 2 bytes: source.too-large" \
    '^big-producer\.properties: error: .*\[source\.too-large\]$'

"$KAUDIT" check --stdin-filename stdin-producer.properties - \
    good-producer.properties <big-producer.properties >out 2>err
rc=$?
expect_error "standard input larger than 4 MiB: source.too-large" \
    '^stdin-producer\.properties: error: .*\[source\.too-large\]$'

# --- More than 50000 entries --------------------------------------------
awk 'BEGIN { print "acks=all"; for (i = 1; i < 50000; i++)
    printf "app.note.%d=x\n", i }' >many-producer.properties
run check many-producer.properties
expect_clean "50000 entries are read" props.too-many-keys

echo "app.note.last=x" >>many-producer.properties
run check many-producer.properties good-producer.properties
expect_error "50001 entries: props.too-many-keys at the 50001st" \
    '^many-producer\.properties:50001:1: error: .*\[props\.too-many-keys\]$'

# --- Directories nested more than 32 levels -----------------------------
d=deep
i=0
while [ $i -lt 33 ]; do
	d="$d/d$i"
	i=$((i + 1))
done
mkdir -p "$d"
cp good-producer.properties deep/producer.properties
cp good-producer.properties "$d/producer.properties"
run check deep good-producer.properties
expect_error "33 directory levels: walk.too-deep" '\[walk\.too-deep\]$'
if grep -q "^deep/producer\.properties:4:1: error: .*\[KA2001 " out &&
    ! grep -q "d32/producer\.properties" out; then
	ok "the levels above the bound are still audited, the deeper not"
else
	not_ok "the levels above the bound are still audited, the deeper not"
	diag_file out
fi

# --- An unreadable file -------------------------------------------------
cp good-producer.properties locked-producer.properties
chmod 000 locked-producer.properties
if [ "$(id -u)" -eq 0 ]; then
	ok "an unreadable file: source.open # SKIP root can read any file"
else
	run check locked-producer.properties good-producer.properties
	expect_error "an unreadable file: source.open" \
	    '^locked-producer\.properties: error: .*\[source\.open\]$'
fi
chmod 644 locked-producer.properties

# --- Symbolic links -----------------------------------------------------
ln -s loop-producer.properties loop-producer.properties
run check loop-producer.properties good-producer.properties
expect_error "a symbolic link loop named on the command line: source.open" \
    '^loop-producer\.properties: error: .*\[source\.open\]$'

mkdir -p tree/app
cp good-producer.properties tree/app/producer.properties
ln -s .. tree/app/up
ln -s . tree/self
run check tree
if [ "$rc" -eq 1 ] &&
    grep -q '^tree/app/up: note: .*\[walk\.symlink\]$' err &&
    grep -q '^tree/self: note: .*\[walk\.symlink\]$' err &&
    [ "$(grep -c '\[KA2001 ' out)" -eq 1 ]; then
	ok "symbolic links to directories are not followed (walk.symlink)"
else
	not_ok "symbolic links to directories are not followed (exit $rc)"
	diag_file err
	diag_file out
fi

# A *.properties file found in a directory is reported when it cannot be
# audited (kafka-audit(1), Directories): a link loop and a dangling link
# cannot be read.
mkdir loopdir
cp good-producer.properties loopdir/good-producer.properties
ln -s broken-producer.properties loopdir/broken-producer.properties
ln -s /nonexistent/old-producer.properties loopdir/old-producer.properties
run check loopdir
if [ "$rc" -eq 2 ] &&
    grep -q '^loopdir/broken-producer\.properties: error: .*\[source\.open\]$' err &&
    grep -q '^loopdir/old-producer\.properties: error: .*\[source\.open\]$' err &&
    grep -q '^loopdir/good-producer\.properties:4:1: error: .*\[KA2001 ' out
then
	ok "link loops and dangling links named *.properties in a directory are reported"
else
	not_ok "link loops and dangling links named *.properties in a directory are reported (exit $rc)"
	diag_file err
fi

# --- Not a regular file -------------------------------------------------
if mkfifo fifo-producer.properties 2>/dev/null; then
	run check fifo-producer.properties good-producer.properties
	expect_error "a FIFO: source.not-regular" \
	    '^fifo-producer\.properties: error: .*\[source\.not-regular\]$'
else
	ok "a FIFO: source.not-regular # SKIP mkfifo failed"
fi

# --- No librdkafka -----------------------------------------------------
# librdkafka is loaded only to read a cluster: without it, -b is an
# internal error (exit 4) and the files are audited all the same.
KAFKA_AUDIT_RDKAFKA=libkafka-audit-none.so.1 run check -b 127.0.0.1:9 \
    good-producer.properties
if [ "$rc" -eq 4 ] &&
    grep -q '^kafka-audit: error: libkafka-audit-none\.so\.1 could not be loaded, so no cluster is read: .*\[live\.library\]$' err &&
    grep -q '^good-producer\.properties:4:1: error: .*\[KA2001 ' out
then
	ok "no librdkafka: live.library, exit 4, the file still audited"
else
	not_ok "no librdkafka: live.library, exit 4, the file still audited (exit $rc)"
	diag_file err
fi
# Files alone never load it.
KAFKA_AUDIT_RDKAFKA=libkafka-audit-none.so.1 run check good-producer.properties
if [ "$rc" -eq 1 ] && ! grep -q 'live\.library' err; then
	ok "no librdkafka, no cluster: the file is audited, no live.library"
else
	not_ok "no librdkafka, no cluster: exit $rc"
	diag_file err
fi

tap_done
