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

# CONTROL_CASES: the controls that must never reach a terminal raw (C1,
# line and paragraph separators, bidirectional embeddings, overrides and
# isolates), one a line: the code point, and its UTF-8 bytes as the
# terminal escaper spells them.
CONTROL_CASES='0080 \xc2\x80
0085 \xc2\x85
009b \xc2\x9b
009f \xc2\x9f
2028 \xe2\x80\xa8
2029 \xe2\x80\xa9
202a \xe2\x80\xaa
202b \xe2\x80\xab
202c \xe2\x80\xac
202d \xe2\x80\xad
202e \xe2\x80\xae
2066 \xe2\x81\xa6
2067 \xe2\x81\xa7
2068 \xe2\x81\xa8
2069 \xe2\x81\xa9'
