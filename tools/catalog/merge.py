#!/usr/bin/env python3
"""Merge the ConfigDef dumps of every Kafka release line, librdkafka's
CONFIGURATION.md and the hand-written Scala client table into
src/catalog_data.c and src/catalog_history.c.  gen.sh runs it; see there.

Per (dialect, key) the newest release that has the key gives the type,
flags, valid values, range and default; the first release with it gives
`since`, the first release after the last one with it gives `until`, and
every change of the default between release lines becomes a row of the
history table."""

import argparse
import glob
import os
import re
import sys

DIALECTS = ["broker", "topic", "producer", "consumer", "scala-producer",
            "scala-consumer", "librdkafka"]
DIALECT_C = {"broker": "BRK", "topic": "TOP", "producer": "PRO",
             "consumer": "CON", "scala-producer": "SPR",
             "scala-consumer": "SCO", "librdkafka": "LRK"}
TYPE_C = {"BOOLEAN": "BOOL", "SHORT": "SHORT", "INT": "INT", "LONG": "LONG",
          "DOUBLE": "DBL", "STRING": "STR", "ENUM": "ENUM", "LIST": "LIST",
          "CLASS": "CLASS", "PASSWORD": "PASS"}

# Values that the catalogue's readers treat as one: ka_catalog_normalize()
# in src/catalog.c applies the same table (value_aliases[]), and
# check_catalog verifies that every default survives normalisation.
VALUE_ALIASES = {
    ("producer", "acks"): {"-1": "all"},
    ("scala-producer", "acks"): {"-1": "all"},
    ("scala-consumer", "auto.offset.reset"): {"smallest": "earliest",
                                              "largest": "latest"},
    ("librdkafka", "auto.offset.reset"): {
        "smallest": "earliest", "beginning": "earliest",
        "largest": "latest", "end": "latest", "error": "none"},
}

# librdkafka keys that carry the meaning of a Java key of another name.
# Aliases get the canon of the property they alias.
LRK_CANON = {
    "request.required.acks": "acks",
    "message.send.max.retries": "retries",
    "queue.buffering.max.ms": "linger.ms",
    "message.timeout.ms": "delivery.timeout.ms",
    "max.in.flight.requests.per.connection":
        "max.in.flight.requests.per.connection",
    "metadata.broker.list": "bootstrap.servers",
    "compression.codec": "compression.type",
    "fetch.wait.max.ms": "fetch.max.wait.ms",
    "fetch.message.max.bytes": "max.partition.fetch.bytes",
    "sasl.mechanisms": "sasl.mechanism",
}

# librdkafka keys named like a Java key whose values mean something else,
# so that a rule written for the Java key must not read them.
# auto.commit.enable is the legacy topic-level property that does not
# control the group consumer (rules/consumer.yaml KA3003 relies on that).
LRK_NOT_CANON = {
    "partition.assignment.strategy",	# names, not Java class names
    "ssl.endpoint.identification.algorithm",	# "none", not ""
    "auto.commit.enable",
    "sasl.kerberos.kinit.cmd",	# a shell command, not kinit's path
    "ssl.cipher.suites",	# OpenSSL's cipher list, not JSSE names
}


def die(msg):
    sys.stderr.write("merge.py: %s\n" % msg)
    sys.exit(1)


def warn(msg):
    sys.stderr.write("merge.py: warning: %s\n" % msg)


def vkey(v):
    return tuple(int(x) for x in v.split("."))


def line_of(v):
    """The release line of a release, as a KA_VERSION triple."""
    p = [int(x) for x in v.split(".")]
    if p[0] == 0:
        return (0, p[1], p[2])
    return (p[0], p[1], 0)


def line_text(t):
    return "%d.%d" % (t[0], t[1]) if t[2] == 0 else "%d.%d.%d" % t


def unesc(s):
    if s == "\\N":
        return None
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def shortest_double(x):
    """A whole number below 10^15 in plain digits, else the shortest %g
    form that reads back as x, as catalog.c prints."""
    if x == int(x) and abs(x) < 1e15:
        return "%.0f" % x
    for p in range(1, 18):
        s = "%.*g" % (p, x)
        if float(s) == x:
            return s
    return "%.17g" % x


