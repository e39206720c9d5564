#!/usr/bin/env bash
# dashboard_lint.sh - check Grafana dashboards as shmtel ships them.
#
#   dashboard_lint.sh [--metrics FILE] DASHBOARD.json...
#
# Prints one line per finding, `FILE: panel "TITLE": what` (or `FILE:
# what`, `FILE: variable "NAME": what`), and exits 1 if there is any, 2 on
# a usage error.  A dashboard must be valid JSON, importable as it is:
# "id" null, a DS_PROMETHEUS datasource in __inputs, every panel (also
# those inside collapsed rows) but rows on datasource ${DS_PROMETHEUS}
# with at least one target, each with an expr and the panel's datasource,
# a unit, a description and a gridPos; no two panels with one id; every
# query variable on the same datasource.
#
# With --metrics FILE (one metric name a line: what the exporters really
# export), every metric name an expr or a variable's label_values() uses
# must be in FILE, and every function called must be one of PromQL's.
# Names are found by a rough lexer, not a parser: strings, label matchers
# {...}, ranges and subqueries [...], grouping clauses by/without/on/
# ignoring/group_left/group_right (...), Grafana variables and numbers are
# removed, then every identifier left is a function (followed by "("), a
# keyword, a recording rule (holds ':') or a metric name.  Its limits: a
# name inside a string ({__name__="x"}, label_replace's arguments) is not
# checked, nor is a selector without a name; PromQL syntax is not checked
# (Prometheus does that, in the end-to-end test); only label_values() and
# query_result() variable queries are looked into.
set -u

usage() {
	echo "usage: dashboard_lint.sh [--metrics FILE] DASHBOARD.json..." >&2
	exit 2
}

metrics=
while [ $# -gt 0 ]; do
	case $1 in
	--metrics)
		[ $# -ge 2 ] || usage
		metrics=$2
		shift 2
		;;
	--metrics=*) metrics=${1#--metrics=}; shift ;;
	-h | --help) usage ;;
	--) shift; break ;;
	-*) echo "dashboard_lint.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || usage
command -v jq >/dev/null || { echo "dashboard_lint.sh: jq not found" >&2; exit 2; }
names=
if [ -n "$metrics" ]; then
	[ -r "$metrics" ] || { echo "dashboard_lint.sh: cannot read $metrics" >&2; exit 2; }
	names=$(cat "$metrics")
	[ -n "$names" ] || { echo "dashboard_lint.sh: $metrics: no metric names" >&2; exit 2; }
fi

read -r -d '' LINT <<'EOF'
def ds_ok: type == "object" and .type == "prometheus" and .uid == "${DS_PROMETHEUS}";
def set: map({key: ., value: true}) | from_entries;

def keywords: ["and", "or", "unless", "atan2", "bool", "offset", "by", "without", "on",
	"ignoring", "group_left", "group_right", "inf", "nan"] | set;
def functions: ["abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan",
	"atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos",
	"cosh", "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month",
	"deg", "delta", "deriv", "double_exponential_smoothing", "exp", "floor", "histogram_avg",
	"histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev",
	"histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta", "increase", "info",
	"irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2",
	"mad_over_time", "max_over_time", "min_over_time", "minute", "month", "pi",
	"predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets",
	"round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc",
	"sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan",
	"tanh", "time", "timestamp", "vector", "year",
	"avg", "bottomk", "count", "count_values", "group", "limitk", "limit_ratio", "max", "min",
	"quantile", "stddev", "stdvar", "sum", "topk", "start", "end"] | set;

# What is left of a PromQL expression once nothing in it can hide a name
# or look like one (see the comment at the top).
def scrub:
	gsub("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`"; " ")
	| gsub("\\$\\{[^}]*\\}|\\$[A-Za-z0-9_]+|\\[\\[[^\\]]*\\]\\]"; " ")
	| gsub("\\{[^}]*\\}"; " ")
	| gsub("\\[[^\\]]*\\]"; " ")
	| gsub("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)"; " "; "i")
	| gsub("(?<![A-Za-z0-9_:.])[0-9][A-Za-z0-9_.]*"; " ");

