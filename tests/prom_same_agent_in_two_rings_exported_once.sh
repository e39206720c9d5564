#!/usr/bin/env bash
# Two ring files of one agent (same name, same pid: a copy, or two
# directories given) still make one series per label set: the first
# file's samples win, the second's are dropped, counted and reported.
# Another pid is another agent: both are exported.  Within one agent,
# two series whose names and labels render alike are one series too.
source "$SRC/tests/tools/prom_lib.bash"
series() {	# VALUE
	spec counter u64 TRANSFER bytes tx 'peer="b",backend="ucx"' "$1"
	spec histogram u64 PERFORMANCE us post_time 'backend="ucx"' "$1" 1,2
	spec gauge u64 CUSTOM - depth - "$1"
}
D2=$TMPDIR/tel2 D3=$TMPDIR/tel3
mkdir -p "$D2" "$D3"
series 7 | fixture r --source-pid 4242
series 9 | prom_fixture --dir "$D2" --name r --source-pid 4242 || fail "fixture in $D2"
{
	series 11
	# the same series as tx once sanitized, labels in another order
	spec counter u64 TRANSFER bytes tx_bytes 'backend="ucx",peer="b"' 5
} | prom_fixture --dir "$D3" --name r --source-pid 4243 || fail "fixture in $D3"
telemetry_prom "$D" "$D2" "$D3" >"$TMPDIR/out.prom" 2>"$TMPDIR/err" || fail "exit $?"
O=$TMPDIR/out.prom
prom_clean "$O"
for pid in 4242 4243; do
	for fam in shmtel_tx_bytes_total shmtel_depth shmtel_post_time_seconds_count; do
		n=$(grep -c "^$fam{agent=\"r\",pid=\"$pid\"" "$O") || true
		[ "$n" = 1 ] || fail "$fam of pid $pid: $n samples, want 1"
	done
done
[ "$(prom_sample "$O" shmtel_tx_bytes_total 'pid="4242"')" = 7 ] || fail "the first file did not win"
[ "$(prom_sample "$O" shmtel_depth 'pid="4243"')" = 11 ] || fail "pid 4243 is not its own agent"
[ "$(prom_sample "$O" shmtel_tx_bytes_total 'pid="4243"')" = 11 ] || fail "tx_bytes replaced tx"
[ "$(prom_sample "$O" shmtel_post_time_seconds_sum 'pid="4242"')" = 7e-06 ] ||
	fail "histogram of the second file kept"
for fam in shmtel_tx_bytes_total shmtel_post_time_seconds shmtel_depth; do
	grep -q "duplicate series in family $fam dropped: {agent=\"r\",pid=\"4242\"" "$TMPDIR/err" ||
		fail "no warning for $fam: $(cat "$TMPDIR/err")"
done
grep -q "duplicate series in family shmtel_tx_bytes_total dropped: {agent=\"r\",pid=\"4243\",backend=\"ucx\",peer=\"b\"}" \
	"$TMPDIR/err" || fail "no warning for tx_bytes: $(cat "$TMPDIR/err")"
# every sample of the copy whose labels are only agent and pid (depth,
# up and the other per-agent families) was dropped and said so
fams=$(sed -n 's/^\(shmtel_[a-z_]*\){agent="r",pid="4242"} .*/\1/p' "$O")
[ "$(echo "$fams" | wc -w)" -gt 3 ] || fail "per-agent families missing: $fams"
for fam in $fams; do
	grep -qx "telemetry_prom: duplicate series in family $fam dropped: {agent=\"r\",pid=\"4242\"}" \
		"$TMPDIR/err" || fail "$fam of the copy not reported"
done
n=$(grep -c 'duplicate series in family' "$TMPDIR/err")
[ "$(prom_sample "$O" shmtel_export_dropped_samples)" = "$n" ] ||
	fail "dropped $(prom_sample "$O" shmtel_export_dropped_samples), reported $n"
