# shm/: the ring format and the lock-free algorithm (writer and reader side).
SHM_SRCS := shm/clock.c shm/registry.c shm/ring_create.c shm/ring_write.c \
	shm/ring_read.c shm/bus_guard.c shm/proc.c
SHM_OBJS := $(SHM_SRCS:%.c=$(B)/%.o)
# The tools' reading side: the shm objects alone, without libshmtel's API.
SHM_LIB := $(B)/libshm.a
$(SHM_LIB): $(SHM_OBJS)
	$(call archive)
