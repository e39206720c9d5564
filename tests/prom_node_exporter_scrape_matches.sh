#!/usr/bin/env bash
# A real node_exporter, its textfile collector pointed at what
# telemetry_prom -o writes, serves exactly what the agents emitted: every
# family and sample of the file (nothing dropped: node_exporter 1.5 drops
# clashing families silently, so promhttp_metric_handler_errors_total
# {cause="gathering"} must stay 0), no textfile scrape error, and the
# counters equal to the example agent's own totals.
source "$SRC/tests/tools/prom_lib.bash"
command -v prometheus-node-exporter >/dev/null || { echo "no prometheus-node-exporter"; exit 77; }
TF=$TMPDIR/textfile
mkdir "$TF"
nixl_agent --dir "$D" --name nixl-rank0 --count 3000 --rate 0 --summary >"$TMPDIR/sum"
live_fixture hailo-4242 --source-pid 4242 < <(hailo_spec)
hostile_spec | fixture hostile
telemetry_prom --compat nixl,hailo -o "$TF/shmtel.prom" "$D" || fail "telemetry_prom exit $?"

prometheus-node-exporter --web.listen-address=127.0.0.1:0 --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$TF" >"$TMPDIR/ne.log" 2>&1 &
KILL_PIDS+=("$!")
port() { sed -n 's/.*msg="Listening on".*address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMPDIR/ne.log"; }
listening() { [ -n "$(port)" ]; }
wait_within "$WAIT_SECS" listening || fail "node_exporter did not start: $(cat "$TMPDIR/ne.log")"
scrape() { curl -sf "http://127.0.0.1:$(port)/metrics" -o "$TMPDIR/scrape"; }
# The gathering error counter shows the failures of earlier scrapes: scrape twice.
wait_within "$WAIT_SECS" scrape || fail "cannot scrape node_exporter"
scrape || fail "second scrape failed"
S=$TMPDIR/scrape

[ "$(prom_sample "$S" node_textfile_scrape_error)" = 0 ] || fail "textfile scrape error"
[ "$(prom_sample "$S" promhttp_metric_handler_errors_total 'cause="gathering"')" = 0 ] ||
	fail "node_exporter dropped families: $(grep -i error "$TMPDIR/ne.log" | head -3)"

# Every family of the file, with as many samples, is served.
count() { grep -c "^$2[{ ]" "$1" || true; }
for fam in $(awk '$1 == "#" && $2 == "TYPE" { print $3 }' "$TF/shmtel.prom"); do
	want=$(grep -cE "^${fam}(_bucket|_sum|_count)?[{ ]" "$TF/shmtel.prom")
	got=$(grep -cE "^${fam}(_bucket|_sum|_count)?[{ ]" "$S" || true)
	[ "$want" = "$got" ] || fail "family $fam: $want samples in the file, $got served"
done

# Values: the agent's exact totals, under both naming schemes.
while read -r name count sum; do
	count=${count#count=} sum=${sum#sum=}
	case $name in
	agent_xfer_time | agent_xfer_post_time)
		fam=${name}_us_count want=$count ;;
	agent_*) fam=${name}_total want=$sum ;;
	*) continue ;;
	esac
	got=$(prom_sample "$S" "$fam" 'agent_name="rank0"')
	awk -v g="$got" -v w="$want" 'BEGIN { exit !(g != "" && g + 0 == w + 0) }' ||
		fail "$fam: served '$got', agent emitted $want"
done <"$TMPDIR/sum"
got=$(prom_sample "$S" shmtel_agent_tx_bytes_total 'agent="nixl-rank0"')
want=$(awk '$1 == "agent_tx_bytes" { sub("sum=", "", $3); print $3 }' "$TMPDIR/sum")
awk -v g="$got" -v w="$want" 'BEGIN { exit !(g != "" && g + 0 == w + 0) }' ||
	fail "shmtel_agent_tx_bytes_total: served '$got', agent emitted $want"
[ "$(prom_sample "$S" hailo_NPU_utilization_percent 'NPU="NPU"')" = 37.5 ] ||
	fail "hailo_NPU_utilization_percent not served"
[ "$(prom_sample "$S" shmtel_camel_case_name 'exported_agent="b"')" = -5 ] ||
	fail "hostile series not served"
