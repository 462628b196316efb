#!/usr/bin/env python3
"""Write the cluster snapshots of the live rules' golden cases.

The golden cases of the live rules (tests/cases/rule-KA1103 and on) audit
saved snapshots, so that every rule is shown firing and not firing
without a running cluster; tests/live-rules.sh proves the same rules
against a real one.  Each case gets fires.json and quiet.json, written in
the format "kafka-audit snapshot" writes (kafka-audit(1), SNAPSHOTS).
Run from the top of the tree after changing a case here:

    python3 tools/mksnapshots.py
"""
import json
import os

# Brokers that pass every broker rule, unless a case says otherwise.
SAFE_BROKER = {
    "min.insync.replicas": ("2", "static-broker"),
    "default.replication.factor": ("3", "static-broker"),
    "unclean.leader.election.enable": ("false", "default"),
    "offsets.topic.replication.factor": ("3", "default"),
    "transaction.state.log.replication.factor": ("3", "default"),
    "transaction.state.log.min.isr": ("2", "default"),
    "auto.create.topics.enable": ("false", "static-broker"),
    "log.dirs": ("/var/lib/kafka/data", "static-broker"),
    "message.max.bytes": ("1048588", "default"),
}

SAFE_TOPIC = {
    "min.insync.replicas": ("2", "static-broker"),
    "unclean.leader.election.enable": ("false", "default"),
    "cleanup.policy": ("delete", "default"),
}


def entries(configs):
    return {name: {"value": value, "source": source, "sensitive": False,
                   "readOnly": False}
            for name, (value, source) in sorted(configs.items())}


def broker(bid, rack, **over):
    configs = dict(SAFE_BROKER)
    configs.update(over)
    return {"id": bid, "host": "kafka-%d.example" % bid, "port": 9092,
            "rack": rack, "configs": {"state": "ok", "error": None,
                                      "entries": entries(configs)}}


def topic(name, parts, internal=False, **over):
    """parts: [(leader, replicas, isr)], numbered from 0."""
    configs = dict(SAFE_TOPIC)
    configs.update(over)
    return {"name": name, "internal": internal, "error": None,
            "partitions": [{"id": i, "leader": leader,
                            "replicas": replicas, "isr": isr,
                            "error": None}
                           for i, (leader, replicas, isr)
                           in enumerate(parts)],
            "configs": {"state": "ok", "error": None,
                        "entries": entries(configs)}}


def snapshot(topics, brokers=None):
    if brokers is None:
        brokers = [broker(1, "az-a"), broker(2, "az-b"), broker(3, "az-c")]
    return {"kafkaAuditSnapshot": 1, "fetchedAt": "2026-11-30T12:00:00Z",
            "bootstrap": "kafka-1.example:9092", "clusterId": "golden",
            "controller": 1, "complete": True,
            "brokers": sorted(brokers, key=lambda b: b["id"]),
            "topics": sorted(topics, key=lambda t: t["name"])}


FULL = (1, [1, 2, 3], [1, 2, 3])
RF3_MIN = lambda v, src="topic": {"min.insync.replicas": (v, src)}

CASES = {
    "rule-KA1103": (
        [topic("orders", [(1, [1, 2], [1, 2])])],
        [topic("orders", [FULL])]),
    "rule-KA1104": (
        [topic("payments", [FULL], **RF3_MIN("3"))],
        [topic("payments", [FULL], **RF3_MIN("2"))]),
    "rule-KA1105": (
        [topic("audit", [(1, [1, 2], [1, 2])], **RF3_MIN("3"))],
        [topic("audit", [FULL], **RF3_MIN("3"))]),
    "rule-KA1106": (
        [topic("audit", [(1, [1, 2], [1, 2])], **RF3_MIN("3"))],
        [topic("audit", [FULL], **RF3_MIN("3"))]),
    "rule-KA1107": (
        [topic("__consumer_offsets", [(1, [1], [1])], internal=True)],
        [topic("__consumer_offsets", [FULL], internal=True)]),
    "rule-KA2105": (
        [topic("clicks", [FULL], **RF3_MIN("1")),
         topic("orders", [FULL])],
        [topic("orders", [FULL])]),
    "rule-KA2106": (
        [topic("orders", [FULL])],
        [topic("clicks", [FULL], **RF3_MIN("1"))]),
    "rule-KA4001": (
        [topic("orders", [FULL, (-1, [2, 3, 1], [2])])],
        [topic("orders", [FULL, (2, [2, 3, 1], [2, 3, 1])])]),
    "rule-KA4002": (
        [topic("orders", [FULL, (2, [2, 3, 1], [2])])],
        [topic("orders", [FULL, (2, [2, 3, 1], [2, 3])])]),
    "rule-KA4003": (
        [topic("orders", [FULL, (2, [2, 3, 1], [2, 3])])],
        [topic("orders", [FULL, (2, [2, 3, 1], [2, 3, 1])])]),
    "rule-KA4004": (
        [topic("orders", [(1, [1, 2, 3], [1, 3])])],
        [topic("orders", [FULL])]),
}

# Racks: brokers 1 and 2 share a rack in the cases that need it.
RACKED = [broker(1, "az-a"), broker(2, "az-a"), broker(3, "az-b"),
          broker(4, "az-c")]
CASES["rule-KA4101"] = (
    ([topic("orders", [(1, [1, 2], [1, 2])], **RF3_MIN("1"))], RACKED),
    ([topic("orders", [(1, [1, 3], [1, 3])], **RF3_MIN("1"))], RACKED))
CASES["rule-KA4102"] = (
    ([topic("orders", [(1, [1, 2, 3], [1, 2, 3])])], RACKED),
    ([topic("orders", [(1, [1, 3, 4], [1, 3, 4])])], RACKED))
CASES["rule-KA4201"] = (
    ([topic("orders", [FULL])],
     [broker(1, "az-a"), broker(2, "az-b"),
      broker(3, "az-c", **{"min.insync.replicas": ("1", "dynamic-broker")})]),
    ([topic("orders", [FULL])], None))
CASES["rule-KA4202"] = (
    ([topic("orders", [FULL])],
     [broker(1, "az-a", **{"min.insync.replicas": ("1", "dynamic-broker")}),
      broker(2, "az-b"), broker(3, "az-c")]),
    None)


def write(path, snap):
    with open(path, "w") as f:
        json.dump(snap, f, indent=2)
        f.write("\n")


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    for case, (fires, quiet) in sorted(CASES.items()):
        d = os.path.join(top, "tests", "cases", case)
        os.makedirs(d, exist_ok=True)
        for name, spec in (("fires.json", fires), ("quiet.json", quiet)):
            if spec is None:
                continue
            if isinstance(spec, tuple):
                write(os.path.join(d, name), snapshot(spec[0], spec[1]))
            else:
                write(os.path.join(d, name), snapshot(spec))


if __name__ == "__main__":
    main()
