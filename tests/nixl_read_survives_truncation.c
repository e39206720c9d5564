/* SPDX-License-Identifier: MIT */
/*
 * A NIXL ring truncated while a reader has it mapped: reading returns
 * -EIO instead of the process dying of SIGBUS, and the ring reports
 * itself changed so tools drop and reopen it.
 */
#include <fcntl.h>
#include "harness.h"
#include "nixl/nixl_ring.h"
#include "tools/nixl_bytes.h"

#define CAP 4096

int main(void)
{
	static uint8_t file[NB_HDR + CAP * 16];
	struct nixl_event ev[64];
	struct nixl_ring *peek, *cons;
	uint64_t missed = 0;
	char path[512], why[256];
	int fd;

	snprintf(path, sizeof(path), "%s/agent", t_tmpdir());
	nb_put32(file + NB_OFF_VERSION, 4);
	nb_put64(file + NB_OFF_CAPACITY, CAP);
	nb_put64(file + NB_OFF_MASK, CAP - 1);
	nb_put64(file + NB_OFF_READ, CAP - 100);	/* events at the far end of the file */
	nb_put64(file + NB_OFF_WRITE, CAP - 10);
	fd = open(path, O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, file, sizeof(file)), sizeof(file));
	CHECK_EQ(nixl_open(path, 0, 0, &peek, why, sizeof(why)), 0);
	CHECK_EQ(nixl_open(path, 1, 0, &cons, why, sizeof(why)), 0);
	CHECK_EQ(nixl_changed(cons, path), 0);
	CHECK(!ftruncate(fd, 4096));
	CHECK_EQ(nixl_read(peek, ev, 64, &missed), -EIO);
	CHECK_EQ(nixl_read(cons, ev, 64, &missed), -EIO);
	CHECK_EQ(nixl_changed(cons, path), 1);
	nixl_close(peek);
	nixl_close(cons);
	close(fd);
	return 0;
}
