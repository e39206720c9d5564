/* SPDX-License-Identifier: MIT */
/*
 * collectors.c - every collector telemetry_power knows, in the order
 * --list reports them and the sample loop runs them.
 */
#include <stddef.h>
#include "collectors.h"

const struct pw_collector *const pw_all[] = {
	&pw_rapl, &pw_hwmon, &pw_thermal, &pw_host, &pw_tegrastats, &pw_nvml, &pw_amdsmi,
};
const size_t pw_nall = sizeof(pw_all) / sizeof(pw_all[0]);
