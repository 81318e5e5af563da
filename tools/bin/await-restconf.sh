#!/usr/bin/env bash
# Waits until a controller serves openbsd-pbr over RESTCONF: the plugin's own RPC answers an authenticated call (so its
# component is active: commit cohorts, listeners and the secret sealer are registered) and an authenticated read of
# the routers works. A bare 404 from Jetty before the RESTCONF servlet exists does not count.
# usage: tools/bin/await-restconf.sh [BASE_URL [SECONDS]]     BASE_URL defaults to http://127.0.0.1:8181/rests
set -u
base=${1:-http://127.0.0.1:8181/rests}
deadline=$((SECONDS + ${2:-180}))
# RFC 7597 appendix A, example 1: any valid input will do
input='{"input":{"delegated-prefix":"2001:db8:12:3400::/56","rule-ipv6-prefix":"2001:db8::/40",
  "rule-ipv4-prefix":"192.0.2.0/24","ea-bits-length":16,"psid-offset":6}}'
while [ $SECONDS -lt $deadline ]; do
  rpc=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -u admin:admin -X POST \
    -H 'Content-Type: application/yang-data+json' -H 'Accept: application/yang-data+json' \
    -d "$input" "$base/operations/openbsd-pbr:compute-map-e" 2>/dev/null || true)
  if [ "$rpc" = 200 ]; then
    data=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -u admin:admin \
      -H 'Accept: application/yang-data+json' "$base/data/openbsd-pbr:routers?content=config" 2>/dev/null || true)
    case "$data" in 200|404|409) exit 0 ;; esac   # 404/409 now come from RESTCONF: no routers yet
  fi
  sleep 1
done
echo "await-restconf: $base did not serve openbsd-pbr within ${2:-180} s" >&2
exit 1
