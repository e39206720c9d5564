# ROCm SMI through a stand-in librocm_smi64.so (built here, found through
# LD_LIBRARY_PATH): one sample of two GPUs lands every reading in base
# units — average power µW → W, energy count × resolution (µJ, a float)
# → J, edge temperature m°C → °C (below zero too), VRAM bytes, busy
# percent → ratio — labelled with each GPU's index and name.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

fake_gpu_lib fake_rocm_smi librocm_smi64.so
echo "1000000 3" >"$TMPDIR/energy"
export LD_LIBRARY_PATH=$LIB FAKE_RSMI_GPUS=2 FAKE_RSMI_ENERGY_FILE=$TMPDIR/energy \
	FAKE_RSMI_ENERGY_RES=15.3,0.5 FAKE_RSMI_NAME='Instinct MI210,Radeon "Pro"' \
	FAKE_RSMI_POWER_UW=41000000,1500 FAKE_RSMI_TEMP_MC=43500,-2000 \
	FAKE_RSMI_VRAM_TOTAL=68702699520,8589934592 FAKE_RSMI_VRAM_USED=10485760,0 FAKE_RSMI_BUSY=12,0

once_to_prom --collectors amdsmi
grep -v '^#' "$TMPDIR/prom" | grep 'source="amdsmi"' |
	sed -E 's/agent="power",pid="[0-9]+",//' | sort >"$TMPDIR/got"
g0='gpu="0",name="Instinct MI210",source="amdsmi"'
g1='gpu="1",name="Radeon \"Pro\"",source="amdsmi"'
# 1000000 × 15.3f µJ is 15300000.19 µJ, 3 × 0.5 µJ is 1.5: whole µJ in the counter.
sort >"$TMPDIR/want" <<EOT
shmtel_power_watts{$g0} 41
shmtel_power_watts{$g1} 0.0015
shmtel_energy_joules_total{$g0} 15.3
shmtel_energy_joules_total{$g1} 1e-06
shmtel_temperature_celsius{$g0} 43.5
shmtel_temperature_celsius{$g1} -2
shmtel_memory_total_bytes{$g0} 68702699520
shmtel_memory_total_bytes{$g1} 8589934592
shmtel_memory_used_bytes{$g0} 10485760
shmtel_memory_used_bytes{$g1} 0
shmtel_gpu_utilization_ratio{$g0} 0.12
shmtel_gpu_utilization_ratio{$g1} 0
EOT
diff -u "$TMPDIR/want" "$TMPDIR/got" >&2 || fail "ROCm SMI samples differ"
