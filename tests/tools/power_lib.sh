# power_lib.sh - what the tests/power_*.sh tests share; sourced, not run.
#
# The sysfs trees are node_exporter's own fixture (a ttar archive, see
# ttar_unpack.c) or ones a test builds as the kernel documents them; each
# test copies what it needs into its own temporary directory.
set -euo pipefail

TD=$TMPDIR/tel		# telemetry directory
FX=$TMPDIR/fx		# the unpacked fixture: $FX/sys is a sysfs root
mkdir -p "$TD"
KILL_PIDS=

# Under sanitizers everything is several times slower.
WAIT_SECS=10
[ -n "${SANITIZE:-}" ] && WAIT_SECS=40

. "$SRC/tests/tools/common.sh"

NE_FIXTURES=$SRC/../shared/fixtures/node_exporter

cleanup() {
	local p
	for p in $KILL_PIDS; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
}
trap cleanup EXIT

# unpack_fixture: node_exporter's sysfs fixture into $FX.
unpack_fixture() {
	ttar_unpack "$NE_FIXTURES/sys.ttar" "$FX" || fail "cannot unpack sys.ttar"
}

# prom_norm [DROP]: Prometheus text on stdin as "NAME{k="v",...} VALUE"
# lines with the labels sorted and the ring's own agent/pid labels (and
# those whose key matches the regex DROP) left out, so lines from two
# exporters compare as text up to the value.
prom_norm() {
	awk -v drop="^(agent|pid${1:+|$1})=" '
	/^#/ || NF == 0 { next }
	{
		i = index($0, "{")
		if (!i) { split($0, f, " "); print f[1] "{} " f[2]; next }
		name = substr($0, 1, i - 1)
		rest = substr($0, i + 1)
		n = 0
		while (match(rest, /^[A-Za-z_][A-Za-z0-9_]*="([^"\\]|\\.)*"/)) {
			l = substr(rest, 1, RLENGTH)
			rest = substr(rest, RLENGTH + 1)
			sub(/^,/, "", rest)
			if (l !~ drop)
				lab[++n] = l
		}
		sub(/^}[ ]*/, "", rest)
		split(rest, v, " ")
		for (a = 2; a <= n; a++)
			for (b = a; b > 1 && lab[b - 1] > lab[b]; b--) {
				t = lab[b]; lab[b] = lab[b - 1]; lab[b - 1] = t
			}
		s = ""
		for (a = 1; a <= n; a++)
			s = s (a > 1 ? "," : "") lab[a]
		print name "{" s "} " v[1]
	}'
}

# ours [DROP]: what telemetry_prom exports of the rings in $TD, normalized.
ours() {
	telemetry_prom -q "$TD" | prom_norm "${1:-}"
}

# node_to_ours: node_exporter's hwmon (temperature limits included), RAPL
# and thermal value lines (normalized, on stdin) as the keys
# telemetry_power's series export under, with node_exporter's value;
# other lines are dropped.  RAPL zones are matched by their directory
# (node_exporter's path label) and named from its name file in $FX.
node_to_ours() {
	local line name labels val base zone
	while read -r line; do
		name=${line%%\{*} labels=${line#*\{} val=${line##* }
		labels=${labels%\} *}
		case $name in
		node_hwmon_temp_celsius) echo "shmtel_temperature_celsius{$labels,source=\"hwmon\"} $val" ;;
		node_hwmon_temp_max_celsius) echo "shmtel_temperature_max_celsius{$labels,source=\"hwmon\"} $val" ;;
		node_hwmon_temp_crit_celsius) echo "shmtel_temperature_crit_celsius{$labels,source=\"hwmon\"} $val" ;;
		node_hwmon_in_volts) echo "shmtel_voltage_volts{$labels,source=\"hwmon\"} $val" ;;
		node_hwmon_curr_amps) echo "shmtel_current_amperes{$labels,source=\"hwmon\"} $val" ;;
		node_hwmon_fan_rpm) echo "shmtel_fan_rpm{$labels,source=\"hwmon\"} $val" ;;
		node_hwmon_power_average_watt | node_hwmon_power_input_watt)
			echo "shmtel_power_watts{$labels,source=\"hwmon\"} $val" ;;
		node_rapl_*_joules_total)
			base=$(sed 's/.*path="[^"]*\/\(intel-rapl:[0-9:]*\)".*/\1/' <<<"$labels")
			zone=$(cat "$FX/sys/class/powercap/$base/name")
			echo "shmtel_energy_joules_total{index=\"${base#intel-rapl:}\",source=\"rapl\",zone=\"$zone\"} $val" ;;
		node_thermal_zone_temp) echo "shmtel_temperature_celsius{source=\"thermal\",$labels} $val" ;;
		esac
	done
}

