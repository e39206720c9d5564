#!/usr/bin/env bash
# A counter whose value type is signed (i64, f64) can sum to less than it
# did: emits of -5 and -7 sum to -12.  It is exported as a gauge family of
# the sum (no _total, TYPE gauge), never as a counter that goes negative
# or down; an unsigned counter stays a _total counter.  prom_lint refuses
# a negative counter sample.
source "$SRC/tests/tools/prom_lib.bash"
{
	spec counter i64 CUSTOM - balance - -5,-7
	spec counter f64 CUSTOM - drift_total - 1.5,-4
	spec counter i64 CUSTOM us skew - 2,-3000002
	spec counter u64 CUSTOM - plain - 5,7
} | fixture signed
telemetry_prom "$D" >"$TMPDIR/out.prom" || fail "exit $?"
A='agent="signed"'
check() {	# check FAMILY TYPE VALUE
	[ "$(prom_type "$TMPDIR/out.prom" "$1")" = "$2" ] ||
		fail "$1: TYPE '$(prom_type "$TMPDIR/out.prom" "$1")', want $2: $(cat "$TMPDIR/out.prom")"
	[ "$(prom_sample "$TMPDIR/out.prom" "$1" "$A")" = "$3" ] ||
		fail "$1: value '$(prom_sample "$TMPDIR/out.prom" "$1" "$A")', want $3"
}
check shmtel_balance gauge -12
check shmtel_drift gauge -2.5
check shmtel_skew_seconds gauge -3
check shmtel_plain_total counter 12
for f in shmtel_balance_total shmtel_drift_total shmtel_skew_seconds_total; do
	! grep -q "^$f[{ ]" "$TMPDIR/out.prom" || fail "$f exported: $(grep "^$f" "$TMPDIR/out.prom")"
done
grep -qF '# HELP shmtel_balance Sum of the values of CUSTOM balance (counter, signed: a gauge, as the sum can go down)' \
	"$TMPDIR/out.prom" || fail "HELP: $(grep '^# HELP shmtel_balance' "$TMPDIR/out.prom")"
# No counter sample of any family is negative.
awk '$1 == "#" && $2 == "TYPE" { t[$3] = $4 }
     $1 !~ /^#/ { n = $1; sub(/\{.*/, "", n); if (t[n] == "counter" && $NF + 0 < 0) { print; bad = 1 } }
     END { exit bad }' "$TMPDIR/out.prom" || fail "a negative counter"
prom_clean "$TMPDIR/out.prom"

printf '# HELP x h\n# TYPE x counter\nx -1\n' >"$TMPDIR/neg.prom"
prom_lint "$TMPDIR/neg.prom" 2>"$TMPDIR/why" && fail "prom_lint accepts a negative counter"
grep -q 'negative counter' "$TMPDIR/why" || fail "prom_lint: $(cat "$TMPDIR/why")"
