#!/usr/bin/env bash
# Series names, labels and units full of terminal escapes, quotes and
# invalid UTF-8 reach neither the text output nor the screen as control
# bytes, and the JSON stays valid with the name intact.
. "$SRC/tests/tools/top_lib.sh"

ring_hostile "$D" evil
telemetry_top -b -n 1 "$D" >"$TMPDIR/out"
if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$TMPDIR/out"; then
	fail "control bytes in the text output: $(od -c "$TMPDIR/out" | head)"
fi
grep -q 'evil\\x1b\[2J' "$TMPDIR/out" || fail "escaped name not shown: $(cat "$TMPDIR/out")"
snap >"$TMPDIR/s.json"
# The stray byte 0xff travels as \u00ff.
jq -e '.series[0].name == "evil\u001b[2J\"name\\\n\u00ff"' "$TMPDIR/s.json" >/dev/null || fail "JSON name: $(jq -c '.series[0].name' "$TMPDIR/s.json")"
