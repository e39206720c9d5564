#!/usr/bin/env bash
# Reading a NIXL ring consumes it as NIXL's reader does: afterwards
# read_pos equals write_pos, no other byte of the file changed, and a
# second read finds nothing.
source "$SRC/tests/tools/nixl_lib.bash"
f=$TMPDIR/agent
nixl_mkring --version 3 --capacity 16 --read-pos 14 "$f" 0:1 0:2 0:3 0:4 0:5
cp "$f" "$TMPDIR/orig"
[ "$(nixl_pos "$f")" = "3 14" ] || fail "fixture positions"
telemetry_reader --once --format json "$f" | jq -r .value | paste -sd, >"$TMPDIR/got"
[ "$(cat "$TMPDIR/got")" = "1,2,3,4,5" ] || fail "read $(cat "$TMPDIR/got") across the wrap"
[ "$(nixl_pos "$f")" = "3 3" ] || fail "positions after reading: $(nixl_pos "$f")"
# Bytes 9..16 (1-based) are read_pos; nothing else may differ.
{ cmp -l "$TMPDIR/orig" "$f" || true; } | awk '$1 < 9 || $1 > 16 { bad = 1 } END { exit bad }' ||
	fail "bytes other than read_pos changed"
[ -z "$(telemetry_reader --once --format json "$f")" ] || fail "second read found events"
