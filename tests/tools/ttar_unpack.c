/* SPDX-License-Identifier: MIT */
/*
 * ttar_unpack ARCHIVE DIR: unpack a ttar archive (node_exporter's text
 * fixture format) into DIR, for the power tests' sysfs roots.
 *
 * Records: "Path: P" then "Lines: N" and N lines of content and "Mode: M",
 * or "SymlinkTo: T"; "Directory: P" then "Mode: M"; records are separated
 * by "# ttar - - -" lines; other lines starting with # are comments.  In content, NULLBYTE stands for a NUL byte
 * and a last line ending in EOF has no trailing newline.  Paths leaving
 * DIR (absolute, or with a ".." component) are refused, so an archive
 * can only write where the test said.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROG "ttar_unpack"

static int line_no;

static void die(const char *what, const char *why)
{
	fprintf(stderr, PROG ": line %d: %s: %s\n", line_no, what, why);
	exit(1);
}

static int safe(const char *p)
{
	if (!*p || *p == '/')
		return 0;
	for (const char *s = p; (s = strstr(s, "..")); s += 2)
		if ((s == p || s[-1] == '/') && (s[2] == '/' || !s[2]))
			return 0;
	return 1;
}

/* Create every directory leading to @path (relative to the cwd). */
static void parents(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(buf, 0755) && errno != EEXIST)
			die(buf, strerror(errno));
		*s = '/';
	}
}

static char *get(char **line, size_t *cap, FILE *f)
{
	ssize_t n = getline(line, cap, f);

	if (n < 0)
		return NULL;
	line_no++;
	if (n && (*line)[n - 1] == '\n')
		(*line)[n - 1] = 0;
	return *line;
}

static void mode_of(char **line, size_t *cap, FILE *f, const char *path)
{
	char *l = get(line, cap, f);

	if (!l || strncmp(l, "Mode: ", 6))
		die(path, "no Mode line");
	if (chmod(path, (mode_t)strtoul(l + 6, NULL, 8)))
		die(path, strerror(errno));
}

/* Write one content line: NULLBYTE as NUL, a trailing EOF as no newline. */
static void put_line(FILE *out, const char *l, int last)
{
	size_t n = strlen(l);
	int nl = 1;

	if (last && n >= 3 && !strcmp(l + n - 3, "EOF")) {
		n -= 3;
		nl = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (i + 8 <= n && !memcmp(l + i, "NULLBYTE", 8)) {
			fputc(0, out);
			i += 7;
		} else {
			fputc(l[i], out);
		}
	}
	if (nl)
		fputc('\n', out);
}

int main(int argc, char **argv)
{
	char *line = NULL, path[4096];
	size_t cap = 0;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: " PROG " ARCHIVE DIR\n");
		return 2;
	}
	f = fopen(argv[1], "r");
	if (!f)
		die(argv[1], strerror(errno));
	if (mkdir(argv[2], 0755) && errno != EEXIST)
		die(argv[2], strerror(errno));
	if (chdir(argv[2]))
		die(argv[2], strerror(errno));
	while (get(&line, &cap, f)) {
		int dir = !strncmp(line, "Directory: ", 11);

		if (!line[0] || line[0] == '#')
			continue;
		if (!dir && strncmp(line, "Path: ", 6))
			die(line, "not a record");
		snprintf(path, sizeof(path), "%s", line + (dir ? 11 : 6));
		if (!safe(path))
			die(path, "leaves the directory");
		parents(path);
		if (dir) {
			if (mkdir(path, 0755) && errno != EEXIST)
				die(path, strerror(errno));
			mode_of(&line, &cap, f, path);
			continue;
		}
		if (!get(&line, &cap, f))
			die(path, "record ends early");
		if (!strncmp(line, "SymlinkTo: ", 11)) {
			if (symlink(line + 11, path) && errno != EEXIST)
				die(path, strerror(errno));
			continue;
		}
		if (strncmp(line, "Lines: ", 7))
			die(path, "no Lines or SymlinkTo line");
		long n = strtol(line + 7, NULL, 10);
		FILE *out = fopen(path, "w");

		if (!out)
			die(path, strerror(errno));
		for (long i = 0; i < n; i++) {
			if (!get(&line, &cap, f))
				die(path, "content ends early");
			put_line(out, line, i == n - 1);
		}
		if (fclose(out))
			die(path, strerror(errno));
		mode_of(&line, &cap, f, path);
	}
	free(line);
	fclose(f);
	return 0;
}
