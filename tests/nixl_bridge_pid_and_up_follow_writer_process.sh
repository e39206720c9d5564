#!/usr/bin/env bash
# A NIXL file does not name its writer: the bridge finds the process that
# maps it shared and writable.  The bridged agent's source pid is that
# process, so telemetry_prom's pid label is the NIXL agent's, not the
# bridge's; when the writer is killed (its file stays), the agent is
# marked gone and exports up 0 within a bounded wait.
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
nixl_writer --create --version 4 --capacity 64 --count 5 --hold "$in/a" &
writer=$!
telemetry_nixl --interval 20 --dir "$out" "$in" 2>"$TMPDIR/err" &
bridge=$!
trap 'kill -9 $writer 2>/dev/null || true; kill $bridge 2>/dev/null || true' EXIT
has_events() { [ "$(nixl_pos "$1")" = "5 5" ]; }
wait_within 30 has_events "$in/a" || fail "the bridge never drained the writer's events"
state() { nixl_shmtotals "$out/nixl-a" 2>/dev/null | head -1; }
[ "$(state)" = "state alive=1 gone=0 closed=0 source_pid=$writer" ] ||
	fail "not the writer's pid $writer (bridge $bridge): $(state)"
up_is() { telemetry_prom "$out" | grep -qxF "shmtel_up{agent=\"nixl-a\",pid=\"$writer\"} $1"; }
up_is 1 || fail "prom: $(telemetry_prom "$out" | grep '^shmtel_up')"
kill -9 $writer
wait $writer 2>/dev/null || true
[ -f "$in/a" ] || fail "the NIXL file went with its writer"
wait_within 10 up_is 0 || fail "still up after the writer died: $(telemetry_prom "$out" | grep '^shmtel_up')"
[ "$(state)" = "state alive=1 gone=1 closed=0 source_pid=$writer" ] || fail "after kill: $(state)"
kill -TERM $bridge
wait $bridge || fail "bridge exited $?"
trap - EXIT
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