def java_double(s):
    s = s.strip()
    if s.endswith(("d", "D", "f", "F")):
        s = s[:-1]
    return float(s)


def canon_value(dialect, canon, typ, values, nocase, v):
    """The canonical text of a default, as ka_catalog_normalize() gives."""
    if v is None:
        return None
    if typ in ("INT", "SHORT", "LONG"):
        v = str(int(v.strip()))
    elif typ == "DOUBLE":
        v = shortest_double(java_double(v))
    elif typ == "BOOLEAN":
        v = v.strip().lower()
    elif typ == "LIST":
        v = ",".join(x.strip() for x in v.split(",")) if v.strip() else ""
        if values and nocase:
            byfold = {x.lower(): x for x in values.split(",")}
            v = ",".join(byfold.get(x.lower(), x) for x in v.split(",")
                         if x != "")
    elif typ == "ENUM" and nocase:
        for x in values.split(","):
            if x.lower() == v.strip().lower():
                v = x
    return VALUE_ALIASES.get((dialect, canon), {}).get(v, v)


# ---------------------------------------------------------------- Java

def load_dumps(d):
    files = sorted(glob.glob(os.path.join(d, "*.tsv")),
                   key=lambda f: vkey(os.path.basename(f)[:-4]))
    if not files:
        die("no dumps in %s" % d)
    releases, keys = [], {}
    for f in files:
        rel = os.path.basename(f)[:-4]
        releases.append(rel)
        for line in open(f, encoding="utf-8"):
            c = line.rstrip("\n").split("\t")
            if len(c) != 10:
                die("%s: bad line %r" % (f, line))
            rec = {"type": c[2], "default": unesc(c[3]),
                   "internal": c[4] == "1", "nocase": c[5] == "1",
                   "values": unesc(c[6]), "min": unesc(c[7]),
                   "max": unesc(c[8]), "validator": unesc(c[9]) or ""}
            keys.setdefault((c[0], unesc(c[1])), {})[rel] = rec
    return releases, keys


def java_shape(dialect, name, rec):
    """Type, valid values and case-folding of one release's key."""
    typ, values, nocase = rec["type"], rec["values"], rec["nocase"]
    if "AutoOffsetResetStrategy" in rec["validator"]:
        # Kafka 4.0 (KIP-1106): latest, earliest, none or
        # by_duration:<ISO-8601 duration>, checked case-sensitively.
        typ, values = "ENUM", "latest,earliest,none,by_duration:PnDTnHnMn.nS"
    elif typ == "STRING" and values is not None:
        typ = "ENUM"
    elif typ != "LIST":
        values = None
    if values == "":
        values = None
    if nocase and values is not None:
        d = rec["default"]
        if d is not None and d == d.lower():
            values = values.lower()
    return typ, values, nocase


def java_rows(releases, keys):
    lines = [line_of(r) for r in releases]
    first, last = lines[0], lines[-1]
    rows, hist = [], []
    for (dialect, name), per in sorted(keys.items()):
        present = [i for i, r in enumerate(releases) if r in per]
        if present != list(range(present[0], present[-1] + 1)):
            warn("%s %s comes and goes: %s" % (dialect, name, ", ".join(
                releases[i] for i in present)))
        newest = per[releases[present[-1]]]
        typ, values, nocase = java_shape(dialect, name, newest)
        flags = []
        if any(per[r]["type"] == "PASSWORD" for r in per):
            flags.append("SENS")
        if nocase:
            flags.append("NOCASE")
        if newest["internal"]:
            flags.append("INTL")
        rng = None
        if newest["min"] is not None or newest["max"] is not None:
            flags.append("RNG")
            rng = (newest["min"], newest["max"])
        since = lines[present[0]] if present[0] > 0 else None
        until = (lines[present[-1] + 1]
                 if present[-1] + 1 < len(releases) else None)
        # The defaults, release line by release line.
        seq = []
        for i in present:
            rec = per[releases[i]]
            t, vals, nc = java_shape(dialect, name, rec)
            d = canon_value(dialect, name, typ, vals, nc, rec["default"])
            if not seq or seq[-1][1] != d:
                seq.append((lines[i] if seq else None, d))
        if len(seq) > 1:
            for ln, d in seq:
                hist.append((dialect, name, ln, d))
        rows.append({"name": name, "dialect": dialect, "type": typ,
                     "flags": flags, "default": seq[-1][1],
                     "values": values, "canon": None, "since": since,
                     "until": until, "range": rng})
    return rows, hist, first, last


