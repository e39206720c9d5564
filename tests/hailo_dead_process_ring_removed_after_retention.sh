# A crashed process (kill -9) leaves its file behind.  Its ring is shown
# gone, then removed --retention seconds after its last dump; a live
# process' ring, however long it lives, stays.  A bridge started later on
# the leftover file makes no ring for it at all.
. "$SRC/tests/tools/hailo_lib.sh"

telemetry_hailo --help | grep -q -- '--retention SECS' || fail "--retention not in --help"
HAILO_MONITOR_TIME_INTERVAL=100 start_writer "$TMPDIR/dead"
dead=$WRITER_PID
HAILO_MONITOR_TIME_INTERVAL=100 start_writer "$TMPDIR/live"
live=$WRITER_PID
start_bridge --interval 100 --retention 2
wait_for value_at_least "hailo-$dead" "$DEV" 2
wait_for value_at_least "hailo-$live" "$DEV" 2
kill -KILL "$dead"
wait "$dead" 2>/dev/null || true
f=$(writer_file "$TMPDIR/dead")
wait_for has_line "hailo-$dead" "agent=hailo-$dead source_pid=$dead alive=1 gone=1 closed=0"
wait_within "$WAIT_SECS" sh -c '! [ -e "$1" ]' - "$TD/hailo-$dead" || fail "dead process' ring not removed"
[ -e "$f" ] || fail "the crashed process' file went: the test proves nothing"
# Well past the retention time, the live ring is still there and up.
sleep 3
has_line "hailo-$live" "agent=hailo-$live source_pid=$live alive=1 gone=0 closed=0" ||
	fail "live ring: $(state "hailo-$live" | head -n 1)"
stop_bridge || fail "exit status $?"
rm -f "$TD/hailo-$live"
# A later bridge finds the crashed process' file, older than the retention time.
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" --retention 2 || fail "exit status $?"
[ ! -e "$TD/hailo-$dead" ] || fail "a ring made for a process dead for longer than the retention"
[ -e "$TD/hailo-$live" ] || fail "no ring for the live process"
