#!/usr/bin/env bash
# --collectors hwmon runs only the hwmon collector: the fixture's RAPL
# zones, thermal zone and the host's memory stay out; an unknown name is
# a usage error naming it.
. "$SRC/tests/tools/power_lib.sh"

unpack_fixture
telemetry_power --once --dir "$TD" --sysfs "$FX/sys" --collectors hwmon 2>"$TMPDIR/err" ||
	fail "--once failed: $(cat "$TMPDIR/err")"
n=$(ours | grep -c 'source="hwmon"' || true)
[ "$n" -gt 0 ] || fail "no hwmon series"
m=$(ours | grep 'source="' | grep -vc 'source="hwmon"' || true)
[ "$m" -eq 0 ] || fail "$m series of other collectors"
rc=0
telemetry_power --once --dir "$TD" --collectors hwmon,bogus 2>"$TMPDIR/err2" || rc=$?
[ "$rc" -eq 2 ] || fail "unknown collector exited $rc, want 2"
# One line naming it and the collectors there are, then the hint (common/cli.h's style).
[ "$(wc -l <"$TMPDIR/err2")" -eq 2 ] &&
	grep -q "^telemetry_power: --collectors: no collector 'bogus' (there are: rapl,hwmon," "$TMPDIR/err2" &&
	grep -qx "Try 'telemetry_power --help' for more information." "$TMPDIR/err2" ||
	fail "unclear error: $(cat "$TMPDIR/err2")"
