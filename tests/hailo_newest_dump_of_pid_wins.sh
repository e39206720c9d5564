# Two files naming the same pid (a stale one of a dead process whose pid
# was reused, and the live one): the newest dump is the process' data,
# whatever order the names sort in, and the stale one never shows.
. "$SRC/tests/tools/hailo_lib.sh"

sample $$ 80 | hmon_encode "$HM/${$}0fReSh"
sample $$ 10 | hmon_encode "$HM/${$}zStAlE"
touch -d '-1 hour' "$HM/${$}zStAlE"
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD"
has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=0 gone=0 closed=1" || fail "$(state "hailo-$$")"
has_line "hailo-$$" "$DEV 80 unit=percent count=1" || fail "$(state "hailo-$$")"

# The other order: the stale name sorts first.
rm -f "$HM"/* "$TD"/*
sample $$ 10 | hmon_encode "$HM/${$}0StAlE"
touch -d '-1 hour' "$HM/${$}0StAlE"
sample $$ 80 | hmon_encode "$HM/${$}zFrEsH"
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD"
has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=0 gone=0 closed=1" || fail "$(state "hailo-$$")"
has_line "hailo-$$" "$DEV 80 unit=percent count=1" || fail "$(state "hailo-$$")"
