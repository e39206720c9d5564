# When a process' file is removed (HailoRT removes it at a clean exit),
# its ring is marked gone at once, with its values turned to NaN, and
# after one stale window (3 s here) the ring is closed and removed.
. "$SRC/tests/tools/hailo_lib.sh"

sample $$ 40 | hmon_encode "$HM/${$}rEmOvE"
start_bridge --interval 100
wait_for has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=1 gone=0 closed=0"
[ "$(value_of "hailo-$$" "$DEV")" = 40 ] || fail "not written"
rm "$HM/${$}rEmOvE"
t0=$SECONDS
wait_for has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=1 gone=1 closed=0"
[ "$(value_of "hailo-$$" "$DEV")" = nan ] || fail "value kept after removal"
wait_for test ! -e "$TD/hailo-$$"
[ $((SECONDS - t0)) -ge 2 ] || fail "ring removed before the stale window"
stop_bridge || fail "bridge exit status $?"