# The findings about the names expression $e uses.
def names($e; $allowed):
	if $allowed == null then empty else
	[$e | scrub | scan("([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?")
	 | .[0] as $n
	 | if keywords[$n | ascii_downcase] then empty
	   elif .[1] != null then (if functions[$n] then empty else "unknown function \($n)" end)
	   elif ($n | contains(":")) then empty
	   elif $allowed[$n] then empty
	   else "unknown metric \($n)" end]
	| unique[] end;

def panel_findings($file; $allowed):
	"\($file): panel \"\(.title // "(untitled)")\"" as $at
	| (if (.gridPos | type) == "object" and ([.gridPos.h, .gridPos.w, .gridPos.x, .gridPos.y]
	       | all(type == "number")) then empty else "\($at): no gridPos" end),
	  (if (.id | type) == "number" then empty else "\($at): no id" end),
	  (if .type == "row" then empty else
	    .datasource as $ds
	    | (if $ds | ds_ok then empty else "\($at): datasource is not ${DS_PROMETHEUS}" end),
	      (if (.fieldConfig.defaults.unit | type) == "string" and .fieldConfig.defaults.unit != ""
	       then empty else "\($at): no unit" end),
	      (if (.description | type) == "string" and .description != ""
	       then empty else "\($at): no description" end),
	      (if (.targets | type) == "array" and (.targets | length) > 0
	       then empty else "\($at): no target" end),
	      ((.targets // [])[] | "\($at): target \(.refId // "?")" as $t
	       | (if .datasource == $ds then empty else "\($t): datasource is not the panel's" end),
	         (if (.expr | type) == "string" and (.expr | test("\\S")) then
	            names(.expr; $allowed) | "\($at): \(.)"
	          else "\($t): no expr" end))
	  end);

def variable_findings($file; $allowed):
	"\($file): variable \"\(.name // "(unnamed)")\"" as $at
	| (.query | if type == "object" then .query else . end) as $q
	| (if .datasource | ds_ok then empty else "\($at): datasource is not ${DS_PROMETHEUS}" end),
	  (($q // "") | (capture("^\\s*label_values\\((?<e>.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$"),
	                 capture("^\\s*query_result\\((?<e>.*)\\)\\s*$")) | .e
	   | names(.; $allowed) | "\($at): \(.)");

($names | if . == "" then null else split("\n") | map(gsub("^\\s+|\\s+$"; "")
	| select(. != "")) | set end) as $allowed
| if type != "object" then "\($file): not a dashboard (a JSON object)" else
  (if has("id") and .id == null then empty else "\($file): id is not null" end),
  (if [.__inputs[]? | select(.name == "DS_PROMETHEUS" and .type == "datasource"
                            and .pluginId == "prometheus")] | length > 0
   then empty else "\($file): __inputs has no DS_PROMETHEUS Prometheus datasource" end),
  ([.panels[]?, (.panels[]? | select(.type == "row") | .panels[]?)] as $all
   | ($all[] | panel_findings($file; $allowed)),
     ($all | map(select((.id | type) == "number")) | group_by(.id)[] | select(length > 1)
      | .[0] as $first | .[1:][]
      | "\($file): panel \"\(.title // "(untitled)")\": duplicate id \(.id) (also \"\($first.title // "(untitled)")\")")),
  (.templating.list[]? | select(.type == "query") | variable_findings($file; $allowed))
  end
EOF

found=0
for f in "$@"; do
	if ! err=$(jq empty "$f" 2>&1); then
		echo "$f: not valid JSON: ${err%%$'\n'*}"
		found=1
		continue
	fi
	out=$(jq -r --arg file "$f" --arg names "$names" "$LINT" "$f") ||
		{ echo "dashboard_lint.sh: $f: jq failed" >&2; exit 2; }
	if [ -n "$out" ]; then
		printf '%s\n' "$out"
		found=1
	fi
done
exit "$found"
