#!/usr/bin/env bash
# Whatever bytes a series name or label holds: names are sanitized to
# [a-zA-Z_][a-zA-Z0-9_]* (snake_case, no leading "__"), label values
# escape backslash, double quote and newline and lose invalid UTF-8 (as
# U+FFFD), HELP escapes backslash and newline, and label keys that clash
# with the exporter's own are renamed exported_KEY.
source "$SRC/tests/tools/prom_lib.bash"
hostile_spec | fixture hostile
telemetry_prom "$D" | sed 's/pid="[0-9]*"/pid="P"/' >"$TMPDIR/out.prom" || fail "exit $?"
fffd=$'\357\277\275' eacute=$'\303\251'
want_line() {
	grep -qxF -- "$1" "$TMPDIR/out.prom" || fail "missing line: $1"
}
f=shmtel__9lives__quo_ted___x__y_z_w_v_u__total
want_line "# HELP $f Sum of the values of CUSTOM 9lives \"quo\\\\ted\"\\n{x}=y,z:w-v.u$fffd (counter)"
want_line "$f{agent=\"hostile\",pid=\"P\",msg=\"q\\\"b\\\\s\\nnl $fffd$eacute tab"$'\t'"end\"} 3"
want_line 'shmtel_camel_case_name{agent="hostile",pid="P",device_id="a",exported_agent="b",exported_le="d",exported_pid="c"} -5'
want_line 'shmtel_x_dunder_total{agent="hostile",pid="P",x_reserved="r"} 1'
prom_clean "$TMPDIR/out.prom"
