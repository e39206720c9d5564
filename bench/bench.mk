# bench/: `make bench` prints one table per benchmark.  Each benchmark
# links the archives of what it measures.
BENCH_SRCS := $(sort $(wildcard bench/*.c))
BENCH_BINS += $(BENCH_SRCS:bench/%.c=$(B)/bench/%)
BENCH_LINK := $(PROM_LIB) $(HAILO_LIB) $(POWER_LIB) $(NIXL_LIB) $(COMMON_LIB) $(INTERNAL_LIB) \
	-lprotobuf-c $(URCU_LIBS) $(PTHREAD) -lm
$(B)/bench/%: $(B)/bench/%.o $(PROM_LIB) $(HAILO_LIB) $(POWER_LIB) $(NIXL_LIB) $(COMMON_LIB) $(INTERNAL_LIB)
	$(call link,$< $(BENCH_LINK))
# The drain benchmark also times the republishing half of the NIXL bridge.
$(B)/bench/nixl_drain: $(B)/nixl/nixl_pub.o
$(B)/bench/nixl_drain: BENCH_LINK := $(B)/nixl/nixl_pub.o $(BENCH_LINK)
.SECONDARY: $(BENCH_SRCS:bench/%.c=$(B)/bench/%.o)
# bench/top_cpu.sh fills a directory with rings using a test tool;
# power_sample unpacks node_exporter's fixture with another.
bench: all $(BENCH_BINS) $(B)/tests/tools/top_many_rings $(B)/tests/tools/ttar_unpack
	$(Q)B=$(B) bench/run.sh $(BENCH_BINS)
