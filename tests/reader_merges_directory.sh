#!/usr/bin/env bash
# A directory of rings is read as one stream, merged in time order, each
# event naming its agent.
set -eu
dir=$TMPDIR/t
mkdir "$dir"
nixl_agent --dir "$dir" --name one --count 100 --rate 2000 &
nixl_agent --dir "$dir" --name two --count 100 --rate 2000 &
wait
telemetry_reader --once --format json "$dir" >"$TMPDIR/out" 2>/dev/null
[ "$(jq -r .agent "$TMPDIR/out" | sort -u | tr '\n' ' ')" = "one two " ]
# Non-decreasing timestamps across both agents.
jq -r .ns "$TMPDIR/out" | sort -c -n
telemetry_reader --once "$dir" 2>/dev/null | grep -q '^Agent: two$'
