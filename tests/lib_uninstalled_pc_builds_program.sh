#!/usr/bin/env bash
# The build writes $B/shmtel-uninstalled.pc: with PKG_CONFIG_PATH=$B,
# pkg-config picks it (pkg-config's -uninstalled convention) and a program
# builds against the tree's header and library, from any directory, and
# runs without LD_LIBRARY_PATH, using the tree's libshmtel.so.
set -u
. "$SRC/tests/tools/common.sh"
command -v pkg-config >/dev/null || { echo "no pkg-config"; exit 77; }
CC=${CC:-cc}
command -v "$CC" >/dev/null || { echo "no C compiler $CC"; exit 77; }
pc=$SRC/$B/shmtel-uninstalled.pc
[ -f "$pc" ] || fail "the build wrote no $pc"
# A sanitizer build's library needs its runtime in the program too.
case ${SANITIZE:-} in
address) san=(-fsanitize=address,undefined) ;;
thread) san=(-fsanitize=thread) ;;
*) san=() ;;
esac

cd "$TMPDIR"
export PKG_CONFIG_PATH=$SRC/$B
unset PKG_CONFIG_DISABLE_UNINSTALLED
pkg-config --exists shmtel || fail "pkg-config does not find shmtel in $B"
want=$(sed -n 's/^#define SHMTEL_VERSION_STRING "\(.*\)"$/\1/p' "$SRC/$B/shmtel_version.h")
[ -n "$want" ] || want=${SHMTEL_VERSION:-}
[ -z "$want" ] || [ "$(pkg-config --modversion shmtel)" = "$want" ] ||
	fail "version $(pkg-config --modversion shmtel), the build is $want"
# pkgconf's --uninstalled: non-zero unless an uninstalled module was used.
pkg-config --uninstalled shmtel || fail "pkg-config did not take the -uninstalled file"
cat >prog.c <<'C'
#include <shmtel.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	struct shmtel_config cfg = { .dir = argv[1], .name = "uninstalled" };
	struct shmtel_series_desc d = { .category = SHMTEL_CUSTOM, .name = "answer" };
	struct shmtel_agent *a;
	struct shmtel_series *s;

	if (argc != 2 || shmtel_agent_open(&cfg, &a) || shmtel_series_get(a, &d, &s))
		return 1;
	shmtel_emit(s, 42);
	printf("%s\n", shmtel_version());
	return shmtel_agent_close(a);
}
C
"$CC" -std=c11 -Wall -Werror "${san[@]}" -o prog prog.c $(pkg-config --cflags --libs shmtel) ||
	fail "does not build with $(pkg-config --cflags --libs shmtel)"
mkdir d
# A cross build's program runs under the emulator (tests/run.sh), whose
# loader lists the libraries as ldd does.
env -u LD_LIBRARY_PATH $EMU ./prog d >out || fail "does not run without LD_LIBRARY_PATH"
libs() {
	if [ -n "${EMU:-}" ]; then LD_TRACE_LOADED_OBJECTS=1 $EMU ./prog; else ldd ./prog; fi
}
libs | grep -q " => $SRC/$B/libshmtel.so.1 " || fail "not the tree's library: $(libs | grep shmtel)"
[ -z "$want" ] || [ "$(cat out)" = "$want" ] || fail "shmtel_version() $(cat out), the build is $want"
telemetry_reader --once --format line d/uninstalled | grep -q ' answer 42$' ||
	fail "the ring: $(telemetry_reader --once --format line d/uninstalled 2>&1)"
