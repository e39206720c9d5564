/* SPDX-License-Identifier: MIT */
/*
 * A symlink at the agent's name is never followed: opening fails with
 * ELOOP and the link's target is untouched.  A file that is not a ring is
 * not replaced either (EEXIST).
 */
#include <fcntl.h>
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	char target[512], link[512], other[512], buf[16] = { 0 };
	int fd;

	snprintf(target, sizeof(target), "%s/precious", dir);
	snprintf(link, sizeof(link), "%s/agent", dir);
	snprintf(other, sizeof(other), "%s/notes", dir);
	fd = open(target, O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0 && write(fd, "keep me", 7) == 7);
	close(fd);
	CHECK(symlink(target, link) == 0);
	CHECK_EQ(t_try_open(dir, "agent"), -ELOOP);
	fd = open(target, O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 7 && !memcmp(buf, "keep me", 7));
	close(fd);

	fd = open(other, O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0 && write(fd, "not a ring, a long enough file", 30) == 30);
	close(fd);
	CHECK_EQ(t_try_open(dir, "notes"), -EEXIST);
	fd = open(other, O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, 10) == 10 && !memcmp(buf, "not a ring", 10));
	close(fd);
	return 0;
}
