#!/usr/bin/env bash
# Files it cannot use are listed with the reason, next to a good ring that
# is still shown in full: a ring cut short, a ring whose header is
# inconsistent, and a ring it may not read.  A file that is no ring at all
# is not a row: it is only counted (top_skips_files_that_are_not_rings.sh).
. "$SRC/tests/tools/top_lib.sh"

nixl_agent --dir "$D" --name good --count 100 --rate 0 >/dev/null
head -c 100000 "$D/good" >"$D/cut"
cp "$D/good" "$D/badhdr"
# capacity (offset 32) of 3: not a power of two.
printf '\003\000\000\000' | dd of="$D/badhdr" bs=1 seek=32 conv=notrunc status=none
seq 1 2000 >"$D/notes.txt"
cp "$D/good" "$D/locked"
chmod 000 "$D/locked"

# root reads any file: look as nobody, so that the mode bits count.
run_top() {
	if [ "$(id -u)" = 0 ]; then
		chmod 755 "$TMPDIR" "$D"
		as_nobody telemetry_top "$@"
	else
		telemetry_top "$@"
	fi
}

run_top --json "$D" >"$TMPDIR/s.json" || fail "exit status $?"
why() {
	jq -r --arg f "$1" '.agents[] | select(.file == $f) | "\(.state): \(.error)"' "$TMPDIR/s.json"
}
[[ $(why cut) == "error: truncated"* ]] || fail "cut: $(why cut)"
[[ $(why badhdr) == "error: corrupt header"* ]] || fail "badhdr: $(why badhdr)"
[ -z "$(why notes.txt)" ] || fail "notes.txt listed: $(why notes.txt)"
[ "$(why locked)" = "error: Permission denied" ] || fail "locked: $(why locked)"
jq -e '.unreadable == 3 and .dead == 1 and
	(.agents[] | select(.file == "good") | .state == "exited" and .series == 12) and
	([.series[] | select(.agent == "good")] | length == 12)' "$TMPDIR/s.json" >/dev/null ||
	fail "summary: $(jq -c '{unreadable, dead, agents}' "$TMPDIR/s.json")"

# The text table says the same, one row per file.
run_top -b -n 1 -v agents -w 120 "$D" >"$TMPDIR/out"
grep -Eq '^locked +- error +Permission denied$' "$TMPDIR/out" || fail "text: $(cat "$TMPDIR/out")"
grep -Eq '^cut +- error +truncated' "$TMPDIR/out" || fail "text: $(cat "$TMPDIR/out")"
grep -q '^Skipped 1 file that is not a ring$' "$TMPDIR/out" || fail "text: $(cat "$TMPDIR/out")"
