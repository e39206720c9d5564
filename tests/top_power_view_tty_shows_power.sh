#!/usr/bin/env bash
# Key 4 shows the Power view at 80x24: watts and energy per source, the
# host total, joules per frame and bytes per joule, temperatures hottest
# first, no line wider than 80 columns; Tab goes on to the agents view.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_power_lib.sh"
need_tmux

power_rings
tm_top 80 24 "$D"
tm_wait '^\[1 Agents\]'
tm_keys 4
tm_wait '^Host total: 42\.50 W'
tm_screen >"$TMPDIR/screen"
grep -Eq '4 Power\]' "$TMPDIR/screen" || fail "status line: $(cat "$TMPDIR/screen")"
grep -Eq '^Source +What +Watts +Energy \(J\) +Host$' "$TMPDIR/screen" || fail "header: $(cat "$TMPDIR/screen")"
grep -Eq '^rapl +package-0 0 +42\.50 +3\.500 +yes$' "$TMPDIR/screen" || fail "rapl row: $(cat "$TMPDIR/screen")"
grep -Eq '^hwmon +nvme power1 +7\.25 +-$' "$TMPDIR/screen" || fail "hwmon row: $(cat "$TMPDIR/screen")"
grep -Eq '^Joules per frame: 1\.4181 J +\(Hailo 29\.97 fps\)$' "$TMPDIR/screen" ||
	fail "joules per frame: $(cat "$TMPDIR/screen")"
grep -Eq '^Bytes per joule: [0-9]+ B/J +\(NIXL [0-9]+ B/s\)$' "$TMPDIR/screen" ||
	fail "bytes per joule: $(cat "$TMPDIR/screen")"
[ "$(grep -E '^hwmon +(nvme temp2|k10temp temp1) ' "$TMPDIR/screen" | awk '{print $3}' | tr '\n' ' ')" = \
	'temp2 temp1 ' ] || fail "temperatures, hottest first: $(cat "$TMPDIR/screen")"
grep -Eq '^hwmon +nvme temp2 +71\.5 °C$' "$TMPDIR/screen" || fail "temperature: $(cat "$TMPDIR/screen")"
[ "$(wc -L <"$TMPDIR/screen")" -le 80 ] || fail "wider than 80: $(cat "$TMPDIR/screen")"
tm_keys Tab
tm_wait '^\[1 Agents\]'
tm_end
