# telemetry_prom: Prometheus textfile export.  The pieces other than main
# go in an archive that the tests' helper programs, the benchmark and the
# fuzz targets link too.
PROM_LIB_SRCS := readers/prom_out.c readers/prom_names.c readers/prom_agent.c \
	readers/prom_nixl.c readers/prom_hailo.c readers/prom_ring.c readers/prom_file.c \
	readers/prom_gc.c readers/prom_opts.c readers/prom_lint.c
PROM_LIB := $(B)/libprom.a
PROGS += $(B)/telemetry_prom
MANS += man/telemetry_prom.1

$(PROM_LIB): $(PROM_LIB_SRCS:%.c=$(B)/%.o)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/telemetry_prom: $(B)/readers/telemetry_prom.o $(PROM_LIB) $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $< $(ALL_LDFLAGS) $(PROM_LIB) $(READER_LIBS)

# Helper programs and benchmarks of this tool that need its pieces.
PROM_LINKED := $(B)/tests/tools/prom_lint $(B)/bench/prom_dump $(B)/tests/prom_tmpname_not_collected
$(PROM_LINKED): $(PROM_LIB) $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $@.o $(ALL_LDFLAGS) $(PROM_LIB) $(TEST_LIBS)
$(B)/tests/tools/prom_lint: $(B)/tests/tools/prom_lint.o
$(B)/bench/prom_dump: $(B)/bench/prom_dump.o
$(B)/tests/prom_tmpname_not_collected: $(B)/tests/prom_tmpname_not_collected.o
