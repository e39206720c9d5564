#!/usr/bin/env bash
# p pauses: the title says PAUSED and the screen stops changing (a ring
# that appears meanwhile is not shown); p again resumes and shows it.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
tm_top 100 30 "-C -d 0.1 $D"
tm_wait '^alpha '
tm_keys p
tm_wait '^telemetry_top .*refresh 0\.1s  PAUSED$'
before=$(tm_screen)

bg top_hailo_writer "$D" 5
wait_for live hailo-5
# Ten refresh intervals: a running monitor would have shown it by now.
sleep 1
[ "$(tm_screen)" = "$before" ] || fail "the screen changed while paused: $(tm_screen)"

tm_keys p
tm_wait '^hailo-5 +5 +live '
tm_has PAUSED && fail "still paused: $(tm_screen)"
tm_end
