# A ring that cannot be created (here a file size limit, as a full disk
# would) is reported, and telemetry_hailo exits 1: with --once, and when
# stopped after following.  SIGXFSZ is ignored around it, so a bridge that
# reports and carries on is told apart from one the signal kills.
. "$SRC/tests/tools/hailo_lib.sh"

sample $$ 10 | hmon_encode "$HM/${$}fUlL00"
rc=0
(trap '' XFSZ; ulimit -f 2 && exec telemetry_hailo --once --hmon-dir "$HM" --dir "$TD") \
	2>"$TMPDIR/err" || rc=$?
grep -q "^telemetry_hailo: hailo-$$: cannot create ring in $TD: " "$TMPDIR/err" ||
	fail "not reported: $(cat "$TMPDIR/err")"
[ "$rc" -eq 1 ] || fail "--once exit status $rc"

(trap '' XFSZ; ulimit -f 2 && exec telemetry_hailo --hmon-dir "$HM" --dir "$TD") 2>"$TMPDIR/bridge.err" &
BRIDGE_PID=$!
wait_within "$WAIT_SECS" grep -q 'cannot create ring' "$TMPDIR/bridge.err" || fail "not reported"
rc=0
stop_bridge || rc=$?
[ "$rc" -eq 1 ] || fail "exit status $rc after following"
# With room, the same run succeeds.
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" || fail "exit status $? with room"
