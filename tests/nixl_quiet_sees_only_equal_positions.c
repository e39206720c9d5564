/* SPDX-License-Identifier: MIT */
/*
 * nixl_quiet(), the bridge's idle test: 1 only while write_pos equals
 * read_pos, as the producer in another process moves it; 0 (not a crash)
 * once the file is cut to nothing under the mapping, so the ring goes to
 * the full checks of nixl_read(), which say -EIO.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include "harness.h"
#include "nixl/nixl_ring.h"
#include "tools/nixl_bytes.h"

#define CAP 1024

int main(void)
{
	static uint8_t file[NB_HDR + CAP * 16];
	struct nixl_event ev[8];
	struct nixl_ring *r;
	uint64_t missed = 0, one = 1;
	char path[512], why[256];
	int fd, status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/agent", t_tmpdir());
	nb_put32(file + NB_OFF_VERSION, 4);
	nb_put64(file + NB_OFF_CAPACITY, CAP);
	nb_put64(file + NB_OFF_MASK, CAP - 1);
	fd = open(path, O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, file, sizeof(file)), sizeof(file));
	CHECK_EQ(nixl_open(path, 1, 0, &r, why, sizeof(why)), 0);
	CHECK_EQ(nixl_quiet(nixl_ring_hdr(r)), 1);
	/* Another process publishes one event (write_pos 1), through the file. */
	pid = fork();
	CHECK(pid >= 0);
	if (!pid)
		_exit(pwrite(fd, &one, sizeof(one), NB_OFF_WRITE) == sizeof(one) ? 0 : 1);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(nixl_quiet(nixl_ring_hdr(r)), 0);
	CHECK_EQ(nixl_read(r, ev, 8, &missed), 1);
	CHECK_EQ(nixl_quiet(nixl_ring_hdr(r)), 1);
	CHECK(!ftruncate(fd, 0));
	CHECK_EQ(nixl_quiet(nixl_ring_hdr(r)), 0);
	CHECK_EQ(nixl_read(r, ev, 8, &missed), -EIO);
	nixl_close(r);
	close(fd);
	return 0;
}