# compare_values WANT GOT: every "KEY VALUE" line of file WANT has a line
# of the same KEY in file GOT whose value is within 1e-9 relative; prints
# the count compared.  Fails naming the first sensor that differs.
compare_values() {
	awk 'NR == FNR { got[$1] = $2; next }
	{
		n++
		if (!($1 in got)) { print "missing: " $1 > "/dev/stderr"; bad = 1; next }
		d = got[$1] - $2; if (d < 0) d = -d; m = $2 < 0 ? -$2 : $2
		if (d > 1e-9 * (m > 1 ? m : 1)) { print "differs: " $1 " " got[$1] " want " $2 > "/dev/stderr"; bad = 1 }
	}
	END { print n + 0; exit bad }' "$2" "$1"
}

# value_of KEY: the value of the normalized line KEY (name{labels}) in ours.
value_of() {
	ours | awk -v k="$1" '$1 == k { print $2; f = 1 } END { exit !f }'
}

# is_value KEY WANT: KEY's value equals WANT within 1e-9 relative.
is_value() {
	local v
	v=$(value_of "$1") || return 1
	awk -v a="$v" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
		exit !(d <= 1e-9 * (m > 1 ? m : 1)) }'
}

# start_power ARGS...: telemetry_power in the background into $TD.
start_power() {
	telemetry_power --dir "$TD" "$@" 2>"$TMPDIR/power.err" &
	POWER_PID=$!
	KILL_PIDS="$KILL_PIDS $POWER_PID"
}

# put FILE TEXT: FILE (directories made) holds TEXT and a newline, as
# sysfs shows a value; written aside and renamed, so no sample can read
# it half written.
put() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1.tmp"
	mv -f "$1.tmp" "$1"
}

# rapl_zone ROOT ZONE NAME ENERGY RANGE: a powercap zone under sysfs ROOT.
rapl_zone() {
	local d=$1/class/powercap/intel-rapl:$2
	put "$d/name" "$3"
	put "$d/energy_uj" "$4"
	put "$d/max_energy_range_uj" "$5"
}

# written N: the ring in $TD holds at least N events (samples are in).
written() {
	local v
	v=$(value_of 'shmtel_events_written_total{}' 2>/dev/null) || return 1
	[ "${v%.*}" -ge "$1" ]
}

# stop_power: SIGTERM telemetry_power and wait for it; its status must be 0.
stop_power() {
	kill -TERM "$POWER_PID"
	wait "$POWER_PID" || fail "telemetry_power exited $? on SIGTERM"
	KILL_PIDS=${KILL_PIDS/ $POWER_PID/}
}

# stand_in_tegrastats: the script on stdin as $STAND, an executable that
# --tegrastats runs in place of NVIDIA's tegrastats.
STAND=$TMPDIR/tegrastats
stand_in_tegrastats() {
	cat >"$STAND"
	chmod +x "$STAND"
}

# fake_gpu_lib FIXTURE SONAME [CFLAGS...]: the stand-in vendor library
# tests/fixtures/FIXTURE.c built as $LIB/SONAME, for LD_LIBRARY_PATH=$LIB.
LIB=$TMPDIR/lib
fake_gpu_lib() {
	local fixture=$1 soname=$2
	shift 2
	mkdir -p "$LIB"
	"${CC:-cc}" -shared -fPIC "$@" -o "$LIB/$soname" "$SRC/tests/fixtures/$fixture.c" ||
		fail "cannot build the stand-in $soname"
}

# once_to_prom ARGS...: one telemetry_power --once ARGS into $TD, and what
# telemetry_prom exports of it in $TMPDIR/prom.
once_to_prom() {
	telemetry_power --once --dir "$TD" "$@" 2>"$TMPDIR/err" ||
		fail "telemetry_power --once exit status $?: $(cat "$TMPDIR/err")"
	telemetry_prom "$TD" >"$TMPDIR/prom" || fail "telemetry_prom exit status $?"
}
