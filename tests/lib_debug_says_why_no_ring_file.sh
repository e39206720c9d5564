#!/usr/bin/env bash
# With SHMTEL_DEBUG=1 the library says on stderr why an agent gets no ring
# file: telemetry disabled (NIXL_TELEMETRY_ENABLE unset or false), no
# directory (NIXL_TELEMETRY_DIR unset), the directory missing or not
# writable.  Without it (or with SHMTEL_DEBUG=0) it says nothing, and
# with a ring file to show for it, nothing either.
set -u
. "$SRC/tests/tools/common.sh"
D=$TMPDIR/tel
mkdir "$D"
unset NIXL_TELEMETRY_ENABLE NIXL_TELEMETRY_DIR SHMTEL_DEBUG

# agent EXIT [VAR=VALUE...]: the example agent under that environment
# (NIXL's, no --dir), exiting EXIT; its stderr in $TMPDIR/err.
agent() {
	local want=$1 rc=0
	shift
	env "$@" nixl_agent --name a --count 3 --rate 0 2>"$TMPDIR/err" || rc=$?
	[ "$rc" -eq "$want" ] || fail "$*: exit $rc: $(cat "$TMPDIR/err")"
}
# said LINE: the library's one line on stderr is LINE (the agent's own may follow).
said() {
	[ "$(grep '^shmtel: ' "$TMPDIR/err")" = "shmtel: $1" ] || fail "want 'shmtel: $1', got: $(cat "$TMPDIR/err")"
}

agent 0 SHMTEL_DEBUG=1 NIXL_TELEMETRY_DIR="$D"
said "agent 'a': no ring file, every call a no-op: NIXL_TELEMETRY_ENABLE is not set, which disables telemetry"
agent 0 SHMTEL_DEBUG=1 NIXL_TELEMETRY_ENABLE=off NIXL_TELEMETRY_DIR="$D"
said "agent 'a': no ring file, every call a no-op: NIXL_TELEMETRY_ENABLE=off disables telemetry"
agent 0 SHMTEL_DEBUG=1 NIXL_TELEMETRY_ENABLE=y
said "agent 'a': no ring file, every call a no-op: NIXL_TELEMETRY_ENABLE=y, but NIXL_TELEMETRY_DIR is not set"
agent 0 SHMTEL_DEBUG=1 NIXL_TELEMETRY_ENABLE=y NIXL_TELEMETRY_DIR=
said "agent 'a': no ring file, every call a no-op: NIXL_TELEMETRY_ENABLE=y, but NIXL_TELEMETRY_DIR is not set"
[ -z "$(ls "$D")" ] || fail "a disabled agent made a file: $(ls "$D")"

agent 1 SHMTEL_DEBUG=1 NIXL_TELEMETRY_ENABLE=y NIXL_TELEMETRY_DIR="$TMPDIR/missing"
said "agent 'a': no ring file: cannot create it in '$TMPDIR/missing' (the directory does not exist): No such file or directory"
: >"$TMPDIR/plain"
agent 1 SHMTEL_DEBUG=1 NIXL_TELEMETRY_ENABLE=y NIXL_TELEMETRY_DIR="$TMPDIR/plain"
said "agent 'a': no ring file: cannot create it in '$TMPDIR/plain' (not a directory): Not a directory"

# Not writable: root writes anywhere, so then the agent runs as nobody.
ro=$TMPDIR/ro
mkdir "$ro"
chmod 555 "$ro"
rc=0
if [ "$(id -u)" = 0 ]; then
	SHMTEL_DEBUG=1 NIXL_TELEMETRY_ENABLE=y NIXL_TELEMETRY_DIR="$ro" \
		as_nobody nixl_agent --name a --count 3 2>"$TMPDIR/err" || rc=$?
else
	env SHMTEL_DEBUG=1 NIXL_TELEMETRY_ENABLE=y NIXL_TELEMETRY_DIR="$ro" \
		nixl_agent --name a --count 3 2>"$TMPDIR/err" || rc=$?
fi
[ "$rc" -eq 1 ] || fail "read-only directory: exit $rc"
said "agent 'a': no ring file: cannot create it in '$ro' (not writable by this user): Permission denied"

# Silent unless asked.
for dbg in "" 0; do
	agent 0 SHMTEL_DEBUG=$dbg NIXL_TELEMETRY_DIR="$D"
	[ ! -s "$TMPDIR/err" ] || fail "SHMTEL_DEBUG='$dbg', disabled: $(cat "$TMPDIR/err")"
	agent 1 SHMTEL_DEBUG=$dbg NIXL_TELEMETRY_ENABLE=y NIXL_TELEMETRY_DIR="$TMPDIR/missing"
	! grep -q '^shmtel: ' "$TMPDIR/err" || fail "SHMTEL_DEBUG='$dbg', missing directory: $(cat "$TMPDIR/err")"
done
# A ring file made: nothing to explain.
agent 0 SHMTEL_DEBUG=1 NIXL_TELEMETRY_ENABLE=y NIXL_TELEMETRY_DIR="$D"
[ ! -s "$TMPDIR/err" ] || fail "with a ring file: $(cat "$TMPDIR/err")"
[ -f "$D/a" ] || fail "no ring file $D/a"
