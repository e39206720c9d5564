#!/usr/bin/env bash
# promtool test rules passes on tests/data/shmtel-rules.test.tmpl.yml, filled
# with label sets as Prometheus would store them: the example fleet's export
# (fleet_export), served by a real node_exporter's textfile collector,
# scraped, with the instance and job of examples/prometheus/prometheus.yml
# added and empty labels (node_exporter pads a family's label sets with
# them) left out.  Only the value sequences are the template's.
#
# It cannot pass vacuously: the alerts the template tests are exactly the
# alerts the rules define, each expected once firing and once quiet; every
# alert disabled in a copy of the rules, and every threshold loosened, makes
# promtool report that alert.
set -euo pipefail
. "$SRC/tests/tools/common.sh"
. "$SRC/tests/tools/example_fleet.sh"
for prog in promtool prometheus-node-exporter curl; do
	command -v "$prog" >/dev/null || { echo "no $prog"; exit 77; }
done
WAIT_SECS=15
[ -n "${SANITIZE:-}" ] && WAIT_SECS=60
RULES=$SRC/examples/prometheus/shmtel-rules.yml
CONFIG=$SRC/examples/prometheus/prometheus.yml
TMPL=$SRC/tests/data/shmtel-rules.test.tmpl.yml
# The directory's name holds shmtel so that the test shows the textfile
# alert looking at file names only.
TF=$TMPDIR/shmtel-textfile
RUN=$TMPDIR/run
mkdir -p "$TF" "$RUN"

NE_PID=
stop() {
	fleet_stop
	if [ -n "$NE_PID" ]; then
		kill "$NE_PID" 2>/dev/null || true
		wait "$NE_PID" 2>/dev/null || true
	fi
}
trap stop EXIT

# The target Prometheus scrapes in the example configuration: its labels.
JOB=$(sed -n 's/^ *- job_name: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$CONFIG" | head -n 1)
INSTANCE=$(sed -n 's/.*targets: *\[ *"\([^"]*\)".*/\1/p' "$CONFIG" | head -n 1)
[ -n "$JOB" ] && [ -n "$INSTANCE" ] || fail "no job_name or target in $CONFIG"

# fill SCRAPE TEMPLATE: the template with its placeholders resolved
# (see the template's header), or exit 1 naming those that select nothing.
fill() {
	awk -v inst="$INSTANCE" -v job="$JOB" '
	# parse(s, kv): the pairs of the label list s (key="value",...) into
	# kv, values as the exposition escapes them; returns their count.
	function parse(s, kv,    n, k, v, c, i) {
		n = 0
		while (s != "") {
			i = index(s, "=")
			k = substr(s, 1, i - 1)
			s = substr(s, i + 2)
			v = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "\\") { v = v c substr(s, i + 1, 1); i++; continue }
				if (c == "\"") break
				v = v c
			}
			s = substr(s, i + 1)
			sub(/^,/, "", s)
			# Prometheus stores no label with an empty value.
			if (v != "") { kv[k] = v; n++ }
		}
		return n
	}
	# pick(spec, out): the labels (and name, in out["__name__"]) that the
	# placeholder spec selects; returns 0 if no sample matches.
	function pick(spec, out,    t, nt, metric, i, j, ok, k, op, kv, tok) {
		nt = split(spec, t, " ")
		metric = t[2]
		for (i = 1; i <= nsamp[metric]; i++) {
			for (k in kv) delete kv[k]
			parse(samp[metric, i], kv)
			ok = 1
			for (j = 3; j <= nt && ok; j++) {
				tok = t[j]
				if (tok ~ /^[A-Za-z_][A-Za-z0-9_]*=/) {
					k = substr(tok, 1, index(tok, "=") - 1)
					ok = (k in kv) && kv[k] == substr(tok, length(k) + 2)
				} else if (tok ~ /^[A-Za-z_][A-Za-z0-9_]*~/) {
					k = substr(tok, 1, index(tok, "~") - 1)
					ok = (k in kv) && kv[k] ~ ("^(" substr(tok, length(k) + 2) ")$")
				}
			}
			if (ok)
				break
		}
		if (!ok || i > nsamp[metric])
			return 0
		for (k in out) delete out[k]
		for (k in kv) out[k] = kv[k]
		# Prometheus adds the target labels (honor_labels: false).
		for (k in out) if (k == "instance" || k == "job") { out["exported_" k] = out[k] }
		out["instance"] = inst
		out["job"] = job
		out["__name__"] = metric
		for (j = 3; j <= nt; j++) {
			tok = t[j]
			op = substr(tok, 1, 1)
			if (op == "-")
				delete out[substr(tok, 2)]
			else if (op == "+")
				out[substr(tok, 2, index(tok, "=") - 2)] = substr(tok, index(tok, "=") + 1)
			else if (op == "@")
				out["__name__"] = substr(tok, 2)
		}
		return 1
	}
	# keys(out, ks): the label names of out but __name__, sorted; their count.
	function keys(out, ks,    n, k, i, j, x) {
		n = 0
		for (k in out) if (k != "__name__") ks[++n] = k
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && ks[j - 1] > ks[j]; j--) { x = ks[j]; ks[j] = ks[j - 1]; ks[j - 1] = x }
		return n
	}
	# resolve(spec, indent): what the placeholder spec stands for.
	function resolve(spec, indent,    out, ks, n, i, r, kind) {
		if (spec == "instance") return inst
		if (spec == "job") return job
		kind = spec
		sub(/ .*/, "", kind)
		if (!pick(spec, out)) {
			missing = missing "\n  <<" spec ">>"
			return ""
		}
		n = keys(out, ks)
		if (kind == "series") {
			r = out["__name__"] "{"
			for (i = 1; i <= n; i++)
				r = r (i > 1 ? "," : "") ks[i] "=\"" out[ks[i]] "\""
			r = r "}"
			gsub(/\047/, "\047\047", r)	# inside a single-quoted YAML scalar
			return r
		}
		if (kind == "labels") {
			r = ""
			for (i = 1; i <= n; i++)
				r = r (i > 1 ? "\n" indent : "") ks[i] ": \"" out[ks[i]] "\""
			return r
		}
		if (kind ~ /^label=/)
			return out[substr(kind, 7)]
		missing = missing "\n  <<" spec ">> (unknown kind)"
		return ""
	}
	FNR == NR {
		if ($0 ~ /^#/ || $0 !~ /{/)
			next
		name = substr($0, 1, index($0, "{") - 1)
		end = length($0)
		while (substr($0, end, 1) != "}")
			end--
		nsamp[name]++
		samp[name, nsamp[name]] = substr($0, length(name) + 2, end - length(name) - 2)
		next
	}
	# Comments are left as they are: the header shows placeholders.
	/^ *#/ {
		print
		next
	}
	{
		line = $0
		indent = line
		sub(/[^ ].*/, "", indent)
		outl = ""
		while (match(line, /<<[^>]*>>/)) {
			outl = outl substr(line, 1, RSTART - 1) resolve(substr(line, RSTART + 2, RLENGTH - 4), indent)
			line = substr(line, RSTART + RLENGTH)
		}
		print outl line
	}
	END {
		if (missing != "") {
			print "placeholders that select no sample:" missing >"/dev/stderr"
			exit 1
		}
	}' "$1" "$2"
}

