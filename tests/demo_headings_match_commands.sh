#!/usr/bin/env bash
# The demo's headings say what a step shows and the step prints the
# commands it runs, so the two cannot disagree: in tools/demo.sh every
# shmtel program runs through run '...' (which prints the command), a
# heading (say "...") names no option, and every number a heading gives
# ("the newest 2 events", "first 12 lines") is in a command of its step.
set -u
. "$SRC/tests/tools/common.sh"

# check FILE: one line per problem.
check() {
	PROGS='telemetry_reader|telemetry_top|telemetry_prom|telemetry_nixl|telemetry_hailo|telemetry_power|nixl_agent|nixl_writer' awk '
	BEGIN { progs = "(^|[^a-z_])(" ENVIRON["PROGS"] ")([^a-z_]|$)" }
	function flush(n) {
		for (n in nums)
			if (!index(" " cmds " ", " " n " "))
				printf "heading \"%s\" says %s, its commands do not\n", head, n
		delete nums
		cmds = ""
	}
	/^[ \t]*#/ { next }
	/^[ \t]*say "/ {
		flush()
		head = $0
		sub(/^[ \t]*say "/, "", head)
		sub(/"[ \t]*$/, "", head)
		if (head ~ /(^| )--?[a-zA-Z]/)
			printf "line %d: a heading names an option (the command shows it): %s\n", NR, head
		t = head
		gsub(/[^A-Za-z0-9_.]/, " ", t)
		for (i = split(t, w, " "); i > 0; i--)
			if (w[i] ~ /^[0-9]+$/)
				nums[w[i]] = 1
		next
	}
	/^[ \t]*run \047/ {
		c = $0
		gsub(/[|;&()"\047=]/, " ", c)
		cmds = cmds " " c
		next
	}
	{
		line = $0
		gsub(/command -v [a-z_]+/, "", line)
		if (line ~ progs)
			printf "line %d: runs a program without printing it: %s\n", NR, $0
	}
	END { flush() }' "$1"
}

# The check sees a step that says one thing and runs another.
cat >"$TMPDIR/bad.sh" <<'SH'
say "telemetry_top -b: 2 snapshots"
run 'telemetry_top -b -n 1 "$dir"'
telemetry_prom "$dir"
SH
[ "$(check "$TMPDIR/bad.sh" | wc -l)" -eq 3 ] || fail "the check misses a bad step: $(check "$TMPDIR/bad.sh")"

bad=$(check "$SRC/tools/demo.sh")
[ -z "$bad" ] || fail "$(echo "$bad" | paste -sd';')"
