#!/usr/bin/env bash
# A NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US that is not comma-separated
# microseconds, not strictly increasing, negative or longer than a shmtel
# histogram holds (47 bounds) stops the bridge and the exporter at
# start-up with one line naming the variable, a non-zero exit, and
# nothing written.
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
nixl_mkring --version 4 --capacity 32 "$in/a" 6:7
many=$(seq -s, 1 48)
for v in 5,x 5,,50 abc 50,5 5,5 -1,5 "$many" inf; do
	for tool in "telemetry_nixl --once --dir $out $in" "telemetry_prom $out"; do
		rc=0
		NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US=$v $tool >"$TMPDIR/out" 2>"$TMPDIR/err" || rc=$?
		[ "$rc" = 1 ] || fail "$tool with '$v': exit $rc"
		[ "$(wc -l <"$TMPDIR/err")" = 1 ] || fail "$tool with '$v': $(cat "$TMPDIR/err")"
		grep -q "^${tool%% *}: NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US=.*: " "$TMPDIR/err" ||
			fail "$tool with '$v': $(cat "$TMPDIR/err")"
		[ ! -s "$TMPDIR/out" ] || fail "$tool with '$v' wrote: $(head -3 "$TMPDIR/out")"
	done
	[ -z "$(ls "$out")" ] || fail "the bridge created $(ls "$out") with '$v'"
done
# Good values still work, 47 bounds included.
NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US=$(seq -s, 1 47) telemetry_nixl --once --dir "$out" "$in" ||
	fail "47 bounds refused"
NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US='0.5, 2.5,10' telemetry_prom "$out" >/dev/null ||
	fail "fractional bounds refused"
