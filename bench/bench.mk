# bench/: `make bench` prints one table per benchmark.
BENCH_SRCS := $(sort $(wildcard bench/*.c))
BENCH_BINS += $(BENCH_SRCS:bench/%.c=$(B)/bench/%)
$(B)/bench/%: $(B)/bench/%.o $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $< $(ALL_LDFLAGS) $(TEST_LIBS)
.SECONDARY: $(BENCH_SRCS:bench/%.c=$(B)/bench/%.o)
bench: all $(BENCH_BINS)
	$(Q)B=$(B) bench/run.sh $(BENCH_BINS)
