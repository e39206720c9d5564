# Names are the file's: a 300-byte network name is cut to fit a label
# (with a hash of the whole, so two long names sharing a prefix stay two
# series), and quotes, backslashes, newlines and UTF-8 in names survive.
. "$SRC/tests/tools/hailo_lib.sh"

long=$(printf 'n%.0s' $(seq 300))
q='say "hi" \ then
next line'
hmon_encode "$HM/${$}LoNgNm" <<EOT
pid: "$$"
networks_infos { network_name: "${long}A" fps: 1 utilization: 1 }
networks_infos { network_name: "${long}B" fps: 2 utilization: 2 }
networks_infos { network_name: "say \"hi\" \\\\ then\\nnext line" fps: 3 utilization: 3 }
networks_infos { network_name: "r\303\251seau" fps: 4 utilization: 4 }
EOT
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" 2>"$TMPDIR/err"
[ -s "$TMPDIR/err" ] && fail "warnings: $(cat "$TMPDIR/err")"

telemetry_reader --once --format json "$TD" |
	jq -r 'select(.name == "hailo_network_fps") | [.labels.network, .value] | @json' >"$TMPDIR/got"
[ "$(wc -l <"$TMPDIR/got")" -eq 4 ] || fail "want 4 fps series: $(cat "$TMPDIR/got")"
# The two long ones: cut to 96 bytes, same 87-byte prefix, different hashes.
jq -r 'select(.[1] <= 2) | .[0]' "$TMPDIR/got" >"$TMPDIR/long"
[ "$(sort -u "$TMPDIR/long" | wc -l)" -eq 2 ] || fail "long names merged: $(cat "$TMPDIR/long")"
while read -r n; do
	[ ${#n} -eq 96 ] || fail "long name is ${#n} bytes: $n"
	[[ $n == "$(printf 'n%.0s' $(seq 87))~"???????? ]] || fail "long name not prefix~hash: $n"
done <"$TMPDIR/long"
# The others verbatim.
jq -se --arg q "$q" 'any(.[]; .[0] == $q and .[1] == 3)' "$TMPDIR/got" >/dev/null ||
	fail "quoted name changed: $(cat "$TMPDIR/got")"
jq -se 'any(.[]; .[0] == "réseau" and .[1] == 4)' "$TMPDIR/got" >/dev/null ||
	fail "UTF-8 name changed: $(cat "$TMPDIR/got")"
