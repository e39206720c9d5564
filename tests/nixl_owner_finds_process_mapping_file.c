/* SPDX-License-Identifier: MIT */
/*
 * nixl_owner_find names the process that maps a file shared and writable
 * (a child here), with its start time; a child mapping it read-only (a
 * peeking reader) and the caller itself (the bridge) are not taken for
 * the writer.  Once the writer is killed, a watch on the file turns from
 * up to gone by its cheap check, before a /proc rescan is due; a process
 * mapping the file again brings it back up.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "harness.h"
#include "nixl/nixl_owner.h"
#include "shm/clock.h"

#define SIZE 4096

/* A child that maps @path with @prot and @flags, says so, and waits to be killed. */
static pid_t mapper(const char *path, int prot, int flags)
{
	int p[2];
	pid_t pid;
	char c;

	CHECK(!pipe(p));
	pid = fork();
	CHECK(pid >= 0);
	if (!pid) {
		int fd = open(path, prot & PROT_WRITE ? O_RDWR : O_RDONLY);

		if (fd < 0 || mmap(NULL, SIZE, prot, flags, fd, 0) == MAP_FAILED)
			_exit(1);
		if (write(p[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 1);	/* mapped: the child is ready */
	close(p[0]);
	return pid;
}

/* No writer found: -ESRCH, or -EACCES where some process of ours hides its maps. */
static int not_found(int ret)
{
	return ret == -ESRCH || ret == -EACCES;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	CHECK_EQ(waitpid(pid, NULL, 0), pid);
}

int main(void)
{
	char path[512];
	struct nixl_owner o;
	struct nixl_watch w;
	struct stat st;
	pid_t reader, writer, copy;
	uint64_t t0;
	void *self;
	int fd;

	snprintf(path, sizeof(path), "%s/ring", t_tmpdir());
	fd = open(path, O_CREAT | O_RDWR, 0600);
	CHECK(fd >= 0);
	CHECK(!ftruncate(fd, SIZE));
	CHECK(!fstat(fd, &st));
	if (access("/proc/self/maps", R_OK))
		return T_SKIP;
	/* A private writable mapping does not write the file either. */
	copy = mapper(path, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	reader = mapper(path, PROT_READ, MAP_SHARED);
	/* The caller maps it too, as the bridge does: skipped (after the forks: inherited). */
	self = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(self != MAP_FAILED);
	CHECK(not_found(nixl_owner_find(st.st_dev, st.st_ino, st.st_uid, getpid(), &o)));

	writer = mapper(path, PROT_READ | PROT_WRITE, MAP_SHARED);
	CHECK_EQ(nixl_owner_find(st.st_dev, st.st_ino, st.st_uid, getpid(), &o), 0);
	CHECK_EQ(o.pid, writer);
	CHECK(o.start_ticks > 0);
	CHECK(nixl_owner_alive(&o));
	CHECK_EQ(nixl_watch_start(&w, st.st_dev, st.st_ino, st.st_uid, getpid()), NIXL_UP);
	CHECK_EQ(w.owner.pid, writer);
	CHECK_EQ(nixl_watch_poll(&w, 0), NIXL_UP);

	reap(writer);
	CHECK(!nixl_owner_alive(&o));
	/* The cheap check sees it, well before the slow rescan is due. */
	t0 = clock_ns(CLOCK_MONOTONIC);
	while (nixl_watch_poll(&w, 0) == NIXL_UP &&
	       clock_ns(CLOCK_MONOTONIC) - t0 < 10 * NIXL_OWNER_RESCAN_NS)
		usleep(1000);
	CHECK_EQ(w.state, NIXL_GONE);
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 < NIXL_OWNER_RESCAN_NS);
	CHECK(not_found(nixl_owner_find(st.st_dev, st.st_ino, st.st_uid, getpid(), &o)));

	/* Another process mapping the same file again is its writer now. */
	writer = mapper(path, PROT_READ | PROT_WRITE, MAP_SHARED);
	CHECK_EQ(nixl_watch_poll(&w, 0), NIXL_GONE);	/* no events: no scan */
	w.next_scan_ns = 0;	/* rather than wait the idle rescan out */
	CHECK_EQ(nixl_watch_poll(&w, 1), NIXL_UP);
	CHECK_EQ(w.owner.pid, writer);
	reap(writer);
	reap(reader);
	reap(copy);
	munmap(self, SIZE);
	close(fd);
	return 0;
}
