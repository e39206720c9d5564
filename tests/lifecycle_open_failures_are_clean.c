/* SPDX-License-Identifier: MIT */
/*
 * Opening fails cleanly, with the errno and nothing left behind, when the
 * directory is missing or the disk cannot hold the file (here: a file
 * size limit, which fails the same space reservation a full disk does).
 */
#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include "harness.h"

static int try_open(const char *dir)
{
	struct shmtel_config cfg = { .dir = dir, .name = "agent" };
	struct shmtel_agent *a = (void *)1;
	int ret = shmtel_agent_open(&cfg, &a);

	CHECK(ret || a);
	CHECK(!ret || a == NULL);
	return ret;
}

int main(void)
{
	const char *dir = t_tmpdir();
	struct rlimit rl = { 64 * 1024, 64 * 1024 };
	char missing[512];
	struct dirent *e;
	DIR *d;

	snprintf(missing, sizeof(missing), "%s/not/there", dir);
	CHECK_EQ(try_open(missing), -ENOENT);

	signal(SIGXFSZ, SIG_IGN);
	CHECK(setrlimit(RLIMIT_FSIZE, &rl) == 0);
	CHECK_EQ(try_open(dir), -EFBIG);
	d = opendir(dir);
	CHECK(d);
	while ((e = readdir(d)))
		CHECK(!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."));	/* no temporary left */
	closedir(d);
	return 0;
}
