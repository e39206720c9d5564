# Only regular files are dumps: HailoRT's own NAME.tmp, a symlink (even to
# a valid dump), a fifo (which must not hang the bridge), a directory and
# hidden files are all left alone.
. "$SRC/tests/tools/hailo_lib.sh"

sleep 300 &
p1=$!
sleep 300 &
p2=$!
sleep 300 &
p3=$!
kill_at_exit "$p1"
kill_at_exit "$p2"
kill_at_exit "$p3"
sample "$p1" 1 | hmon_encode "$TMPDIR/d1"
sample "$p2" 2 | hmon_encode "$TMPDIR/d2"
sample "$p3" 3 | hmon_encode "$TMPDIR/d3"
cp "$TMPDIR/d1" "$HM/${p1}aBcDeF.tmp"
ln -s "$TMPDIR/d2" "$HM/${p2}lInK00"
cp "$TMPDIR/d3" "$HM/.${p3}hIdDeN"
mkfifo "$HM/5555fIfO00"
mkdir "$HM/6666dIr000"
cp "$TMPDIR/d1" "$HM/6666dIr000/inside"
sample $$ 4 | hmon_encode "$HM/${$}rEaL00"

telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" 2>"$TMPDIR/err" || fail "exit status $?"
[ "$(ls "$TD")" = "hailo-$$" ] || fail "rings: $(ls "$TD")"
[ -s "$TMPDIR/err" ] && fail "warnings: $(cat "$TMPDIR/err")"
exit 0
