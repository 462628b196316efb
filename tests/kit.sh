#!/bin/sh
# The adoption kit does what it says, with the binary under test as the
# kafka-audit on PATH:
#   - the CI examples (examples/) have the structure GitHub Actions and
#     GitLab CI need, read with a real YAML parser, and install what
#     tools/setup-debian.sh says building needs;
#   - their audit commands, run as the platform runs them on the samples,
#     fail on the risky ones, pass the safe ones, and write the reports
#     the jobs upload, valid: SARIF against the SARIF 2.1.0 schema, Code
#     Quality as GitLab reads it, JUnit as XML;
#   - the pre-commit hook, run as pre-commit runs it (entry, then the
#     file names its files and exclude select), passes a safe file and
#     fails a risky one;
#   - the bash completion lints clean with shellcheck and completes
#     commands, each command's options, their values and rule ids and
#     slugs, as the binary has them.
# The YAML and schema checks need Python's yaml and jsonschema, and the
# lint needs shellcheck; each is skipped with a message where its tool
# is missing, but never under CI=true (tools/setup-debian.sh installs
# them).
. "$(dirname "$0")/lib.sh"

top=$KA_TOP_SRCDIR
completion=$top/contrib/bash-completion/kafka-audit
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# The examples call kafka-audit from PATH: make that the one under test.
case $KAUDIT in
/*) ;;
*) KAUDIT=$(pwd)/$KAUDIT ;;
esac
mkdir "$tmp/bin" && ln -s "$KAUDIT" "$tmp/bin/kafka-audit" || exit 99
PATH=$tmp/bin:$PATH
export PATH

find_python yaml jsonschema
kit() {
	"$py" "$top/tests/kit.py" "$@"
}

# report KIND FILE PREFIX WANT: the report is valid and has findings
# (WANT "some") or none (WANT 0).
report() {
	if [ "$1" = sarif ]; then
		kit sarif "$top/tests/schemas/sarif-schema-2.1.0.json" "$2" \
		    "$3" >"$tmp/n" 2>&1
	else
		kit "$1" "$2" "$3" >"$tmp/n" 2>&1
	fi
	rc=$?
	n=$(cat "$tmp/n")
	case $rc:$4:$n in
	0:0:0 | 0:some:[1-9]*) return 0 ;;
	esac
	diag_file "$tmp/n"
	return 1
}

# example NAME FILE PLATFORM: the structure of a CI example, then its
# audit on the risky samples (exit 1) and the safe ones (exit 0).
example() {
	name=$1
	file=$2
	out=$tmp/$name
	mkdir "$out"
	if kit "$name" "$top/$file" "$top/tools/setup-debian.sh" "$out" \
	    >"$out/log" 2>&1; then
		ok "$file has the structure $3 needs"
	else
		not_ok "$file has the structure $3 needs"
		diag_file "$out/log"
		return
	fi
	for set in risky safe; do
		ws=$out/$set
		mkdir "$ws"
		while read -r kind path; do
			[ "$kind" = config ] || continue
			mkdir -p "$ws/$path"
			if [ $set = risky ]; then
				cp -R "$top/samples/." "$ws/$path"
			else
				cp -R "$top/samples/broker" \
				    "$top/samples/producer-safe.properties" \
				    "$top/samples/consumer-safe.properties" \
				    "$ws/$path"
			fi
		done <"$out/vars"
		prefix=$(sed -n 's/^config //p' "$out/vars" | head -1)/
		(cd "$ws" && bash --noprofile --norc "$out/run.sh") \
		    >"$out/stdout" 2>"$out/stderr"
		rc=$?
		want=1
		[ $set = safe ] && want=0
		if [ $rc -eq $want ]; then
			ok "$file: the audit of the $set samples exits $want"
		else
			not_ok "$file: the audit of the $set samples exits $want, not $rc"
			diag_file "$out/stderr"
		fi
		some=some
		[ $set = safe ] && some=0
		while read -r kind path; do
			[ "$kind" = config ] && continue
			if [ ! -s "$ws/$path" ]; then
				not_ok "$file: the $set audit writes the $kind report $path"
			elif report "$kind" "$ws/$path" "$prefix" $some; then
				ok "$file: the $set audit writes a valid $kind report, $path"
			else
				not_ok "$file: the $set audit writes a valid $kind report, $path"
			fi
		done <"$out/vars"
		if [ "$name" = github ]; then
			if [ $set = risky ]; then
				expect "$file: annotations in the log" \
				    "^::error file=$prefix" "$out/stdout"
			elif grep -q '^::error' "$out/stdout"; then
				not_ok "$file: no error annotation for safe files"
				diag_file "$out/stdout"
			else
				ok "$file: no error annotation for safe files"
			fi
		fi
	done
}

# mutant NAME FILE PLATFORM PYTHON: the structure check is no rubber
# stamp: it rejects FILE changed by PYTHON (which edits the object d).
mutant() {
	mkdir -p "$tmp/mutant"
	"$py" - "$top/$2" "$tmp/mutant/$1.yml" <<EOF
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
$4
yaml.safe_dump(d, open(sys.argv[2], "w"))
EOF
	if kit "$1" "$tmp/mutant/$1.yml" "$top/tools/setup-debian.sh" \
	    "$tmp/mutant" >"$tmp/mutant/log" 2>&1; then
		not_ok "the $3 check rejects $2 without $5"
	else
		ok "the $3 check rejects $2 without $5"
	fi
}

if [ -z "$py" ]; then
	skip_missing "the CI examples and the pre-commit hook" python3-yaml
else
	example github examples/github/kafka-audit.yml "GitHub Actions"
	mutant github examples/github/kafka-audit.yml "GitHub Actions" \
	    'del d["jobs"]["kafka-audit"]["steps"][-1]["if"]' \
	    "if: always() on the upload"
	example gitlab examples/gitlab/kafka-audit.gitlab-ci.yml "GitLab CI"
	mutant gitlab examples/gitlab/kafka-audit.gitlab-ci.yml "GitLab CI" \
	    'del d["kafka-audit"]["artifacts"]["when"]' \
	    "artifacts: when: always"

	# pre-commit: the hook's command on the files it selects, from the
	# repository's top, as pre-commit runs it.
	pc=$tmp/precommit
	mkdir -p "$pc/config"
	cp "$top/samples/producer-safe.properties" \
	    "$top/samples/producer-risky.properties" "$pc/config"
	printf 'log4j.rootLogger=INFO, stdout\n' >"$pc/config/log4j.properties"
	echo "# Kafka configuration" >"$pc/README.md"
	for set in safe risky; do
		kit precommit "$top/.pre-commit-hooks.yaml" README.md \
		    config/log4j.properties "config/producer-$set.properties" \
		    >"$pc/argv" 2>&1
		rc=$?
		want=1
		[ $set = safe ] && want=0
		if [ $rc -ne 0 ]; then
			not_ok "pre-commit: the hook of .pre-commit-hooks.yaml"
			diag_file "$pc/argv"
			break
		fi
		set --
		while IFS= read -r a; do
			set -- "$@" "$a"
		done <"$pc/argv"
		if [ "$*" = "kafka-audit check config/producer-$set.properties" ]
		then
			ok "pre-commit: the hook gets the $set producer, not log4j.properties or README.md"
		else
			not_ok "pre-commit: the hook gets the $set producer, not log4j.properties or README.md"
			diag_file "$pc/argv"
		fi
		(cd "$pc" && "$@") >"$pc/out" 2>&1
		rc=$?
		if [ $rc -eq $want ]; then
			ok "pre-commit: the hook exits $want for a $set producer"
		else
			not_ok "pre-commit: the hook exits $want for a $set producer, not $rc"
			diag_file "$pc/out"
		fi
	done
	# Why log4j.properties is excluded.
	(cd "$pc" && kafka-audit check config/log4j.properties) \
	    >/dev/null 2>&1
	if [ $? -eq 2 ]; then
		ok "pre-commit: log4j.properties, excluded, is refused"
	else
		not_ok "pre-commit: log4j.properties, excluded, is refused"
	fi
fi

# --- the bash completion ------------------------------------------------------

if command -v shellcheck >/dev/null 2>&1; then
	if shellcheck -s bash "$completion" >"$tmp/lint" 2>&1; then
		ok "the bash completion lints clean with shellcheck"
	else
		not_ok "the bash completion lints clean with shellcheck"
		diag_file "$tmp/lint"
	fi
else
	skip_missing "the bash completion lints clean with shellcheck" \
	    shellcheck
fi

# comp WORD...: what TAB offers for the last word, one a line, sorted;
# from the directory $tmp/ws, holding kafka-audit.sarif.
mkdir "$tmp/ws" && : >"$tmp/ws/kafka-audit.sarif" || exit 99
cat >"$tmp/comp.bash" <<'EOF'
. "$1" || exit 1
shift
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMPREPLY=()
_kafka_audit
((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
EOF
comp() {
	(cd "$tmp/ws" && bash --noprofile --norc "$tmp/comp.bash" \
	    "$completion" "$@")
}

# completes DESCRIPTION EXPECTED WORD...: TAB on WORD... offers the
# words of EXPECTED, no more, no less.
completes() {
	desc=$1
	printf '%s\n' "$2" | tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort \
	    >"$tmp/want"
	shift 2
	comp "$@" >"$tmp/got" 2>&1
	if cmp -s "$tmp/want" "$tmp/got"; then
		ok "$desc"
	else
		not_ok "$desc"
		diff "$tmp/want" "$tmp/got" >"$tmp/diff"
		diag_file "$tmp/diff"
	fi
}

# The values the binary expects for an option: "expected one of a, b".
expected() {
	kafka-audit check "$1" zzz . 2>&1 |
	    sed -n 's/.*expected one of \(.*\)/\1/p' | tr -d ,
}

rules=$(kafka-audit rules 2>/dev/null)
completes "kafka-audit ch<TAB> completes check" check kafka-audit ch
completes "kafka-audit check --for<TAB> completes --format" \
    --format kafka-audit check --for
completes "kafka-audit check --format <TAB> offers check's formats" \
    "$(expected --format)" kafka-audit check --format ""
completes "kafka-audit rules --format <TAB> offers rules' formats" \
    "$(kafka-audit rules --format zzz 2>&1 |
    sed -n 's/.*expected one of \(.*\)/\1/p' | tr -d ,)" \
    kafka-audit rules --format ""
completes "kafka-audit explain KA100<TAB> offers the rules KA100x" \
    "$(echo "$rules" | awk '$1 ~ /^KA100/ { print $1 }')" \
    kafka-audit explain KA100
completes "kafka-audit explain producer-ack<TAB> offers their slugs" \
    "$(echo "$rules" | awk '$4 ~ /^producer-ack/ { print $4 }')" \
    kafka-audit explain producer-ack
completes "rule ids complete in lower case too" \
    "$(echo "$rules" | awk '$1 ~ /^KA100/ { print $1 }')" \
    kafka-audit explain ka100
completes "explain completes the rules of -r, without the default ones" \
    "$(awk '/^[[:space:]]*- id:[[:space:]]*KA20/ { print $3 }' \
    "$top/rules/producer.yaml")" \
    kafka-audit explain -r "$top/rules/producer.yaml" --no-default-rules KA20
completes "explain completes one rule only" "" kafka-audit explain KA1001 KA
for o in --type --client --color --failure-threshold; do
	completes "$o <TAB> offers the values the binary expects" \
	    "$(expected $o)" kafka-audit check $o ""
done
completes "-o <TAB> offers FMT= for each report format" \
    "$(expected --format | tr ' ' '\n' | sed -n '/^auto$/!s/$/=/p')" \
    kafka-audit check -o ""
completes "-o sarif=<TAB> completes the file after =" kafka-audit.sarif \
    kafka-audit check -o sarif = kafka-a
completes "--output=sarif=<TAB> too" kafka-audit.sarif \
    kafka-audit check --output = sarif = kafka-a
completes "-fj<TAB> completes -fjson, -fjunit" "-fjson -fjunit" \
    kafka-audit check -fj
completes "check's operands are files" kafka-audit.sarif \
    kafka-audit check -t error kafka
completes "kafka-audit <TAB> offers the commands of --help" \
    "$(kafka-audit --help | sed -n 's/^\(usage:\)\{0,1\} *kafka-audit \([a-z]*\).*/\2/p')" \
    kafka-audit ""
