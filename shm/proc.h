/* SPDX-License-Identifier: MIT */
/*
 * proc.h - what /proc says about a process, for telling one process from
 * a later one that reuses its pid.
 */
#ifndef SHM_PROC_H
#define SHM_PROC_H

#include <stdint.h>

/*
 * proc_start_ticks: the start time of process @pid, in clock ticks since
 * boot (field 22 of /proc/PID/stat).  Returns 0, -errno when the file
 * cannot be read (-ENOENT: no such process), or -ESRCH when it does not
 * parse.
 */
int proc_start_ticks(int32_t pid, uint64_t *ticks);

#endif
