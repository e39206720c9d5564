#!/usr/bin/env bash
# Each kind of failure has its own one-line error and exit status.
set -u
. "$SRC/tests/tools/common.sh"
dir=$TMPDIR/t
mkdir "$dir" "$TMPDIR/empty"
nixl_agent --dir "$dir" --name ok --count 10 --rate 0

expect() {	# expect STATUS PATTERN ARGS...
	local want=$1 pat=$2
	shift 2
	telemetry_reader --once "$@" >/dev/null 2>"$TMPDIR/err"
	local got=$?
	if [ "$got" -ne "$want" ] || ! grep -q "$pat" "$TMPDIR/err" || [ "$(wc -l <"$TMPDIR/err")" -ne 1 ]; then
		echo "telemetry_reader $*: exit $got (want $want), stderr:"; cat "$TMPDIR/err"; exit 1
	fi
}
expect 3 'No such file' "$dir/missing"
expect 4 'no rings in directory' "$TMPDIR/empty"
printf 'hello, not a ring' >"$dir/text"
expect 5 'not a shmtel ring' "$dir/text"
# A FIFO and a socket are no rings of any format: the reason once, exit 5 for both.
mkfifo "$dir/fifo"
expect 5 '^telemetry_reader: .*/fifo: not a regular file$' "$dir/fifo"
if command -v python3 >/dev/null; then
	python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$dir/sock"
	expect 5 '^telemetry_reader: .*/sock: not a regular file$' "$dir/sock"
fi
cp "$dir/ok" "$dir/future"
printf '\x07\x00' | dd of="$dir/future" bs=1 seek=8 conv=notrunc status=none
expect 6 'unsupported format version 7' "$dir/future"
head -c 6000 "$dir/ok" >"$dir/short"
expect 8 'truncated' "$dir/short"
if [ "$(id -u)" = 0 ]; then
	# root reads everything: drop to nobody for the unreadable case
	chmod 600 "$dir/ok"
	chmod 755 "$TMPDIR" "$dir"
	as_nobody telemetry_reader --once "$dir/ok" \
		>/dev/null 2>"$TMPDIR/err"
	got=$?
else
	chmod 000 "$dir/ok"
	telemetry_reader --once "$dir/ok" >/dev/null 2>"$TMPDIR/err"
	got=$?
fi
[ "$got" -eq 7 ] && grep -q 'Permission denied' "$TMPDIR/err" || { cat "$TMPDIR/err"; exit 1; }
exit 0
