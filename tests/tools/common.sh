# common.sh - what every test library shares (sourced, not run).

# fail MESSAGE: the test fails with one line on stderr.
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# wait_within SECONDS CMD...: run CMD every 20 ms until it succeeds;
# return 1 if it has not after SECONDS (the caller says what failed).
wait_within() {
	local limit=$1 start=$SECONDS
	shift
	until "$@"; do
		((SECONDS - start < limit)) || return 1
		sleep 0.02
	done
}

# as_nobody PROG ARGS...: run PROG as the unprivileged user nobody (for
# what only root may do, such as reading a 0600 file).  The program is
# copied into a directory nobody may enter first: the checkout can sit
# below one it may not (root's home is 0700 on Debian).
as_nobody() {
	local prog bin=$TMPDIR/as-nobody
	prog=$(command -v "$1") || fail "as_nobody: no program $1"
	shift
	mkdir -p "$bin" && cp "$prog" "$bin/" && chmod 755 "$TMPDIR" "$bin" ||
		fail "as_nobody: cannot copy $prog"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$bin/${prog##*/}" "$@"
}
