/* SPDX-License-Identifier: MIT */
/*
 * While a writer keeps creating, closing and re-creating agents, a reader
 * scanning the directory never sees a half-made ring: every open either
 * finds no file or a complete, valid one.
 */
#include <signal.h>
#include <sys/wait.h>
#include "harness.h"
#include "common/scan.h"

#define BAD (-1000)	/* scan_dir returns the count otherwise */

static int check_one(const char *path, const char *name, void *arg)
{
	char why[128];
	struct ring *r;
	int ret = ring_open(path, &r, why, sizeof(why));

	(void)name;
	(void)arg;
	if (ret == -ENOENT)
		return 0;
	if (ret) {
		fprintf(stderr, "%s: %s\n", path, why);
		return BAD;
	}
	ring_close(r);
	return 0;
}

int main(void)
{
	const char *dir = t_tmpdir();
	int rounds = (int)t_scale(400), st;
	pid_t reader = fork();

	CHECK(reader >= 0);
	if (reader == 0) {
		for (;;)
			if (scan_dir(dir, check_one, NULL) == BAD)
				_exit(1);
	}
	for (int i = 0; i < rounds; i++) {
		char name[16];

		snprintf(name, sizeof(name), "a%d", i % 3);
		shmtel_agent_close(t_open(dir, name, 64, 2));
	}
	/* Still running means it never saw a bad file. */
	CHECK(waitpid(reader, &st, WNOHANG) == 0);
	kill(reader, SIGKILL);
	waitpid(reader, &st, 0);
	return 0;
}
