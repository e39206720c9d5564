#!/usr/bin/env bash
# --peek reads a NIXL ring without consuming it: the events are printed,
# the file is byte for byte what it was, and a later consuming read still
# gets every event.
source "$SRC/tests/tools/nixl_lib.bash"
f=$TMPDIR/agent
nixl_mkring --version 4 --capacity 8 "$f" 0:10 1:20 6:30
cp "$f" "$TMPDIR/orig"
telemetry_reader --once --peek --format json "$f" | jq -r .value | paste -sd, >"$TMPDIR/peek"
[ "$(cat "$TMPDIR/peek")" = "10,20,30" ] || fail "peek read $(cat "$TMPDIR/peek")"
cmp "$TMPDIR/orig" "$f" || fail "peek changed the file"
telemetry_reader --once --format json "$f" | jq -r .value | paste -sd, >"$TMPDIR/read"
[ "$(cat "$TMPDIR/read")" = "10,20,30" ] || fail "consuming read after peek got $(cat "$TMPDIR/read")"
