#!/usr/bin/env bash
# The whole tree builds with clang as warning-free as with gcc (-Werror).
set -eu
if [ -n "${SANITIZE:-}" ]; then
	echo "compiler warnings do not depend on the sanitizer; checked in the plain suite"
	exit 77
fi
command -v clang >/dev/null || { echo "clang not installed"; exit 1; }
make -s -C "$SRC" -j2 CC=clang O=build-clang all
