#!/usr/bin/env bash
# A telemetry directory may be shared (NIXL_TELEMETRY_DIR=/tmp): the files
# in it that are not rings (logs, empty files, NIXL's own rings, FIFOs,
# links, directories) are skipped without a warning each; the regular
# ones are counted in shmtel_export_skipped_files.  Files the exporter may
# not read are errors (one of them could be a ring), said in one line for
# the directory, not one each.
source "$SRC/tests/tools/prom_lib.bash"
nixl_agent --dir "$D" --name rank0 --count 10 --rate 0
echo "started" >"$D/app.log"
: >"$D/empty"
head -c 8192 /dev/zero >"$D/zeros.bin"
nixl_writer --create --version 4 --capacity 64 --count 5 "$D/nixl-native" >/dev/null
mkfifo "$D/fifo"
ln -s app.log "$D/link"
mkdir "$D/subdir"
# A FIFO opened for reading would block: the run must end all the same.
timeout 20 telemetry_prom "$D" >"$TMPDIR/out.prom" 2>"$TMPDIR/err" || fail "exit $?"
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
prom_clean "$TMPDIR/out.prom"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_rings)" = 1 ] || fail "rings exported"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_skipped_files)" = 4 ] ||
	fail "skipped files: $(prom_sample "$TMPDIR/out.prom" shmtel_export_skipped_files), want 4"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_errors)" = 0 ] || fail "a non-ring counted as an error"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_up agent=\"rank0\")" = 0 ] || fail "rank0 missing"

# Three files nobody may read: one line for the three, and three errors.
for f in private1 private2 private3; do
	echo secret >"$D/$f"
	chmod 000 "$D/$f"
done
chmod 755 "$D"
if [ "$(id -u)" = 0 ]; then
	as_nobody telemetry_prom "$D" >"$TMPDIR/out.prom" 2>"$TMPDIR/err" || fail "as nobody: exit $?"
else
	telemetry_prom "$D" >"$TMPDIR/out.prom" 2>"$TMPDIR/err" || fail "exit $?"
fi
[ "$(cat "$TMPDIR/err")" = "telemetry_prom: $D: 3 files not readable (Permission denied): private1 and 2 more" ] ||
	fail "stderr: $(cat "$TMPDIR/err")"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_errors)" = 3 ] || fail "unreadable files not errors"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_skipped_files)" = 4 ] || fail "skipped files changed"
# With -q, not even that line.
if [ "$(id -u)" = 0 ]; then
	as_nobody telemetry_prom -q "$D" >/dev/null 2>"$TMPDIR/err" || fail "-q as nobody: exit $?"
else
	telemetry_prom -q "$D" >/dev/null 2>"$TMPDIR/err" || fail "-q: exit $?"
fi
[ ! -s "$TMPDIR/err" ] || fail "-q: stderr: $(cat "$TMPDIR/err")"
