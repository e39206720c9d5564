# A file that stays undecodable while the bridge runs is reported once,
# not at every tick or every rewrite.  Each round rewrites the garbage,
# then a good dump with a new value, and waits until the ring has that
# value, so the bridge has provably looked at the garbage again.
. "$SRC/tests/tools/hailo_lib.sh"

bad="$HM/2002bAdBaD"
start_bridge --interval 20
for i in 1 2 3 4 5 6; do
	# Wire type 7 first: never a message, whatever random bytes follow.
	{ printf '\x0f'; head -c 64 /dev/urandom; } >"$bad.tmp" && mv -f "$bad.tmp" "$bad"
	sample $$ "$i" | hmon_encode "$HM/${$}GoOd00"
	wait_for has_line "hailo-$$" "$DEV $i unit=percent count=$i"
done
stop_bridge
n=$(grep -c "/2002bAdBaD: .*skipped" "$TMPDIR/bridge.err" || true)
[ "$n" -eq 1 ] || fail "warned $n times: $(cat "$TMPDIR/bridge.err")"
