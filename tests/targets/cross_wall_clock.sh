#!/usr/bin/env bash
# A ring written by the cross build's writer, run under the emulator,
# stamps its events with the target's tick clock (aarch64: CNTVCT_EL0,
# clock_kind 3), and the host build's telemetry_reader turns them into
# the host's wall-clock time: every event lies within the CLOCK_REALTIME
# readings its emit was bracketed by, give or take 1 ms.  The events span
# about three seconds, past the writer's refinement of the tick rate, so
# a wrong rate shows as well as a wrong reference.  `make check-cross`
# runs it with B (the cross build), HOST_B (the host's) and EMU set.
set -eu
trap 'echo "check-cross-clock: failed: $BASH_COMMAND" >&2' ERR
: "${B:?the cross build}" "${HOST_B:?the host build}" "${EMU:?the emulator}"
cd "$(dirname "$0")/../.."
slack=1000000
count=31
writer=$B/tests/tools/wall_stamp_writer
reader=$HOST_B/telemetry_reader
work=$(mktemp -d "${TMPDIR:-/tmp}/shmtel-cross-clock.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
	echo "check-cross-clock: $*" >&2
	exit 1
}
machine() {	# machine ELF: its e_machine (62 x86-64, 183 aarch64)
	od -An -tu2 -j18 -N2 "$1" | tr -d ' '
}

# What the check claims: the writer is the target's, the reader the host's.
host=$(machine "$(command -v od)")
[ "$(machine "$reader")" = "$host" ] || fail "$reader is not a program of this host"
[ "$(machine "$writer")" != "$host" ] || fail "$writer is not a cross build"

$EMU "$writer" "$work" stamps $count 100 >"$work/brackets"
# clock_kind: the u32 at byte 128 of the header (shm/layout.h).
kind=$(od -An -tu4 -j128 -N4 "$work/stamps" | tr -d ' ')
[ "$kind" = 3 ] || fail "clock_kind $kind in the header, want 3 (the generic timer)"

"$reader" --once --format json "$work/stamps" >"$work/events.json" 2>/dev/null
sed -n 's/^{"type":"event",.*"ns":\([0-9]*\),.*"name":"stamp",.*"value":\([0-9]*\),.*/\2 \1/p' \
	"$work/events.json" | sort -n >"$work/events"
[ "$(wc -l <"$work/events")" -eq $count ] ||
	fail "$(wc -l <"$work/events") events read, $count written: $(head -c 300 "$work/events.json")"
worst=0
while read -r k ns && read -r k2 before after <&3; do
	[ "$k" = "$k2" ] || fail "event $k read where $k2 was written"
	if [ "$ns" -lt $((before - slack)) ] || [ "$ns" -gt $((after + slack)) ]; then
		fail "event $k at $ns ns, emitted within [$before, $after]"
	fi
	off=$((ns < before ? before - ns : ns > after ? ns - after : 0))
	[ "$off" -le "$worst" ] || worst=$off
done <"$work/events" 3<"$work/brackets"
echo "check-cross-clock: $count events of the emulated writer (clock_kind 3), read on the host, at most $worst ns outside their emits"
