#!/usr/bin/env bash
# Microseconds read "µs" where the terminal is UTF-8 and "us" where it is
# not (where µ could not be shown): the same table in C.UTF-8 and in C.
. "$SRC/tests/tools/top_lib.sh"

top_hist_writer "$D" lat
LC_ALL=C.UTF-8 telemetry_top -b -n 1 -v series -w 200 "$D" >"$TMPDIR/utf8"
LC_ALL=C telemetry_top -b -n 1 -v series -w 200 "$D" >"$TMPDIR/c"
# The values 1..100 us: MIN 1.00, P50 50.0, MAX 100.
grep -Eq '^lat .* 1\.00 µs .* 100 µs .* 50\.0 µs ' "$TMPDIR/utf8" || fail "UTF-8: $(cat "$TMPDIR/utf8")"
grep -Eq '[0-9] us( |$)' "$TMPDIR/utf8" && fail "UTF-8 shows us: $(cat "$TMPDIR/utf8")"
grep -Eq '^lat .* 1\.00 us .* 100 us .* 50\.0 us ' "$TMPDIR/c" || fail "C: $(cat "$TMPDIR/c")"
LC_ALL=C grep -q $'\xc2\xb5' "$TMPDIR/c" && fail "C locale shows µ: $(cat "$TMPDIR/c")"
exit 0
