/* SPDX-License-Identifier: MIT */
/*
 * cli.h - the one way every shmtel program reports a usage error, as GNU
 * tools do: one line saying what is wrong, one line pointing at --help,
 * exit status 2.
 *
 *   telemetry_reader: unrecognized option '--lats'
 *   Try 'telemetry_reader --help' for more information.
 *
 * getopt's own messages name argv[0] (often a full path) and come before
 * the program can add the hint, so programs set opterr = 0, begin their
 * optstring with ':' (so that a missing argument is ':', not '?') and hand
 * every '?' and ':' that getopt_long() returns to cli_getopt_error().
 */
#ifndef COMMON_CLI_H
#define COMMON_CLI_H

#define CLI_EX_USAGE 2

/* cli_usage_error: "PROG: <fmt...>" and the --help hint on stderr; returns CLI_EX_USAGE. */
int cli_usage_error(const char *prog, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * cli_bad_value: "PROG: invalid value 'ARG' for OPT (allowed: ALLOWED)"
 * and the hint, @arg escaped (a command line may come from a script).
 * Returns CLI_EX_USAGE.
 */
int cli_bad_value(const char *prog, const char *opt, const char *arg, const char *allowed);

/*
 * cli_getopt_error: what getopt_long() (with opterr = 0) just refused,
 * said as getopt would (unrecognized option, invalid option, option
 * requiring or refusing an argument), with the hint.  @ch is the
 * character getopt_long() returned ('?' or ':'), @argv and the current
 * optind/optopt tell which option.  Returns CLI_EX_USAGE.
 */
int cli_getopt_error(const char *prog, int ch, char *const argv[]);

#endif
