# A file older than max(3 x interval, 3 s) is stale even if its pid is
# alive: the process is shown gone and none of the file's values appear.
# A fresh file in the same pass is shown up, for contrast.
. "$SRC/tests/tools/hailo_lib.sh"

sleep 300 &
other=$!
kill_at_exit $other
sample $$ 10 | hmon_encode "$HM/${$}fReSh0"
sample "$other" 20 | hmon_encode "$HM/${other}sTaLe0"
touch -d '-1 minute' "$HM/${other}sTaLe0"

telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" --interval 1000
state "hailo-$other" >"$TMPDIR/stale"
[ "$(head -n 1 "$TMPDIR/stale")" = "agent=hailo-$other source_pid=$other alive=0 gone=1 closed=1" ] ||
	fail "stale: $(head -n 1 "$TMPDIR/stale")"
[ "$(wc -l <"$TMPDIR/stale")" -eq 1 ] || fail "stale file's values written: $(cat "$TMPDIR/stale")"
telemetry_reader --once --format json "$TD/hailo-$other" 2>/dev/null | grep -q . &&
	fail "events from the stale file"
has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=0 gone=0 closed=1" || fail "fresh: $(state "hailo-$$")"
[ "$(value_of "hailo-$$" "$DEV")" = 10 ] || fail "fresh file not written"

# The window grows with the interval: at 30 s the same file is 1 minute < 90 s old.
rm -f "$TD"/*
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" --interval 30000
has_line "hailo-$other" "agent=hailo-$other source_pid=$other alive=0 gone=0 closed=1" ||
	fail "with a 30 s interval: $(state "hailo-$other" | head -n 1)"
[ "$(value_of "hailo-$other" "$DEV")" = 20 ] || fail "with a 30 s interval: not written"