completes "before a command, -<TAB> offers -h and -V" \
    "--help --version -V -h" kafka-audit -

# Every command's options, as the binary takes them: "help OPTION" says
# which commands take OPTION, or that it goes before the command.
commands=$(kafka-audit --help |
    sed -n 's/^\(usage:\)\{0,1\} *kafka-audit \([a-z]*\).*/\2/p')
kafka-audit --help |
    sed -n 's/^ \{1,\}\(-[[:alnum:]]\)\{0,1\},\{0,1\} *\(--[[:alnum:]-]*\).*/\1 \2/p' |
    tr ' ' '\n' | sed '/^$/d' >"$tmp/options"
: >"$tmp/want"
while read -r o; do
	kafka-audit help "$o" >/dev/null 2>"$tmp/err"
	rc=$?
	grep -q 'requires an argument' "$tmp/err" &&
	    { kafka-audit help "$o" x >/dev/null 2>"$tmp/err"; rc=$?; }
	if [ $rc -eq 0 ]; then
		takes=$commands
	elif grep -q 'goes before the command' "$tmp/err"; then
		takes=""
	else
		takes=$(sed -n 's/.*(only of \(.*\))$/\1/p' "$tmp/err" | tr -d ,)
		[ -n "$takes" ] || echo "? $o: $(cat "$tmp/err")"
	fi
	for c in $takes; do
		echo "$c $o"
	done
