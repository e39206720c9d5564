#!/usr/bin/env bash
# energy_uj readable by root only (mode 0400, as Linux 5.10+ has it) and
# telemetry_power run as nobody: one line names the file and the fix,
# even with two zones and a rescan; hwmon and thermal still land.
. "$SRC/tests/tools/power_lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "needs root to run as nobody"; exit 77; }
S=$TMPDIR/sys
rapl_zone "$S" 0 package-0 5000 262143328850
rapl_zone "$S" 0:0 core 1000 262143328850
chmod 0400 "$S"/class/powercap/intel-rapl:*/energy_uj
put "$S/class/hwmon/hwmon0/name" coretemp
put "$S/class/hwmon/hwmon0/temp1_input" 47000
put "$S/class/thermal/thermal_zone0/type" x86_pkg_temp
put "$S/class/thermal/thermal_zone0/temp" 51000
chmod -R a+rX "$TMPDIR/sys"
chmod 0400 "$S"/class/powercap/intel-rapl:*/energy_uj
chmod 1777 "$TD"
as_nobody telemetry_power --dir "$TD" --interval 50 --sysfs "$S" --collectors rapl,hwmon,thermal \
	2>"$TMPDIR/power.err" &
SHELL_PID=$!
# as_nobody runs in a subshell here: the program is that subshell's child,
# found by its command line, "DIR/telemetry_power --dir ..." (from setpriv
# on, which execs it, as an emulator's wrapper does: the pid stays).
child() { POWER_PID=$(pgrep -P "$SHELL_PID" -f "/telemetry_power --dir $TD "); }
wait_within "$WAIT_SECS" child || fail "telemetry_power did not start"
KILL_PIDS="$KILL_PIDS $POWER_PID"
wait_within "$WAIT_SECS" is_value 'shmtel_temperature_celsius{chip="coretemp",sensor="temp1",source="hwmon"}' 47 ||
	fail "hwmon did not land: $(cat "$TMPDIR/power.err")"
wait_within "$WAIT_SECS" is_value 'shmtel_temperature_celsius{source="thermal",type="x86_pkg_temp",zone="0"}' 51 ||
	fail "thermal did not land"
kill -HUP "$POWER_PID"
wait_within "$WAIT_SECS" grep -q 'SIGHUP' "$TMPDIR/power.err" || fail "no rescan"
wait_within "$WAIT_SECS" written 6 || fail "no samples after the rescan"
kill -TERM "$POWER_PID"
wait "$SHELL_PID" || fail "telemetry_power exited $? on SIGTERM"
KILL_PIDS=
n=$(grep -c 'energy_uj: permission denied' "$TMPDIR/power.err" || true)
[ "$n" -eq 1 ] || { cat "$TMPDIR/power.err"; fail "$n permission lines, want 1"; }
grep 'energy_uj: permission denied' "$TMPDIR/power.err" | grep -q 'intel-rapl:0/energy_uj.*root.*udev rule or ACL' ||
	fail "the line names neither the file nor the fix: $(cat "$TMPDIR/power.err")"
! ours | grep -q '^shmtel_energy' || fail "energy from an unreadable file"
