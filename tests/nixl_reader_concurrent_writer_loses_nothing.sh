#!/usr/bin/env bash
# A NIXL-protocol writer process pushes sequence numbers while
# telemetry_reader consumes in another process.  Every value is either
# read exactly once, in order, or was dropped by the writer because the
# ring was full; drops happen when the reader is stopped (the ring fills),
# and reading resumes without loss once it continues.
source "$SRC/tests/tools/nixl_lib.bash"
f=$TMPDIR/agent cap=256
nixl_writer --create --version 3 --capacity $cap --count 0 "$f"
telemetry_reader --format json "$f" >"$TMPDIR/out" 2>"$TMPDIR/err" &
reader=$!
trap 'kill -CONT $reader 2>/dev/null; kill $reader 2>/dev/null || true' EXIT
nixl_writer --start 0 --count 20000 --rate 20000 --drops "$TMPDIR/d1" "$f"
kill -STOP $reader
# Stopped reader: at most cap - 1 of these fit.
nixl_writer --start 20000 --count 2000 --drops "$TMPDIR/d2" "$f"
kill -CONT $reader
nixl_writer --start 22000 --count 20000 --rate 20000 --drops "$TMPDIR/d3" "$f"
wait_within 60 nixl_drained "$f" || fail "reader did not drain the ring: $(nixl_pos "$f")"
kill -INT $reader
wait $reader && rc=0 || rc=$?
[ "$rc" = 130 ] || fail "reader exited with $rc, want 130 (SIGINT): $(cat "$TMPDIR/err")"
trap - EXIT

jq -r 'if .missed then "missed" else .value end' "$TMPDIR/out" >"$TMPDIR/got"
! grep -q missed "$TMPDIR/got" || fail "reader reported missed events"
sort -n -c "$TMPDIR/got" 2>/dev/null || fail "values out of order"
[ -z "$(uniq -d "$TMPDIR/got")" ] || fail "values read twice"
[ "$(wc -l <"$TMPDIR/d2")" -ge $((2000 - cap + 1)) ] || fail "stopped reader: only $(wc -l <"$TMPDIR/d2") drops"
cat "$TMPDIR/got" "$TMPDIR/d1" "$TMPDIR/d2" "$TMPDIR/d3" | sort -n >"$TMPDIR/all"
seq 0 41999 | diff -q - "$TMPDIR/all" >/dev/null ||
	fail "read + dropped is not every value exactly once ($(wc -l <"$TMPDIR/all") lines)"
echo "read $(wc -l <"$TMPDIR/got"), dropped $(cat "$TMPDIR"/d? | wc -l)"
