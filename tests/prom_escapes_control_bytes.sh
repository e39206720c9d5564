#!/usr/bin/env bash
# Control characters in a series name (so in its HELP) and in label
# values - ESC, BEL, CR, BS, DEL, C1 as UTF-8 (U+009B) and the
# bidirectional and line-separator controls - become U+FFFD: the text
# format has no escape for them (a "\x1b" would be read as those four
# characters), and raw they act on the terminal of whoever reads the
# output.  Tab stays; promtool and prom_lint accept the result, and
# prom_lint rejects the raw controls telemetry_prom used to copy.
source "$SRC/tests/tools/prom_lib.bash"
ctl='\x1b[31m\x07\x0d\x08\x7f\xc2\x9b\xe2\x80\xae\xe2\x81\xa6\xe2\x80\xa8'
spec counter u64 CUSTOM - "c${ctl}x" "v=\"a${ctl}b\x09t\"" 1 | fixture ctl
telemetry_prom "$D" | sed 's/pid="[0-9]*"/pid="P"/' >"$TMPDIR/out.prom" || fail "exit $?"
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMPDIR/out.prom"; then
	fail "raw control byte: $(LC_ALL=C grep $'[\x01-\x08\x0b-\x1f\x7f]' "$TMPDIR/out.prom" | od -c | head)"
fi
for c in $'\xc2\x9b' $'\xe2\x80\xae' $'\xe2\x81\xa6' $'\xe2\x80\xa8'; do
	if grep -qF -- "$c" "$TMPDIR/out.prom"; then
		fail "raw $(printf %s "$c" | od -An -tx1): $(grep -F -- "$c" "$TMPDIR/out.prom")"
	fi
done
r=$'\357\277\275'
sub="$r[31m$r$r$r$r$r$r$r$r"
# Every byte of the name that is not [a-z0-9] is '_' in the family name.
f=$(awk '$1 == "#" && $2 == "HELP" && $3 ~ /^shmtel_c/ { print $3 }' "$TMPDIR/out.prom")
[[ $f =~ ^shmtel_c_+31m_+x_total$ ]] || fail "family name: $f"
grep -qxF -- "# HELP $f Sum of the values of CUSTOM c${sub}x (counter)" "$TMPDIR/out.prom" ||
	fail "HELP: $(grep '^# HELP shmtel_c' "$TMPDIR/out.prom")"
grep -qxF -- "$f{agent=\"ctl\",pid=\"P\",v=\"a${sub}b"$'\t'"t\"} 1" "$TMPDIR/out.prom" ||
	fail "sample: $(grep '^shmtel_c' "$TMPDIR/out.prom")"
prom_clean "$TMPDIR/out.prom"

# The checker the tests and the fuzzer rely on refuses raw controls.
for c in '\x1b' '\x07' '\x0d' '\x08' '\x7f' '\xc2\x9b' '\xe2\x80\xae' '\xe2\x81\xa9' '\xe2\x80\xa9'; do
	printf "# HELP x h\n# TYPE x gauge\nx{v=\"a${c}b\"} 1\n" >"$TMPDIR/bad.prom"
	prom_lint "$TMPDIR/bad.prom" 2>"$TMPDIR/why" && fail "prom_lint accepts $c in a label value"
	grep -q 'control character' "$TMPDIR/why" || fail "prom_lint on $c: $(cat "$TMPDIR/why")"
	printf "# HELP x h${c}h\n# TYPE x gauge\nx 1\n" >"$TMPDIR/bad.prom"
	prom_lint "$TMPDIR/bad.prom" 2>/dev/null && fail "prom_lint accepts $c in HELP"
done
printf '# HELP x h\th\n# TYPE x gauge\nx{v="a\tb"} 1\n' | prom_lint || fail "prom_lint refuses a tab"
