#!/usr/bin/env bash
# --compat hailo adds hailo_NPU_utilization_percent{NPU="NPU"}, as the
# community Hailo exporter names it, in percent, per device and agent,
# for Hailo processes that are up only: not for a ring whose process the
# bridge marked gone, nor for a dead ring.
source "$SRC/tests/tools/prom_lib.bash"
live_fixture hailo-100 --source-pid 100 < <(hailo_spec)
live_fixture hailo-200 --source-pid 200 --gone < <(hailo_spec)
hailo_spec | fixture hailo-300 --source-pid 300
live_fixture hailo-400 --source-pid 400 < <(spec gauge f64 SYSTEM percent \
	hailo_device_utilization 'device_id="d4",arch="HAILO8L"' nan)
telemetry_prom --compat hailo "$D" >"$TMPDIR/out.prom" || fail "exit $?"
grep '^hailo_NPU_utilization_percent' "$TMPDIR/out.prom" >"$TMPDIR/got" || true
echo 'hailo_NPU_utilization_percent{NPU="NPU",agent="hailo-100",device_id="0000:01:00.0"} 37.5' \
	>"$TMPDIR/want"
diff -u "$TMPDIR/want" "$TMPDIR/got" || fail "hailo_NPU_utilization_percent samples differ"
[ "$(prom_type "$TMPDIR/out.prom" hailo_NPU_utilization_percent)" = gauge ] || fail "not a gauge"
telemetry_prom "$D" | grep -q '^hailo_NPU' && fail "emitted without --compat hailo"
prom_clean "$TMPDIR/out.prom"
