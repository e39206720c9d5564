#!/usr/bin/env bash
# Names that the bridges copy from outside files: a NIXL event name (and
# the NIXL file's name) through telemetry_nixl, and Hailo device ids,
# network and stream names through telemetry_hailo.  Holding U+009B (the
# one-character CSI) or U+202E (right-to-left override), they reach
# neither telemetry_reader's output nor telemetry_top's text, screen or
# JSON raw: the text spells them \xc2\x9b and \xe2\x80\xae, JSON \u009b
# and \u202e.
. "$SRC/tests/tools/top_lib.sh"
export LC_ALL=C.UTF-8
command -v protoc >/dev/null || { echo "protoc not installed"; exit 77; }
csi=$'\xc2\x9b' rlo=$'\xe2\x80\xae'

# no_raw FILE WHAT: FILE holds neither character.
no_raw() {
	if grep -qF -e "$csi" -e "$rlo" "$1"; then
		fail "raw control in $2: $(grep -F -e "$csi" -e "$rlo" "$1" | od -c | head -n 4)"
	fi
}

# has FILE WHAT TEXT...: FILE holds every TEXT (taken literally).
has() {
	local f=$1 what=$2 t
	shift 2
	for t; do
		grep -qF -- "$t" "$f" || fail "$what lacks $t: $(head -c 2000 "$f")"
	done
}

mkdir "$TMPDIR/nixl" "$TMPDIR/hmon"
nixl_mkring --version 2 --layout named --capacity 4 "$TMPDIR/nixl/ag${csi}x" "1:ev${csi}ent:5" \
	"1:rl${rlo}o:6"
telemetry_nixl --once --dir "$D" "$TMPDIR/nixl" 2>"$TMPDIR/nixl.err" ||
	fail "telemetry_nixl: exit $?: $(cat "$TMPDIR/nixl.err")"
# As HailoRT writes its dump: encoded to a temporary name, then renamed.
protoc --encode=ProtoMon -I "$SRC/hailo" scheduler_mon.proto >"$TMPDIR/hmon/$$.tmp" <<EOT
pid: "$$"
networks_infos { network_name: "net\xc2\x9bx" fps: 30 utilization: 20 }
net_frames_infos {
  network_name: "net\xc2\x9bx"
  streams_frames_infos { stream_name: "in\xe2\x80\xaex" buffer_frames_size: 4 pending_frames_count: 1
    min_pending_frames_count: 1 max_pending_frames_count: 2 avg_pending_frames_count: 1.5 }
}
device_infos { device_id: "dev\xc2\x9bx" utilization: 10 device_arch: "HAI\xe2\x80\xaeLO" }
EOT
mv "$TMPDIR/hmon/$$.tmp" "$TMPDIR/hmon/${$}aBc012"
bg telemetry_hailo --hmon-dir "$TMPDIR/hmon" --dir "$D"
wait_for live "hailo-$$"

t_csi='\xc2\x9b' t_rlo='\xe2\x80\xae'
for f in block line; do
	telemetry_reader --once --format $f "$D" >"$TMPDIR/$f"
	no_raw "$TMPDIR/$f" "telemetry_reader $f output"
	has "$TMPDIR/$f" "telemetry_reader $f output" "ev${t_csi}ent" "rl${t_rlo}o" \
		"nixl-ag${t_csi}x" "device_id=\"dev${t_csi}x\"" "network=\"net${t_csi}x\"" \
		"stream=\"in${t_rlo}x\"" "arch=\"HAI${t_rlo}LO\""
done
telemetry_reader --once --format json "$D" >"$TMPDIR/json"
no_raw "$TMPDIR/json" "telemetry_reader JSON output"
has "$TMPDIR/json" "telemetry_reader JSON output" '"ev\u009bent"' '"net\u009bx"' '"in\u202ex"'
jq -se --arg d "dev${csi}x" 'any(.labels.device_id == $d)' "$TMPDIR/json" >/dev/null ||
	fail "JSON does not decode to the device id"

telemetry_top -b -n 1 -w 400 "$D" >"$TMPDIR/top"
no_raw "$TMPDIR/top" "telemetry_top's text output"
has "$TMPDIR/top" "telemetry_top's text output" "ev${t_csi}ent" "rl${t_rlo}o" "nixl-ag${t_csi}x" \
	"dev${t_csi}x" "net${t_csi}x" "in${t_rlo}x" "HAI${t_rlo}LO"
snap >"$TMPDIR/top.json"
no_raw "$TMPDIR/top.json" "telemetry_top --json"
jq -e --arg d "dev${csi}x" --arg n "net${csi}x" \
	'any(.hailo.devices[]; .device_id == $d) and any(.hailo.networks[]; .model == $n)' \
	"$TMPDIR/top.json" >/dev/null || fail "--json hailo: $(jq -c .hailo "$TMPDIR/top.json")"

# screen_with FILE WHAT TEXT...: wait for one capture of the screen that
# holds every TEXT (a view is drawn over more than one write, and a
# capture may come between them), kept in FILE.
screen_with() {
	local f=$1 what=$2 end=$((SECONDS + WAIT_SECS)) t ok
	shift 2
	for (( ; ; )); do
		tm_screen >"$f"
		ok=1
		for t; do
			grep -qF -- "$t" "$f" || ok=0
		done
		[ "$ok" = 1 ] && return 0
		[ "$SECONDS" -lt "$end" ] || fail "$what never showed all of $*: $(cat "$f")"
		sleep 0.05
	done
}

# The screen: agents, series, then the Hailo view.
need_tmux
tm_top 250 40 "$D"
screen_with "$TMPDIR/s1" "the agents screen" "hailo-$$" "nixl-ag${t_csi}x"
no_raw "$TMPDIR/s1" "the agents screen"
tm_keys 2
screen_with "$TMPDIR/s2" "the series screen" "ev${t_csi}ent" "rl${t_rlo}o"
no_raw "$TMPDIR/s2" "the series screen"
tm_keys 3
screen_with "$TMPDIR/s3" "the Hailo screen" "dev${t_csi}x" "net${t_csi}x" "in${t_rlo}x"
no_raw "$TMPDIR/s3" "the Hailo screen"
tm_end
