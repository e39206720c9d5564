#!/usr/bin/env bash
# Versions 3 and 4 carry event types without timestamps or categories:
# names and categories are NIXL's for the type, the time is when the event
# was read (flagged read_time), and the version-4 drop counter (type 20) is
# known only in version 4 (in version 3 it is an event that does not decode).
source "$SRC/tests/tools/nixl_lib.bash"
v3=$TMPDIR/v3 v4=$TMPDIR/v4
nixl_mkring --version 4 --capacity 8 "$v4" 0:100 5:8192 7:12 17:1 20:3
nixl_mkring --version 3 --capacity 8 "$v3" 2:1 20:3 4:4096
before=$(date +%s%N)
telemetry_reader --once --format json "$v4" >"$TMPDIR/o4"
telemetry_reader --once --format json "$v3" >"$TMPDIR/o3" 2>"$TMPDIR/e3"
after=$(date +%s%N)
jq -c '[.category, .name, .value, .unit, .read_time]' "$TMPDIR/o4" >"$TMPDIR/got4"
cat >"$TMPDIR/want4" <<'END'
["TRANSFER","agent_tx_bytes",100,"bytes",true]
["MEMORY","agent_memory_deregistered",8192,"bytes",true]
["PERFORMANCE","agent_xfer_post_time",12,"us",true]
["ERROR","agent_err_remote_disconnect",1,"",true]
["SYSTEM","agent_telemetry_events_dropped",3,"",true]
END
diff -u "$TMPDIR/want4" "$TMPDIR/got4" || fail "version-4 events misread"
jq -r .ns "$TMPDIR/o4" | while read -r ns; do
	[ "$ns" -ge "$before" ] && [ "$ns" -le "$after" ] || fail "time $ns is not the read time"
done
jq -c 'select(.name) | [.name, .value]' "$TMPDIR/o3" >"$TMPDIR/got3"
printf '%s\n' '["agent_tx_requests_num",1]' '["agent_memory_registered",4096]' |
	diff -u - "$TMPDIR/got3" || fail "version-3 events misread"
jq -se '[.[] | select(.missed)] | length == 1 and .[0].missed == 1' "$TMPDIR/o3" >/dev/null || fail "type 20 in version 3 not reported missed"
