#!/usr/bin/env bash
# A histogram in microseconds becomes _bucket{le} lines in seconds, in
# increasing order, counting cumulatively (a value equal to a bound
# counts in that bucket), ending with le="+Inf" equal to _count, then
# _sum in seconds and _count.
source "$SRC/tests/tools/prom_lib.bash"
spec histogram u64 PERFORMANCE us lat - 5,10,11,100,500,1000,1001,2000000 10,100,1000 |
	fixture h
telemetry_prom "$D" >"$TMPDIR/out.prom" || fail "exit $?"
grep '^shmtel_lat_seconds' "$TMPDIR/out.prom" | sed 's/pid="[0-9]*"/pid="P"/' >"$TMPDIR/got"
cat >"$TMPDIR/want" <<'W'
shmtel_lat_seconds_bucket{agent="h",pid="P",le="1e-05"} 2
shmtel_lat_seconds_bucket{agent="h",pid="P",le="0.0001"} 4
shmtel_lat_seconds_bucket{agent="h",pid="P",le="0.001"} 6
shmtel_lat_seconds_bucket{agent="h",pid="P",le="+Inf"} 8
shmtel_lat_seconds_sum{agent="h",pid="P"} 2.002627
shmtel_lat_seconds_count{agent="h",pid="P"} 8
W
diff -u "$TMPDIR/want" "$TMPDIR/got" || fail "histogram lines differ"
[ "$(prom_type "$TMPDIR/out.prom" shmtel_lat_seconds)" = histogram ] || fail "TYPE is not histogram"
prom_clean "$TMPDIR/out.prom"
