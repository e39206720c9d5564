# End to end: dumps -> telemetry_hailo -> rings -> telemetry_prom.  A live
# Hailo process exports its values (percent as a ratio, NaN sentinels
# left out) and up 1; a crashed one (its file left behind) exports up 0
# and none of its old values.
. "$SRC/tests/tools/hailo_lib.sh"

sleep 300 &
live=$!
kill_at_exit "$live"
dead=$(dead_pid)
hmon_encode "$HM/${live}lIvE00" <<EOT
pid: "$live"
networks_infos { network_name: "yolo" fps: 60 utilization: 150 }
networks_infos { network_name: "idle" fps: 1.7976931348623157e308 utilization: 0 }
net_frames_infos {
  network_name: "yolo"
  streams_frames_infos { stream_name: "in" buffer_frames_size: 4 pending_frames_count: 2
    min_pending_frames_count: 1 max_pending_frames_count: 3 avg_pending_frames_count: 2.5 }
  streams_frames_infos { stream_name: "out" stream_direction: PROTO__STREAM_DIRECTION__DEVICE_TO_HOST
    buffer_frames_size: 8 pending_frames_count: 0 min_pending_frames_count: -1
    max_pending_frames_count: -1 avg_pending_frames_count: -1 }
}
device_infos { device_id: "0000:01:00.0" utilization: 75 device_arch: "HAILO8" }
EOT
sample "$dead" 99 | hmon_encode "$HM/${dead}dEaD00"

start_bridge --interval 100
wait_for has_line "hailo-$live" "agent=hailo-$live source_pid=$live alive=1 gone=0 closed=0"
wait_for has_line "hailo-$dead" "agent=hailo-$dead source_pid=$dead alive=1 gone=1 closed=0"
telemetry_prom "$TD" >"$TMPDIR/prom" || fail "telemetry_prom exit status $?"

# Samples as "family{labels but agent, pid, hostname, sorted} value", any name prefix removed.
norm() {
	grep -v '^#' "$TMPDIR/prom" | grep "agent=\"$1\"" |
		sed -E 's/^[a-z0-9_]*(hailo_|up\{)/\1/' |
		awk '{
			name = $1; sub(/\{.*/, "", name)
			lab = $1; sub(/^[^{]*\{/, "", lab); sub(/\}$/, "", lab)
			n = split(lab, kv, ","); out = ""
			for (i = 1; i <= n; i++)
				if (kv[i] !~ /^(agent|pid|hostname)=/)
					keep[++k] = kv[i]
			for (i = 1; i <= k; i++)
				for (j = i + 1; j <= k; j++)
					if (keep[j] < keep[i]) { t = keep[i]; keep[i] = keep[j]; keep[j] = t }
			for (i = 1; i <= k; i++)
				out = out (i > 1 ? "," : "") keep[i]
			print name "{" out "} " $2
			k = 0
		}' | grep -E '^(hailo_|up\{)' | sort
}

i='direction="host_to_device",network="yolo",stream="in"'
o='direction="device_to_host",network="yolo",stream="out"'
sort >"$TMPDIR/want_live" <<EOT
hailo_device_utilization_ratio{arch="HAILO8",device_id="0000:01:00.0"} 0.75
hailo_network_utilization_ratio{network="yolo"} 1.5
hailo_network_utilization_ratio{network="idle"} 0
hailo_network_fps{network="yolo"} 60
hailo_stream_pending_frames{$i} 2
hailo_stream_pending_frames_min{$i} 1
hailo_stream_pending_frames_max{$i} 3
hailo_stream_pending_frames_avg{$i} 2.5
hailo_stream_buffer_frames{$i} 4
hailo_stream_pending_frames{$o} 0
hailo_stream_buffer_frames{$o} 8
up{} 1
EOT
norm "hailo-$live" | diff -u "$TMPDIR/want_live" - || fail "live process' samples differ"
norm "hailo-$dead" | diff -u - <(echo 'up{} 0') || fail "crashed process' samples differ"
