# HailoRT creates its directory on first use, and it may be removed and
# created again.  With an hour-long interval, the bridge still finds the
# directory within seconds each time and follows the files in it.
. "$SRC/tests/tools/hailo_lib.sh"

rmdir "$HM"
start_bridge --interval 3600000
wait_for grep -q 'waiting for HailoRT' "$TMPDIR/bridge.err"
mkdir "$HM"
sample $$ 1 | hmon_encode "$HM/${$}lAtE00"
wait_for value_is "hailo-$$" "$DEV" 1
sample $$ 2 | hmon_encode "$HM/${$}lAtE00"
wait_for value_is "hailo-$$" "$DEV" 2

rm -rf "$HM"
wait_for has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=1 gone=1 closed=0"
mkdir "$HM"
sample $$ 3 | hmon_encode "$HM/${$}aGaIn0"
wait_for value_is "hailo-$$" "$DEV" 3
sample $$ 4 | hmon_encode "$HM/${$}aGaIn0"
wait_for value_is "hailo-$$" "$DEV" 4
