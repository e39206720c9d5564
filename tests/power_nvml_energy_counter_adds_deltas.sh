# NVML's total energy runs since the driver was loaded; the ring's counter
# adds what it grew by between samples: exact to the mJ, not counted twice
# when SIGHUP probes the GPUs again, and never going back when the total
# does (a driver reload counts from zero again).  The stand-in library
# reads the total from a file this test rewrites while telemetry_power runs.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

fake_gpu_lib fake_nvml libnvidia-ml.so.1
export LD_LIBRARY_PATH=$LIB FAKE_NVML_ENERGY_FILE=$TMPDIR/energy FAKE_NVML_NAME=G

# set_total MJ: what NVML reports next, written whole (renamed into place).
set_total() {
	echo "$1" >"$TMPDIR/energy.tmp"
	mv -f "$TMPDIR/energy.tmp" "$TMPDIR/energy"
}

# joules_are J: telemetry_prom exports the counter as exactly J joules.
joules_are() {
	telemetry_prom "$TD" >"$TMPDIR/prom" 2>/dev/null || return 1
	awk -v want="$1" '/^shmtel_energy_joules_total\{.*source="nvml"/ { got = $NF }
		END { d = got - want; if (d < 0) d = -d; exit !(got != "" && d < 1e-9) }' "$TMPDIR/prom"
}

set_total 1000000
telemetry_power --interval 20 --collectors nvml --dir "$TD" 2>"$TMPDIR/err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
step() {	# step MJ J WHAT: set the total, wait for the counter to show J
	set_total "$1"
	wait_within "$WAIT_SECS" joules_are "$2" ||
		fail "$3: want $2 J, got: $(grep '^shmtel_energy' "$TMPDIR/prom" || echo none)"
}
wait_within "$WAIT_SECS" joules_are 1000 || fail "the first total was not counted whole"
step 1000250 1000.25 "a growth of 250 mJ"
kill -HUP "$pid"
wait_within "$WAIT_SECS" grep -q 'SIGHUP: probing again' "$TMPDIR/err" || fail "no rescan on SIGHUP"
step 1000251 1000.251 "1 mJ after the rescan"
step 200 1000.451 "a driver reload (the total back at 200 mJ)"
step 700 1000.951 "500 mJ after the reload"
kill -TERM "$pid"
wait "$pid" || fail "telemetry_power exit status $?: $(cat "$TMPDIR/err")"
trap - EXIT
