#!/usr/bin/env bash
# Validates the YANG modules and every example payload with libyang's yanglint, independently of ODL's parser.
# Example payloads are RESTCONF bodies for one router (router.json: a router entry; intent.json: its intent) or one
# profile (profile-*.json); they are assembled into a whole configuration document before validation.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
YANG=$ROOT/yang
modules=("$YANG"/openbsd-pbr-types.yang "$YANG"/openbsd-pbr.yang)
fail=0 checked=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# yang-ext (ODL's extensions: call-owner's context-reference) is not one of yanglint's built-in modules: it comes from
# the mdsal jar the build resolved, in the Maven repository this build uses (MAVEN_ARGS' maven.repo.local, else ~/.m2)
repo=$(sed -n 's/.*-Dmaven\.repo\.local=\([^ ]*\).*/\1/p' <<<"${MAVEN_ARGS:-}")
jar=$(find "${repo:-$HOME/.m2/repository}/org/opendaylight/mdsal/model/yang-ext" -name 'yang-ext-*.jar' 2>/dev/null \
  | sort | tail -n1)
[ -n "$jar" ] || { echo "yang-ext's jar not found in ${repo:-$HOME/.m2/repository}: build first (./mvnw install)" >&2; exit 1; }
mkdir "$tmp/deps" && (cd "$tmp/deps" && unzip -qj "$jar" 'META-INF/yang/*.yang')

echo "yanglint $(yanglint --version | awk '{print $2}'): modules"
yanglint -p "$YANG" -p "$tmp/deps" "${modules[@]}"

check_doc() { # $1 = label, $2 = JSON document, $3 = expect (valid|invalid)
  local out
  if out=$(yanglint -p "$YANG" -p "$tmp/deps" -t config "${modules[@]}" "$2" 2>&1); then
    if [ "$3" = valid ]; then echo "  ok      $1"; else echo "  FAILED  $1: accepted, but it must be rejected"; fail=1; fi
  else
    if [ "$3" = invalid ]; then echo "  ok      $1 (rejected: $(echo "$out" | head -n1 | cut -c1-140))"
    else echo "  FAILED  $1"; echo "$out" | sed 's/^/          /'; fail=1; fi
  fi
  checked=$((checked + 1))
}

for dir in "$ROOT"/examples/*/; do
  name=$(basename "$dir")
  profiles=$(ls "$dir"profile*.json 2>/dev/null || true)
  routers=$(ls "$dir"router*.json 2>/dev/null || true)
  # profiles: {"openbsd-pbr:profile":[...]} each
  if [ -n "$profiles" ]; then
    jq -s '{"openbsd-pbr:profiles":{"profile":[.[]["openbsd-pbr:profile"][]]}}' $profiles > "$tmp/profiles.json"
  else
    echo '{}' > "$tmp/profiles.json"
  fi
  # routers: router*.json, each with an optional intent*.json of the same suffix (router-b.json + intent-b.json)
  echo '{"openbsd-pbr:routers":{"router":[]}}' > "$tmp/routers.json"
  for r in $routers; do
    suffix=$(basename "$r" .json); suffix=${suffix#router}
    i="$dir/intent$suffix.json"
    if [ -f "$i" ]; then
      jq -s '.[0]["openbsd-pbr:router"][0] + {"intent": .[1]["openbsd-pbr:intent"]}' "$r" "$i" > "$tmp/entry.json"
    else
      jq '.["openbsd-pbr:router"][0]' "$r" > "$tmp/entry.json"
    fi
    jq --slurpfile e "$tmp/entry.json" '.["openbsd-pbr:routers"].router += $e' "$tmp/routers.json" > "$tmp/r2.json"
    mv "$tmp/r2.json" "$tmp/routers.json"
  done
  jq -s '.[0] + .[1]' "$tmp/profiles.json" "$tmp/routers.json" > "$tmp/$name.json"
  echo "examples/$name:"
  check_doc "examples/$name (router, intent and profile payloads together)" "$tmp/$name.json" valid
done

# Bad input the contract itself must reject (the controller rejects more after merging profiles).
echo "bad input the model rejects:"
base=$tmp/seed-router.json
bad() { # $1 = label, $2 = jq filter applied to the seed document
  jq "$2" "$base" > "$tmp/bad.json"
  check_doc "$1" "$tmp/bad.json" invalid
}
R='.["openbsd-pbr:routers"].router[0]'
bad "rdomain 256"                  "$R.intent.rdomain[1].id = 256"
bad "bad interface name"           "$R.intent.interface[0].name = \"eth0;reboot\""
bad "dangling uplink reference"    "$R.intent.rdomain[1][\"default-route-via\"] = \"nope\""
bad "duplicate sequence"           "$R.intent[\"policy-route\"][1].sequence = 10"
bad "secret with a newline"        "$R.intent.uplink[0].pppoe.secret = \"se\\ncret\""
bad "description with a quote"    "$R.intent.interface[0].description = \"a\\\"b\""
bad "pf table name with a space"   "$R.intent.table[0].name = \"via pppoe\""
bad "MTU out of range"             "$R.intent.uplink[0].pppoe.mtu = 9000"
bad "PPPoE on a non-pppoe device"  "$R.intent.uplink[0].pppoe.interface = \"em3\""
bad "pf keyword as a table name"   "$R.intent.table[0].name = \"tagged\""
bad "pf keyword as a host group"   "$R.intent[\"host-group\"][0].name = \"table\""
bad "bidi override in a description" "$R.intent.interface[0].description = \"LAN \\u202Eport\""
bad "zero-width space in a description" "$R.intent.interface[0].description = \"LAN\\u200Bport\""
bad "C1 control in a description"  "$R.intent.interface[0].description = \"LAN\\u0085port\""
bad "description of 201 characters" "$R.intent.interface[0].description = (\"\\ud835\\udd38\" * 201)"
bad "sshd on port 0"               "$R.intent.sshd.port = 0"
bad "a delegated /72 for a LAN"    "$R.intent.uplink[1].ipv6 = {\"prefix-delegation\": {\"assign\": [{\"slot\": 0, \"interface\": \"vport0\", \"prefix-length\": 72}]}}"
bad "a delegated part for no interface" "$R.intent.uplink[1].ipv6 = {\"prefix-delegation\": {\"assign\": [{\"slot\": 0, \"interface\": \"em9\"}]}}"
bad "an RA DNS server with a zone" "$R.intent.interface[4][\"router-advertisement\"] = {\"dns-server\": [\"fe80::1%vport0\"]}"

echo "yanglint: $checked documents checked"
[ $fail = 0 ] || { echo "YANG validation FAILED"; exit 1; }
