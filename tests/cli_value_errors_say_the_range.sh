#!/usr/bin/env bash
# A value an option does not take is a usage error that says what is
# allowed: "PROG: invalid value 'V' for --OPT (allowed: A..B ...)", the
# --help hint, exit 2.  The ends of the range it names are taken, the
# values just past them are not.
set -u
. "$SRC/tests/tools/common.sh"
D=$TMPDIR/tel H=$TMPDIR/hmon
mkdir "$D" "$H"

# refused PROG OPT VALUE [ARGS...]: a usage error for VALUE; prints the range said.
refused() {
	local prog=$1 opt=$2 val=$3 rc=0 first
	shift 3
	"$prog" "$@" "$opt" "$val" >"$TMPDIR/out" 2>"$TMPDIR/err" </dev/null || rc=$?
	[ "$rc" -eq 2 ] || fail "$prog $opt $val: exit $rc"
	[ ! -s "$TMPDIR/out" ] || fail "$prog $opt $val: stdout: $(head -n 1 "$TMPDIR/out")"
	[ "$(wc -l <"$TMPDIR/err")" -eq 2 ] || fail "$prog $opt $val: stderr: $(cat "$TMPDIR/err")"
	first=$(head -n 1 "$TMPDIR/err")
	[[ $first == "$prog: invalid value '$val' for $opt (allowed: "*")" ]] ||
		fail "$prog $opt $val: said '$first'"
	[ "$(tail -n 1 "$TMPDIR/err")" = "Try '$prog --help' for more information." ] ||
		fail "$prog $opt $val: no --help hint"
	first=${first#*(allowed: }
	echo "${first%)}"
}

# taken PROG ARGS...: runs (exit 0).
taken() {
	"$@" >/dev/null 2>"$TMPDIR/err" </dev/null || fail "$*: exit $?: $(head -n 1 "$TMPDIR/err")"
}

range=$(refused telemetry_nixl --interval 0 --once --dir "$D" "$D") || exit 1
[ "$range" = "1..60000 ms" ] || fail "telemetry_nixl --interval: allowed $range"
taken telemetry_nixl --once --dir "$D" --interval 1 "$D"
taken telemetry_nixl --once --dir "$D" --interval 60000 "$D"
refused telemetry_nixl --interval 60001 --once --dir "$D" "$D" >/dev/null
refused telemetry_nixl --interval 10ms --once --dir "$D" "$D" >/dev/null

range=$(refused telemetry_hailo --interval 9 --once --dir "$D" --hmon-dir "$H") || exit 1
[ "$range" = "10..3600000 ms" ] || fail "telemetry_hailo --interval: allowed $range"
taken telemetry_hailo --once --dir "$D" --hmon-dir "$H" --interval 10
taken telemetry_hailo --once --dir "$D" --hmon-dir "$H" --interval 3600000
refused telemetry_hailo --interval 3600001 --once --dir "$D" --hmon-dir "$H" >/dev/null
range=$(refused telemetry_hailo --retention -1 --once --dir "$D" --hmon-dir "$H") || exit 1
[ "$range" = "0..31536000 seconds" ] || fail "telemetry_hailo --retention: allowed $range"
taken telemetry_hailo --once --dir "$D" --hmon-dir "$H" --retention 0
taken telemetry_hailo --once --dir "$D" --hmon-dir "$H" --retention 31536000
refused telemetry_hailo --retention 31536001 --once --dir "$D" --hmon-dir "$H" >/dev/null

range=$(refused telemetry_prom --loop 0 -o "$TMPDIR/out.prom" "$D") || exit 1
[[ $range == "1ms..366d"* ]] || fail "telemetry_prom --loop: allowed $range"
refused telemetry_prom --loop 0.5ms -o "$TMPDIR/out.prom" "$D" >/dev/null
refused telemetry_prom --loop 367d -o "$TMPDIR/out.prom" "$D" >/dev/null
range=$(refused telemetry_prom --gc 1y "$D") || exit 1
[[ $range == "0..366d"* ]] || fail "telemetry_prom --gc: allowed $range"
taken telemetry_prom --gc 0 "$D"
taken telemetry_prom --gc 366d "$D"
refused telemetry_prom --gc 367d "$D" >/dev/null
refused telemetry_prom --compat nixl,prometheus "$D" >/dev/null
refused telemetry_prom --prefix 9lives "$D" >/dev/null

range=$(refused nixl_agent --rate -1 --dir "$D" --count 1) || exit 1
[ "$range" = "0..1000000000 transfers per second" ] || fail "nixl_agent --rate: allowed $range"
taken nixl_agent --dir "$D" --count 1 --rate 1000000000
refused nixl_agent --rate 1000000001 --dir "$D" --count 1 >/dev/null
range=$(refused nixl_agent --duration 31536001 --dir "$D" --count 1) || exit 1
[ "$range" = "0..31536000 seconds" ] || fail "nixl_agent --duration: allowed $range"
taken nixl_agent --dir "$D" --count 1 --duration 31536000
refused nixl_agent --count 1e3 --dir "$D" >/dev/null
refused nixl_agent --seed -1 --dir "$D" --count 1 >/dev/null
