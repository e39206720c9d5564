#!/usr/bin/env bash
# With 1,100 live rings (more than the usual 1,024 open-file limit: each
# ring keeps a descriptor for its liveness lock) every one is listed, up.
. "$SRC/tests/tools/top_lib.sh"

[ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge 1200 ] ||
	{ echo "hard open-file limit $(ulimit -Hn) is below 1200"; exit 77; }
ulimit -Sn 1024
bg top_many_rings "$D" 1100 1000
all_there() {
	[ "$(find "$D" -name 'ring-*' | wc -l)" -eq 1100 ]
}
wait_for all_there
got=$(snap -v agents | jq -c '[.live, .dead, .unreadable, (.agents | length), ([.agents[].state] | unique)]')
[ "$got" = '[1100,0,0,1100,["live"]]' ] || fail "got $got"
