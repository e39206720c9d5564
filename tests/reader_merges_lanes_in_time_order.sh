#!/usr/bin/env bash
# Threads writing at once into one ring (more threads than lanes, so the
# shared lane is busy too) and a second ring at the same time: the reader
# prints every event once, in time order across lanes and rings, and each
# thread's own events in the order it emitted them.
set -euo pipefail
. "$SRC/tests/tools/common.sh"
dir=$TMPDIR/t
mkdir "$dir"
lanes_writer "$dir" busy 5 30000 &
a=$!
lanes_writer "$dir" other 2 30000 &
b=$!
wait "$a" || fail "writer busy failed"
wait "$b" || fail "writer other failed"
telemetry_reader --once --format line "$dir" >"$TMPDIR/out" 2>"$TMPDIR/err" || fail "reader exit $?"
[ "$(wc -l <"$TMPDIR/out")" -eq 210000 ] || fail "$(wc -l <"$TMPDIR/out") events, want 210000: $(cat "$TMPDIR/err")"
# Date and time, to the microsecond, never go back.
cut -d' ' -f1,2 "$TMPDIR/out" | LC_ALL=C sort -c || fail "events out of time order"
# Per agent and thread: 1, 2, ..., 30000 in order.
awk '{ k = $3 " " $5; if ($6 != last[k] + 1) { print "after " last[k] ": " $0; exit 1 } last[k] = $6 }
	END { for (k in last) if (last[k] != 30000) { print k " ended at " last[k]; exit 1 } }' \
	"$TMPDIR/out" || fail "a thread's events out of order or missing"
