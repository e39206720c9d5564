#!/usr/bin/env bash
# examples/prometheus/shmtel-rules.yml keeps the conventions promtool does
# not check: every alert has a non-zero for:, a severity label of warning
# or critical, and summary and description annotations that name the
# instance and the value; every recording rule is named level:metric:operation;
# every threshold series (shmtel:...:threshold) is compared with in an
# alert's expression, and every one an alert compares with exists.  The
# checker must also find each kind of breach in a broken copy.
set -euo pipefail
. "$SRC/tests/tools/common.sh"
RULES=$SRC/examples/prometheus/shmtel-rules.yml

# check FILE: one line per breach on stdout.  The file is read as this
# repository writes it: one rule per "- alert:" or "- record:" line, its
# keys below it; annotations may continue on more-indented lines.
check() {
	awk '
		function done_rule() {
			if (kind == "alert") {
				if (!has_for) print name ": no for:"
				if (!has_sev) print name ": no severity label of warning or critical"
				if (!has_sum) print name ": no summary annotation"
				if (!has_desc) print name ": no description annotation"
				if (text !~ /\$labels\.instance/) print name ": annotations do not name $labels.instance"
				if (text !~ /\$value/) print name ": annotations do not show $value"
			}
			kind = ""
		}
		/^ *- (alert|record):/ {
			done_rule()
			kind = ($2 == "alert:") ? "alert" : "record"
			name = $3
			has_for = has_sev = has_sum = has_desc = 0
			text = ""
			in_ann = in_expr = 0
			if (kind == "record") {
				if (name !~ /^[a-z][a-z_]*:[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/)
					print name ": not named level:metric:operation"
				if (name ~ /:threshold$/)
					thresholds[name] = 1
			}
			next
		}
		/^ *- name:/ { done_rule(); next }
		kind == "" { next }
		{
			match($0, /^ */)
			ind = RLENGTH
		}
		in_ann && ind <= ann_ind { in_ann = 0 }
		in_expr && ind <= expr_ind { in_expr = 0 }
		/^ *expr:/ { in_expr = 1; expr_ind = ind }
		# What an alert compares with, in its expression (not its text).
		in_expr && kind == "alert" {
			line = $0
			while (match(line, /shmtel:[a-z0-9_]+:threshold/)) {
				read[substr(line, RSTART, RLENGTH)] = name
				line = substr(line, RSTART + RLENGTH)
			}
		}
		/^ *for: *[0-9]+[smhdwy]/ && $2 !~ /^0+[smhdwy]$/ { has_for = 1 }
		/^ *severity: *(warning|critical) *$/ { has_sev = 1 }
		/^ *annotations:/ { in_ann = 1; ann_ind = ind; next }
		in_ann && /^ *summary:/ { has_sum = 1 }
		in_ann && /^ *description:/ { has_desc = 1 }
		in_ann { text = text " " $0 }
		END {
			done_rule()
			for (t in thresholds)
				if (!(t in read))
					print t ": read by no alert"
			for (t in read)
				if (!(t in thresholds))
					print read[t] ": reads " t ", which no rule records"
		}' "$1"
}

out=$(check "$RULES")
[ -z "$out" ] || fail "$(echo $out)"
grep -q '^ *- alert:' "$RULES" || fail "no alert in $RULES"

# A broken copy: each breach must be found.
B=$TMPDIR/broken.yml
awk '
	/^ *- alert:/ { a = 0 }
	/^ *- alert: ShmtelAgentDown/ { a = 1 }
	/^ *- alert: NixlErrorRatioHigh/ { a = 2 }
	/^ *- alert: HailoDeviceSaturated/ { a = 3 }
	a == 1 && /^ *for:/ { next }
	a == 2 && /severity:/ { sub(/critical|warning/, "page") }
	a == 3 && /^ *description:/ { a = 0; skip = 1; next }
	skip && /^            / { next }
	{ skip = 0 }
	/^ *- record: agent:shmtel_agent_tx_bytes:rate5m/ { sub(/agent:shmtel_agent_tx_bytes:rate5m/, "shmtel_agent_tx_bytes_rate5m") }
	/^ *- record: shmtel:textfile_age_seconds:threshold/ { sub(/textfile_age_seconds/, "textfile_age_secs") }
	{ print }' "$RULES" >"$B"
out=$(check "$B")
for want in "ShmtelAgentDown: no for:" "NixlErrorRatioHigh: no severity" \
	"HailoDeviceSaturated: no description" "shmtel_agent_tx_bytes_rate5m: not named" \
	"shmtel:textfile_age_secs:threshold: read by no alert" \
	"ShmtelTextfileStale: reads shmtel:textfile_age_seconds:threshold, which no rule records"; do
	grep -qF "$want" <<<"$out" || fail "the checker misses '$want' in a broken copy: $(echo $out)"
done
