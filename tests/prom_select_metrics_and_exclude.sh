#!/usr/bin/env bash
# --metrics GLOB,... keeps only the series whose name matches a glob;
# --exclude GLOB,... then drops matching ones; both may be repeated.  The
# per-agent families stay.
source "$SRC/tests/tools/prom_lib.bash"
{
	spec counter u64 TRANSFER bytes agent_tx_bytes - 10
	spec counter u64 TRANSFER bytes agent_rx_bytes - 20
	spec counter u64 TRANSFER - agent_tx_requests_num - 1
	spec gauge u64 CUSTOM - other - 5
} | fixture a
fams() { telemetry_prom "$@" "$D" | awk '$2 == "TYPE" && $3 !~ /^shmtel_(export|up|ring|events|registered|process|last)/ { print $3 }' | sort | tr '\n' ' '; }
got=$(fams --metrics 'agent_*' --exclude '*_requests_num')
[ "$got" = "shmtel_agent_rx_bytes_total shmtel_agent_tx_bytes_total " ] || fail "got: $got"
got=$(fams --metrics agent_tx_bytes --metrics other)
[ "$got" = "shmtel_agent_tx_bytes_total shmtel_other " ] || fail "got: $got"
got=$(fams --exclude 'agent_r*,other')
[ "$got" = "shmtel_agent_tx_bytes_total shmtel_agent_tx_requests_num_total " ] || fail "got: $got"
telemetry_prom --metrics nothing "$D" | grep -q '^shmtel_up{agent="a"' || fail "per-agent families dropped"
