# SIGTERM closes every ring cleanly (readers see it closed, not crashed)
# and leaves it in place with its values; the bridge exits 0.
. "$SRC/tests/tools/hailo_lib.sh"

sample $$ 50 | hmon_encode "$HM/${$}tErM00"
start_bridge
wait_for has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=1 gone=0 closed=0"
stop_bridge || fail "exit status $?"
has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=0 gone=0 closed=1" ||
	fail "after SIGTERM: $(state "hailo-$$" | head -n 1)"
[ "$(value_of "hailo-$$" "$DEV")" = 50 ] || fail "values lost"
