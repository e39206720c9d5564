#!/usr/bin/env bash
# telemetry_reader --help (on stdout, exit 0), its man page's OPTIONS and
# the README's telemetry_reader section name the same options, and the
# exit statuses --help lists are the man page's.
set -u
. "$SRC/tests/tools/common.sh"
telemetry_reader --help >"$TMPDIR/help" 2>"$TMPDIR/err" || fail "--help exits $?"
[ ! -s "$TMPDIR/err" ] || fail "--help writes to stderr: $(cat "$TMPDIR/err")"

# opts: the options (-x, --xyz) named in stdin, one a line, sorted.
opts() {
	grep -oE -- '(^|[^a-z-])--?[a-zA-Z][a-z-]*' | grep -oE -- '--?[a-zA-Z][a-z-]*' | sort -u
}
# Where --help lists options: its lines that begin with "  -".
grep -E '^  -' "$TMPDIR/help" | opts >"$TMPDIR/h"
# The man page: the tags of OPTIONS' entries (the line after each .TP).
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$SRC/man/telemetry_reader.1" | awk '/^\.TP/ { getline; print }' |
	sed 's/\\-/-/g' | opts >"$TMPDIR/m"
# The README: the "Options:" sentence of the telemetry_reader section.
sed -n '/^## telemetry_reader$/,/^## /p' "$SRC/README.md" | sed -n '/^Options:/,/\.$/p' |
	grep -oE '`[^`]*`' | tr -d '`' | tr '/' '\n' | opts >"$TMPDIR/r"
[ -s "$TMPDIR/h" ] && [ -s "$TMPDIR/m" ] && [ -s "$TMPDIR/r" ] || fail "no options found"
diff -u "$TMPDIR/h" "$TMPDIR/m" >"$TMPDIR/d" || fail "--help and the man page differ: $(cat "$TMPDIR/d")"
diff -u "$TMPDIR/h" "$TMPDIR/r" >"$TMPDIR/d" || fail "--help and README differ: $(cat "$TMPDIR/d")"

# Exit statuses: every one in the man page's EXIT STATUS is in --help.
for st in $(sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$SRC/man/telemetry_reader.1" |
	awk '/^\.TP/ { getline; print }'); do
	grep -qE "(^|[^0-9])$st [a-zA-Z]" "$TMPDIR/help" || fail "--help does not list exit status $st"
done
exit 0
