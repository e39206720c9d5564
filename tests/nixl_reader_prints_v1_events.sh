#!/usr/bin/env bash
# A version-1 NIXL ring (56-byte events with timestamps and names) is read
# by telemetry_reader: each event's block shows the writer's timestamp,
# NIXL's category, the name as written (errors by status) and the value.
source "$SRC/tests/tools/nixl_lib.bash"
f=$TMPDIR/agent1
# 2023-11-14 22:13:20.123456 UTC and one second later.
nixl_mkring --version 1 --capacity 8 "$f" \
	1700000000123456:1:agent_tx_bytes:4096 \
	1700000001000007:4:NIXL_ERR_BACKEND:1 \
	1700000002000000:5:agent_xfer_time:250
TZ=UTC telemetry_reader --once "$f" >"$TMPDIR/out"
cat >"$TMPDIR/want" <<'END'
=== NIXL Telemetry Event ===
Timestamp: 2023-11-14 22:13:20.123456
Category: TRANSFER
Event: agent_tx_bytes
Value: 4096
===========================

=== NIXL Telemetry Event ===
Timestamp: 2023-11-14 22:13:21.000007
Category: ERROR
Event: NIXL_ERR_BACKEND
Value: 1
===========================

=== NIXL Telemetry Event ===
Timestamp: 2023-11-14 22:13:22.000000
Category: PERFORMANCE
Event: agent_xfer_time
Value: 250
===========================

END
diff -u "$TMPDIR/want" "$TMPDIR/out" || fail "block output differs"