# --------------------------------------------------------- librdkafka

def split_row(line):
    cells = re.split(r"(?<!\\)\|", line)
    cells = [c.replace("\\|", "|").strip() for c in cells]
    if len(cells) < 6:
        return None
    return cells[:5] + ["|".join(cells[5:])]


def lrk_conf_props(path):
    """Sensitive properties and named integers, from rdkafka_conf.c."""
    text = open(path, encoding="utf-8").read()
    sens, named = set(), {}
    for block in re.split(r"\n    \{_RK_", text)[1:]:
        m = re.match(r'([^"]*?)"([a-z0-9_.]+)",\s*(_RK_C_[A-Z0-9]+)', block,
                     re.S)
        if not m:
            continue
        scope, name, ctype = m.groups()
        if "_RK_SENSITIVE" in scope:
            sens.add(name)
        if ctype == "_RK_C_INT" and ".s2i" in block:
            s2i = block[block.index(".s2i"):]
            s2i = s2i[:s2i.index("}}") + 2]
            named[name] = re.findall(r'\{\s*(-?\d+)\s*,\s*"([^"]+)"', s2i)
    return sens, named


def lrk_rows(md, conf):
    sens, named = lrk_conf_props(conf)
    section, raw = None, []
    for line in open(md, encoding="utf-8"):
        if line.startswith("## Global configuration"):
            section = "global"
        elif line.startswith("## Topic configuration"):
            section = "topic"
        elif line.startswith("#"):
            section = None if line.startswith("## ") else section
        if section is None or "|" not in line:
            continue
        c = split_row(line.rstrip("\n"))
        if c is None or c[0] in ("Property", "") or c[0].startswith("-"):
            continue
        name, cp, rng, dflt, _imp, desc = c
        m = re.search(r"\*Type: ([^*]+)\*", desc)
        if not m:
            die("librdkafka %s: no type" % name)
        alias = re.search(r"Alias for `([^`]+)`", desc)
        raw.append({"name": name, "section": section, "cp": cp,
                    "range": rng, "default": dflt, "ltype": m.group(1),
                    "alias": alias.group(1) if alias else None})

    # A file sets properties on the global configuration, where a global
    # property wins over a topic-level one of the same name (see
    # rd_kafka_conf_set()): the topic-level alias enable.auto.commit of
    # auto.commit.enable, for instance, is unreachable from a file.
    byname = {}
    for r in raw:
        if r["name"] in byname:
            if byname[r["name"]]["section"] == "global":
                continue
        byname[r["name"]] = r
    target = {}
    for r in raw:
        if r["alias"] is None:
            target.setdefault((r["section"], r["name"]), r)

    rows = []
    for name, r in sorted(byname.items()):
        t = r
        if r["alias"] is not None:
            t = target.get((r["section"], r["alias"])) or \
                target.get(("global", r["alias"]))
            if t is None:
                die("librdkafka %s: alias of unknown %s" % (name, r["alias"]))
        rows.append(lrk_row(name, r, t, sens, named))
    return rows


