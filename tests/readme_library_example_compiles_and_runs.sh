#!/usr/bin/env bash
# The library example in README.md is a complete program: taken from the
# README as it is, it compiles warning-free, builds against the build
# tree with the README's own command, and run as the README runs it
# writes what it says (1000 x 1 MiB of agent_tx_bytes, queue_depth 3),
# which telemetry_prom exports; without NIXL_TELEMETRY_ENABLE,
# SHMTEL_DEBUG=1 makes it say why there is no file.
set -u
. "$SRC/tests/tools/common.sh"
command -v pkg-config >/dev/null || { echo "no pkg-config"; exit 77; }
CC=${CC:-cc}
command -v "$CC" >/dev/null || { echo "no C compiler $CC"; exit 77; }
case ${SANITIZE:-} in
address) san=(-fsanitize=address,undefined) ;;
thread) san=(-fsanitize=thread) ;;
*) san=() ;;
esac
readme=$SRC/README.md
cd "$TMPDIR"

# block LANG: the first ```LANG block after "## The library".
block() {
	awk -v lang="$1" '
		/^## The library/ { sec = 1; next }
		sec && /^## / { exit }
		sec && !blk && $0 == "```" lang { blk = 1; next }
		blk && /^```/ { exit }
		blk { print }' "$readme"
}
block c >hello.c
grep -q '^int main' hello.c || fail "no C program under '## The library' in README.md"
block sh >commands.sh
[ -s commands.sh ] || fail "no commands under '## The library' in README.md"

# As it is: no warning even with -Wall -Wextra.
PKG_CONFIG_PATH=$SRC/$B "$CC" -std=c11 -Wall -Wextra -Werror "${san[@]}" -c -o hello.o hello.c \
	$(PKG_CONFIG_PATH=$SRC/$B pkg-config --cflags shmtel) 2>"$TMPDIR/cc.err" ||
	fail "the README's program does not compile cleanly: $(head -n 3 "$TMPDIR/cc.err")"

# The README's own lines, the build tree's path for build/ and a private
# directory for /tmp/telemetry.
line() {	# line PATTERN: the README command line matching PATTERN, comment dropped
	grep -- "$1" commands.sh | head -n 1 | sed 's/[[:space:]]*#.*$//'
}
tel=$TMPDIR/telemetry
mkdir "$tel"
build=$(line 'PKG_CONFIG_PATH=build')
[ -n "$build" ] || fail "README: no command that builds against the build tree"
build=${build//PKG_CONFIG_PATH=build/PKG_CONFIG_PATH=$SRC/$B}
[ "$CC" = cc ] && [ ${#san[@]} -eq 0 ] || build="${build/cc /$CC ${san[*]} }"
bash -c "$build" 2>"$TMPDIR/cc.err" || fail "README's '$build': $(head -n 3 "$TMPDIR/cc.err")"
run=$(line 'NIXL_TELEMETRY_ENABLE=y')
[ -n "$run" ] || fail "README: no command that runs the program"
# A cross build's program runs under the emulator (tests/run.sh).
[ -z "${EMU:-}" ] || run=${run/.\/hello/$EMU ./hello}
(unset NIXL_TELEMETRY_ENABLE NIXL_TELEMETRY_DIR SHMTEL_DEBUG; bash -c "${run//\/tmp\/telemetry/$tel}") ||
	fail "README's '$run': exit $?"
[ -f "$tel/hello" ] || fail "no ring file $tel/hello"
telemetry_prom "$tel" >out.prom || fail "telemetry_prom: exit $?"
grep -Eq '^shmtel_agent_tx_bytes_total\{agent="hello",pid="[0-9]+",backend="UCX"\} 1048576000$' out.prom ||
	fail "tx bytes: $(grep agent_tx_bytes out.prom)"
grep -Eq '^shmtel_queue_depth\{agent="hello",pid="[0-9]+"\} 3$' out.prom ||
	fail "queue_depth: $(grep queue_depth out.prom)"
# Exported as the README's line looks for it.
filter=$(line 'telemetry_prom')
bash -c "${filter//\/tmp\/telemetry/$tel}" | grep -q agent_tx_bytes || fail "README's '$filter' finds nothing"

# Disabled: no file, and with SHMTEL_DEBUG=1 the reason.
debug=$(line 'SHMTEL_DEBUG=1')
[ -n "$debug" ] || fail "README: no SHMTEL_DEBUG=1 command"
[ -z "${EMU:-}" ] || debug=${debug/.\/hello/$EMU ./hello}
rm -r "$tel"
(unset NIXL_TELEMETRY_ENABLE NIXL_TELEMETRY_DIR; bash -c "$debug") 2>err || fail "README's '$debug': exit $?"
grep -qx "shmtel: agent 'hello': no ring file, every call a no-op: NIXL_TELEMETRY_ENABLE is not set, which disables telemetry" err ||
	fail "SHMTEL_DEBUG=1 said: $(cat err)"
