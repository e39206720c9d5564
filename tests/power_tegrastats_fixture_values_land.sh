# Every tegrastats line of ../shared/fixtures/tegrastats/, printed by a
# stand-in tegrastats, lands in the ring: each figure of the line is the
# value of its series, with nothing more and nothing less.  The expected
# series are derived from the line itself by the awk below (a reading of
# the documented forms written apart from the C parser; it fails on any
# token it does not know, so no figure goes unchecked), and compared with
# what telemetry_reader shows of the ring.  NC rails and -256C sensors
# must be absent.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

FIX=$SRC/../shared/fixtures/tegrastats
[ -d "$FIX" ] || { echo "no fixtures at $FIX"; exit 77; }
stand_in_tegrastats <<'EOT'
#!/bin/sh
# A stand-in tegrastats: the line of $LINE_FILE, once; "--interval MS" must come.
[ "$1" = --interval ] && [ -n "$2" ] || { echo "stand-in: no --interval" >&2; exit 2; }
cat "$LINE_FILE"
EOT

# expect: the series (name{labels} value, labels sorted as the ring
# sorts them) that a tegrastats line on stdin must give, in native units;
# "absent NAME{...}" for what must not be there.
expect() {
	awk '
	function out(n, k, v, x) { printf "%s{%s=\"%s\",source=\"tegrastats\"} %.10g\n", n, k, v, x }
	function absent(n, k, v) { printf "absent %s{%s=\"%s\",source=\"tegrastats\"}\n", n, k, v }
	function bad(t) { print "expect: token not in the documented forms: " t > "/dev/stderr"; err = 1 }
	{
		i = 1
		if ($1 ~ /^[0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]$/ && $2 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/)
			i = 3
		for (; i <= NF; i++) {
			t = $i; v = $(i + 1)
			if ((t == "RAM" || t == "SWAP" || t == "IRAM") && v ~ /^[0-9]+\/[0-9]+(kB|MB)/) {
				u = v ~ /^[0-9]+\/[0-9]+kB/ ? 1024 : 1048576
				split(v, f, "/")
				out("memory_used", "kind", tolower(t), f[1] * u)
				out("memory_total", "kind", tolower(t), (f[2] + 0) * u)
				i++
				if ($(i) !~ /\(/)
					i++	# the group is a token of its own
				if ($(i) == "(cached") {
					i++
					out("memory_cached", "kind", tolower(t), ($(i) + 0) * 1048576)
				}
				while ($(i) !~ /\)$/)
					i++
				continue
			}
			if (t == "CPU" && v ~ /^\[.*\]$/) {
				n = split(substr(v, 2, length(v) - 2), c, ",")
				for (j = 1; j <= n; j++) {
					if (c[j] == "off") {
						out("cpu_utilization", "cpu", j - 1, "nan")
						continue
					}
					out("cpu_utilization", "cpu", j - 1, c[j] + 0)
					if (c[j] ~ /@/)
						out("cpu_frequency", "cpu", j - 1, substr(c[j], index(c[j], "@") + 1) + 0)
				}
				i++
				continue
			}
			if (t == "MTS") {
				while ($(i + 2) ~ /^[0-9]+%$/) {
					out("engine_utilization", "engine", "MTS_" $(i + 1), $(i + 2) + 0)
					i += 2
				}
				continue
			}
			if (t ~ /^[A-Za-z_][A-Za-z0-9_]*@-?[0-9.]+C$/) {
				split(t, f, "@")
				if (f[2] + 0 == -256)
					absent("temperature", "sensor", f[1])
				else
					out("temperature", "sensor", f[1], f[2] + 0)
				continue
			}
			if (v ~ /^[0-9]+(mW)?\/[0-9]+(mW)?$/) {
				split(v, f, "/")
				if (t == "NC") {
					absent("power", "rail", t)
				} else {
					out("power", "rail", t, f[1] / 1000)
					out("power_average", "rail", t, f[2] / 1000)
				}
				i++
				continue
			}
			if (v ~ /^[0-9]+%(@[0-9]+)?$/ || v ~ /^[0-9]+$/) {
				e = t
				sub(/_FREQ$/, "", e)
				if (v ~ /%/) {
					out("engine_utilization", "engine", e, v + 0)
					if (e ~ /^GR3D/)
						out("gpu_utilization", "engine", e, v + 0)
				}
				if (v ~ /@/)
					out("engine_frequency", "engine", e, substr(v, index(v, "@") + 1) + 0)
				else if (v !~ /%/)
					out("engine_frequency", "engine", e, v + 0)
				i++
				continue
			}
			bad(t)
		}
	}
	END { exit err }'
}

n=0
for f in "$FIX"/*.txt; do
	board=${f##*/}
	td=$TMPDIR/tel-${board%.txt}
	mkdir -p "$td"
	expect <"$f" >"$TMPDIR/want.all" || fail "$board: the test cannot read its own fixture"
	grep -v '^absent ' "$TMPDIR/want.all" | sort >"$TMPDIR/want"
	LINE_FILE=$f telemetry_power --once --dir "$td" --collectors tegrastats \
		--tegrastats "$STAND" 2>"$TMPDIR/err" || fail "$board: telemetry_power failed: $(cat "$TMPDIR/err")"
	telemetry_reader --once --format line "$td/power" >"$TMPDIR/got.raw" ||
		fail "$board: telemetry_reader failed"
	awk '$5 ~ /source="tegrastats"/ { print $5, $6 }' "$TMPDIR/got.raw" | sort >"$TMPDIR/got"
	[ -s "$TMPDIR/want" ] || fail "$board: nothing expected"
	# Same series, each once; then the same values, numerically.
	diff <(cut -d' ' -f1 "$TMPDIR/want") <(cut -d' ' -f1 "$TMPDIR/got") >"$TMPDIR/diff" ||
		fail "$board: series differ (< expected, > in the ring):
$(cat "$TMPDIR/diff")"
	paste -d' ' "$TMPDIR/want" "$TMPDIR/got" | awk -v b="$board" '
		{
			w = $2; g = $4
			if (w == "nan") { if (tolower(g) !~ /nan/) { print b ": " $1 " is " g ", want NaN"; bad = 1 }; next }
			d = w - g; if (d < 0) d = -d
			m = w < 0 ? -w : w
			if (d > 1e-9 * (m > 1 ? m : 1)) { print b ": " $1 " is " g ", want " w; bad = 1 }
		}
		END { exit bad }' >&2 || fail "$board: values differ"
	while read -r _ key; do
		grep -qF "$key" "$TMPDIR/got" && fail "$board: $key is in the ring"
	done < <(grep '^absent ' "$TMPDIR/want.all" || true)
	n=$((n + 1))
done
[ "$n" -eq 12 ] || fail "read $n fixture lines, want 12"
echo "12 lines, every figure in its series"
