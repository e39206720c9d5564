#!/usr/bin/env bash
# The source tree's layers: every #include "..." points down, never
# sideways into another program's folder, and the include graph of the
# modules (a .c file with its .h) has no cycle.  Layers, lowest first:
#   shm/  <  lib/  <  common/  <  nixl/  <  programs (readers/*/, hailo/, power/, examples/)
# tests/, bench/ and fuzz/ sit above everything and may include anything.
# A program folder includes only its own headers and lower layers; shm/
# includes only shm/; lib/ only lib/ and shm/; and so on.
set -u
. "$SRC/tests/tools/common.sh"
cd "$SRC"

rank() {	# rank FOLDER: the layer of a folder; programs share the top rank
	case $1 in
	shm) echo 0 ;; lib) echo 1 ;; common) echo 2 ;; nixl) echo 3 ;;
	readers/*|hailo|power|examples) echo 4 ;;
	*) echo 9 ;;
	esac
}

edges=$TMPDIR/edges bad=0
: >"$edges"
while IFS= read -r f; do
	dir=${f%/*}
	while IFS= read -r inc; do
		# Resolve as the compiler does: beside the file first, then from
		# the top of the tree (-I.), then lib/ (-Ilib, the public header).
		if [ -f "$dir/$inc" ]; then
			to=$dir/$inc
		elif [ -f "$inc" ]; then
			to=$inc
		elif [ -f "lib/$inc" ]; then
			to=lib/$inc
		else
			continue	# generated into the build tree (protoc-c)
		fi
		to=$(realpath --relative-to=. "$to")
		# A module is a .c file with its .h: x.c including y.h and y.c
		# including x.h is a cycle between modules x and y.
		[ "${f%.*}" = "${to%.*}" ] || echo "${f%.*} ${to%.*}" >>"$edges"
		from_dir=${f%/*} to_dir=${to%/*}
		[ "$from_dir" = "$to_dir" ] && continue
		rf=$(rank "$from_dir") rt=$(rank "$to_dir")
		[ "$rf" -eq 9 ] && continue	# tests, bench, fuzz
		if [ "$rt" -ge "$rf" ]; then
			echo "$f includes $to: $to_dir/ is not below $from_dir/"
			bad=1
		fi
	done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done < <(git ls-files '*.c' '*.h')

[ -s "$edges" ] || fail "no includes found: the scan is broken"
if ! tsort "$edges" >/dev/null 2>"$TMPDIR/tsort"; then
	cat "$TMPDIR/tsort"
	fail "the include graph has a cycle"
fi
[ "$bad" -eq 0 ] || fail "includes that do not point down"
# No .c file sits directly in readers/: each program has a folder.
loose=$(git ls-files 'readers/*.c' | grep -v '^readers/[^/]*/')
[ -z "$loose" ] || fail "sources directly in readers/: $loose"
