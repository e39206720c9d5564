#!/usr/bin/env bash
# A directory without rings (or with only files that are not rings) still
# gives a valid exposition, saying that no ring was exported, and exit 0.
source "$SRC/tests/tools/prom_lib.bash"
echo 'not a ring' >"$D/notes.txt"
telemetry_prom "$D" >"$TMPDIR/out.prom" 2>"$TMPDIR/err" || fail "exit $?"
prom_clean "$TMPDIR/out.prom"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_rings)" = 0 ] || fail "rings exported"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_errors)" = 0 ] || fail "a non-ring counted"
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
