#!/usr/bin/env bash
# `make install` into a prefix gives a library a program can build against
# through pkg-config, shared and static, exporting only shmtel_* symbols;
# `make uninstall` removes it again.  `make check-install` has just built
# the tree (`all`) and passes its variables in the environment: MAKE,
# CC, PKG_CONFIG and SHMTEL_VERSION, the version the Makefile installs.
set -eu
trap 'echo "check-install: failed: $BASH_COMMAND" >&2' ERR
: "${SHMTEL_VERSION:?the Makefile passes the version it installs}"
MAKE=${MAKE:-make} CC=${CC:-cc} PKG_CONFIG=${PKG_CONFIG:-pkg-config}
cd "$(dirname "$0")/../.."
work=$(mktemp -d "${TMPDIR:-/tmp}/shmtel-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
$MAKE -s --no-print-directory install PREFIX="$prefix" DESTDIR= >/dev/null
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
v=$($PKG_CONFIG --modversion shmtel)
[ "$v" = "$SHMTEL_VERSION" ] ||
	{ echo "check-install: pkg-config says $v, the Makefile installs $SHMTEL_VERSION" >&2; exit 1; }
cat >"$work/prog.c" <<'C'
#include <shmtel.h>
#include <stdio.h>
int main(int argc, char **argv)
{
	struct shmtel_config cfg = { .dir = argv[1], .name = "installed" };
	struct shmtel_series_desc d = { .category = SHMTEL_CUSTOM, .name = "hello" };
	struct shmtel_agent *a;
	struct shmtel_series *s;

	if (argc != 2 || shmtel_agent_open(&cfg, &a) || shmtel_series_get(a, &d, &s))
		return 1;
	shmtel_emit(s, 42);
	return shmtel_agent_close(a);
}
C
mkdir "$work/d1" "$work/d2"
$CC -std=c11 -Wall -Werror -o "$work/prog" "$work/prog.c" $($PKG_CONFIG --cflags --libs shmtel)
LD_LIBRARY_PATH=$prefix/lib "$work/prog" "$work/d1"
ldd "$work/prog" 2>/dev/null | grep -q "$prefix/lib/libshmtel.so.1" ||
	LD_LIBRARY_PATH=$prefix/lib ldd "$work/prog" | grep -q "libshmtel.so.1"
$CC -std=c11 -o "$work/prog_static" "$work/prog.c" $($PKG_CONFIG --cflags shmtel) \
	"$prefix/lib/libshmtel.a" $($PKG_CONFIG --static --libs-only-l shmtel | sed 's/-lshmtel//') -pthread
"$work/prog_static" "$work/d2"
reader=$prefix/bin/telemetry_reader
"$reader" --once --format line "$work/d1/installed" 2>/dev/null | grep -q ' hello 42$'
"$reader" --once --format line "$work/d2/installed" 2>/dev/null | grep -q ' hello 42$'
# Only shmtel_* is exported, from the shared and the static library.
[ -z "$(nm -D --defined-only "$prefix/lib/libshmtel.so" | awk '$2 ~ /[TDB]/ && $3 !~ /^shmtel_/')" ]
[ -z "$(nm --defined-only "$prefix/lib/libshmtel.a" | awk '$2 ~ /[TDB]/ && $3 !~ /^shmtel_/')" ]
[ "$(objdump -p "$prefix/lib/libshmtel.so" | awk '/SONAME/ { print $2 }')" = libshmtel.so.1 ]
[ -f "$prefix/share/man/man3/shmtel.3" ] && [ -f "$prefix/share/man/man5/shmtel.5" ]
# The installed pages carry the version of the build.
grep -q "^\.TH SHMTEL 3 [^ ]* \"shmtel $SHMTEL_VERSION\" " "$prefix/share/man/man3/shmtel.3"
$MAKE -s --no-print-directory uninstall PREFIX="$prefix" DESTDIR= >/dev/null
[ ! -e "$prefix/lib/libshmtel.so" ] && [ ! -e "$prefix/include/shmtel.h" ] && [ ! -e "$prefix/bin/telemetry_reader" ]
echo "check-install: shmtel $SHMTEL_VERSION installs, builds shared and static through pkg-config, exports only shmtel_*, uninstalls"
