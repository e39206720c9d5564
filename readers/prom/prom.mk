# readers/prom/: telemetry_prom, the Prometheus textfile export.  The
# pieces other than main() go in an archive that the tests' helper
# programs, the benchmark and the fuzz targets link too.
PROM_LIB_SRCS := $(filter-out readers/prom/telemetry_prom.c,$(sort $(wildcard readers/prom/*.c)))
PROM_LIB := $(B)/libprom.a
PROGS += $(B)/telemetry_prom
MANS += man/telemetry_prom.1

$(PROM_LIB): $(PROM_LIB_SRCS:%.c=$(B)/%.o)
	$(call archive)

$(B)/telemetry_prom: $(B)/readers/prom/telemetry_prom.o $(PROM_LIB) $(TOOL_LIBS)
	$(call link,$< $(PROM_LIB) $(TOOL_LINK))
