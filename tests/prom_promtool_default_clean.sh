#!/usr/bin/env bash
# promtool check metrics reports nothing on the default output of a
# directory with NIXL-like agents, Hailo rings and series whose names and
# label values hold every byte that needs sanitizing or escaping.
source "$SRC/tests/tools/prom_lib.bash"
nixl_agent --dir "$D" --name nixl-rank0 --count 2000 --rate 0 >/dev/null
nixl_agent --dir "$D" --name rank1 --count 500 --rate 0 --seed 7 >/dev/null
hailo_spec | fixture hailo-4242 --source-pid 4242
hostile_spec | fixture hostile
telemetry_prom "$D" >"$TMPDIR/out.prom" 2>"$TMPDIR/err" || fail "exit $?: $(cat "$TMPDIR/err")"
prom_clean "$TMPDIR/out.prom"
# Not vacuous: every kind of ring made it into the output.
for f in shmtel_agent_tx_bytes_total shmtel_agent_xfer_time_seconds \
	shmtel_hailo_device_utilization_ratio shmtel_camel_case_name shmtel_up; do
	[ -n "$(prom_type "$TMPDIR/out.prom" "$f")" ] || fail "family $f missing"
done
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_rings)" = 4 ] || fail "not 4 rings exported"
