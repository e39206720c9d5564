# A Hailo process that dies (and, crashed, leaves its file behind) is
# marked gone by the running bridge within a tick, and its values become
# NaN.
. "$SRC/tests/tools/hailo_lib.sh"

sleep 300 &
victim=$!
kill_at_exit "$victim"
sample "$victim" 90 | hmon_encode "$HM/${victim}cRaSh0"
start_bridge --interval 100
wait_for has_line "hailo-$victim" "agent=hailo-$victim source_pid=$victim alive=1 gone=0 closed=0"
[ "$(value_of "hailo-$victim" "$DEV")" = 90 ] || fail "not written"
kill -KILL "$victim"
wait "$victim" || true
wait_for has_line "hailo-$victim" "agent=hailo-$victim source_pid=$victim alive=1 gone=1 closed=0"
[ "$(value_of "hailo-$victim" "$DEV")" = nan ] || fail "value kept"
