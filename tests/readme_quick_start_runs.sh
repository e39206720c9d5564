#!/usr/bin/env bash
# The README's quick start works as written: its commands, taken from the
# README (the tree is built already, so the install and make lines are
# only checked to be there; build/ is this build, /tmp/telemetry a
# private directory), start the two example agents, and every tool shows
# them.  telemetry_top runs in an 80x12 terminal, as in the README's
# picture, and the picture is the real screen: as many rows, none wider
# than 80 columns, the same title, column header and key bar.
source "$SRC/tests/tools/top_lib.sh"
need_tmux
readme=$SRC/README.md
tel=$TMPDIR/telemetry

# section_block TITLE LANG: the first ```LANG block after "## TITLE".
section_block() {
	awk -v title="## $1" -v lang="$2" '
		$0 == title { sec = 1; next }
		sec && /^## / { exit }
		sec && !blk && $0 == "```" lang { blk = 1; next }
		blk && /^```/ { exit }
		blk { print }' "$readme"
}
section_block "Quick start" sh | sed 's/[[:space:]]*#.*$//' | grep . >"$TMPDIR/commands"
section_block "Quick start" text >"$TMPDIR/picture"
[ -s "$TMPDIR/commands" ] || fail "no commands under '## Quick start'"
[ -s "$TMPDIR/picture" ] || fail "no picture (a text block) under '## Quick start'"
grep -qx 'sh tools/install-deps.sh' "$TMPDIR/commands" && [ -f "$SRC/tools/install-deps.sh" ] ||
	fail "the quick start does not install the dependencies with tools/install-deps.sh"
grep -Eqx 'make( -j[0-9]+)?' "$TMPDIR/commands" || fail "the quick start does not build with make"

cd "$SRC"
top_cmd= ran=0
while IFS= read -r cmd; do
	case $cmd in
	"sh tools/install-deps.sh" | make*) continue ;;
	esac
	# build/ is this build (under an emulator, its wrappers: tests/run.sh).
	cmd=${cmd//\$PWD\/build/${EMU_B:-$SRC/$B}}
	cmd=${cmd//\/tmp\/telemetry/$tel}
	if [[ $cmd == telemetry_top\ * ]]; then
		top_cmd=$cmd	# after the agents are up
		continue
	fi
	if [[ $cmd == *"&" ]]; then
		eval "$cmd"
		BG_PIDS="$BG_PIDS $!"
		continue
	fi
	# The agents first write their ring files; the tools need them there.
	if [[ $cmd == telemetry_* ]]; then
		for a in rank0 rank1; do wait_for test -f "$tel/$a"; done
	fi
	eval "$cmd" >"$TMPDIR/out" 2>"$TMPDIR/err" || fail "'$cmd': exit $?: $(head -n 3 "$TMPDIR/err")"
	[ -s "$TMPDIR/out" ] || [[ $cmd != telemetry_* ]] || fail "'$cmd' printed nothing"
	case $cmd in
	telemetry_reader*--last\ *)
		n=${cmd#*--last }
		n=${n%% *}
		[ "$(grep -c '^=== NIXL Telemetry Event ===$' "$TMPDIR/out")" = "$n" ] ||
			fail "'$cmd': not $n events: $(head -n 5 "$TMPDIR/out")" ;;
	telemetry_prom*)
		grep -q 'agent="rank0"' "$TMPDIR/out" && grep -q 'agent="rank1"' "$TMPDIR/out" ||
			fail "'$cmd': $(cat "$TMPDIR/out")" ;;
	esac
	ran=$((ran + 1))
done <"$TMPDIR/commands"
[ "$ran" -ge 3 ] || fail "ran only $ran commands of the quick start"
[ -n "$top_cmd" ] || fail "the quick start does not run telemetry_top"

rows=$(wc -l <"$TMPDIR/picture")
tm_start 80 "$rows" "LC_ALL=C.UTF-8 $top_cmd"
tm_wait '^rank0 .* live '
tm_wait '^rank1 .* live '
tm_screen >"$TMPDIR/screen"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$TMPDIR/picture" || fail "the picture is wider than 80 columns"
[ "$(wc -l <"$TMPDIR/screen")" = "$rows" ] || fail "the screen has $(wc -l <"$TMPDIR/screen") rows, the picture $rows"
# The title names the directory, then the clock: the same up to the directory.
[ "$(head -n 1 "$TMPDIR/picture" | awk '{ print $1 }')" = "$(head -n 1 "$TMPDIR/screen" | awk '{ print $1 }')" ] ||
	fail "title: picture '$(head -n 1 "$TMPDIR/picture")', screen '$(head -n 1 "$TMPDIR/screen")'"
for r in 3 4 "$rows"; do
	want=$(sed -n "${r}p" "$TMPDIR/screen") got=$(sed -n "${r}p" "$TMPDIR/picture")
	[ "$got" = "$want" ] || fail "row $r: picture '$got', screen '$want'"
done
tm_keys q
