#!/usr/bin/env bash
# demo.sh - example agents write live telemetry; each tool shows it.
# Run by `make demo` after the build.  Everything lives in a temporary
# directory that is removed at the end.
#
# Each step is a heading saying what it shows, then the command itself,
# printed as it is run ("$ ..."), so what the demo says and what it runs
# cannot drift apart.
set -eu
B=${B:-build}
# A cross build's tests run the demo through tests/run.sh's emulator wrappers.
bin=${EMU_B:-$PWD/$B}
export PATH="$bin:$bin/examples:$bin/tests/tools:$PATH"
dir=$(mktemp -d "${TMPDIR:-/tmp}/shmtel-demo.XXXXXX")
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
export NIXL_TELEMETRY_ENABLE=yes NIXL_TELEMETRY_DIR=$dir/telemetry
mkdir -p "$NIXL_TELEMETRY_DIR"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# run 'COMMAND': print it as typed (variables unexpanded), then run it.
run() { printf '$ %s\n' "$1"; eval "$1"; }

say "two example NIXL-like agents write into \$NIXL_TELEMETRY_DIR ($NIXL_TELEMETRY_DIR)"
run 'nixl_agent --name rank0 --rate 2000 --duration 30 &'
pids+=($!)
run 'nixl_agent --name rank1 --rate 500 --duration 30 &'
pids+=($!)
for a in rank0 rank1; do
	for _ in $(seq 100); do [ -e "$NIXL_TELEMETRY_DIR/$a" ] && break; sleep 0.05; done
done
run 'ls -l "$NIXL_TELEMETRY_DIR"'

say "telemetry_reader: the newest 2 events of rank0, in NIXL's block format"
run 'telemetry_reader --once --last 2 rank0'

say "telemetry_reader: both agents merged, one line per event, following for 2 s (first 12 lines)"
run 'timeout -s INT 2 telemetry_reader --from now --format line "$NIXL_TELEMETRY_DIR" | head -n 12 || true'

if command -v telemetry_top >/dev/null; then
	say "telemetry_top: one plain-text snapshot of the agents, then of the series (batch mode, as top has)"
	run 'telemetry_top -b -n 1 -v agents "$NIXL_TELEMETRY_DIR"'
	run 'telemetry_top -b -n 1 -v series -w 120 "$NIXL_TELEMETRY_DIR" | head -n 16'
fi

if command -v telemetry_prom >/dev/null; then
	say "telemetry_prom: Prometheus text for node_exporter's textfile collector (some of its lines)"
	run 'telemetry_prom "$NIXL_TELEMETRY_DIR" | grep -E "^shmtel_(up|agent_tx_bytes_total|agent_xfer_time_seconds_(count|sum))\{"'
	say "telemetry_prom: NIXL's own metric names as well"
	run 'telemetry_prom --compat nixl "$NIXL_TELEMETRY_DIR" | grep "^agent_tx_bytes_total" || true'
fi

if command -v telemetry_hailo >/dev/null && command -v protoc >/dev/null; then
	say "telemetry_hailo: a HailoRT monitor file, encoded by protoc, becomes a ring"
	mkdir -p "$dir/hmon"
	sleep 300 & hpid=$!; pids+=($hpid)
	protoc --proto_path=hailo --encode=ProtoMon scheduler_mon.proto >"$dir/hmon/${hpid}abc123" <<PB
pid: "$hpid"
networks_infos { network_name: "yolov5m" fps: 58.5 utilization: 71.2 }
device_infos { device_id: "0000:01:00.0" utilization: 73.5 device_arch: "HAILO8" }
net_frames_infos { network_name: "yolov5m" streams_frames_infos { stream_name: "input0"
  stream_direction: PROTO__STREAM_DIRECTION__HOST_TO_DEVICE buffer_frames_size: 16
  pending_frames_count: 3 min_pending_frames_count: 1 max_pending_frames_count: 5 avg_pending_frames_count: 2.5 } }
PB
	run 'telemetry_hailo --once --hmon-dir "$dir/hmon" --dir "$NIXL_TELEMETRY_DIR"'
	run 'telemetry_reader --once --format line "$NIXL_TELEMETRY_DIR/hailo-$hpid" | head -n 8'
fi
if command -v telemetry_nixl >/dev/null && command -v nixl_writer >/dev/null; then
	say "telemetry_nixl: a ring in NIXL's own format (version 4) bridged into shmtel"
	mkdir -p "$dir/nixl"
	run 'nixl_writer --create --version 4 --capacity 4096 --count 3000 --mix "$dir/nixl/worker" --summary | head -n 3'
	run 'telemetry_nixl --once --dir "$NIXL_TELEMETRY_DIR" "$dir/nixl"'
	run 'telemetry_prom --compat nixl "$NIXL_TELEMETRY_DIR" | grep -E "^agent_(tx|rx)_bytes_total\{.*agent_name=\"worker\""'
fi
say "done"
