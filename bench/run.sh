#!/usr/bin/env bash
# run.sh - run each benchmark binary, then any bench/*.sh, in that order.
set -eu
: "${B:=build}"
export B SRC=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$SRC/$B:$SRC/$B/examples:$PATH"
for b in "$@"; do "$b"; echo; done
for s in "$SRC"/bench/*.sh; do
	[ "$s" = "$SRC/bench/run.sh" ] && continue
	bash "$s"; echo
done
