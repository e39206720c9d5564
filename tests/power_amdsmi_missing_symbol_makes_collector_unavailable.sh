# A librocm_smi64.so that lacks one of the functions the collector needs
# (here rsmi_dev_busy_percent_get) is not used at all: --list says so in one
# line naming it, and the collector is not available; with no library at
# all --list says it was not found.  Neither is an error: exit 0.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

mkdir -p "$TMPDIR/empty"
fake_gpu_lib fake_rocm_smi librocm_smi64.so -DFAKE_RSMI_NO_BUSY

LD_LIBRARY_PATH=$LIB telemetry_power --list --collectors amdsmi >"$TMPDIR/list" 2>"$TMPDIR/err" ||
	fail "--list exit status $?: $(cat "$TMPDIR/err")"
[ "$(grep -c rsmi_dev_busy_percent_get "$TMPDIR/list")" = 1 ] ||
	fail "not one line naming the missing function: $(cat "$TMPDIR/list")"
[ "$(grep -c '^amdsmi: ' "$TMPDIR/list")" = 2 ] ||
	fail "more than that line and the verdict: $(cat "$TMPDIR/list")"
grep -qx 'amdsmi: not available: .*' "$TMPDIR/list" || fail "amdsmi not said unavailable: $(cat "$TMPDIR/list")"
LD_LIBRARY_PATH=$LIB once_to_prom --collectors amdsmi
! grep -q 'source="amdsmi"' "$TMPDIR/prom" || fail "series from the unavailable collector"

# A machine with ROCm has the real library on the loader's path.
if ldconfig -p 2>/dev/null | grep -q 'librocm_smi64\.so'; then
	echo "skip: this machine has librocm_smi64.so (the rest passed)"
	exit 77
fi
LD_LIBRARY_PATH=$TMPDIR/empty telemetry_power --list --collectors amdsmi >"$TMPDIR/list" ||
	fail "--list without the library exit status $?"
grep -qx 'amdsmi: librocm_smi64.so not found' "$TMPDIR/list" || fail "--list said: $(cat "$TMPDIR/list")"