def lrk_row(name, r, t, sens, named):
    lt = t["ltype"]
    flags, values, rng = [], None, None
    typ = {"integer": "INT", "boolean": "BOOLEAN", "enum value": "ENUM",
           "float": "DOUBLE", "CSV flags": "LIST", "string": "STRING",
           "pattern list": "STRING", "see dedicated API": "STRING"}.get(lt)
    if typ is None:
        die("librdkafka %s: type %r" % (name, lt))
    if lt == "see dedicated API":
        flags.append("API")
    if typ in ("ENUM", "LIST"):
        flags.append("NOCASE")
        values = ",".join(x.strip() for x in t["range"].split(",")) or None
    if typ in ("INT", "DOUBLE") and t["range"]:
        m = re.match(r"^(-?[\d.e+]+) \.\. (-?[\d.e+]+)$", t["range"])
        if not m:
            die("librdkafka %s: range %r" % (name, t["range"]))
        flags.append("RNG")
        rng = m.groups()
    if typ == "INT" and t["name"] in named:
        values = ",".join("%s=%s" % (n, v) for v, n in named[t["name"]])
    if "P" in r["cp"] or "*" in r["cp"]:
        flags.append("PROD")
    if "C" in r["cp"] or "*" in r["cp"]:
        flags.append("CONS")
    if r["section"] == "topic":
        flags.append("TLVL")
    if name in sens or t["name"] in sens:
        flags.append("SENS")

    canon = lrk_canon(t["name"])
    if r["alias"] is not None and canon is None:
        canon = lrk_canon(name)
    if name in LRK_NOT_CANON:
        canon = None

    d = t["default"]
    if d == "":
        d = None
    elif typ == "INT" and values is not None:
        for pair in values.split(","):
            n, v = pair.split("=")
            if v == d:
                d = n
    if d is not None and not (typ == "INT" and values is not None and
                              not re.match(r"^-?\d+$", d)):
        d = canon_value("librdkafka", canon or name, typ, values, True, d)
    return {"name": name, "dialect": "librdkafka", "type": typ,
            "flags": flags, "default": d, "values": values, "canon": canon,
            "since": None, "until": None, "range": rng}


JAVA_CLIENT_KEYS = set()


def lrk_canon(name):
    if name in LRK_NOT_CANON:
        return None
    if name in LRK_CANON:
        return LRK_CANON[name]
    if name in JAVA_CLIENT_KEYS:
        return name
    return None


# ------------------------------------------------------------- Scala

