#!/usr/bin/env bash
# A name without a slash is found as tail finds it: the file or directory
# of that name in the current directory if there is one, else the agent
# of that name in $NIXL_TELEMETRY_DIR; with neither, exit 3 and one line
# that says where it looked.
set -u
. "$SRC/tests/tools/common.sh"
here=$TMPDIR/here there=$TMPDIR/there
mkdir -p "$here/tel" "$there"
# Told apart by their counts: 2 transfers here, 5 in the directory, 3 there.
nixl_agent --dir "$here" --name rank0 --count 2 --rate 0 || fail "cannot write rank0 here"
nixl_agent --dir "$here/tel" --name rank1 --count 5 --rate 0 || fail "cannot write tel/rank1"
nixl_agent --dir "$there" --name rank0 --count 3 --rate 0 || fail "cannot write rank0 there"
nixl_agent --dir "$there" --name only --count 3 --rate 0 || fail "cannot write only there"

# reads WHO ARGS...: n = the transfers telemetry_reader --once ARGS reads (run in $here).
reads() {
	local who=$1
	shift
	(cd "$here" && telemetry_reader --once --format json "$@") >"$TMPDIR/out" 2>"$TMPDIR/err" ||
		fail "$who: exit $?: $(cat "$TMPDIR/err")"
	n=$(jq -s 'map(select(.name == "agent_tx_requests_num")) | length' "$TMPDIR/out")
}

unset NIXL_TELEMETRY_DIR
reads 'a file here' rank0
[ "$n" = 2 ] || fail "rank0 here (no NIXL_TELEMETRY_DIR): not the file here"
reads 'a directory here' tel
[ "$n" = 5 ] || fail "tel here: not the directory here"
reads 'the current directory' .
[ "$n" = 2 ] || fail ". is not the current directory"
export NIXL_TELEMETRY_DIR=$there
reads 'a file here' rank0
[ "$n" = 2 ] || fail "rank0 here and there: the file here must win"
reads 'an agent' only
[ "$n" = 3 ] || fail "'only' (not here): not the agent in NIXL_TELEMETRY_DIR"

# Neither here nor an agent: what was looked for, exit 3.
(cd "$here" && telemetry_reader --once nosuch) >/dev/null 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 3 ] && [ "$(cat "$TMPDIR/err")" = "telemetry_reader: $there/nosuch: No such file or directory" ] ||
	fail "missing agent: exit $rc: $(cat "$TMPDIR/err")"
unset NIXL_TELEMETRY_DIR
(cd "$here" && telemetry_reader --once nosuch) >/dev/null 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 3 ] && [ "$(wc -l <"$TMPDIR/err")" = 1 ] &&
	grep -qx "telemetry_reader: nosuch: No such file or directory (nor an agent: NIXL_TELEMETRY_DIR is not set)" \
		"$TMPDIR/err" || fail "missing name without NIXL_TELEMETRY_DIR: exit $rc: $(cat "$TMPDIR/err")"
exit 0
