#!/usr/bin/env bash
# The README's first command ends in `make demo`: the demo runs to the end
# and every tool in it shows the live agents' telemetry.
set -eu
if [ -n "${SANITIZE:-}" ]; then
	echo "the demo runs the plain build; checked in the plain suite"
	exit 77
fi
cd "$SRC"
B=$B timeout 120 tools/demo.sh >"$TMPDIR/demo" 2>&1 || { tail -n 30 "$TMPDIR/demo"; exit 1; }
grep -q '^=== NIXL Telemetry Event ===$' "$TMPDIR/demo"
grep -Eq ' rank[01] TRANSFER agent_(t|r)x_bytes [0-9]+ bytes$' "$TMPDIR/demo"
grep -q 'Agents: 2 live' "$TMPDIR/demo"
grep -q '^shmtel_up{agent="rank0",pid="[0-9]*"} 1$' "$TMPDIR/demo"
grep -Eq '^agent_tx_bytes_total\{hostname="[^"]*",agent_name="rank0"\} [0-9]+$' "$TMPDIR/demo"
grep -q 'hailo_device_utilization{arch="HAILO8",device_id="0000:01:00.0"} 73.5 percent' "$TMPDIR/demo"
# The bridged NIXL agent's exported total equals what its writer says it wrote.
want=$(awk '$1 == "agent_tx_bytes" { sub("sum=", "", $3); print $3 }' "$TMPDIR/demo")
grep -q "^agent_tx_bytes_total{hostname=\"[^\"]*\",agent_name=\"worker\"} $want\$" "$TMPDIR/demo"
grep -q '== done' "$TMPDIR/demo"
