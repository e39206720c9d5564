# ROCm SMI's energy is a count of ticks of a fractional resolution (15.3
# µJ, a float): the counter carries whole µJ of count × resolution, so the
# fractions of single-tick samples add up instead of being cut off in each
# delta (ten ticks make 153 µJ, not 10 × 15).  The stand-in library reads
# the count from a file this test rewrites while telemetry_power runs.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

fake_gpu_lib fake_rocm_smi librocm_smi64.so
export LD_LIBRARY_PATH=$LIB FAKE_RSMI_ENERGY_FILE=$TMPDIR/count FAKE_RSMI_ENERGY_RES=15.3

# joules_are J: telemetry_prom exports the counter as J joules (within 1e-12).
joules_are() {
	telemetry_prom "$TD" >"$TMPDIR/prom" 2>/dev/null || return 1
	awk -v want="$1" '/^shmtel_energy_joules_total\{.*source="amdsmi"/ { got = $NF }
		END { d = got - want; if (d < 0) d = -d; exit !(got != "" && d < 1e-12) }' "$TMPDIR/prom"
}
# uj COUNT: whole µJ of COUNT ticks of the float nearest 15.3.
uj() {
	awk -v c="$1" 'BEGIN { printf "%d", c * 15.30000019073486328125 }'
}

echo 1000000 >"$TMPDIR/count"
telemetry_power --interval 20 --collectors amdsmi --dir "$TD" 2>"$TMPDIR/err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for c in $(seq 1000000 1000010); do
	echo "$c" >"$TMPDIR/count.tmp" && mv -f "$TMPDIR/count.tmp" "$TMPDIR/count"
	j=$(awk -v u="$(uj "$c")" 'BEGIN { printf "%.6f", u / 1e6 }')
	wait_within "$WAIT_SECS" joules_are "$j" ||
		fail "count $c: want $j J, got: $(grep '^shmtel_energy' "$TMPDIR/prom" || echo none)"
done
[ "$j" = 15.300153 ] || fail "the test's own arithmetic: $j"
kill -TERM "$pid"
wait "$pid" || fail "telemetry_power exit status $?: $(cat "$TMPDIR/err")"
trap - EXIT
