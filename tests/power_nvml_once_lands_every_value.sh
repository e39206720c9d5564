# NVML through a stand-in libnvidia-ml.so.1 (built here, found through
# LD_LIBRARY_PATH): one sample of two GPUs lands every reading in the ring,
# in Prometheus base units as telemetry_prom exports them — power mW → W,
# the energy total mJ → J (the first reading counts whole), memory bytes,
# utilization percent → ratio — with each GPU's index and name as labels
# (a name with spaces and quotes kept apart and escaped).
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

fake_gpu_lib fake_nvml libnvidia-ml.so.1
echo "1000250 2000" >"$TMPDIR/energy"
export LD_LIBRARY_PATH=$LIB FAKE_NVML_GPUS=2 FAKE_NVML_ENERGY_FILE=$TMPDIR/energy \
	FAKE_NVML_NAME='NVIDIA A100-SXM4-40GB,Tesla "T4"' FAKE_NVML_POWER_MW=150250,70001 \
	FAKE_NVML_TEMP_C=61,40 FAKE_NVML_MEM_TOTAL=42949672960,16106127360 \
	FAKE_NVML_MEM_USED=1073741824,0 FAKE_NVML_UTIL_GPU=87,100

once_to_prom --collectors nvml

# same_samples WANT GOT: the same samples, each value within 1e-9 of WANT's.
same_samples() {
	awk 'function kv(line) { k = line; sub(/ [^ ]*$/, "", k); v = line; sub(/.* /, "", v) }
	NR == FNR { kv($0); want[k] = v; next }
	{
		kv($0)
		if (!(k in want)) { print "unexpected: " $0; bad = 1; next }
		d = v - want[k]; m = want[k] + 0
		if (d < 0) d = -d
		if (m < 0) m = -m
		if (d > 1e-9 * m) { print "want " want[k] ", got: " $0; bad = 1 }
		seen[k] = 1
	}
	END {
		for (k in want) if (!(k in seen)) { print "missing: " k " " want[k]; bad = 1 }
		exit bad
	}' "$1" "$2" >&2
}

# The samples of the power agent as "family{labels but agent and pid} value".
grep -v '^#' "$TMPDIR/prom" | grep 'agent="power"' | grep 'source="nvml"' |
	sed -E 's/agent="power",pid="[0-9]+",//' | sort >"$TMPDIR/got"
g0='gpu="0",name="NVIDIA A100-SXM4-40GB",source="nvml"'
g1='gpu="1",name="Tesla \"T4\"",source="nvml"'
sort >"$TMPDIR/want" <<EOT
shmtel_power_watts{$g0} 150.25
shmtel_power_watts{$g1} 70.001
shmtel_energy_joules_total{$g0} 1000.25
shmtel_energy_joules_total{$g1} 2
shmtel_temperature_celsius{$g0} 61
shmtel_temperature_celsius{$g1} 40
shmtel_memory_total_bytes{$g0} 42949672960
shmtel_memory_total_bytes{$g1} 16106127360
shmtel_memory_used_bytes{$g0} 1073741824
shmtel_memory_used_bytes{$g1} 0
shmtel_gpu_utilization_ratio{$g0} 0.87
shmtel_gpu_utilization_ratio{$g1} 1
EOT
same_samples "$TMPDIR/want" "$TMPDIR/got" || { cat "$TMPDIR/prom" >&2; fail "NVML samples differ"; }
