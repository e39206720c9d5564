# A library that loads but will not answer — nvmlInit_v2 failing (no
# driver loaded), the GPU count failing, no GPU, a count no machine has,
# every GPU's handle failing — leaves the collector unavailable with one
# line saying why, and telemetry_power runs on: --list and --once exit 0.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

fake_gpu_lib fake_nvml libnvidia-ml.so.1
export LD_LIBRARY_PATH=$LIB

# case WHY VAR=VALUE...: with that environment, --list says "nvml: WHY" and
# that nvml is not available; --once writes no nvml series.
case_() {
	local why=$1
	shift
	env "$@" telemetry_power --list --collectors nvml >"$TMPDIR/list" 2>"$TMPDIR/err" ||
		fail "$*: --list exit status $?: $(cat "$TMPDIR/err")"
	grep -qxF "nvml: $why" "$TMPDIR/list" || fail "$*: --list said: $(cat "$TMPDIR/list")"
	grep -qx 'nvml: not available: .*' "$TMPDIR/list" || fail "$*: available: $(cat "$TMPDIR/list")"
	rm -f "$TD"/*
	env "$@" telemetry_power --once --collectors nvml --dir "$TD" 2>"$TMPDIR/err" ||
		fail "$*: --once exit status $?: $(cat "$TMPDIR/err")"
	telemetry_prom "$TD" >"$TMPDIR/prom" || fail "telemetry_prom exit status $?"
	! grep -q 'source="nvml"' "$TMPDIR/prom" || fail "$*: series of an unavailable collector"
}
case_ 'nvmlInit_v2: Fake Error' FAKE_NVML_RC_nvmlInit_v2=9
case_ 'no GPU: Unknown Error' FAKE_NVML_RC_nvmlDeviceGetCount_v2=999
case_ 'no GPU: none found' FAKE_NVML_GPUS=0
case_ 'nvmlDeviceGetCount_v2: 4000000000 GPUs: not believed' FAKE_NVML_GPUS=4000000000
case_ 'gpu 1: nvmlDeviceGetHandleByIndex_v2: Unknown Error' FAKE_NVML_GPUS=2 \
	FAKE_NVML_RC_nvmlDeviceGetHandleByIndex_v2=999
