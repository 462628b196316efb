"""The adoption kit's files, read as the platforms read them; for kit.sh.

  kit.py github WORKFLOW SETUP_DEBIAN OUT
  kit.py gitlab CI_FILE SETUP_DEBIAN OUT
      Check the structure GitHub Actions or GitLab CI needs, and write
      OUT/run.sh, the audit command as the platform runs it, and
      OUT/vars, "NAME VALUE" lines: config (the KAFKA_CONFIG paths),
      and the reports the job uploads (sarif, codequality, junit).
  kit.py precommit MANIFEST PATH...
      Check the hooks manifest, and print the kafka-audit hook's command
      for PATH... as pre-commit runs it: one argument a line.
  kit.py sarif SCHEMA FILE PREFIX
  kit.py codequality FILE PREFIX
  kit.py junit FILE PREFIX
      Check a report the job uploads; its paths must start with PREFIX.
      Print its number of findings.

Problems go to standard output, and the exit status is then 1.
"""
import json
import re
import shlex
import sys
import xml.etree.ElementTree as ET

import yaml

problems = []


def problem(msg):
    problems.append(msg)


def finish(status_line=None):
    for p in problems:
        print(p)
    if not problems and status_line is not None:
        print(status_line)
    sys.exit(1 if problems else 0)


def build_packages(setup_debian):
    """The build="..." list of tools/setup-debian.sh."""
    m = re.search(r'^build="([^"]*)"', open(setup_debian).read(), re.M)
    if not m:
        problem(f"{setup_debian}: no build=\"...\" list")
        return set()
    return set(m.group(1).split())


def apt_packages(script):
    """The packages of the apt-get install commands of a shell script."""
    pkgs = set()
    for cmd in re.split(r"&&|;|\n", script.replace("\\\n", " ")):
        words = shlex.split(cmd)
        if words[:1] == ["sudo"]:
            words = words[1:]
        if words[:2] == ["apt-get", "install"]:
            pkgs |= {w for w in words[2:] if not w.startswith("-")}
    return pkgs


def check_packages(where, script, setup_debian, extra=()):
    want = build_packages(setup_debian)
    have = apt_packages(script)
    if not have:
        problem(f"{where}: installs no packages with apt-get")
    for p in sorted(want - have):
        problem(f"{where}: does not install {p}, which building needs "
                "(tools/setup-debian.sh)")
    for p in sorted(have - want - set(extra)):
        problem(f"{where}: installs {p}, which tools/setup-debian.sh does "
                "not list for building")


def audit_command(where, script):
    """The options of the kafka-audit check command in script:
    {"format": ..., "outputs": {FMT: PATH}}."""
    cmds = [c for c in re.split(r"&&|;|\n", script.replace("\\\n", " "))
            if "kafka-audit check" in c]
    if len(cmds) != 1:
        problem(f"{where}: {len(cmds)} kafka-audit check commands, not 1")
        return {"format": None, "outputs": {}}
    words = shlex.split(cmds[0])
    words = words[words.index("check") + 1:]
    res = {"format": None, "outputs": {}}
    for i, w in enumerate(words):
        arg = words[i + 1] if i + 1 < len(words) else ""
        if w in ("-f", "--format"):
            res["format"] = arg
        elif w.startswith("--format="):
            res["format"] = w.split("=", 1)[1]
        elif w in ("-o", "--output"):
            fmt, _, path = arg.partition("=")
            res["outputs"][fmt] = path
    return res


def same_path(a, b):
    def norm(p):
        return p[2:] if p.startswith("./") else p
    return norm(a or "") == norm(b or "")


def write_run(out, env, cwd, lines, config, reports):
    with open(f"{out}/run.sh", "w") as f:
        f.write("set -eo pipefail\n")
        for k, v in env.items():
            f.write(f"export {k}={shlex.quote(str(v))}\n")
        if cwd:
            f.write(f"cd {shlex.quote(cwd)}\n")
        for line in lines:
            f.write(line.rstrip("\n") + "\n")
    with open(f"{out}/vars", "w") as f:
        for c in config.split():
            f.write(f"config {c}\n")
        for k, v in reports.items():
            f.write(f"{k} {v}\n")


