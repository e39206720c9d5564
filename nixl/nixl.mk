# nixl/: NIXL's own telemetry rings.  libnixl.a is the format (detect,
# decode, consume or peek, NIXL's names and statuses) that the reader, the
# monitor, the exporter and the bridge use; telemetry_nixl is the bridge
# that republishes NIXL rings as shmtel agents: it writes through the
# public library and reads through libnixl.a, which also finds a ring's
# writer in /proc (nixl_owner.c) and reads NIXL's environment (nixl_env.c).
NIXL_SRCS := nixl/nixl_format.c nixl/nixl_ring.c nixl/nixl_owner.c nixl/nixl_env.c
NIXL_LIB := $(B)/libnixl.a
NIXL_BRIDGE_SRCS := nixl/telemetry_nixl.c nixl/nixl_pub.c
PROGS += $(B)/telemetry_nixl
MANS += man/telemetry_nixl.1

$(NIXL_LIB): $(NIXL_SRCS:%.c=$(B)/%.o)
	$(call archive)

$(B)/telemetry_nixl: $(NIXL_BRIDGE_SRCS:%.c=$(B)/%.o) $(B)/libshmtel.a $(TOOL_LIBS)
	$(call link,$(filter %.o,$^) $(B)/libshmtel.a $(TOOL_LINK))
