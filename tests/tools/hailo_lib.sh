# hailo_lib.sh - what the tests/hailo_*.sh tests share; sourced, not run.
#
# Fixtures are encoded by protoc (an encoder we did not write) from text
# format, and put in place as HailoRT 4.22+ does: written to NAME.tmp,
# then renamed over NAME.
set -euo pipefail

HM=$TMPDIR/hmon		# HailoRT's monitor directory
TD=$TMPDIR/tel		# telemetry directory
mkdir -p "$HM" "$TD"
BRIDGE_PID=
KILL_PIDS=

# Under sanitizers everything is several times slower.
WAIT_SECS=10
[ -n "${SANITIZE:-}" ] && WAIT_SECS=40

. "$SRC/tests/tools/common.sh"

# hmon_encode FILE: protobuf-encode the text-format ProtoMon on stdin into FILE.
hmon_encode() {
	protoc --encode=ProtoMon -I "$SRC/hailo" scheduler_mon.proto >"$1.tmp"
	mv -f "$1.tmp" "$1"
}

# dead_pid: the pid of a process that has exited (and was reaped).
dead_pid() {
	local p
	sh -c 'exit 0' &
	p=$!
	wait "$p"
	kill -0 "$p" 2>/dev/null && fail "pid $p still exists"
	echo "$p"
}

# wait_for CMD...: run CMD every 50 ms until it succeeds; fail after WAIT_SECS.
wait_for() {
	local end=$((SECONDS + WAIT_SECS))
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -lt $end ] || fail "timed out waiting for: $*"
		sleep 0.05
	done
}

# start_bridge ARGS...: telemetry_hailo following $HM into $TD, in the background.
start_bridge() {
	telemetry_hailo --hmon-dir "$HM" --dir "$TD" "$@" 2>"$TMPDIR/bridge.err" &
	BRIDGE_PID=$!
}

# stop_bridge: SIGTERM it and wait; returns its exit status.
stop_bridge() {
	local rc=0
	[ -n "$BRIDGE_PID" ] || return 0
	kill -TERM "$BRIDGE_PID" 2>/dev/null || true
	wait "$BRIDGE_PID" || rc=$?
	BRIDGE_PID=
	return $rc
}

# kill_at_exit PID: end a helper process the test started when it exits.
kill_at_exit() {
	KILL_PIDS="$KILL_PIDS $1"
}

# At exit: a bridge still running must stop cleanly (a sanitizer report
# makes its exit status non-zero), and helpers go.
cleanup() {
	local rc=$?
	if ! stop_bridge; then
		echo "FAIL: telemetry_hailo did not exit cleanly:" >&2
		cat "$TMPDIR/bridge.err" >&2
		rc=1
	fi
	for p in $KILL_PIDS; do kill "$p" 2>/dev/null || true; done
	exit $rc
}
trap cleanup EXIT

# state AGENT: hailo_ring_state of the ring $TD/AGENT.
state() {
	hailo_ring_state "$TD/$1"
}

# has_line AGENT LINE: the ring state of AGENT contains LINE (a whole line).
# (grep reads everything: with -q it would stop early, and pipefail would
# report the writer's SIGPIPE as a mismatch.)
has_line() {
	state "$1" | grep -xF -- "$2" >/dev/null
}

# value_of AGENT SERIES{LABELS}: the last value of one series ("none", "nan", a number).
value_of() {
	state "$1" | awk -v k="$2" 'index($0, k " ") == 1 { print $2 }'
}

# value_is AGENT SERIES{LABELS} VALUE: its last value is VALUE (for wait_for).
value_is() {
	[ "$(value_of "$1" "$2")" = "$3" ]
}

# reader_values DIR: every event in DIR's rings as "agent name{k=v,...} value",
# from telemetry_reader's JSON (NaN comes out as null there).
reader_values() {
	telemetry_reader --once --format json "$@" |
		jq -r '.agent + " " + .name + "{" +
			(.labels | to_entries | map(.key + "=" + .value) | join(",")) +
			"} " + (.value | tostring)'
}

# sample PID UTIL: a small dump: one device at UTIL %, network "net" at
# UTIL + 1 % and 30 fps, one input stream.
sample() {
	cat <<-EOT
	pid: "$1"
	networks_infos { network_name: "net" fps: 30 utilization: $(($2 + 1)) }
	net_frames_infos {
	  network_name: "net"
	  streams_frames_infos { stream_name: "in" buffer_frames_size: 4 pending_frames_count: 1
	    min_pending_frames_count: 1 max_pending_frames_count: 2 avg_pending_frames_count: 1.5 }
	}
	device_infos { device_id: "0000:01:00.0" utilization: $2 device_arch: "HAILO8" }
	EOT
}

DEV='hailo_device_utilization{arch="HAILO8",device_id="0000:01:00.0"}'

# start_writer LOG ARGS...: hmon_writer writing into $HM (HailoRT's two
# write methods; see tests/tools/hmon_writer.c), its stdout in LOG, in the
# background; WRITER_PID is its pid.  Its environment passes through, so
# HAILO_MONITOR_TIME_INTERVAL=MS start_writer ... sets its interval.
start_writer() {
	local log=$1
	shift
	hmon_writer "$HM" "$@" >"$log" &
	WRITER_PID=$!
	kill_at_exit "$WRITER_PID"
}

# dumps_done LOG N: the writer logging to LOG has written N dumps.
dumps_done() {
	grep -qx "dump $2 .*" "$1"
}

# writer_file LOG: the path of the writer's file.
writer_file() {
	sed -n 's/^file //p' "$1"
}

# value_at_least AGENT SERIES{LABELS} N: its last value is a number >= N
# (for wait_for on a writer that keeps counting).
value_at_least() {
	awk -v v="$(value_of "$1" "$2")" -v n="$3" 'BEGIN { exit !(v ~ /^[0-9.]+$/ && v + 0 >= n + 0) }'
}
