# Empty, truncated and garbage files (and one too large to be a monitor
# file) are skipped with one warning each; they make no ring, and the
# good file next to them is still written.
. "$SRC/tests/tools/hailo_lib.sh"

sample $$ 42 | hmon_encode "$TMPDIR/good"
cp "$TMPDIR/good" "$HM/${$}GoOd00"
: >"$HM/1001eMpTy0"
size=$(stat -c %s "$TMPDIR/good")
# Cut inside the first length-delimited field: protobuf-c must reject it.
head -c 3 "$TMPDIR/good" >"$HM/1002tRuNc0"
# Cut inside the last field (the device): its length overruns the file.
head -c $((size - 5)) "$TMPDIR/good" >"$HM/1003tRuNc1"
# A field tag with wire type 7, which does not exist.
printf '\x0f\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff' >"$HM/1004gArBg0"
head -c 4096 /dev/urandom >>"$HM/1004gArBg0"
# A length that claims far more bytes than there are.
printf '\x1a\xff\xff\xff\xff\x0f\x0a\x01\x41' >"$HM/1005lEnGtH"
head -c $((2 << 20)) /dev/zero >"$HM/1006hUgE00"

telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" 2>"$TMPDIR/err" || fail "exit status $?"
[ "$(ls "$TD")" = "hailo-$$" ] || fail "rings: $(ls "$TD")"
[ "$(value_of "hailo-$$" "$DEV")" = 42 ] || fail "good file not written"
for f in 1001eMpTy0 1002tRuNc0 1003tRuNc1 1004gArBg0 1005lEnGtH 1006hUgE00; do
	[ "$(grep -c "/$f: .*skipped" "$TMPDIR/err")" -eq 1 ] || fail "$f: not warned once"
done
[ "$(grep -c . "$TMPDIR/err")" -eq 6 ] || fail "other warnings"
