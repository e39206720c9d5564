# example_fleet.sh - one node's worth of live telemetry, as the shipped
# dashboards and rules expect it (sourced, not run; needs common.sh).
#
# fleet_start DIR writes, into the telemetry directory DIR:
#   rank0, rank1    example NIXL agents (libshmtel), emitting until killed;
#   nixl-worker     a ring in NIXL's own format, written by a NIXL-protocol
#                   writer that stays alive, bridged by telemetry_nixl;
#   hailo-PID       the HailoRT monitor file of a live process (encoded by
#                   protoc), bridged by telemetry_hailo;
#   power           telemetry_power on node_exporter's sysfs fixture.
# Every process started is in FLEET_PIDS (fleet_stop stops them); the
# Hailo process is FLEET_HAILO_PID, the agent rank1 FLEET_RANK1_PID, and
# DIR is FLEET_DIR.
# fleet_export FILE [OPTION...] runs telemetry_prom once into FILE, with
# both naming schemes and a hostname label, as the shipped cron job does.

FLEET_PIDS=()

fleet_stop() {
	local p
	for p in "${FLEET_PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${FLEET_PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	FLEET_PIDS=()
}

# fleet_has DIR NAME...: every named ring exists in DIR.
fleet_has() {
	local dir=$1 n
	shift
	for n in "$@"; do
		[ -e "$dir/$n" ] || return 1
	done
}

fleet_start() {
	local dir=$1 work=$TMPDIR/fleet wait=${WAIT_SECS:-15}
	FLEET_DIR=$dir
	mkdir -p "$dir" "$work/nixl" "$work/hmon" "$work/sysfs"
	[ -d "$work/sysfs/sys" ] ||
		ttar_unpack "$SRC/../shared/fixtures/node_exporter/sys.ttar" "$work/sysfs" >/dev/null ||
		fail "fleet: cannot unpack the sysfs fixture"

	nixl_agent --dir "$dir" --name rank0 --rate 2000 --duration 3600 >/dev/null &
	FLEET_PIDS+=("$!")
	nixl_agent --dir "$dir" --name rank1 --rate 500 --duration 3600 >/dev/null &
	FLEET_RANK1_PID=$!
	FLEET_PIDS+=("$!")

	# A NIXL agent in NIXL's own format: it keeps writing (and mapping) its ring.
	nixl_writer --create --version 4 --capacity 4096 --rate 1000 --count 100000000 --mix \
		"$work/nixl/worker" >/dev/null &
	FLEET_PIDS+=("$!")
	wait_within "$wait" test -s "$work/nixl/worker" || fail "fleet: no NIXL ring"
	telemetry_nixl --dir "$dir" "$work/nixl" &
	FLEET_PIDS+=("$!")

	# A Hailo application: a live process, its monitor file as HailoRT 4.22+
	# writes it, once: with an interval of an hour (read from its
	# environment) the file does not go stale.
	HAILO_MONITOR_TIME_INTERVAL=3600000 sleep 3600 &
	FLEET_HAILO_PID=$!
	FLEET_PIDS+=("$!")
	protoc --encode=ProtoMon -I "$SRC/hailo" scheduler_mon.proto >"$work/hmon.tmp" <<EOF ||
pid: "$FLEET_HAILO_PID"
networks_infos { network_name: "yolov5m" fps: 58.5 utilization: 71.2 }
device_infos { device_id: "0000:01:00.0" utilization: 73.5 device_arch: "HAILO8" }
net_frames_infos { network_name: "yolov5m" streams_frames_infos { stream_name: "yolov5m/input_layer1"
  stream_direction: PROTO__STREAM_DIRECTION__HOST_TO_DEVICE buffer_frames_size: 16
  pending_frames_count: 3 min_pending_frames_count: 1 max_pending_frames_count: 5
  avg_pending_frames_count: 2.5 } }
EOF
		fail "fleet: protoc cannot encode the Hailo monitor file"
	mv "$work/hmon.tmp" "$work/hmon/${FLEET_HAILO_PID}abcdef"
	telemetry_hailo --hmon-dir "$work/hmon" --dir "$dir" \
		--interval 1000 >/dev/null &
	FLEET_PIDS+=("$!")

	telemetry_power --dir "$dir" --sysfs "$work/sysfs/sys" --procfs /proc --interval 1000 \
		--collectors rapl,hwmon,thermal,host 2>/dev/null &
	FLEET_PIDS+=("$!")

	wait_within "$wait" fleet_has "$dir" rank0 rank1 nixl-worker "hailo-$FLEET_HAILO_PID" power ||
		fail "fleet: rings missing: $(ls "$dir" | tr '\n' ' ')"
}

fleet_export() {
	local out=$1
	shift
	telemetry_prom --compat nixl,hailo -H "$@" -o "$out" "$FLEET_DIR" ||
		fail "fleet: telemetry_prom exit $?"
}
