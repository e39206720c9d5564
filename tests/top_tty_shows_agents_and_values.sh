#!/usr/bin/env bash
# On a terminal: the agents view lists the agents, the series view (key
# 2) the values they emitted, the Hailo view (3) its tables, and Tab goes
# round the views (through the Power view, 4).
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 700 --rate 0 >/dev/null
bg top_hailo_writer "$D" 4242
wait_for live hailo-4242
tm_top 160 40 "-d 0.2 $D"

tm_wait '^\[1 Agents\]'
tm_wait '^alpha +[0-9]+ +exited +0 +0 +0 +12 '
tm_wait '^hailo-4242 +4242 +live '
tm_has '^Agents: 1 live, 1 exited, 0 dead, 0 unreadable' || fail "summary: $(tm_screen)"

tm_keys 2
tm_wait '^ 1 Agents  \[2 Series\]'
# 700 transfers: the request counter's sum is 700.
tm_wait '^alpha +TRANSFER +agent_tx_requests_num .* 700( |$)'
tm_has '^hailo-4242 +SYSTEM +hailo_network_fps\{network="?yolov5m"?\} .* 30\.0 fps' || fail "gauge: $(tm_screen)"

tm_keys 3
tm_wait '^Devices$'
tm_wait '^0000:01:00\.0 +37\.5 +HAILO8$'
tm_has '^yolov5m +37\.5 +29\.97 +4242$' || fail "networks: $(tm_screen)"

tm_keys Tab
tm_wait '^ 1 Agents   2 Series   3 Hailo  \[4 Power\]'
tm_keys Tab
tm_wait '^\[1 Agents\]'
tm_keys BTab
tm_wait '^ 1 Agents   2 Series   3 Hailo  \[4 Power\]'
tm_keys BTab
tm_wait '^ 1 Agents   2 Series  \[3 Hailo\]'
tm_end
