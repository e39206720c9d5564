#!/usr/bin/env bash
# The jq examples of telemetry_reader(1) work as printed: run on a
# directory with events and a gap of missed events, each exits 0 and
# prints what it says (no null from a record of another type): the event
# values, the bytes sent in all, and the agent with its missed count.
set -u
. "$SRC/tests/tools/common.sh"
command -v jq >/dev/null || { echo "jq not installed"; exit 77; }
dir=$TMPDIR/tel
mkdir "$dir"
ring_busy_slots "$dir" busy 64 10 || fail "cannot write the fixture"
# Once the busy slots' grace is over, every read skips them at once: the
# runs below then all see the same events, however slow the build.
grace_over() {
	telemetry_reader --once --format json "$dir/busy" 2>/dev/null |
		jq -s -e 'any(.[]; .type == "missed" and .missed == 64)' >/dev/null
}
wait_within 60 grace_over || fail "the busy slots were never counted missed"
NIXL_TELEMETRY_BUFFER_SIZE=8192 nixl_agent --dir "$dir" --name agent --count 50 --rate 0 --summary \
	>"$TMPDIR/summary" || fail "cannot write the agent"

# The EXAMPLES section as man shows it (\- is -, \(aq is ', \e is \), one
# shell command a line: a line ending in | or \ goes on on the next.
sed -n '/^\.SH EXAMPLES/,/^\.SH /p' "$SRC/man/telemetry_reader.1" |
	sed -n '/^\.EX/,/^\.EE/p' | grep -v '^\.E[XE]' |
	sed 's/\\-/-/g; s/\\(aq/'"'"'/g; s/\\e/\\/g' |
	awk '{ line = line $0 } /[|\\]$/ { sub(/\\$/, "", line); next } { print line; line = "" }' |
	grep 'telemetry_reader .*| *jq ' >"$TMPDIR/examples"
[ "$(wc -l <"$TMPDIR/examples")" -ge 3 ] || fail "fewer than 3 jq examples: $(cat "$TMPDIR/examples")"
grep -q '/tmp/telemetry' "$TMPDIR/examples" || fail "the examples no longer read /tmp/telemetry"

values=$(telemetry_reader --once --format line "$dir" 2>/dev/null | grep -v '^#' | awk '{ print $6 }' | sort)
tx=$(awk '$1 == "agent_tx_bytes" { sub("sum=", "", $3); print $3 }' "$TMPDIR/summary")
i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	cmd=${cmd//\/tmp\/telemetry/$dir}
	bash -o pipefail -c "$cmd" >"$TMPDIR/out.$i" 2>"$TMPDIR/err.$i" ||
		fail "example $i exits $?: $cmd: $(cat "$TMPDIR/err.$i")"
	[ -s "$TMPDIR/out.$i" ] || fail "example $i prints nothing: $cmd"
	! grep -qx null "$TMPDIR/out.$i" || fail "example $i prints null: $cmd"
	case $cmd in
	*'select(.type == "missed")'*)
		[ "$(cat "$TMPDIR/out.$i")" = "busy: 64 missed" ] ||
			fail "example $i: $(cat "$TMPDIR/out.$i"), want the 64 missed of busy" ;;
	*agent_tx_bytes*)
		[ "$(cat "$TMPDIR/out.$i")" = "$tx" ] ||
			fail "example $i: $(cat "$TMPDIR/out.$i"), want the bytes sent, $tx" ;;
	*'.value'*)
		[ "$(sort "$TMPDIR/out.$i")" = "$values" ] ||
			fail "example $i does not print the values of the events: $cmd" ;;
	*) fail "example $i is not checked here; say what it prints: $cmd" ;;
	esac
done <"$TMPDIR/examples"
exit 0
