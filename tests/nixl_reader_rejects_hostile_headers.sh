#!/usr/bin/env bash
# Inconsistent or unknown NIXL headers are refused with a clear one-line
# reason and telemetry_reader's exit code; the file is neither deleted nor
# changed (NIXL's own reader deletes files on a version mismatch).
source "$SRC/tests/tools/nixl_lib.bash"
d=$TMPDIR
nixl_mkring --version 3 --capacity 6 "$d/cap6" 0:1
nixl_mkring --version 3 --capacity 8 --mask 3 "$d/mask" 0:1
nixl_mkring --version 4 --capacity 8 --write-pos 8 "$d/wpos"
nixl_mkring --version 4 --capacity 8 --read-pos 9 --write-pos 0 "$d/rpos"
nixl_mkring --version 2 --capacity 8 --size $((40 + 8 * 16 + 8)) "$d/size"
nixl_mkring --version 1 --capacity 8 --size $((40 + 8 * 48)) "$d/v1size"
nixl_mkring --version 5 --capacity 8 "$d/v5"
nixl_mkring --version 4 --capacity 8 --size 30 "$d/short"
check() { # FILE EXIT MESSAGE-REGEX
	local rc=0
	cp "$d/$1" "$d/$1.orig"
	telemetry_reader --once "$d/$1" >"$d/out" 2>"$d/err" || rc=$?
	[ "$rc" -eq "$2" ] || fail "$1: exit $rc, expected $2 ($(cat "$d/err"))"
	[ ! -s "$d/out" ] || fail "$1: printed events"
	grep -Eq "^telemetry_reader: $d/$1: .*$3" "$d/err" || fail "$1: message: $(cat "$d/err")"
	[ "$(wc -l <"$d/err")" -eq 1 ] || fail "$1: more than one line: $(cat "$d/err")"
	cmp "$d/$1" "$d/$1.orig" || fail "$1: file changed"
}
check cap6 8 "capacity 6 is not a power of two"
check mask 8 "mask 0x3 does not match capacity 8"
check wpos 8 "write_pos 8 is not below capacity 8"
check rpos 8 "read_pos 9 is not below capacity 8"
check size 8 "176 bytes is not 40 \+ 8 events of 48 or 16 bytes"
check v1size 8 "424 bytes is not 40 \+ 8 events of 56 bytes"
check v5 6 "NIXL ring version 5 is not supported"
check short 5 "shorter than its 40-byte header"
