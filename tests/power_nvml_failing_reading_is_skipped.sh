# One reading a GPU cannot give is skipped, the others land: a reading
# NVML answers "not supported" is said once in --list and left out
# silently; one that fails with another error is left out of each sample,
# counted, with one warning however many samples fail.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

fake_gpu_lib fake_nvml libnvidia-ml.so.1
export LD_LIBRARY_PATH=$LIB FAKE_NVML_GPUS=2 FAKE_NVML_NAME=G FAKE_NVML_ENERGY_FILE=$TMPDIR/energy \
	FAKE_NVML_POWER_MW=100000 FAKE_NVML_TEMP_C=50 FAKE_NVML_MEM_TOTAL=4096 FAKE_NVML_MEM_USED=1024 \
	FAKE_NVML_RC_nvmlDeviceGetTemperature=3,0 FAKE_NVML_RC_nvmlDeviceGetPowerUsage=999,0
echo "5000 6000" >"$TMPDIR/energy"

telemetry_power --list --collectors nvml >"$TMPDIR/list" 2>&1 || fail "--list exit status $?"
grep -qx 'nvml: gpu 0: temperature: unsupported' "$TMPDIR/list" ||
	fail "--list does not say gpu 0 has no temperature: $(cat "$TMPDIR/list")"
[ "$(grep -c 'temperature' "$TMPDIR/list")" = 1 ] || fail "said more than once: $(cat "$TMPDIR/list")"
grep -qx 'nvml: available' "$TMPDIR/list" || fail "nvml not available: $(cat "$TMPDIR/list")"

# total_is J: the counter of gpu 0 shows J joules (so a sample after the change landed).
total_is() {
	telemetry_prom "$TD" >"$TMPDIR/prom" 2>/dev/null &&
		grep -q "^shmtel_energy_joules_total{.*gpu=\"0\".* $1\$" "$TMPDIR/prom"
}
telemetry_power --interval 20 --collectors nvml --dir "$TD" 2>"$TMPDIR/err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
wait_within "$WAIT_SECS" total_is 5 || fail "no sample landed"
for j in 5.001 5.002 5.003; do	# several samples, each failing gpu 0's power
	echo "${j/./} 6000" >"$TMPDIR/energy.tmp" && mv -f "$TMPDIR/energy.tmp" "$TMPDIR/energy"
	wait_within "$WAIT_SECS" total_is "$j" || fail "the sample with $j J did not land"
done
g0='gpu="0",name="G",source="nvml"' g1='gpu="1",name="G",source="nvml"'
! grep -q "^shmtel_power_watts{.*$g0" "$TMPDIR/prom" || fail "gpu 0's failing power landed"
! grep -q "^shmtel_temperature_celsius{.*$g0" "$TMPDIR/prom" || fail "gpu 0's unsupported temperature landed"
for s in "shmtel_power_watts{.*$g1} 100" "shmtel_temperature_celsius{.*$g1} 50" \
	"shmtel_memory_used_bytes{.*$g0} 1024" "shmtel_memory_total_bytes{.*$g0} 4096"; do
	grep -q "^$s\$" "$TMPDIR/prom" || fail "missing $s: $(grep -v '^#' "$TMPDIR/prom")"
done
[ "$(grep -c 'gpu 0: power' "$TMPDIR/err")" = 1 ] || fail "not one warning: $(cat "$TMPDIR/err")"
grep -q 'temperature' "$TMPDIR/err" && fail "the unsupported reading was warned about: $(cat "$TMPDIR/err")"
kill -TERM "$pid"
wait "$pid" || fail "telemetry_power exit status $?: $(cat "$TMPDIR/err")"
trap - EXIT
grep -Eq '[1-9][0-9]* readings skipped' "$TMPDIR/err" || fail "the skips were not counted: $(cat "$TMPDIR/err")"
