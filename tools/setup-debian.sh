#!/bin/sh
# Install what kafka-audit needs to build and test, from Debian's packages.
# Installs only what is missing; needs root for that.
set -eu

# What building needs (the CI examples in examples/ install the same,
# as tests/kit.sh checks), then what testing needs: Java and Maven run
# the real Kafka cluster of the live tests; python3-jsonschema checks
# the SARIF reports against the SARIF 2.1.0 schema and xmllint
# (libxml2-utils) parses the JUnit reports; python3-yaml reads the CI
# examples and shellcheck lints the bash completion.
build="autoconf automake libtool pkg-config make gcc librdkafka-dev
libyaml-dev libjansson-dev"
pkgs="$build check mandoc openjdk-17-jdk-headless maven python3
python3-jsonschema python3-yaml libxml2-utils shellcheck"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "setup-debian.sh: run as root to install:$missing" >&2
	exit 1
fi
echo "setup-debian.sh: installing$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends $missing >/dev/null
