#!/usr/bin/env bash
# -o FILE is written mode 0644 whatever the umask (node_exporter runs as
# another user), holds exactly what stdout would, and leaves nothing else
# in the directory.
source "$SRC/tests/tools/prom_lib.bash"
nixl_agent --dir "$D" --name nixl-rank0 --count 100 --rate 0 >/dev/null
hailo_spec | fixture hailo-4242 --source-pid 4242
OUT=$TMPDIR/textfile
mkdir "$OUT"
(umask 077 && telemetry_prom -o "$OUT/shmtel.prom" "$D") || fail "export failed"
[ "$(stat -c %a "$OUT/shmtel.prom")" = 644 ] || fail "mode $(stat -c %a "$OUT/shmtel.prom")"
telemetry_prom "$D" >"$TMPDIR/stdout.prom" || fail "stdout export failed"
cmp "$OUT/shmtel.prom" "$TMPDIR/stdout.prom" || fail "file and stdout differ"
[ "$(ls -A "$OUT")" = shmtel.prom ] || fail "left behind: $(ls -A "$OUT")"
# Replacing an existing file works the same way.
(umask 077 && telemetry_prom -o "$OUT/shmtel.prom" "$D") || fail "second export failed"
[ "$(stat -c %a "$OUT/shmtel.prom")" = 644 ] && [ "$(ls -A "$OUT")" = shmtel.prom ] ||
	fail "second export: mode $(stat -c %a "$OUT/shmtel.prom"), files $(ls -A "$OUT")"
