#!/usr/bin/env bash
# While a filter or search is typed, every key is text (q, digits, < > I
# + p are not commands), a sequence the terminal sends for a key curses
# does not know does nothing, the key reminder shows the prompt's keys,
# and a text longer than the screen scrolls: its end, where the next key
# goes, stays in sight at 80 columns.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
tm_top 80 24 "-C $D"
tm_wait '^alpha '

tm_keys /
tm_wait '^filter \(as you type\): _'
tm_wait '^Enter Keep  Esc Clear  Backspace Erase'
tm_keys 'q1>I+p2<' Tab
tm_wait '^filter \(as you type\): q1>I\+p2<_'
# An unknown function key (ESC [ 99 ~) is not Esc, [, 9, 9 and ~.
tmux -S "$TMUX_SOCK" send-keys -l $'\e[99~'
tm_keys x
tm_wait '^filter \(as you type\): q1>I\+p2<x_'
tm_keys Enter
tm_wait '^\[1 Agents\] .* sort AGENT up +filter: q1>I\+p2<x$'
tm_has '^telemetry_top .* refresh 1\.0s$' || fail "interval or pause changed: $(tm_row 1)"
[ "$(cat "$TMPDIR/top.rc" 2>/dev/null)" = "" ] || fail "it quit"

# 120 characters at 80 columns: the end shows, after an ellipsis.
long=$(printf 'x%.0s' $(seq 100))END-OF-TEXT-1234567
tm_keys '\' C-h C-h C-h C-h C-h C-h C-h C-h C-h
tm_wait '^filter \(Enter applies\): _'
tm_wait '^Enter Apply  Esc Cancel  Backspace Erase'
tm_keys "$long"
tm_wait '^filter \(Enter applies\): …x+END-OF-TEXT-1234567_$'
[ "$(tm_row 3 | wc -L)" -le 80 ] || fail "prompt wider than the screen: $(tm_row 3)"
tm_keys Escape
tm_wait 'filter: q1>I\+p2<x$'

# The search prompt too.
tm_keys F3
tm_wait '^search: _'
tm_wait '^F3 Next  Enter Done'
tm_keys 'q'
tm_wait '^search: q_ +no match$'
tm_keys Escape
tm_wait '^\[1 Agents\]'
tm_end
