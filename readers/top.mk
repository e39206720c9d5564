# telemetry_top: the interactive monitor.  The main program, then its modules.
TOP_SRCS := readers/telemetry_top.c $(sort $(wildcard readers/top_*.c))
TOP_LIBS := -lurcu-memb -lurcu-cds $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
PROGS += $(B)/telemetry_top
MANS += man/telemetry_top.1
$(B)/telemetry_top: $(TOP_SRCS:%.c=$(B)/%.o) $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $(filter %.o,$^) $(ALL_LDFLAGS) $(TOP_LIBS) $(READER_LIBS)
# bench/top_cpu.sh fills a directory with rings using a test tool.
bench: $(B)/tests/tools/top_many_rings
