#!/usr/bin/env bash
# What the README says of the example agent: a transfer is six events
# (tx/rx bytes, rx bytes half the tx, tx/rx requests of 1, transfer and
# post time), every 100th transfer adds a registration and a
# deregistration, about one in 500 an error; and the ring counts exactly
# that many events written, as telemetry_prom exports them.
set -u
. "$SRC/tests/tools/common.sh"
D=$TMPDIR/tel
mkdir "$D"
n=2000
nixl_agent --dir "$D" --name six --count "$n" --rate 0 --summary >"$TMPDIR/sum" || fail "agent: exit $?"
count() { awk -v s="$1" '$1 == s { sub("count=", "", $2); print $2 }' "$TMPDIR/sum"; }
sum() { awk -v s="$1" '$1 == s { sub("sum=", "", $3); print $3 }' "$TMPDIR/sum"; }
for s in agent_tx_bytes agent_rx_bytes agent_tx_requests_num agent_rx_requests_num agent_xfer_time agent_xfer_post_time; do
	[ "$(count $s)" = "$n" ] || fail "$s: $(count $s) events for $n transfers"
done
[ "$(sum agent_tx_requests_num)" = "$n" ] && [ "$(sum agent_rx_requests_num)" = "$n" ] ||
	fail "requests are not 1 each"
[ $(($(sum agent_rx_bytes) * 2)) = "$(sum agent_tx_bytes)" ] || fail "rx bytes are not half the tx bytes"
for s in agent_memory_registered agent_memory_deregistered; do
	[ "$(count $s)" = $(((n + 99) / 100)) ] || fail "$s: $(count $s) for $n transfers"
done
errors=$(awk '$1 !~ /^agent_/ { sub("count=", "", $2); e += $2 } END { print e + 0 }' "$TMPDIR/sum")
# One in 500 on average: for 2000 transfers, 4; far from it is not "about".
[ "$errors" -ge 1 ] && [ "$errors" -le 16 ] || fail "$errors errors in $n transfers"
total=$(awk '{ sub("count=", "", $2); t += $2 } END { print t }' "$TMPDIR/sum")
# The ring counts every event written, overwritten or not.
telemetry_prom "$D" >"$TMPDIR/out.prom" || fail "telemetry_prom: exit $?"
written=$(awk '/^shmtel_events_written_total\{agent="six"/ { print $NF }' "$TMPDIR/out.prom")
[ "$written" = "$total" ] || fail "the ring says '$written' events written, the agent $total"
[ "$total" -ge $((6 * n)) ] && [ "$total" -le $((6 * n + n / 10)) ] || fail "$total events for $n transfers"
