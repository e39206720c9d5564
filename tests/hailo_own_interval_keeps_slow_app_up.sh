# Each process is judged from its own interval, read from its environment
# (HAILO_MONITOR_TIME_INTERVAL in /proc/<pid>/environ): an application
# dumping every 5000 ms next to one dumping every 1000 ms, under a bridge
# run with --interval 1000, is up at every sample over more than two of
# its intervals, and so is the fast one.
. "$SRC/tests/tools/hailo_lib.sh"

HAILO_MONITOR_TIME_INTERVAL=5000 start_writer "$TMPDIR/slow"
slow=$WRITER_PID
HAILO_MONITOR_TIME_INTERVAL=1000 start_writer "$TMPDIR/fast"
fast=$WRITER_PID
start_bridge --interval 1000
WAIT_SECS=$((WAIT_SECS + 10)) wait_for value_at_least "hailo-$slow" "$DEV" 1
samples=
for _ in $(seq 24); do
	s=$(state "hailo-$slow" | head -n 1)
	f=$(state "hailo-$fast" | head -n 1)
	case $s in *" gone=0 "*) samples="$samples 1" ;; *) samples="$samples 0" ;; esac
	case $f in *" gone=0 "*) ;; *) fail "the fast application was gone: $f" ;; esac
	sleep 0.5
done
dumps_done "$TMPDIR/slow" 2 || fail "the slow application dumped only once in 12 s"
case $samples in *0*) fail "the slow application flapped:$samples" ;; esac
