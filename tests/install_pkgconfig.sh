#!/usr/bin/env bash
# `make install` into a prefix gives a library a program can build against
# through pkg-config, shared and static, exporting only shmtel_* symbols;
# `make uninstall` removes it again.
set -eu
if [ -n "${SANITIZE:-}" ]; then
	echo "the installed library is the plain build; checked in the plain suite"
	exit 77
fi
prefix=$TMPDIR/prefix
make -s -C "$SRC" install PREFIX="$prefix" >/dev/null
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
[ "$(pkg-config --modversion shmtel)" = 1.0.0 ]
cat >"$TMPDIR/prog.c" <<'C'
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
mkdir "$TMPDIR/d1" "$TMPDIR/d2"
cc -std=c11 -Wall -Werror -o "$TMPDIR/prog" "$TMPDIR/prog.c" $(pkg-config --cflags --libs shmtel)
LD_LIBRARY_PATH=$prefix/lib "$TMPDIR/prog" "$TMPDIR/d1"
ldd "$TMPDIR/prog" 2>/dev/null | grep -q "$prefix/lib/libshmtel.so.1" || LD_LIBRARY_PATH=$prefix/lib ldd "$TMPDIR/prog" | grep -q "libshmtel.so.1"
cc -std=c11 -o "$TMPDIR/prog_static" "$TMPDIR/prog.c" $(pkg-config --cflags shmtel) \
	"$prefix/lib/libshmtel.a" $(pkg-config --static --libs-only-l shmtel | sed 's/-lshmtel//') -pthread
"$TMPDIR/prog_static" "$TMPDIR/d2"
telemetry_reader --once --format line "$TMPDIR/d1/installed" 2>/dev/null | grep -q ' hello 42$'
telemetry_reader --once --format line "$TMPDIR/d2/installed" 2>/dev/null | grep -q ' hello 42$'
# Only shmtel_* is exported, from the shared and the static library.
[ -z "$(nm -D --defined-only "$prefix/lib/libshmtel.so" | awk '$2 ~ /[TDB]/ && $3 !~ /^shmtel_/')" ]
[ -z "$(nm --defined-only "$prefix/lib/libshmtel.a" | awk '$2 ~ /[TDB]/ && $3 !~ /^shmtel_/')" ]
[ "$(objdump -p "$prefix/lib/libshmtel.so" | awk '/SONAME/ { print $2 }')" = libshmtel.so.1 ]
[ -f "$prefix/share/man/man3/shmtel.3" ] && [ -f "$prefix/share/man/man5/shmtel.5" ]
make -s -C "$SRC" uninstall PREFIX="$prefix" >/dev/null
[ ! -e "$prefix/lib/libshmtel.so" ] && [ ! -e "$prefix/include/shmtel.h" ] && [ ! -e "$prefix/bin/telemetry_reader" ]
