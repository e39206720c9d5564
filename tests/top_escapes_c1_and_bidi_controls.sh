#!/usr/bin/env bash
# C1 controls (U+0080-U+009F), the bidirectional controls (U+202A-U+202E,
# U+2066-U+2069) and U+2028, U+2029 in agent names, series names, label
# values and units reach neither telemetry_top's text output, nor its
# screen, raw, at any width (a cut never splits an escape into a raw
# byte); the text shows each as \xNN per byte and --json as \uXXXX.
. "$SRC/tests/tools/top_lib.sh"
export LC_ALL=C.UTF-8

cases=$CONTROL_CASES

i=0
while read -r cp spell; do
	i=$((i + 1))
	ring_hostile "$D" "a$i$(printf "$spell")x" "$(printf "$spell")"
done <<<"$cases"

# no_raw FILE WHAT: FILE holds none of the characters.
no_raw() {
	local cp spell
	while read -r cp spell; do
		if grep -qF -- "$(printf "$spell")" "$1"; then
			fail "U+$cp raw in $2: $(grep -F -- "$(printf "$spell")" "$1" | od -c | head -n 4)"
		fi
	done <<<"$cases"
}

telemetry_top -b -n 1 -w 400 "$D" >"$TMPDIR/wide"
no_raw "$TMPDIR/wide" "the text output"
i=0
while read -r cp spell; do
	i=$((i + 1))
	grep -qF -- "a$i${spell}x" "$TMPDIR/wide" || fail "U+$cp: agent a$i${spell}x not shown"
	grep -qF -- "name${spell}end" "$TMPDIR/wide" || fail "U+$cp: series name${spell}end not shown"
	grep -qF -- "v${spell}v" "$TMPDIR/wide" || fail "U+$cp: label value v${spell}v not shown"
done <<<"$cases"
# Narrow columns cut names anywhere, inside an escape too.
for w in 20 23 26 29 32; do
	telemetry_top -b -n 1 -w $w "$D" >"$TMPDIR/narrow"
	no_raw "$TMPDIR/narrow" "the text output at $w columns"
done

snap >"$TMPDIR/s.json"
no_raw "$TMPDIR/s.json" "--json"
grep -qF '"a3\u009bx"' "$TMPDIR/s.json" || fail "--json does not spell U+009B as \\u009b"
i=0
while read -r cp spell; do
	i=$((i + 1))
	c=$(printf "$spell")
	jq -e --arg a "a${i}${c}x" --arg n "name${c}end" \
		'[.series[] | select(.agent == $a and .name == $n)] | length == 1' \
		"$TMPDIR/s.json" >/dev/null || fail "U+$cp: --json does not decode to the ring's names"
done <<<"$cases"

# The screen, as the terminal shows it: the agents view, then the series.
need_tmux
tm_top 250 40 "$D"
tm_wait 'a15'
tm_screen >"$TMPDIR/screen1"
no_raw "$TMPDIR/screen1" "the agents screen"
grep -qF 'a3\xc2\x9bx' "$TMPDIR/screen1" || fail "agents screen: $(cat "$TMPDIR/screen1")"
tm_keys 2
tm_wait 'name'
tm_screen >"$TMPDIR/screen2"
no_raw "$TMPDIR/screen2" "the series screen"
grep -qF 'name\xe2\x80\xaeend' "$TMPDIR/screen2" || fail "series screen: $(cat "$TMPDIR/screen2")"
tm_end
