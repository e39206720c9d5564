# A libnvidia-ml.so.1 that lacks one of the functions the collector uses
# (here nvmlDeviceGetTotalEnergyConsumption, as old drivers do) is not used
# at all: --list says so in one line naming the function, the collector is
# not available, and a sample of the other collectors still lands, exit 0.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

PROC=$TMPDIR/proc
mkdir -p "$PROC"
fake_gpu_lib fake_nvml libnvidia-ml.so.1 -DFAKE_NVML_NO_ENERGY
export LD_LIBRARY_PATH=$LIB FAKE_NVML_POWER_MW=150000
printf 'MemTotal:        1000 kB\nMemAvailable:     600 kB\n' >"$PROC/meminfo"
printf 'cpu  10 0 10 80 0 0 0 0 0 0\ncpu0 10 0 10 80 0 0 0 0 0 0\n' >"$PROC/stat"

telemetry_power --list --collectors nvml >"$TMPDIR/list" 2>"$TMPDIR/err" ||
	fail "--list exit status $?: $(cat "$TMPDIR/err")"
[ "$(grep -c nvmlDeviceGetTotalEnergyConsumption "$TMPDIR/list")" = 1 ] ||
	fail "not one line naming the missing function: $(cat "$TMPDIR/list")"
[ "$(grep -c '^nvml: ' "$TMPDIR/list")" = 2 ] ||
	fail "more than that line and the verdict: $(cat "$TMPDIR/list")"
grep -qx 'nvml: not available: .*' "$TMPDIR/list" || fail "nvml not said unavailable: $(cat "$TMPDIR/list")"

once_to_prom --collectors host,nvml --procfs "$PROC"
! grep -q 'source="nvml"' "$TMPDIR/prom" || fail "series from the unavailable collector"
grep -q '^shmtel_memory_total_bytes{.*source="host".* 1024000$' "$TMPDIR/prom" ||
	fail "the host collector's sample did not land: $(grep -v '^#' "$TMPDIR/prom")"
