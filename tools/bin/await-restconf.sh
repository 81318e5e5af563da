#!/usr/bin/env bash
# Waits until a controller serves openbsd-pbr over RESTCONF (tools/bin/lib.sh, pbr_restconf_await, says what counts).
# usage: tools/bin/await-restconf.sh BASE_URL SECONDS PASSWORD_FILE
# e.g.   tools/bin/await-restconf.sh http://127.0.0.1:8181/rests 180 .run/karaf/etc/admin-password
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# = 3 ] || { sed -n '3,4p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }
pbr_restconf_await "$1" "$2" "$3"
