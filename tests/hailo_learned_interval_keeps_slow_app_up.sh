# Where a process' environment cannot be read (the bridge runs as another
# user), its interval is learned from how often its file is rewritten:
# an application dumping every 5000 ms is up at every sample over more
# than two of its intervals, under a bridge run with --interval 1000.
. "$SRC/tests/tools/hailo_lib.sh"

[ "$(id -u)" = 0 ] || { echo "needs root, to run the bridge as another user"; exit 77; }
HAILO_MONITOR_TIME_INTERVAL=5000 start_writer "$TMPDIR/slow"
slow=$WRITER_PID
chmod 777 "$TD"
bin=$TMPDIR/as-nobody
mkdir -p "$bin" && cp "$(command -v telemetry_hailo)" "$bin/" && chmod 755 "$TMPDIR" "$bin"
setpriv --reuid=65534 --regid=65534 --clear-groups "$bin/telemetry_hailo" -v --hmon-dir "$HM" \
	--dir "$TD" --interval 1000 2>"$TMPDIR/bridge.err" &
BRIDGE_PID=$!
WAIT_SECS=$((WAIT_SECS + 10)) wait_for value_at_least "hailo-$slow" "$DEV" 1
samples=
for _ in $(seq 24); do
	case $(state "hailo-$slow" | head -n 1) in
	*" gone=0 "*) samples="$samples 1" ;;
	*) samples="$samples 0" ;;
	esac
	sleep 0.5
done
dumps_done "$TMPDIR/slow" 3 || fail "the slow application dumped less than 3 times in 17 s"
case $samples in *0*) fail "the slow application flapped:$samples" ;; esac
# And it was the learned interval that kept it up.
grep -q "hailo-$slow: interval not readable; learned from its dumps" "$TMPDIR/bridge.err" ||
	fail "the environment was read: $(cat "$TMPDIR/bridge.err")"
