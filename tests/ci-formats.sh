#!/bin/sh
# The CI report formats, read by the programs CI systems trust:
#   - SARIF against the official SARIF 2.1.0 JSON schema, vendored in
#     tests/schemas/ (see its README), with Python's jsonschema, plus the
#     rules GitHub code scanning adds (rules described, ruleIndex right,
#     partialFingerprints present);
#   - JUnit XML with xmllint and Python's xml.etree: well-formed, unique
#     test names, counts that add up;
#   - GitLab Code Quality: the fields GitLab requires, unique
#     fingerprints;
#   - -o FMT=PATH writes what --format FMT prints, --format auto follows
#     GITHUB_ACTIONS, --path-base makes paths relative;
#   - fingerprints do not move with lines, so a baseline survives a
#     property moved down the file.
# The validators are skipped with a message where they are missing, but
# never under CI=true: tools/setup-debian.sh installs them.
. "$(dirname "$0")/lib.sh"

cases="$KA_TOP_SRCDIR/tests/cases"
schema="$KA_TOP_SRCDIR/tests/schemas/sarif-schema-2.1.0.json"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# A Python that has jsonschema.
find_python jsonschema

cp -R "$cases/format-ci/." "$tmp/in"
cp -R "$KA_TOP_SRCDIR/samples" "$tmp/samples"
cd "$tmp/in" || exit 99
ka() {
	"$KAUDIT" "$@"
}
files="config/server.properties config/producer,v1:a.properties"
small="--no-default-rules -r rules.yaml"

# The reports to check: small rules, the real rule pack on the samples,
# a snapshot, a snapshot read from standard input, and suppressions.
# shellcheck disable=SC2086
{
	ka check $small -f sarif $files >files.sarif
	ka check $small -f sarif --snapshot cluster.json >snap.sarif
	ka check $small -f sarif --snapshot - <cluster.json >stdin.sarif
	ka baseline create $small -o base.json $files >/dev/null
	ka check $small -f sarif --baseline base.json $files >base.sarif
	(cd "$tmp/samples" && "$KAUDIT" check -f sarif .) >samples.sarif
	(cd "$tmp/samples" && "$KAUDIT" check -f junit -t info .) \
	    >samples.xml
	(cd "$tmp/samples" && "$KAUDIT" check -f codequality .) \
	    >samples.json
	ka check $small -f junit $files >files.xml
	ka check $small -f junit -t warning --snapshot cluster.json >snap.xml
	ka check $small -f junit --baseline base.json $files >base.xml
	ka check $small -f codequality $files >files.json
	ka check $small -f codequality --snapshot cluster.json >snap.json
} 2>err

if [ -z "$py" ]; then
	skip_missing "SARIF reports validate against the SARIF 2.1.0 schema" \
	    python3-jsonschema
	skip_missing "SARIF reports hold what GitHub code scanning requires" \
	    python3-jsonschema
else
	for f in files snap stdin base samples; do
		if "$py" - "$schema" "$f.sarif" >out 2>&1 <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
v = jsonschema.Draft4Validator(schema)
errors = sorted(v.iter_errors(log), key=lambda e: list(e.path))
for e in errors[:10]:
    print(list(e.path), e.message[:300])
sys.exit(1 if errors else 0)
PY
		then
			ok "$f.sarif validates against the SARIF 2.1.0 schema"
		else
			not_ok "$f.sarif validates against the SARIF 2.1.0 schema"
			diag_file out
		fi
	done
	# The validator is no rubber stamp: a driver without a name fails.
	echo '{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}' \
	    >bad.sarif
	if "$py" -c 'import json, sys, jsonschema
jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(
    json.load(open(sys.argv[2])))' "$schema" bad.sarif >/dev/null 2>&1; then
		not_ok "the schema rejects a SARIF log without a tool name"
	else
		ok "the schema rejects a SARIF log without a tool name"
	fi
	if "$py" - files.sarif snap.sarif base.sarif samples.sarif >out 2>&1 <<'PY'
