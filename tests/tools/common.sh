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
