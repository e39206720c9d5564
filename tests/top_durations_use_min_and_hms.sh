#!/usr/bin/env bash
# Durations never use a bare "m" (which reads as milli or mega beside k and
# M): under a minute in s, then "min", from an hour on h:mm:ss, from 100
# hours on days; each SUM cell of the series table says the sum that the
# JSON gives, in that form.
. "$SRC/tests/tools/top_lib.sh"
export LC_ALL=C.UTF-8

# Sums of 59.94 s, 150 s, 4000 s, 7322 s and 720000 s in us, ms and s; a last value of 90 s in ns.
{
	printf 'counter\tu64\tPERFORMANCE\tms\twait\tpart="a"\t59940\n'
	printf 'counter\tu64\tPERFORMANCE\tus\tbusy\tpart="b"\t150000000\n'
	printf 'counter\tu64\tPERFORMANCE\tus\tbusy\tpart="c"\t3600000000,400000000\n'
	printf 'counter\tf64\tPERFORMANCE\ts\tcpu\tpart="d"\t7000,322\n'
	printf 'counter\tu64\tPERFORMANCE\tus\tbusy\tpart="e"\t720000000000\n'
	printf 'gauge\tu64\tPERFORMANCE\tns\tlag\tpart="f"\t90000000000\n'
} | prom_fixture --dir "$D" --name times || fail "prom_fixture"

telemetry_top -b -n 1 -v series -w 220 "$D" >"$TMPDIR/out"
snap | jq -r '.series[] | "\(.labels.part) \(.sum) \(.last) \(.unit)"' >"$TMPDIR/json"

# cell ROW TITLE: the cell of ROW (its label value) under TITLE (a
# right-aligned column: it ends where its title ends).
cell() {
	awk -v part="$1" -v title="$2" '
		/^AGENT/ { h = $0; next }
		h && index($0, "part=\"" part "\"") {
			e = index(h " ", " " title " ") + length(title)
			s = e; while (s > 1 && substr(h, s - 1, 1) != " ") s--
			while (s > 1 && substr(h, s - 1, 1) == " ") s--
			c = substr($0, s, e - s + 1); gsub(/^ +| +$/, "", c); print c; exit
		}' "$TMPDIR/out"
}

# shows SECONDS CELL: CELL is SECONDS as the rule above writes it.
shows() {
	awk -v t="$1" -v c="$2" 'BEGIN {
		n = split(c, f, " ")
		if (t < 60) ok = n == 2 && f[2] == "s" && f[1] / t > 0.995 && f[1] / t < 1.005
		else if (t < 3600) ok = n == 2 && f[2] == "min" && f[1] * 60 / t > 0.995 && f[1] * 60 / t < 1.005
		else if (t < 360000) { r = int(t + 0.5)
			ok = c == sprintf("%d:%02d:%02d", int(r / 3600), int(r / 60) % 60, r % 60) }
		else ok = n == 2 && f[2] == "d" && f[1] * 86400 / t > 0.995 && f[1] * 86400 / t < 1.005
		exit !ok }'
}

scale() { case $1 in ns) echo 1e-9 ;; us) echo 1e-6 ;; ms) echo 1e-3 ;; s) echo 1 ;; esac; }
while read -r part sum last unit; do
	if [ "$part" = f ]; then
		secs=$(awk -v v="$last" -v k="$(scale "$unit")" 'BEGIN { print v * k }')
		got=$(cell "$part" LAST)
	else
		secs=$(awk -v v="$sum" -v k="$(scale "$unit")" 'BEGIN { print v * k }')
		got=$(cell "$part" SUM)
	fi
	shows "$secs" "$got" || fail "part $part: $secs s shown as '$got': $(cat "$TMPDIR/out")"
done <"$TMPDIR/json"
[ "$(wc -l <"$TMPDIR/json")" -eq 6 ] || fail "series: $(cat "$TMPDIR/json")"
if grep -Eq '(^|[^A-Za-z])[0-9.]+ ?m($|[^A-Za-z])' "$TMPDIR/out"; then
	fail "a bare m: $(grep -E '(^|[^A-Za-z])[0-9.]+ ?m($|[^A-Za-z])' "$TMPDIR/out")"
fi
