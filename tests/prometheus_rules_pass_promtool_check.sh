#!/usr/bin/env bash
# promtool check rules passes on examples/prometheus/shmtel-rules.yml with
# every lint and no finding, counting every rule the file lists; and
# promtool check config passes on examples/prometheus/prometheus.yml, run
# from elsewhere, finding and checking shmtel-rules.yml beside it (its
# rule_files path is relative to the configuration file).  The output must
# be the success lines and nothing else: promtool prints lint findings and
# still exits 0 unless told otherwise.
set -euo pipefail
. "$SRC/tests/tools/common.sh"
command -v promtool >/dev/null || { echo "no promtool"; exit 77; }
DIR=$SRC/examples/prometheus
RULES=$DIR/shmtel-rules.yml

listed=$(grep -cE '^ *- (record|alert):' "$RULES")
[ "$listed" -gt 0 ] || fail "no rule in $RULES"

out=$(promtool check rules --lint=all --lint-fatal "$RULES" 2>&1) ||
	fail "promtool check rules: $(echo $out)"
want="Checking $RULES
  SUCCESS: $listed rules found"
[ "$out" = "$want" ] || fail "promtool check rules says more than success ($listed rules): $(echo $out)"

cd "$TMPDIR"
out=$(promtool check config --lint=all --lint-fatal "$DIR/prometheus.yml" 2>&1) ||
	fail "promtool check config: $(echo $out)"
want="Checking $DIR/prometheus.yml
  SUCCESS: 1 rule files found
 SUCCESS: $DIR/prometheus.yml is valid prometheus config file syntax

Checking $RULES
  SUCCESS: $listed rules found"
[ "$out" = "$want" ] || fail "promtool check config says other than success with $RULES: $(echo $out)"
