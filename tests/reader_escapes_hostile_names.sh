#!/usr/bin/env bash
# Whatever a ring's strings contain reaches the terminal escaped: no escape
# or control byte from the file is ever printed raw, and JSON stays valid.
set -eu
dir=$TMPDIR/t
mkdir "$dir"
ring_hostile "$dir" "odd name é"
for f in block line; do
	telemetry_reader --once --format $f "$dir" >"$TMPDIR/out" 2>/dev/null
	# Only printable bytes, tabs and newlines (and UTF-8) may appear.
	if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMPDIR/out"; then
		echo "raw control byte in $f output:"; od -c "$TMPDIR/out" | head; exit 1
	fi
	grep -q 'evil\\x1b\[2J' "$TMPDIR/out"
done
telemetry_reader --once --format json "$dir" 2>/dev/null >"$TMPDIR/json"
# JSON carries the exact bytes, escaped (invalid UTF-8 as \u00XX).
jq -e '.name | startswith("evil\u001b[2J\"name\\\n")' "$TMPDIR/json" >/dev/null
jq -e '.labels.who | startswith("\u001b]0;pwned\u0007 \"q\" \\ \n")' "$TMPDIR/json" >/dev/null
jq -e '.agent == "odd name é"' "$TMPDIR/json" >/dev/null
