#!/usr/bin/env bash
# Version 2 has two event layouts under one number; only the file size
# tells them apart.  Both files say version 2 with capacity 4: the 48-byte
# one holds named events, the 16-byte one typed events with a category.
source "$SRC/tests/tools/nixl_lib.bash"
named=$TMPDIR/named typed=$TMPDIR/typed
nixl_mkring --version 2 --layout named --capacity 4 "$named" 1:agent_rx_bytes:777 4:NIXL_ERR_NOT_FOUND:1
nixl_mkring --version 2 --layout typed-cat --capacity 4 "$typed" 1:1:777 4:11:1
[ "$(stat -c %s "$named")" -eq $((40 + 4 * 48)) ] || fail "named fixture size"
[ "$(stat -c %s "$typed")" -eq $((40 + 4 * 16)) ] || fail "typed fixture size"
telemetry_reader --once --format json "$named" | jq -c '[.category, .name, .value, .unit]' >"$TMPDIR/n"
telemetry_reader --once --format json "$typed" | jq -c '[.category, .name, .value, .unit]' >"$TMPDIR/t"
printf '%s\n' '["TRANSFER","agent_rx_bytes",777,"bytes"]' '["ERROR","NIXL_ERR_NOT_FOUND",1,""]' |
	diff -u - "$TMPDIR/n" || fail "48-byte version-2 events misread"
printf '%s\n' '["TRANSFER","agent_rx_bytes",777,"bytes"]' '["ERROR","agent_err_not_found",1,""]' |
	diff -u - "$TMPDIR/t" || fail "16-byte version-2 events misread"
