#!/usr/bin/env bash
# The whole tree builds with clang as warning-free as with gcc (-Werror).
# `make check-clang` has just built it (CC=clang O=build-clang); this
# checks that every object there really is clang's, so a fragment that
# ignores $(CC) cannot pass the check with gcc.
set -eu
cd "$(dirname "$0")/../.."
trap 'echo "check-clang: failed: $BASH_COMMAND" >&2' ERR
mapfile -t objs < <(find build-clang -name '*.o')
[ ${#objs[@]} -gt 0 ]
for o in "${objs[@]}"; do
	readelf -p .comment "$o" | grep -q 'clang version' ||
		{ echo "check-clang: $o was not compiled by clang" >&2; exit 1; }
done
echo "check-clang: ${#objs[@]} objects built warning-free by $(clang --version | head -n 1)"
