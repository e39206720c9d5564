# SIGHUP rescans at once.  The dump appears as a hard link, which inotify
# reports as a creation the bridge does not follow (HailoRT never writes
# that way), and the interval is an hour, so only the SIGHUP can make the
# bridge find it.
. "$SRC/tests/tools/hailo_lib.sh"

sample $$ 1 | hmon_encode "$HM/${$}fIrSt0"
start_bridge --interval 3600000
wait_for value_is "hailo-$$" "$DEV" 1
sample $$ 60 | hmon_encode "$TMPDIR/dump"
ln "$TMPDIR/dump" "$HM/${$}hUp000"
rm "$HM/${$}fIrSt0"
wait_for has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=1 gone=1 closed=0"
[ "$(value_of "hailo-$$" "$DEV")" = nan ] || fail "found without SIGHUP"
kill -HUP "$BRIDGE_PID"
wait_for value_is "hailo-$$" "$DEV" 60
kill -0 "$BRIDGE_PID" || fail "SIGHUP ended the bridge"
