# top_lib.sh - what the tests/top_*.sh tests share; sourced, not run.
#
# Rings go in $D.  Background processes started with bg are stopped at
# exit.  The terminal tests drive the real binary inside a private tmux
# server (its own socket in $TMPDIR), typing with send-keys and reading
# the screen with capture-pane.
set -euo pipefail

D=$TMPDIR/rings
mkdir -p "$D"
BG_PIDS=
TMUX_SOCK=$TMPDIR/tmux.sock

# Under sanitizers everything is several times slower.
WAIT_SECS=10
[ -n "${SANITIZE:-}" ] && WAIT_SECS=40

. "$SRC/tests/tools/common.sh"

cleanup() {
	local p
	for p in $BG_PIDS; do
		kill "$p" 2>/dev/null || true
	done
	for p in $BG_PIDS; do
		wait "$p" 2>/dev/null || true
	done
	# Every server the test started, not only the last: a test may start
	# one per run (tmux-N.sock), and a server left behind outlives the test.
	for p in "$TMUX_SOCK" "$TMPDIR"/tmux*.sock; do
		if [ -S "$p" ]; then
			tmux -S "$p" kill-server 2>/dev/null || true
		fi
	done
}
trap cleanup EXIT

# bg CMD...: run CMD in the background, stopped (SIGTERM) at exit.  Sets BG_PID.
bg() {
	"$@" </dev/null &
	BG_PID=$!
	BG_PIDS="$BG_PIDS $BG_PID"
}

# wait_for CMD...: run CMD every 50 ms until it succeeds; fail after WAIT_SECS.
wait_for() {
	local end=$((SECONDS + WAIT_SECS))
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || fail "timed out waiting for: $*"
		sleep 0.05
	done
}

# snap [OPTIONS]: one JSON snapshot of $D.
snap() {
	telemetry_top --json "$@" "$D"
}

# live NAME: the ring NAME is up, as telemetry_top sees it.
live() {
	[ "$(snap | jq -r --arg n "$1" '.agents[] | select(.name == $n) | .state')" = live ]
}

# need_tmux: skip the test when tmux is missing.
need_tmux() {
	command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }
}

# tm_start COLS ROWS CMD: run CMD (a shell command line) in a fresh tmux
# server on a COLS x ROWS terminal, in a UTF-8 locale.
tm_start() {
	local cols=$1 rows=$2
	shift 2
	# Keep the pane when CMD ends, so its last screen can still be read.
	echo "set-option -g remain-on-exit on" >"$TMPDIR/tmux.conf"
	LC_ALL=C.UTF-8 tmux -u -S "$TMUX_SOCK" -f "$TMPDIR/tmux.conf" new-session -d -x "$cols" \
		-y "$rows" "$*"
}

# tm_top COLS ROWS ARGS: run "$TOP_ENV telemetry_top ARGS" in tmux, keeping
# its stderr and exit status for tm_end.
TOP_ENV=
tm_top() {
	local cols=$1 rows=$2
	shift 2
	rm -f "$TMPDIR/top.rc"
	tm_start "$cols" "$rows" "$TOP_ENV telemetry_top $* 2>$TMPDIR/top.err;" \
		"echo \$? >$TMPDIR/top.rc; exec sleep 100000"
}

# tm_pid ARGS: the pid of the telemetry_top started in the tmux pane with
# exactly ARGS.  Found among the pane's session (its shell leads it) by
# the command line's end: "telemetry_top ARGS", or under an emulator
# (tests/run.sh) "EMULATOR DIR/telemetry_top ARGS".
tm_pid() {
	local sid
	sid=$(tmux -S "$TMUX_SOCK" display-message -p '#{pane_pid}')
	pgrep -s "$sid" -f "(^|/)telemetry_top $*\$"
}

# tm_end: quit with q; the monitor must exit 0 having written nothing to
# stderr (a sanitizer report would be there).
tm_end() {
	tm_keys q
	wait_for test -s "$TMPDIR/top.rc"
	[ "$(cat "$TMPDIR/top.rc")" = 0 ] || fail "exit status $(cat "$TMPDIR/top.rc"): $(cat "$TMPDIR/top.err")"
	[ ! -s "$TMPDIR/top.err" ] || fail "stderr: $(cat "$TMPDIR/top.err")"
}

# tm_keys KEY...: type keys (tmux key names: Enter, Escape, Tab, F1, ...).
tm_keys() {
	tmux -S "$TMUX_SOCK" send-keys "$@"
}

# tm_screen: what the terminal shows now.
tm_screen() {
	tmux -S "$TMUX_SOCK" capture-pane -p
}

# tm_has REGEX: the screen shows a line matching REGEX.
tm_has() {
	tm_screen | grep -Eq -- "$1"
}

# tm_wait REGEX: wait until the screen shows REGEX; on timeout, show the screen.
tm_wait() {
	local end=$((SECONDS + WAIT_SECS))
	until tm_has "$1"; do
		if [ "$SECONDS" -ge "$end" ]; then
			tm_screen >&2
			fail "timed out waiting for the screen to show: $1"
		fi
		sleep 0.05
	done
}

# tm_wait_not REGEX: wait until no line matches REGEX.
tm_wait_not() {
	local end=$((SECONDS + WAIT_SECS))
	while tm_has "$1"; do
		if [ "$SECONDS" -ge "$end" ]; then
			tm_screen >&2
			fail "timed out waiting for the screen to stop showing: $1"
		fi
		sleep 0.05
	done
}

# tm_row N: line N (1-based) of the screen.
tm_row() {
	tm_screen | sed -n "${1}p"
}
