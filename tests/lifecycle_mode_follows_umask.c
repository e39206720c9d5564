/* SPDX-License-Identifier: MIT */
/* Ring files are created 0644 less the umask, and no temporary is left behind. */
#include <dirent.h>
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	char path[512];
	struct stat st;
	struct dirent *d;
	DIR *dp;
	int files = 0;

	umask(027);
	shmtel_agent_close(t_open(dir, "m", 64, 2));
	snprintf(path, sizeof(path), "%s/m", dir);
	CHECK(stat(path, &st) == 0);
	CHECK_EQ(st.st_mode & 0777, 0640);
	dp = opendir(dir);
	CHECK(dp);
	while ((d = readdir(dp)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			files++;
	closedir(dp);
	CHECK_EQ(files, 1);
	return 0;
}
