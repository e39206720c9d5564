#!/usr/bin/env bash
# A series' labels too long for the NAME column give up their quotes, then
# their keys, and keep their values, which tell the rows apart: at 80x24
# agent_errors{status="not_found"} shows as agent_errors{not_found} (cut
# in the middle if still too long, reading as that series only); at
# 220x60, where it fits, in full.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_cut_lib.sh"
need_tmux
export LC_ALL=C.UTF-8

nixl_agent --dir "$D" --name llama70b-prefill-worker-gpu0 --count 20 --rate 0 >/dev/null
statuses=(backend not_found not_posted remote_disconnect)
short=() full=()
for st in "${statuses[@]}"; do
	short+=("agent_errors{$st}")
	full+=("agent_errors{status=\"$st\"}")
done

errors_shown() {
	tm_screen >"$TMPDIR/now"
	[ "$(name_cells "$TMPDIR/now" | grep -c ' agent_errors')" -eq "$1" ]
}

# errors COLS ROWS: the NAME cells of the agent_errors rows, one a line.
errors() {
	TMUX_SOCK=$TMPDIR/tmux-$1.sock
	tm_top "$1" "$2" "-d 0.2 -v series $D"
	tm_wait '^AGENT.*NAME'
	wait_for errors_shown 4
	tm_screen >"$TMPDIR/screen-$1"
	tm_end
	name_cells "$TMPDIR/screen-$1" | awk '$2 ~ /^agent_errors/ { print $2 }'
}

errors 80 24 >"$TMPDIR/narrow"
grep -q 'status' "$TMPDIR/narrow" && fail "80 columns: label keys shown before values: $(cat "$TMPDIR/screen-80")"
while read -r cell; do
	one_of "$cell" "${short[@]}"
done <"$TMPDIR/narrow"
[ "$(sort -u "$TMPDIR/narrow" | wc -l)" -eq 4 ] || fail "80 columns: $(cat "$TMPDIR/screen-80")"

errors 220 60 >"$TMPDIR/wide"
[ "$(sort "$TMPDIR/wide")" = "$(printf '%s\n' "${full[@]}" | sort)" ] ||
	fail "220 columns: labels not in full: $(cat "$TMPDIR/screen-220")"
