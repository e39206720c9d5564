# Between rescans (an hour apart here) inotify alone brings new dumps in:
# a file renamed into place (HailoRT 4.22+), one rewritten in place
# (4.21 and older), and a removal.
. "$SRC/tests/tools/hailo_lib.sh"

f="$HM/${$}nOtIfY"
sample $$ 1 | hmon_encode "$f"
start_bridge --interval 3600000
# The first scan has run, so the watch is armed.
wait_for value_is "hailo-$$" "$DEV" 1
sample $$ 2 | hmon_encode "$f"
wait_for value_is "hailo-$$" "$DEV" 2
sample $$ 3 | protoc --encode=ProtoMon -I "$SRC/hailo" scheduler_mon.proto >"$TMPDIR/in_place"
cat "$TMPDIR/in_place" >"$f"
wait_for value_is "hailo-$$" "$DEV" 3
rm "$f"
wait_for has_line "hailo-$$" "agent=hailo-$$ source_pid=$$ alive=1 gone=1 closed=0"