# The fleet's rings fill within a few intervals (power needs two samples
# for its watts): export until every placeholder selects a sample.
fleet_start "$TMPDIR/tel"
printf '# TYPE apt_upgrades_pending gauge\napt_upgrades_pending 0\n' >"$TF/apt.prom"
fleet_export "$TF/shmtel.prom"
prometheus-node-exporter --web.listen-address=127.0.0.1:0 --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$TF" >"$TMPDIR/ne.log" 2>&1 &
NE_PID=$!
port() { sed -n 's/.*msg="Listening on".*address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMPDIR/ne.log"; }
listening() { [ -n "$(port)" ]; }
wait_within "$WAIT_SECS" listening || fail "node_exporter did not start: $(tail -n 1 "$TMPDIR/ne.log")"
filled() {
	fleet_export "$TF/shmtel.prom"
	curl -sf "http://127.0.0.1:$(port)/metrics" -o "$TMPDIR/scrape" &&
		fill "$TMPDIR/scrape" "$TMPL" >"$RUN/shmtel-rules.test.yml" 2>"$TMPDIR/fill.err"
}
wait_within "$WAIT_SECS" filled || fail "$(tr '\n' ' ' <"$TMPDIR/fill.err")"

# alerts_of FILE: the alert names a rules file defines, one a line, sorted.
alerts_of() { sed -n 's/^ *- alert: *\([A-Za-z0-9_]*\) *$/\1/p' "$1" | sort -u; }
# tested KIND: the alerts the test expects firing (KIND fires) or quiet.
tested() {
	awk -v kind="$1" '
		/^ *alertname:/ { name = $2 }
		/^ *exp_alerts:/ && name != "" {
			quiet = $0 ~ /exp_alerts: *\[\] *$/
			if ((kind == "quiet") == quiet) print name
			name = ""
		}' "$RUN/shmtel-rules.test.yml" | sort -u
}
alerts_of "$RULES" >"$TMPDIR/defined"
[ -s "$TMPDIR/defined" ] || fail "no alert in $RULES"
for kind in fires quiet; do
	tested "$kind" >"$TMPDIR/$kind"
	diff=$(comm -3 "$TMPDIR/defined" "$TMPDIR/$kind" | tr -s ' \t\n' ' ')
	[ -z "$diff" ] || fail "alerts defined and alerts tested as $kind differ: $diff"
done

# run_tests RULES: promtool test rules with RULES as the rules file; its
# report in $TMPDIR/promtool.out.
run_tests() {
	cp "$1" "$RUN/shmtel-rules.yml"
	(cd "$RUN" && promtool test rules shmtel-rules.test.yml) >"$TMPDIR/promtool.out" 2>&1
}
if ! run_tests "$RULES"; then
	cat "$TMPDIR/promtool.out"
	fail "promtool test rules failed (its report above)"
fi

# mutate NAME OLD NEW: the rules with OLD replaced by NEW (literally, once
# or more) in the rule NAME (an alert or a record), on stdout; exit 1 if
# that rule does not hold OLD.  NEW "-" replaces the rule's whole expr
# with one that selects nothing.
mutate() {
	awk -v name="$1" -v old="$2" -v new="$3" '
		/^ *- (alert|record):/ { in_rule = ($3 == name); skip = 0 }
		skip && match($0, /^ */) && RLENGTH > expr_indent { next }
		{ skip = 0 }
		in_rule && new == "-" && /^ *expr:/ {
			match($0, /^ */)
			expr_indent = RLENGTH
			print substr($0, 1, RLENGTH) "expr: vector(1) == 0"
			skip = ($0 ~ /expr: *[|>]/)
			done = 1
			next
		}
		in_rule && new != "-" && (i = index($0, old)) {
			$0 = substr($0, 1, i - 1) new substr($0, i + length(old))
			done = 1
		}
		{ print }
		END { exit !done }' "$RULES"
}
# breaks ALERT NAME OLD NEW: the rules so changed make promtool report ALERT.
breaks() {
	local alert=$1
	shift
	mutate "$@" >"$TMPDIR/broken.yml" || fail "rule $1 holds no '$2': update this test"
	! run_tests "$TMPDIR/broken.yml" ||
		fail "promtool test rules passes with $1 changed from '$2' to '$3'"
	grep -q "alertname: $alert," "$TMPDIR/promtool.out" ||
		fail "with $1 changed from '$2' to '$3', promtool does not report $alert: $(head -c 300 "$TMPDIR/promtool.out" | tr -s ' \n' ' ')"
	echo "$alert" >>"$TMPDIR/broken"
}
# Each alert, never firing: its firing expectations fail.
while read -r alert; do
	breaks "$alert" "$alert" expr -
done <"$TMPDIR/defined"
# Each alert, firing more easily: its quiet expectations fail.
: >"$TMPDIR/broken"
breaks ShmtelAgentDown ShmtelAgentDown 'for: 5m' 'for: 3m'
breaks ShmtelAgentDown ShmtelAgentDown 'shmtel_up{agent!~"hailo-.*"}' 'shmtel_up'
breaks ShmtelEventsDropped shmtel:events_dropped:threshold 'vector(0)' 'vector(-1)'
breaks NixlErrorRatioHigh shmtel:agent_errors_ratio:threshold 'vector(0.05)' 'vector(0.01)'
breaks NixlTransferP95High shmtel:agent_xfer_time_p95_seconds:threshold 'vector(0.1)' 'vector(0.04)'
breaks HailoDataStale shmtel:hailo_data_age_seconds:threshold 'vector(300)' 'vector(200)'
breaks HailoDataStale HailoDataStale 'agent=~"hailo-.*"' 'agent=~".*"'
breaks HailoDeviceSaturated shmtel:hailo_device_utilization_ratio:threshold 'vector(0.95)' 'vector(0.85)'
breaks TemperatureNearLimit shmtel:temperature_limit_margin_celsius:threshold 'vector(5)' 'vector(15)'
breaks TemperatureNearLimit shmtel:temperature_celsius:threshold 'vector(85)' 'vector(80)'
breaks TemperatureNearLimit TemperatureNearLimit \
	'unless {__name__=~"shmtel_temperature_(max|crit)_celsius"}' ''
breaks ShmtelTextfileStale shmtel:textfile_age_seconds:threshold 'vector(300)' 'vector(200)'
breaks ShmtelTextfileStale ShmtelTextfileStale '(.*/)?[^/]*shmtel[^/]*' '.*shmtel.*'
missing=$(sort -u "$TMPDIR/broken" | comm -23 "$TMPDIR/defined" -)
[ -z "$missing" ] || fail "no loosened copy of the rules for: $(echo $missing)"
echo "$(wc -l <"$TMPDIR/defined") alerts, each fired, quiet and broken both ways"
