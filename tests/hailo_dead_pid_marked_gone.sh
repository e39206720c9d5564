# A fresh file whose pid has exited (a crashed process never removes its
# file) is shown gone, with none of its values.
. "$SRC/tests/tools/hailo_lib.sh"

dead=$(dead_pid)
sample "$dead" 30 | hmon_encode "$HM/${dead}dEaD00"
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD"
state "hailo-$dead" >"$TMPDIR/st"
[ "$(head -n 1 "$TMPDIR/st")" = "agent=hailo-$dead source_pid=$dead alive=0 gone=1 closed=1" ] ||
	fail "$(head -n 1 "$TMPDIR/st")"
[ "$(wc -l <"$TMPDIR/st")" -eq 1 ] || fail "values written: $(cat "$TMPDIR/st")"
