# No libnvidia-ml.so.1 anywhere the loader looks (LD_LIBRARY_PATH an empty
# directory): --list says "nvml: libnvidia-ml.so.1 not found" and the
# collector is not available — not an error: --list and --once exit 0.
set -euo pipefail
. "$SRC/tests/tools/common.sh"

# A machine with NVIDIA's driver has the real library on the loader's path.
if ldconfig -p 2>/dev/null | grep -q 'libnvidia-ml\.so\.1 '; then
	echo "skip: this machine has libnvidia-ml.so.1"
	exit 77
fi
TD=$TMPDIR/tel
mkdir -p "$TD" "$TMPDIR/empty"
export LD_LIBRARY_PATH=$TMPDIR/empty

telemetry_power --list --collectors nvml >"$TMPDIR/list" 2>"$TMPDIR/err" ||
	fail "--list exit status $?: $(cat "$TMPDIR/err")"
grep -qx 'nvml: libnvidia-ml.so.1 not found' "$TMPDIR/list" || fail "--list said: $(cat "$TMPDIR/list")"
grep -qx 'nvml: not available: .*' "$TMPDIR/list" || fail "nvml not said unavailable: $(cat "$TMPDIR/list")"
telemetry_power --once --collectors nvml --dir "$TD" 2>"$TMPDIR/err" ||
	fail "--once exit status $?: $(cat "$TMPDIR/err")"
