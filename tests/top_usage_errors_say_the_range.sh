#!/usr/bin/env bash
# A usage error of telemetry_top is two lines on stderr, "telemetry_top:
# what is wrong" and the --help hint, exit 2, nothing on stdout: for a
# mistyped option, and for a value out of range, which names the range
# (-d 0: "allowed: 0.1..3600"); the ends of each range are taken.
. "$SRC/tests/tools/top_lib.sh"

hint="Try 'telemetry_top --help' for more information."
# refused WANT ARGS...: a usage error whose first line is "telemetry_top: WANT".
refused() {
	local want=$1 rc=0
	shift
	telemetry_top "$@" >"$TMPDIR/out" 2>"$TMPDIR/err" </dev/null || rc=$?
	[ "$rc" = 2 ] || fail "$*: exit $rc: $(cat "$TMPDIR/err")"
	[ ! -s "$TMPDIR/out" ] || fail "$*: stdout: $(head -n 1 "$TMPDIR/out")"
	printf '%s\n%s\n' "telemetry_top: $want" "$hint" | cmp -s - "$TMPDIR/err" ||
		fail "$*: stderr: $(cat "$TMPDIR/err")"
}
# taken ARGS...: one batch snapshot, exit 0.
taken() {
	telemetry_top -b -n 1 "$@" "$D" >/dev/null 2>"$TMPDIR/err" </dev/null ||
		fail "$*: exit $?: $(cat "$TMPDIR/err")"
}

refused "unrecognized option '--lats'" --lats "$D"
refused "invalid option -- 'x'" -x "$D"
refused "option requires an argument -- 'd'" "$D" -d
refused "option '--view' requires an argument" "$D" --view
refused "invalid value '0' for --delay (allowed: 0.1..3600)" -d 0 "$D"
refused "invalid value '3600.5' for --delay (allowed: 0.1..3600)" --delay 3600.5 "$D"
refused "invalid value '1s' for --delay (allowed: 0.1..3600)" -d 1s "$D"
taken -d 0.1
taken -d 3600
refused "invalid value '0' for --iterations (allowed: 1 or more)" -n 0 "$D"
refused "invalid value '19' for --width (allowed: 20..4096)" -w 19 "$D"
refused "invalid value '4097' for --width (allowed: 20..4096)" -w 4097 "$D"
taken -w 20
taken -w 4096
refused "invalid value '-1' for --keep-dead (allowed: 0..1000000000)" -k -1 "$D"
refused "invalid value '0' for --rescan (allowed: 0.1..3600)" --rescan 0 "$D"
refused "invalid value 'graphs' for --view (allowed: agents, series, hailo, power, all)" -v graphs "$D"
refused "unexpected argument 'second' (one directory only)" "$D" second
NIXL_TELEMETRY_DIR= refused "no directory given and NIXL_TELEMETRY_DIR is not set"

# --help: the usage on stdout, exit 0, nothing on stderr.
telemetry_top --help >"$TMPDIR/out" 2>"$TMPDIR/err" || fail "--help: exit $?"
head -n 1 "$TMPDIR/out" | grep -q '^usage: telemetry_top ' || fail "--help: $(head -n 1 "$TMPDIR/out")"
[ ! -s "$TMPDIR/err" ] || fail "--help: stderr: $(cat "$TMPDIR/err")"
exit 0
