#!/usr/bin/env bash
# Every value has three significant digits whatever its scale, so that a
# column reads with one precision ("176 µs" beside "3.64 ms", "12.0 KiB"
# beside "1.95 GiB"); only a whole count is written whole ("512 B", "7").
. "$SRC/tests/tools/top_lib.sh"
export LC_ALL=C.UTF-8

{
	for v in 176 3640 50 12345678 999999; do
		printf 'gauge\tu64\tPERFORMANCE\tus\tlat\tv="%s"\t%s\n' "$v" "$v"
	done
	for v in 12288 2093796557 512 1023.9; do
		printf 'gauge\tf64\tMEMORY\tbytes\tmem\tv="%s"\t%s\n' "$v" "$v"
	done
	printf 'histogram\tu64\tPERFORMANCE\tus\txfer\t-\t%s\t10,100,1000,10000\n' 7,180,3600,12000
	printf 'counter\tu64\tTRANSFER\t-\trequests\t-\t1,2,4\n'
} | prom_fixture --dir "$D" --name prec || fail "prom_fixture"

telemetry_top -b -n 1 -v series -w 220 "$D" >"$TMPDIR/out"
grep -Eq '^prec +PERFORMANCE +lat\{v="176"\} .* 176 µs ' "$TMPDIR/out" || fail "176 us: $(cat "$TMPDIR/out")"
grep -Eq '^prec +PERFORMANCE +lat\{v="3640"\} .* 3\.64 ms ' "$TMPDIR/out" || fail "3640 us: $(cat "$TMPDIR/out")"
grep -Eq '^prec +TRANSFER +requests .* 7( |$)' "$TMPDIR/out" || fail "a count: $(cat "$TMPDIR/out")"
# Every value with a unit of time or bytes, in any column.
grep -oE '(^| )-?[0-9][0-9.]*(e[-+][0-9]+)? (ns|µs|ms|s|min|d|B|KiB|MiB|GiB|TiB)(/s)?( |$)' "$TMPDIR/out" |
	awk '{ print $1, $2 }' >"$TMPDIR/values"
[ "$(wc -l <"$TMPDIR/values")" -ge 30 ] || fail "few values: $(cat "$TMPDIR/out")"
while read -r num unit; do
	digits=$(sed 's/^-//; s/e.*//; s/\.//; s/^0*//' <<<"$num")
	[ "$num" = 0 ] && continue
	[ "$unit" = B ] && [[ $num != *.* ]] && continue	# a whole number of bytes
	[ "${#digits}" -eq 3 ] || fail "'$num $unit' has ${#digits} digits: $(cat "$TMPDIR/out")"
done <"$TMPDIR/values"