done <"$tmp/options" >>"$tmp/want"
LC_ALL=C sort "$tmp/want" >"$tmp/want.sorted"
for c in $commands; do
	comp kafka-audit "$c" - | sed "s/^/$c /"
done | LC_ALL=C sort >"$tmp/got"
if [ -s "$tmp/got" ] && cmp -s "$tmp/want.sorted" "$tmp/got"; then
	ok "each command's -<TAB> offers the options the binary takes"
else
	not_ok "each command's -<TAB> offers the options the binary takes"
	diff "$tmp/want.sorted" "$tmp/got" >"$tmp/diff"
	diag_file "$tmp/diff"
fi

# --kafka-version: the releases the binary knows, oldest to newest.
comp kafka-audit check --kafka-version "" >"$tmp/versions"
newest=$(kafka-audit version | sed -n 's/.* up to \([0-9.]*\)).*/\1/p')
oldest=$(kafka-audit check --kafka-version 0.0.1 . 2>&1 |
    sed -n 's/.* from \([0-9.]*\) on.*/\1/p')
: >"$tmp/bad"
while read -r v; do
	kafka-audit check --kafka-version "$v" /nonexistent 2>&1 |
	    grep -- --kafka-version >>"$tmp/bad"
done <"$tmp/versions"
if [ -s "$tmp/versions" ] && [ ! -s "$tmp/bad" ] &&
    [ -n "$oldest" ] && grep -qxF "$oldest" "$tmp/versions" &&
    [ -n "$newest" ] && grep -qxF "$newest" "$tmp/versions"; then
	ok "--kafka-version <TAB> offers releases $oldest to $newest, all known"
else
	not_ok "--kafka-version <TAB> offers releases $oldest to $newest, all known"
	diag_file "$tmp/bad"
	diag_file "$tmp/versions"
fi
tap_done

