# telemetry_nixl: NIXL's own telemetry rings republished as shmtel agents.
# (telemetry_reader reads NIXL rings through readers/src_nixl.c; the format
# itself is readers/common/nixl_*.c, shared by both.)
NIXL_BRIDGE_SRCS := readers/telemetry_nixl.c readers/nixl_pub.c
PROGS += $(B)/telemetry_nixl
MANS += man/telemetry_nixl.1
$(B)/telemetry_nixl: $(NIXL_BRIDGE_SRCS:%.c=$(B)/%.o) $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $(filter %.o,$^) $(ALL_LDFLAGS) $(READER_LIBS)
# The drain benchmark also times the republishing half of the bridge.
$(B)/bench/nixl_drain: $(B)/bench/nixl_drain.o $(B)/readers/nixl_pub.o $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $(filter %.o,$^) $(ALL_LDFLAGS) $(READER_LIBS)
