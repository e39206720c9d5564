# A network that disappears from the next dump (it was removed from the
# scheduler) gets no value, rather than its last numbers forever.
. "$SRC/tests/tools/hailo_lib.sh"

f="$HM/${$}nEtRm0"
hmon_encode "$f" <<EOT
pid: "$$"
networks_infos { network_name: "keep" fps: 10 utilization: 20 }
networks_infos { network_name: "drop" fps: 30 utilization: 40 }
EOT
start_bridge
wait_for value_is "hailo-$$" 'hailo_network_fps{network="drop"}' 30
hmon_encode "$f" <<EOT
pid: "$$"
networks_infos { network_name: "keep" fps: 11 utilization: 21 }
EOT
wait_for value_is "hailo-$$" 'hailo_network_fps{network="keep"}' 11
[ "$(value_of "hailo-$$" 'hailo_network_fps{network="drop"}')" = nan ] || fail "fps kept"
[ "$(value_of "hailo-$$" 'hailo_network_utilization{network="drop"}')" = nan ] ||
	fail "utilization kept"
[ "$(value_of "hailo-$$" 'hailo_network_utilization{network="keep"}')" = 21 ] || fail "keep"