def scala_rows(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t")
        if len(c) != 6:
            die("%s: bad line %r" % (path, line))
        dialect, name, typ, dflt, canon, values = c
        typ = {"int": "INT", "short": "SHORT", "long": "LONG",
               "boolean": "BOOLEAN", "string": "STRING", "enum": "ENUM",
               "list": "LIST", "class": "CLASS"}[typ]
        dflt = None if dflt == "-" else dflt
        canon = None if canon == "-" else canon
        values = None if values == "-" else values
        rows.append({"name": name, "dialect": dialect, "type": typ,
                     "flags": [], "default": canon_value(
                         dialect, canon or name, typ, values, False, dflt),
                     "values": values, "canon": canon, "since": None,
                     "until": (2, 0, 0), "range": None})
    return rows


# ------------------------------------------------------------ output

def cstr(s):
    if s is None:
        return "NULL"
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def cnum(s):
    x = float(s)
    if x == int(x) and abs(x) <= 2 ** 53:
        return str(int(x))
    return repr(x)


def cver(t):
    return "0" if t is None else "V(%d, %d, %d)" % t


def width(s):
    return len(s.expandtabs(8))


def split_cstr(tok, room):
    """Cut a long string literal into pieces of at most room columns."""
    body, parts = tok[1:-1], []
    while width('"%s"' % body) > room:
        cut = room - 2
        for sep in (",", " ", ".", "_"):
            i = body.rfind(sep, 0, cut)
            if i > 0:
                cut = i + 1
                break
        if body[cut - 1] == "\\":
            cut -= 1
        parts.append('"%s"' % body[:cut])
        body = body[cut:]
    parts.append('"%s"' % body)
    return parts


def wrap(tokens, first="\t{ ", cont="\t    ", end=" },"):
    lines, cur = [], first
    for i, tok in enumerate(tokens):
        sep = ", " if i + 1 < len(tokens) else end
        piece = tok + sep
        if width(cur + piece.rstrip()) > 80 and cur.strip() not in ("{",
                                                                    ""):
            lines.append(cur.rstrip())
            cur = cont
        if width(cur + piece.rstrip()) > 80 and tok.startswith('"'):
            parts = split_cstr(tok, 80 - width(cont) - 1)
            for p in parts[:-1]:
                if cur != cont and width(cur + p) > 80:
                    lines.append(cur.rstrip())
                    cur = cont
                lines.append((cur + p).rstrip())
                cur = cont
            piece = parts[-1] + sep
        cur += piece
    lines.append(cur.rstrip())
    return lines


def row_tokens(r):
    flags = "|".join(r["flags"]) if r["flags"] else "0"
    toks = [cstr(r["name"]), DIALECT_C[r["dialect"]], TYPE_C[r["type"]],
            flags, cstr(r["default"]), cstr(r["values"]), cstr(r["canon"]),
            cver(r["since"]), cver(r["until"])]
    if r["range"] is not None:
        lo, hi = r["range"]
        toks.append("-HUGE_VAL" if lo is None else cnum(lo))
        toks.append("HUGE_VAL" if hi is None else cnum(hi))
    else:
        toks.extend(["0", "0"])
    return toks


HEADER = """\
/*
 * GENERATED by tools/catalog/gen.sh: do not edit.  To regenerate, with
 * Java 17, Maven and Python 3 (Maven fetches each release from Maven
 * Central):
 *
 *	tools/catalog/gen.sh /path/to/librdkafka.git
 *
 * %s
 */
"""


def comment_text(text):
    """Fill text into the comment's lines."""
    words, lines, cur = text.split(), [], ""
    for w in words:
        if len(cur) + len(w) + 1 > 72:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    lines.append(cur)
    return "\n * ".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dumps", required=True)
    ap.add_argument("--lrk-md", required=True)
    ap.add_argument("--lrk-conf", required=True)
    ap.add_argument("--lrk-tag", required=True)
    ap.add_argument("--scala", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--history", required=True)
    a = ap.parse_args()

    releases, keys = load_dumps(a.dumps)
    for (dialect, name) in keys:
        if dialect in ("producer", "consumer"):
            JAVA_CLIENT_KEYS.add(name)
    jrows, hist, first, last = java_rows(releases, keys)
    rows = jrows + scala_rows(a.scala) + lrk_rows(a.lrk_md, a.lrk_conf)
    rows.sort(key=lambda r: (DIALECTS.index(r["dialect"]),
                             r["name"].encode()))
    seen = set()
    for r in rows:
        k = (r["dialect"], r["name"])
        if k in seen:
            die("duplicate %s %s" % k)
        seen.add(k)
    hist.sort(key=lambda h: (DIALECTS.index(h[0]), h[1].encode(),
                             h[2] or (0, 0, 0)))

    counts = {d: sum(1 for r in rows if r["dialect"] == d)
              for d in DIALECTS}
    source = comment_text(
        "Sources: the ConfigDefs of the broker (KafkaConfig), topic "
        "(LogConfig), producer and consumer of the latest patch release "
        "of every Kafka release line, %s, read by reflection "
        "(tools/catalog/Dump.java); the old Scala clients' keys "
        "(tools/catalog/scala.tsv, by hand); librdkafka's "
        "CONFIGURATION.md and src/rdkafka_conf.c at %s.  Keys: %s." % (
            ", ".join(releases), a.lrk_tag,
            ", ".join("%d %s" % (counts[d], d) for d in DIALECTS)))

    out = [HEADER % source]
    out.append("""#include "config.h"

#include <math.h>
#include <stddef.h>

#include "catalog.h"
#include "catalog_data.h"
#include "version.h"

#define V(a, b, c)	KA_VERSION(a, b, c, 0)
""")
    for d in DIALECTS:
        out.append("#define %s\tKA_DIALECT_%s" % (
            DIALECT_C[d], d.upper().replace("-", "_")))
    out.append("")
    for t, c in sorted(TYPE_C.items(), key=lambda x: x[1]):
        out.append("#define %s\tKA_TYPE_%s" % (c, t) if len(c) >= 4 else
                   "#define %s\t\tKA_TYPE_%s" % (c, t))
    out.append("")
    for f, c in (("SENS", "SENSITIVE"), ("PROD", "PRODUCER"),
                 ("CONS", "CONSUMER"), ("TLVL", "TOPIC_LEVEL"),
                 ("NOCASE", "ENUM_NOCASE"), ("INTL", "INTERNAL"),
                 ("RNG", "RANGE"), ("API", "API_ONLY")):
        out.append("#define %s\tKA_KEY_%s" % (f, c))
    out.append("")
    out.append("const struct ka_keydef\tka_catalog_data_keys[] = {")
    for r in rows:
        out.extend(wrap(row_tokens(r)))
    out.append("};")
    out.append("const size_t\t\tka_catalog_data_nkeys =")
    out.append("    sizeof(ka_catalog_data_keys) / "
               "sizeof(ka_catalog_data_keys[0]);")
    out.append("")
    out.append("/* The first row of each dialect, and the end of the table. */")
    out.append("const size_t\t\tka_catalog_data_first[KA_DIALECT__MAX + 1] = {")
    idx = 0
    firsts = []
    for d in DIALECTS:
        firsts.append(idx)
        idx += counts[d]
    firsts.append(idx)
    out.extend(wrap([str(x) for x in firsts], first="\t", cont="\t",
                    end=""))
    out.append("};")
    out.append("")
    out.append("/* The rows that carry a Java key's meaning, by dialect and "
               "that key. */")
    bycanon = sorted((i for i, r in enumerate(rows) if r["canon"]),
                     key=lambda i: (DIALECTS.index(rows[i]["dialect"]),
                                    rows[i]["canon"].encode(),
                                    rows[i]["name"].encode()))
    out.append("const unsigned short\tka_catalog_data_bycanon[] = {")
    out.extend(wrap([str(x) for x in bycanon], first="\t", cont="\t",
                    end=""))
    out.append("};")
    out.append("const size_t\t\tka_catalog_data_nbycanon =")
    out.append("    sizeof(ka_catalog_data_bycanon) / "
               "sizeof(ka_catalog_data_bycanon[0]);")
    out.append("")
    out.append("/* The names of sensitive keys in any dialect, sorted. */")
    sens = sorted({r["name"] for r in rows if "SENS" in r["flags"]},
                  key=lambda n: n.encode())
    out.append("const char *const\tka_catalog_data_sensitive[] = {")
    out.extend(wrap([cstr(x) for x in sens], first="\t", cont="\t",
                    end=""))
    out.append("};")
    out.append("const size_t\t\tka_catalog_data_nsensitive =")
    out.append("    sizeof(ka_catalog_data_sensitive) / "
               "sizeof(ka_catalog_data_sensitive[0]);")
    with open(a.data, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")

    hsrc = comment_text(
        "The defaults that changed between Kafka release lines, per "
        "dialect and key: one row per default with the first release "
        "line that has it (0 for the oldest, %s).  Derived from the same "
        "ConfigDef dumps as catalog_data.c, whose rows hold the newest "
        "default; a change in a patch release shows under its line." %
        line_text(first))
    out = [HEADER % hsrc]
    out.append("""#include "config.h"

#include <stddef.h>

#include "catalog.h"
#include "catalog_data.h"
#include "version.h"

#define V(a, b, c)	KA_VERSION(a, b, c, 0)
""")
    for d in DIALECTS[:4]:
        out.append("#define %s\tKA_DIALECT_%s" % (DIALECT_C[d], d.upper()))
    out.append("")
    out.append("const struct ka_catalog_change\tka_catalog_data_history[] = {")
    for dialect, name, ln, d in hist:
        out.extend(wrap([DIALECT_C[dialect], cstr(name), cver(ln),
                         cstr(d)]))
    out.append("};")
    out.append("const size_t\t\t\tka_catalog_data_nhistory =")
    out.append("    sizeof(ka_catalog_data_history) /")
    out.append("    sizeof(ka_catalog_data_history[0]);")
    with open(a.history, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    sys.stderr.write("merge.py: %s; %d history rows\n" % (
        ", ".join("%d %s" % (counts[d], d) for d in DIALECTS), len(hist)))


if __name__ == "__main__":
    main()
