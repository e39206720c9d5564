# telemetry_reader: the tail.
READER_SRCS := readers/telemetry_reader.c readers/src.c readers/src_shmtel.c readers/src_nixl.c
PROGS += $(B)/telemetry_reader
MANS += man/telemetry_reader.1
$(B)/telemetry_reader: $(READER_SRCS:%.c=$(B)/%.o) $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $(filter %.o,$^) $(ALL_LDFLAGS) $(READER_LIBS)
