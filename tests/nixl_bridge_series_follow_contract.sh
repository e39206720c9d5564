#!/usr/bin/env bash
# The series telemetry_nixl creates carry NIXL's categories, kinds and
# units: byte counters in bytes, request counters unitless, the two times
# as microsecond histograms with NIXL's bounds, errors under ERROR.
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
nixl_mkring --version 4 --capacity 32 "$in/a" 0:1 1:1 2:1 3:1 4:1 5:1 6:7 7:30000 10:1 20:2
telemetry_nixl --once --dir "$out" "$in"
nixl_shmtotals "$out/nixl-a" | grep -v '^state' | awk '{ print $1, $4, $5, $6 }' | sort >"$TMPDIR/got"
sort >"$TMPDIR/want" <<'END'
agent_tx_bytes category=TRANSFER kind=counter unit=bytes
agent_rx_bytes category=TRANSFER kind=counter unit=bytes
agent_tx_requests_num category=TRANSFER kind=counter unit=-
agent_rx_requests_num category=TRANSFER kind=counter unit=-
agent_memory_registered category=MEMORY kind=counter unit=bytes
agent_memory_deregistered category=MEMORY kind=counter unit=bytes
agent_xfer_time category=PERFORMANCE kind=histogram unit=us
agent_xfer_post_time category=PERFORMANCE kind=histogram unit=us
backend category=ERROR kind=counter unit=-
agent_telemetry_events_dropped category=SYSTEM kind=counter unit=-
END
diff -u "$TMPDIR/want" "$TMPDIR/got" || fail "series differ from the contract"
bounds=10,25,50,100,250,500,1000,2500,5000,10000,25000,50000,100000,250000,500000,1000000,5000000,10000000
grep -q "^agent_xfer_time .* bounds=$bounds buckets=10:1\$" <(nixl_shmtotals "$out/nixl-a") ||
	fail "agent_xfer_time bounds or buckets"
grep -q "^agent_xfer_post_time .* bounds=$bounds buckets=50000:1\$" <(nixl_shmtotals "$out/nixl-a") ||
	fail "agent_xfer_post_time bounds or buckets"
