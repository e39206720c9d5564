#!/usr/bin/env bash
# F2 (or C) opens the column setup of the series view, as htop's F2 Setup:
# Space hides the column under the cursor and Esc goes back, where the
# column is gone and the next column by importance takes its room; F2
# and Space again bring it back.  The column that names rows cannot be
# hidden, and hiding the sorted column moves the sort to a column shown.
. "$SRC/tests/tools/top_lib.sh"
need_tmux
export LC_ALL=C.UTF-8

nixl_agent --dir "$D" --name llama70b-prefill-worker-gpu0 --count 20 --rate 0 >/dev/null
tm_top 80 24 "-d 0.2 -v series $D"
tm_wait '^AGENT.*NAME'
tm_wait 'agent_xfer'
header() { tm_screen | grep -m 1 '^AGENT' | sed 's/[▲▼]//g'; }
shown() { header | tr ' ' '\n' | grep -qxF -- "$1"; }
shown P99 || fail "P99 not shown at 80 columns: $(tm_screen)"
before=$(header)

# The setup screen lists the columns in table order; go down to P99.
tm_keys F2
tm_wait '^Columns of the series view'
tm_wait '^  \[x\] P99( |$)'
down=$(tm_screen | sed -n 's/^  \[.\] \([^ ]*\).*/\1/p' | grep -nxF P99 | cut -d: -f1)
[ -n "$down" ] || fail "P99 not listed: $(tm_screen)"
for ((i = 1; i < down; i++)); do tm_keys Down; done
tm_keys Space
tm_wait '^  \[ \] P99 +hidden'
tm_keys Escape
tm_wait_not '^Columns of the series view'
tm_wait '^AGENT.*NAME'
wait_within "$WAIT_SECS" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -p | grep -m 1 '^AGENT' | grep -q P99" ||
	fail "P99 still shown: $(tm_screen)"
added=$(comm -13 <(tr ' ' '\n' <<<"$before" | sort) <(header | tr ' ' '\n' | sort))
[ -n "$added" ] || fail "no column took the room of P99: $(tm_screen)"

# C opens it too, with the cursor where it was; Space shows P99 again.
tm_keys C
tm_wait '^  \[ \] P99 +hidden'
tm_keys Space
tm_wait '^  \[x\] P99( |$)'
tm_keys F2
tm_wait_not '^Columns of the series view'
wait_for shown P99

# NAME is always shown: Space on it changes nothing.
tm_keys F2
tm_wait '^Columns of the series view'
tm_keys Home Down Down Space
tm_wait '^  \[x\] NAME +always shown'
tm_keys Escape
tm_wait_not '^Columns of the series view'

# Hiding the sorted column (AGENT, the first) sorts by another one shown.
tm_keys F2
tm_wait '^Columns of the series view'
tm_keys Home Space Escape
tm_wait_not '^Columns of the series view'
tm_wait ' sort NAME '
tm_wait '^NAME'
tm_end
