#!/usr/bin/env bash
# --once on a directory whose only ring cannot be read exits 7 (a file
# cannot be read), not 4 (no rings), and says which file and why in one
# line; several are one line for the directory (a shared directory holds
# other users' files); a readable ring next to them is read (exit 0).
set -u
. "$SRC/tests/tools/common.sh"
dir=$TMPDIR/t
mkdir "$dir"
nixl_agent --dir "$dir" --name locked --count 1 --rate 0 || fail "cannot write the ring"

# run ARGS...: telemetry_reader ARGS as a user that cannot read 0600 files of root's.
run() {
	if [ "$(id -u)" = 0 ]; then
		chmod 755 "$TMPDIR" "$dir"
		as_nobody telemetry_reader "$@"
	else
		telemetry_reader "$@"
	fi
}
chmod 600 "$dir/locked"
[ "$(id -u)" = 0 ] || chmod 000 "$dir/locked"
run --once "$dir" >"$TMPDIR/out" 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 7 ] || fail "exit $rc, want 7: $(cat "$TMPDIR/err")"
[ "$(wc -l <"$TMPDIR/err")" = 1 ] && grep -q "^telemetry_reader: $dir/locked: .*Permission denied" "$TMPDIR/err" ||
	fail "stderr: $(cat "$TMPDIR/err")"

# Two more (not rings, but we cannot tell): still one line, for the directory.
for f in more1 more2; do
	echo secret >"$dir/$f"
	chmod 000 "$dir/$f"
done
run --once "$dir" >"$TMPDIR/out" 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 7 ] || fail "three unreadable: exit $rc, want 7: $(cat "$TMPDIR/err")"
[ "$(cat "$TMPDIR/err")" = "telemetry_reader: $dir: 3 files not readable (Permission denied): locked and 2 more" ] ||
	fail "three unreadable: stderr: $(cat "$TMPDIR/err")"

nixl_agent --dir "$dir" --name open --count 1 --rate 0 || fail "cannot write the second ring"
chmod 644 "$dir/open"
run --once --format line "$dir" >"$TMPDIR/out" 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 0 ] || fail "with a readable ring: exit $rc: $(cat "$TMPDIR/err")"
grep -q ' open TRANSFER agent_tx_bytes ' "$TMPDIR/out" || fail "the readable ring was not read"
grep -qx "telemetry_reader: $dir: 3 files not readable (Permission denied): locked and 2 more" "$TMPDIR/err" ||
	fail "the unreadable files are not said: $(cat "$TMPDIR/err")"
exit 0
