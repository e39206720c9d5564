# top_power_lib.sh - the rings the tests/top_power_view_*.sh tests share;
# sourced after top_lib.sh, not run.
#
# A "power" agent as telemetry_power writes it: a RAPL package zone of
# 42.5 W with its energy counter (1000000 + 2500000 uJ = 3.5 J), a hwmon
# sensor of 7.25 W (not in the host total: a RAPL package exists), and
# two temperatures; a Hailo ring at 29.97 fps; and a NIXL-like agent whose
# byte counters carry 4000 tx and 1000 rx bytes.

# fixture NAME SPEC: prom_fixture --hold fed SPEC, stopped at exit; waits until ready.
fixture() {
	printf '%b' "$2" >"$TMPDIR/$1.spec"
	prom_fixture --dir "$D" --name "$1" --hold <"$TMPDIR/$1.spec" >"$TMPDIR/$1.out" &
	BG_PIDS="$BG_PIDS $!"
	wait_for grep -q ready "$TMPDIR/$1.out"
}

power_rings() {
	fixture power \
'gauge\tf64\tSYSTEM\tW\tpower\tsource="rapl",zone="package-0",index="0"\t40,42.5
counter\tu64\tSYSTEM\tuJ\tenergy\tsource="rapl",zone="package-0",index="0"\t1000000,2500000
gauge\tf64\tSYSTEM\tW\tpower\tsource="hwmon",chip="nvme",sensor="power1"\t7.25
gauge\tf64\tSYSTEM\tcelsius\ttemperature\tsource="hwmon",chip="k10temp",sensor="temp1"\t55
gauge\tf64\tSYSTEM\tcelsius\ttemperature\tsource="hwmon",chip="nvme",sensor="temp2"\t71.5
'
	fixture nixl-sim \
'counter\tu64\tTRANSFER\tbytes\tagent_tx_bytes\t-\t1000,3000
counter\tu64\tTRANSFER\tbytes\tagent_rx_bytes\t-\t1000
'
	bg top_hailo_writer "$D" 4242
	wait_for live hailo-4242
	wait_for live power
	wait_for live nixl-sim
}
