#!/bin/sh
# The whole test suite, as CI runs it: installs what is missing, then
# builds and runs "make check" with warnings as errors, again under
# AddressSanitizer and UndefinedBehaviorSanitizer, the CI-format tests
# under ThreadSanitizer, and "make distcheck".
# Builds go to _build/ so the source tree stays clean.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
sh tools/setup-debian.sh || exit 1
# The suites build out of tree, which automake refuses while the source
# tree is configured in place, as the README's first command leaves it.
if [ -f config.status ]; then
	echo "all.sh: the tree is configured in place; make distclean first"
	make -s distclean >/dev/null 2>&1 || rm -f config.status
fi
if [ ! -x configure ] || [ configure.ac -nt configure ] ||
    [ Makefile.am -nt configure ]; then
	autoreconf -fi || exit 1
fi

jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
status=0

# Run "make check" in a build directory and add up its results.
suite() {
	name=$1
	shift
	echo "== $name"
	mkdir -p "_build/$name"
	(cd "_build/$name" &&
	    "$top/configure" -q --enable-werror --with-check=yes "$@" &&
	    make -s -j"$jobs" &&
	    make -s -j"$jobs" check) || status=1
	log="_build/$name/test-suite.log"
	if [ -f "$log" ]; then
		p=$(sed -n 's/^# PASS: *//p' "$log")
		f=$(sed -n 's/^# FAIL: *//p' "$log")
		e=$(sed -n 's/^# ERROR: *//p' "$log")
		passed=$((passed + ${p:-0}))
		failed=$((failed + ${f:-0} + ${e:-0}))
		[ "${f:-0}${e:-0}" = "00" ] || sed -n '/^FAIL\|^ERROR/,$p' \
		    "$log" | head -200
	else
		failed=$((failed + 1))
	fi
}

suite default
CK_FORK=no suite sanitize --enable-sanitizers

# The reports of -o are written by threads (src/main.c): ThreadSanitizer
# watches them through the CI-format tests, which write five at once.
echo "== threads"
mkdir -p _build/threads
if (cd _build/threads &&
    "$top/configure" -q --with-check=no CFLAGS="-g -O1 -fsanitize=thread" \
    LDFLAGS="-fsanitize=thread" &&
    make -s -j"$jobs" src/kafka-audit >build.log 2>&1) &&
    (cd _build/threads && TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
    sh "$top/tests/ci-formats.sh" >ci-formats.log 2>&1); then
	p=$(grep -c '^ok ' _build/threads/ci-formats.log)
	passed=$((passed + p))
	echo "ci-formats.sh under ThreadSanitizer: $p passed"
else
	failed=$((failed + 1))
	status=1
	tail -60 _build/threads/build.log _build/threads/ci-formats.log \
	    2>/dev/null
fi

echo "== distcheck"
if (cd _build/default && make -s -j"$jobs" distcheck >distcheck.log 2>&1); then
	passed=$((passed + 1))
	echo "distcheck passed"
else
	failed=$((failed + 1))
	status=1
	tail -60 _build/default/distcheck.log
fi

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
