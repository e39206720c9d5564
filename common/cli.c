/* SPDX-License-Identifier: MIT */
/* cli.c - usage errors in one style (see cli.h). */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "esc.h"

int cli_usage_error(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
	return CLI_EX_USAGE;
}

int cli_bad_value(const char *prog, const char *opt, const char *arg, const char *allowed)
{
	char safe[1024];

	esc_term(safe, sizeof(safe), arg);
	return cli_usage_error(prog, "invalid value '%s' for %s (allowed: %s)", safe, opt, allowed);
}

int cli_getopt_error(const char *prog, int ch, char *const argv[])
{
	/*
	 * The word getopt was at, for a long option: it has moved optind past
	 * it.  (Inside an unfinished cluster of short options it has not, but
	 * then optopt names the character and the word is not needed.)
	 */
	const char *word = optind > 0 && argv[optind - 1] ? argv[optind - 1] : "";
	int is_long = !strncmp(word, "--", 2) && word[2];
	const char *eq = strchr(word, '=');
	char name[256], safe[4 * sizeof(name)];

	/* A command line may come from a script: what it says is escaped too. */
	snprintf(name, sizeof(name), "%.*s", eq ? (int)(eq - word) : (int)strlen(word), word);
	esc_term(safe, sizeof(safe), name);
	if (ch == ':')
		return is_long ? cli_usage_error(prog, "option '%s' requires an argument", safe)
			       : cli_usage_error(prog, "option requires an argument -- '%c'", optopt);
	if (!optopt)	/* glibc: a long option it does not know (or that is ambiguous) */
		return cli_usage_error(prog, "unrecognized option '%s'", is_long ? safe : word[0] ? safe : "?");
	if (is_long && eq)
		return cli_usage_error(prog, "option '%s' doesn't allow an argument", safe);
	if (optopt > 32 && optopt < 127)
		return cli_usage_error(prog, "invalid option -- '%c'", optopt);
	return cli_usage_error(prog, "invalid option '%s'", safe);
}
