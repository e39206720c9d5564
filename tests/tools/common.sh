# common.sh - what every test library shares (sourced, not run).

# fail MESSAGE: the test fails with one line on stderr.
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
