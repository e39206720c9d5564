# prom_lib.bash - what the tests/prom_*.sh tests share (sourced).
#
# Rings are written by prom_fixture (libshmtel, any bytes in names and
# label values) or by the example NIXL agent, into $D; prom_* helpers
# read telemetry_prom's output.
set -euo pipefail

D=$TMPDIR/tel
mkdir -p "$D"
KILL_PIDS=()
# Under sanitizers everything is several times slower.
WAIT_SECS=15
[ -n "${SANITIZE:-}" ] && WAIT_SECS=60

. "$SRC/tests/tools/common.sh"

# Stop what we started, by pid.
prom_cleanup() {
	local p
	for p in "${KILL_PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
}
trap prom_cleanup EXIT

# spec FIELD...: one prom_fixture spec line (fields joined by tabs).
spec() {
	local IFS=$'\t'
	echo "$*"
}

# fixture NAME [OPTION...] < SPEC: a ring whose writer has exited.
fixture() {
	local name=$1
	shift
	prom_fixture --dir "$D" --name "$name" "$@" || fail "fixture $name"
}

# live_fixture NAME [OPTION...] < SPEC: a ring whose writer stays alive
# (pid in LIVE_PID) until the test ends.  Feed it with a redirection
# (< <(hailo_spec)), not a pipe: it must run in this shell to be stopped.
live_fixture() {
	local name=$1 out=$TMPDIR/$1.ready
	shift
	[ "$BASHPID" = "$$" ] || fail "live_fixture $name: not in the test's shell (a pipe?)"
	# A background job's stdin would be /dev/null: hand the spec over as a file.
	cat >"$TMPDIR/$name.spec"
	prom_fixture --dir "$D" --name "$name" --hold "$@" <"$TMPDIR/$name.spec" >"$out" &
	LIVE_PID=$!
	KILL_PIDS+=("$LIVE_PID")
	wait_within "$WAIT_SECS" grep -q ready "$out" || fail "fixture $name never got ready"
}

# hailo_spec: the series the Hailo bridge writes (see its contract), with
# a NaN sentinel ("no value") for one network's fps.
hailo_spec() {
	local s='network="yolov5",stream="yolov5/input_layer1",direction="host_to_device"'
	spec gauge f64 SYSTEM percent hailo_device_utilization \
		'device_id="0000:01:00.0",arch="HAILO8"' 37.5
	spec gauge f64 SYSTEM percent hailo_network_utilization 'network="yolov5"' 25
	spec gauge f64 SYSTEM fps hailo_network_fps 'network="yolov5"' 29.5
	spec gauge f64 SYSTEM fps hailo_network_fps 'network="resnet"' nan
	spec gauge f64 SYSTEM frames hailo_stream_pending_frames "$s" 3
	spec gauge f64 SYSTEM frames hailo_stream_pending_frames_min "$s" 0
	spec gauge f64 SYSTEM frames hailo_stream_pending_frames_max "$s" 4
	spec gauge f64 SYSTEM frames hailo_stream_pending_frames_avg "$s" 1.25
	spec gauge f64 SYSTEM frames hailo_stream_buffer_frames "$s" 8
}

# hostile_spec: names and label values holding every byte that needs
# sanitizing or escaping, invalid UTF-8, and label keys that clash.
hostile_spec() {
	spec counter u64 CUSTOM - '9lives "quo\x5cted"\x0a{x}=y,z:w-v.u\xff' \
		'msg="q\"b\\s\nnl \xff\xc3\xa9 tab\x09end"' 1,2
	spec gauge i64 CUSTOM - 'camelCaseName' 'deviceId="a",agent="b",pid="c",le="d"' -5
	spec counter u64 CUSTOM - '__dunder' '__reserved="r"' 1
}

# prom_sample FILE FAMILY [NEEDLE...]: the value of the first sample of
# FAMILY whose line contains every NEEDLE (taken literally), or nothing.
prom_sample() {
	local file=$1
	FAM=$2 NEEDLES=$(printf '%s\n' "${@:3}") awk '
		BEGIN { fam = ENVIRON["FAM"]; n = split(ENVIRON["NEEDLES"], need, "\n") }
		index($0, fam "{") == 1 || index($0, fam " ") == 1 {
			for (i = 1; i <= n; i++)
				if (need[i] != "" && !index($0, need[i]))
					next
			print $NF
			exit
		}' "$file"
}

# prom_type FILE FAMILY: the family's TYPE, or nothing.
prom_type() {
	awk -v f="$2" '$1 == "#" && $2 == "TYPE" && $3 == f { print $4 }' "$1"
}

# prom_clean FILE: the output passes prom_lint and promtool says nothing.
prom_clean() {
	local out
	prom_lint "$1" || fail "prom_lint: $1"
	out=$(promtool check metrics <"$1" 2>&1) || fail "promtool: $out"
	[ -z "$out" ] || fail "promtool findings: $out"
}
