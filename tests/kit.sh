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
#     fails a risky one.
# The checks need Python's yaml and jsonschema: skipped with a message
# where they are missing, but never under CI=true (tools/setup-debian.sh
# installs them).
. "$(dirname "$0")/lib.sh"

top=$KA_TOP_SRCDIR
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
tap_done
