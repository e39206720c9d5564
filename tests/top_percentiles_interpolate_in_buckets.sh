#!/usr/bin/env bash
# p50 and p99 come from the histogram buckets, interpolated inside the
# bucket: the values 1..100, ten per bucket of width 10, give exactly 50
# and 99; mean, min and max come from the aggregates.
. "$SRC/tests/tools/top_lib.sh"

top_hist_writer "$D" lat
got=$(snap | jq -c '.series[] | select(.name == "latency") |
	[.count, .sum, .min, .max, .mean, .p50, .p99, .unit, .kind]')
[ "$got" = '[100,5050,1,100,50.5,50,99,"us","histogram"]' ] || fail "latency: $got"

# And the same, unit-aware, in the text table (us shown as durations, three digits).
telemetry_top -b -n 1 -v series -w 200 "$D" | grep -Eq '^lat +PERFORMANCE +latency .* 50\.0 (µs|us) +99\.0 (µs|us) ' ||
	fail "text: $(telemetry_top -b -n 1 -v series -w 200 "$D")"