import json, sys
bad = []
for path in sys.argv[1:]:
    run = json.load(open(path))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for r in rules:
        for k in ("shortDescription", "fullDescription", "help"):
            if not r.get(k, {}).get("text"):
                bad.append(f"{path}: rule {r['id']} has no {k}")
            elif len(r[k]["text"]) > 1024:
                bad.append(f"{path}: rule {r['id']} {k} is too long")
    if not run["results"]:
        bad.append(f"{path}: no results")
    for res in run["results"]:
        if rules[res["ruleIndex"]]["id"] != res["ruleId"]:
            bad.append(f"{path}: ruleIndex of {res['ruleId']}")
        if ":" not in res["partialFingerprints"]["primaryLocationLineHash"]:
            bad.append(f"{path}: no primaryLocationLineHash")
        for loc in res["locations"]:
            pl = loc.get("physicalLocation")
            if pl and pl["region"]["startLine"] < 1:
                bad.append(f"{path}: a result without a start line")
            if pl and pl["artifactLocation"]["uri"].startswith("/"):
                bad.append(f"{path}: an absolute path")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
	then
		ok "SARIF reports hold what GitHub code scanning requires"
	else
		not_ok "SARIF reports hold what GitHub code scanning requires"
		diag_file out
	fi
	if grep -q '"kind": "external"' base.sarif &&
	    ! grep -q '"physicalLocation"' stdin.sarif; then
		ok "SARIF marks baselined results, and has no file for a live one"
	else
		not_ok "SARIF marks baselined results, and has no file for a live one"
	fi
fi

if command -v xmllint >/dev/null 2>&1; then
	if xmllint --noout files.xml snap.xml base.xml samples.xml \
	    >out 2>&1; then
		ok "JUnit reports are well-formed XML (xmllint)"
	else
		not_ok "JUnit reports are well-formed XML (xmllint)"
		diag_file out
	fi
else
	skip_missing "JUnit reports are well-formed XML" xmllint
fi
if command -v python3 >/dev/null 2>&1; then
	if python3 - files.xml snap.xml base.xml samples.xml >out 2>&1 <<'PY'
import sys
import xml.etree.ElementTree as ET
bad = []
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    names = [c.get("name") for c in root.iter("testcase")]
    if len(names) != len(set(names)):
        bad.append(f"{path}: duplicate test names")
    if not names:
        bad.append(f"{path}: no test case")
    for attr, tag in (("failures", "failure"), ("skipped", "skipped"),
                      ("errors", "error")):
        if int(root.get(attr)) != len(list(root.iter(tag))):
            bad.append(f"{path}: {attr} does not add up")
    if int(root.get("tests")) != len(names):
        bad.append(f"{path}: tests does not add up")
    passed = [c for c in root.iter("testcase")
              if not c.findall("failure") + c.findall("error") +
              c.findall("skipped")]
    if not passed:
        bad.append(f"{path}: no passing case")
    for c in root.iter("testcase"):
        if "/" in c.get("classname"):
            bad.append(f"{path}: a classname is a path")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
	then
		ok "JUnit reports parse, with unique names and counts that add up"
	else
		not_ok "JUnit reports parse, with unique names and counts that add up"
		diag_file out
	fi
	if python3 - files.json snap.json samples.json >out 2>&1 <<'PY'
import json, sys
bad = []
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        bad.append(f"{path}: a byte-order mark")
    issues = json.loads(raw)
    if not isinstance(issues, list) or not issues:
        bad.append(f"{path}: not a non-empty array")
        continue
    fps = [i["fingerprint"] for i in issues]
    if len(fps) != len(set(fps)):
        bad.append(f"{path}: duplicate fingerprints")
    for i in issues:
        if not (i["description"] and i["check_name"] and
                i["location"]["path"] and
                isinstance(i["location"]["lines"]["begin"], int) and
                i["severity"] in ("info", "minor", "major", "critical",
                                  "blocker")):
            bad.append(f"{path}: an issue lacks a required field")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
	then
		ok "Code Quality reports hold the fields GitLab requires"
	else
		not_ok "Code Quality reports hold the fields GitLab requires"
		diag_file out
	fi
else
	skip_missing "JUnit reports parse" python3
	skip_missing "Code Quality reports hold the fields GitLab requires" \
	    python3
fi

# -o FMT=PATH writes the bytes --format FMT prints, in the same run as
# the stdout report.
# shellcheck disable=SC2086
ka check $small -f text -o sarif=o.sarif -o junit=o.xml \
    -o codequality=o.json -o github=o.txt -o json=o.jsn $files \
    >o.text 2>/dev/null
same=1
for pair in sarif:o.sarif junit:o.xml codequality:o.json github:o.txt \
    json:o.jsn text:o.text; do
	# shellcheck disable=SC2086
	ka check $small -f "${pair%%:*}" $files >want 2>/dev/null
	cmp -s want "${pair#*:}" || same=0
done
if [ "$same" = 1 ]; then
	ok "-o FMT=PATH writes what --format FMT prints"
else
	not_ok "-o FMT=PATH writes what --format FMT prints"
fi

# Reports to files of their own are written by threads, the others one
# after the other: a file named twice holds the last report whole.
# shellcheck disable=SC2086
ka check $small -f text -o sarif=twice -o junit=./twice $files \
    >/dev/null 2>&1