def github(path, setup_debian, out):
    wf = yaml.safe_load(open(path))
    # YAML 1.1 reads the key "on" as true.
    if not isinstance(wf, dict) or "jobs" not in wf or \
            ("on" not in wf and True not in wf):
        problem(f"{path}: not a workflow: it needs on: and jobs:")
        finish()
    audit = None
    for jname, job in wf["jobs"].items():
        steps = job.get("steps") or []
        idx = [i for i, s in enumerate(steps)
               if "kafka-audit check" in (s.get("run") or "")]
        if idx:
            audit = (jname, job, steps, idx[0])
            break
    if audit is None:
        problem(f"{path}: no step runs kafka-audit check")
        finish()
    jname, job, steps, ai = audit
    where = f"{path}: job {jname}"
    if "runs-on" not in job:
        problem(f"{where}: no runs-on")
    perms = job.get("permissions", wf.get("permissions")) or {}
    if not isinstance(perms, dict) or \
            perms.get("security-events") != "write":
        problem(f"{where}: upload-sarif needs permissions: "
                "security-events: write")
    for s in steps:
        if "uses" in s and "@" not in s["uses"]:
            problem(f"{where}: {s['uses']} names no version")
        if "uses" not in s and "run" not in s:
            problem(f"{where}: a step with neither uses nor run")
    build = "\n".join(s.get("run", "") for s in steps[:ai])
    check_packages(f"{where}: the steps before the audit", build,
                   setup_debian)
    step = steps[ai]
    if step.get("continue-on-error"):
        problem(f"{where}: the audit step has continue-on-error, so "
                "findings would not fail the job")
    if "${{" in step["run"]:
        problem(f"{where}: the audit step's run has a ${{{{ }}}} "
                "expression; pass values through env instead")
    cmd = audit_command(where, step["run"])
    if cmd["format"] != "github":
        problem(f"{where}: the audit does not write --format github "
                "annotations")
    sarif = cmd["outputs"].get("sarif")
    if not sarif:
        problem(f"{where}: the audit writes no -o sarif=FILE report")
    uploads = [i for i, s in enumerate(steps) if str(
        s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    if not uploads:
        problem(f"{where}: no github/codeql-action/upload-sarif step")
    for ui in uploads:
        up = steps[ui]
        w = up.get("with") or {}
        if ui < ai:
            problem(f"{where}: upload-sarif runs before the audit")
        if not same_path(w.get("sarif_file"), sarif):
            problem(f"{where}: upload-sarif's sarif_file "
                    f"{w.get('sarif_file')!r} is not the report the "
                    f"audit writes, {sarif!r}")
        if w.get("category") != "kafka-audit":
            problem(f"{where}: upload-sarif's category is not kafka-audit")
    # A failed audit skips every later step that is not if: always().
    for s in steps[ai + 1:(uploads[-1] + 1 if uploads else ai + 1)]:
        if "always()" not in str(s.get("if", "")):
            problem(f"{where}: step {s.get('name', s.get('uses'))!r} "
                    "runs only when the audit passed; give it "
                    "if: always()")
    env = {}
    for scope in (wf, job, step):
        env.update(scope.get("env") or {})
    if "KAFKA_CONFIG" not in env:
        problem(f"{where}: no KAFKA_CONFIG in env")
    write_run(out, env, step.get("working-directory"), [step["run"]],
              str(env.get("KAFKA_CONFIG", "")), {"sarif": sarif})
    finish()


# GitLab's global keywords, which cannot name a job.
GITLAB_KEYWORDS = {"default", "include", "stages", "variables", "workflow",
                   "image", "services", "cache", "before_script",
                   "after_script", "pages", "spec"}


def gitlab(path, setup_debian, out):
    ci = yaml.safe_load(open(path))
    if not isinstance(ci, dict):
        problem(f"{path}: not a mapping of jobs")
        finish()
    jobs = {k: v for k, v in ci.items() if isinstance(v, dict) and
            k not in GITLAB_KEYWORDS and not k.startswith(".")}
    audit = None
    for jname, job in jobs.items():
        script = job.get("script")
        if isinstance(script, str):
            script = [script]
        if any("kafka-audit check" in line for line in script or []):
            audit = (jname, job, script)
            break
    if audit is None:
        problem(f"{path}: no job's script runs kafka-audit check")
        finish()
    jname, job, script = audit
    where = f"{path}: job {jname}"
    if "image" not in job and "image" not in (ci.get("default") or {}):
        problem(f"{where}: no image")
    before = job.get("before_script") or []
    if isinstance(before, str):
        before = [before]
    check_packages(f"{where}: before_script", "\n".join(before),
                   setup_debian, extra=("git", "ca-certificates"))
    cmd = audit_command(where, "\n".join(script))
    art = job.get("artifacts") or {}
    if art.get("when") != "always":
        problem(f"{where}: artifacts: when: always is missing, so a "
                "failed audit would upload no report")
    reports = art.get("reports") or {}
    found = {}
    for kind in ("codequality", "junit"):
        written = cmd["outputs"].get(kind)
        if not written:
            problem(f"{where}: the audit writes no -o {kind}=FILE report")
        if not same_path(reports.get(kind), written):
            problem(f"{where}: artifacts: reports: {kind} is "
                    f"{reports.get(kind)!r}, not the report the audit "
                    f"writes, {written!r}")
        found[kind] = written
    env = dict(ci.get("variables") or {})
    env.update(job.get("variables") or {})
    if "KAFKA_CONFIG" not in env:
        problem(f"{where}: no KAFKA_CONFIG in variables")
    write_run(out, env, None, script, str(env.get("KAFKA_CONFIG", "")),
              found)
    finish()


def precommit(path, files):
    hooks = yaml.safe_load(open(path))
    if not isinstance(hooks, list):
        problem(f"{path}: not a list of hooks")
        finish()
    hook = [h for h in hooks if h.get("id") == "kafka-audit"]
    if len(hook) != 1:
        problem(f"{path}: {len(hook)} hooks with id kafka-audit, not 1")
        finish()
    hook = hook[0]
    for k in ("id", "name", "entry", "language"):
        if not isinstance(hook.get(k), str):
            problem(f"{path}: the hook has no {k}")
    if hook.get("language") != "system":
        problem(f"{path}: language is not system")
    if hook.get("pass_filenames", True) is not True:
        problem(f"{path}: the hook is not passed the file names")
    if "file" not in hook.get("types", ["file"]):
        problem(f"{path}: types leaves out plain files")
    try:
        inc = re.compile(hook.get("files", ""))
        exc = re.compile(hook.get("exclude", "^$"))
    except re.error as e:
        problem(f"{path}: a bad regular expression: {e}")
        finish()
    # pre-commit: re.search on the path, files and not exclude; then
    # the entry, split as a shell would, its args and the file names.
    argv = shlex.split(hook.get("entry", "")) + hook.get("args", []) + [
        f for f in files if inc.search(f) and not exc.search(f)]
    finish("\n".join(argv))


def sarif(schema_path, path, prefix):
    import jsonschema
    log = json.load(open(path))
    v = jsonschema.Draft4Validator(json.load(open(schema_path)))
    for e in sorted(v.iter_errors(log), key=lambda e: list(e.path))[:10]:
        problem(f"{path}: {list(e.path)} {e.message[:300]}")
    run = log["runs"][0]
    if run["tool"]["driver"]["name"] != "kafka-audit":
        problem(f"{path}: the tool is not kafka-audit")
    for res in run["results"]:
        for loc in res.get("locations", []):
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            if not uri.startswith(prefix):
                problem(f"{path}: {uri} is not under {prefix}")
    finish(str(len(run["results"])))


SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def codequality(path, prefix):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        problem(f"{path}: starts with a byte-order mark")
    issues = json.loads(raw)
    if not isinstance(issues, list):
        problem(f"{path}: not a JSON array")
        finish()
    for i, issue in enumerate(issues):
        for k in ("description", "check_name", "fingerprint"):
            if not isinstance(issue.get(k), str) or not issue[k]:
                problem(f"{path}: issue {i} has no {k}")
        if issue.get("severity") not in SEVERITIES:
            problem(f"{path}: issue {i}: severity {issue.get('severity')}")
        loc = issue.get("location", {})
        if not str(loc.get("path", "")).startswith(prefix):
            problem(f"{path}: issue {i}: path {loc.get('path')} is not "
                    f"under {prefix}")
        begin = loc.get("lines", {}).get("begin")
        if not isinstance(begin, int) or begin < 1:
            problem(f"{path}: issue {i}: no lines.begin")
    fps = [i.get("fingerprint") for i in issues]
    if len(set(fps)) != len(fps):
        problem(f"{path}: fingerprints repeat")
    finish(str(len(issues)))


def junit(path, prefix):
    root = ET.parse(path).getroot()
    if root.tag not in ("testsuites", "testsuite"):
        problem(f"{path}: the root is <{root.tag}>")
    cases = list(root.iter("testcase"))
    if not cases:
        problem(f"{path}: no test cases")
    names = [c.get("name") for c in cases]
    if len(set(names)) != len(names):
        problem(f"{path}: test names repeat")
    for s in root.iter("testsuite"):
        if not s.get("name", "").startswith(prefix) and \
                not s.get("name", "").startswith("cluster"):
            problem(f"{path}: suite {s.get('name')} is not under {prefix}")
    failed = [c for c in cases if c.find("failure") is not None or
              c.find("error") is not None]
    finish(str(len(failed)))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "precommit":
        precommit(args[0], args[1:])
    else:
        {"github": github, "gitlab": gitlab, "sarif": sarif,
         "codequality": codequality, "junit": junit}[cmd](*args)


if __name__ == "__main__":
    main()
