#!/usr/bin/env bash
# C1 controls (U+0080-U+009F; U+009B is the one-character CSI) and the
# bidirectional and line-separator controls (U+202A-U+202E, U+2066-U+2069,
# U+2028, U+2029) are valid UTF-8 a terminal acts on: wherever one sits in
# a ring (series name, agent name, label value, unit, NIXL event name and
# file name), telemetry_reader's block, line and follow output spell it
# as \xNN per byte and its JSON as \uXXXX; none is printed raw.
set -eu
. "$SRC/tests/tools/common.sh"

cases=$CONTROL_CASES

# no_raw FILE WHAT: FILE does not hold the bytes of $c.
no_raw() {
	if grep -qF -- "$c" "$1"; then
		fail "U+$cp raw in $2: $(grep -F -- "$c" "$1" | od -c | head -n 4)"
	fi
}

# has FILE WHAT TEXT: FILE holds TEXT (taken literally).
has() {
	grep -qF -- "$3" "$1" || fail "U+$cp: $2 lacks $3: $(head -c 600 "$1")"
}

reader=
trap '[ -z "$reader" ] || kill "$reader" 2>/dev/null || true' EXIT
i=0
while read -r cp spell; do
	i=$((i + 1))
	c=$(printf "$spell")
	dir=$TMPDIR/r$i
	mkdir "$dir"
	ring_hostile "$dir" "agent${c}x" "$c"
	nixl_mkring --version 2 --layout named --capacity 4 "$dir/nixl${c}x" "1:ev${c}ent:5"
	for f in block line; do
		out=$TMPDIR/$i.$f
		telemetry_reader --once --peek --format $f "$dir" >"$out" 2>"$TMPDIR/err" ||
			fail "U+$cp: $f: exit $?: $(cat "$TMPDIR/err")"
		no_raw "$out" "$f output"
		has "$out" "$f output" "name${spell}end{who=\"v${spell}v\"}"
		has "$out" "$f output" "ev${spell}ent"
	done
	has "$TMPDIR/$i.block" "block output" "Agent: agent${spell}x"
	has "$TMPDIR/$i.block" "block output" "Agent: nixl${spell}x"
	has "$TMPDIR/$i.line" "line output" " agent${spell}x CUSTOM "
	has "$TMPDIR/$i.line" "line output" " u${spell}"

	# Following: the same events, printed by the follow loop of a live reader.
	out=$TMPDIR/$i.follow
	telemetry_reader --format line --peek "$dir" >"$out" 2>"$TMPDIR/err" &
	reader=$!
	wait_within 20 grep -qF -- "ev${spell}ent" "$out" ||
		fail "U+$cp: follow output never showed the NIXL event: $(cat "$out" "$TMPDIR/err")"
	wait_within 20 grep -qF -- "name${spell}end" "$out" ||
		fail "U+$cp: follow output never showed the series: $(cat "$out" "$TMPDIR/err")"
	kill -INT "$reader"
	# Ctrl+C ends as it ends tail: 128 + SIGINT.
	wait "$reader" && rc=0 || rc=$?
	[ "$rc" = 130 ] || fail "U+$cp: follow: exit $rc, want 130: $(cat "$TMPDIR/err")"
	reader=
	no_raw "$out" "follow output"

	out=$TMPDIR/$i.json
	telemetry_reader --once --peek --format json "$dir" >"$out" 2>"$TMPDIR/err" ||
		fail "U+$cp: json: exit $?: $(cat "$TMPDIR/err")"
	no_raw "$out" "JSON output"
	has "$out" "JSON output" "\"name${cp/#/\\u}end\""
	# Valid JSON that still carries the character itself.
	jq -se --arg c "$c" 'map(select(.name == "name\($c)end" and .agent == "agent\($c)x" and
		.labels.who == "v\($c)v" and .unit == "u\($c)")) | length == 1' "$out" >/dev/null ||
		fail "U+$cp: JSON does not decode to the ring's strings: $(cat "$out")"
	jq -se --arg c "$c" 'map(select(.name == "ev\($c)ent" and .agent == "nixl\($c)x")) |
		length == 1' "$out" >/dev/null ||
		fail "U+$cp: JSON does not decode to the NIXL event: $(cat "$out")"
done <<<"$cases"