# shellcheck disable=SC2086
ka check $small -f junit $files >want 2>/dev/null
if cmp -s want twice; then
	ok "-o naming one file twice leaves the last report whole"
else
	not_ok "-o naming one file twice leaves the last report whole"
fi

# A standard output closed early ends the audit by SIGPIPE, as for any
# filter, but only once the reports of -o are whole: their threads write
# several megabytes here while the text report meets the closed pipe.
mkdir many
i=0
while [ "$i" -lt 1500 ]; do
	printf 'bootstrap.servers=kafka:9092\nacks=1\nretries=0\n' \
	    >"many/orders-producer-$i.properties"
	i=$((i + 1))
done
{
	ka check -f text -o sarif=piped.sarif -o junit=piped.xml many \
	    2>/dev/null
	echo $? >piped.rc
} | true
ka check -f sarif many >want.sarif 2>/dev/null
ka check -f junit many >want.xml 2>/dev/null
if [ "$(cat piped.rc)" = 141 ] && cmp -s want.sarif piped.sarif &&
    cmp -s want.xml piped.xml; then
	ok "a closed standard output leaves the reports of -o whole"
else
	not_ok "a closed standard output leaves the reports of -o whole" \
	    "(exit $(cat piped.rc); SARIF $(wc -c <piped.sarif) bytes of" \
	    "$(wc -c <want.sarif))"
fi

# A report that cannot be written is said on standard error, and exit 4:
# a directory that does not exist, a full device (written in turn), and
# a file past the size limit (written by a thread: with SIGXFSZ ignored,
# the write fails with EFBIG).
# shellcheck disable=SC2086
(
	trap '' XFSZ
	ulimit -f 4
	exec "$KAUDIT" check -f text -o sarif=no/such/dir.sarif \
	    -o junit=/dev/full -o sarif=big.sarif --snapshot cluster.json \
	    >out.text 2>err.write
)
rc=$?
if [ "$rc" = 4 ] &&
    grep -q "could not write the sarif report to no/such/dir.sarif" \
    err.write &&
    grep -q "could not write the junit report to /dev/full" err.write &&
    grep -q "could not write the sarif report to big.sarif" err.write &&
    grep -q "problems reported on standard error" out.text; then
	ok "-o reports that cannot be written: output.write on stderr, exit 4"
else
	not_ok "-o reports that cannot be written: output.write on stderr," \
	    "exit 4 (exit $rc)"
	sed 's/^/# /' err.write
	tail -2 out.text | sed 's/^/# /'
fi

# shellcheck disable=SC2086
GITHUB_ACTIONS=true ka check $small -f auto $files >auto.gha 2>/dev/null
# shellcheck disable=SC2086
GITHUB_ACTIONS= ka check $small -f auto $files >auto.txt 2>/dev/null
# shellcheck disable=SC2086
ka check $small -f github $files >gha 2>/dev/null
# shellcheck disable=SC2086
ka check $small -f text $files >txt 2>/dev/null
if cmp -s auto.gha gha && cmp -s auto.txt txt; then
	ok "--format auto is github under GitHub Actions, else text"
else
	not_ok "--format auto is github under GitHub Actions, else text"
fi

# --path-base: the same paths from the parent directory.
mkdir -p "$tmp/up"
(cd "$tmp" && "$KAUDIT" check --no-default-rules -r in/rules.yaml \
    -f github --path-base in in/config/server.properties) >up.gha 2>&1
# shellcheck disable=SC2086
ka check $small -f github config/server.properties >here.gha 2>&1
if cmp -s up.gha here.gha && grep -q 'file=config/server.properties' up.gha
then
	ok "--path-base makes paths relative to it"
else
	not_ok "--path-base makes paths relative to it"
	diag_file up.gha
fi

# Moving a property down the file keeps its fingerprint, so the
# baseline still holds it; a second finding of the same kind is new.
# shellcheck disable=SC2086
ka check $small -f sarif config/server.properties >before.sarif 2>/dev/null
{
	echo "# moved"
	echo
	cat config/server.properties
} >moved && mv moved config/server.properties
# shellcheck disable=SC2086
ka check $small -f sarif config/server.properties >after.sarif 2>/dev/null
fp() {
	grep -o '"primaryLocationLineHash": "[^"]*"' "$1"
}
# shellcheck disable=SC2086
if [ -n "$(fp before.sarif)" ] && [ "$(fp before.sarif)" = "$(fp after.sarif)" ] &&
    ! cmp -s before.sarif after.sarif &&
    ka check $small --baseline base.json $files >out 2>&1; then
	ok "a property moved to another line keeps its fingerprint and baseline"
else
	not_ok "a property moved to another line keeps its fingerprint and baseline"
	diag_file out
fi
tap_done
