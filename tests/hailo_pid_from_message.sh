# The pid is the message's, never the file name's: mkstemp appends six
# random characters that may be digits (4242 + 56abcd reads 424256abcd).
. "$SRC/tests/tools/hailo_lib.sh"

sample $$ 70 | hmon_encode "$HM/4242567890"
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD"
[ "$(ls "$TD")" = "hailo-$$" ] || fail "rings: $(ls "$TD")"
has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=0 gone=0 closed=1" || fail "$(state "hailo-$$")"
[ "$(value_of "hailo-$$" "$DEV")" = 70 ] || fail "not written"
