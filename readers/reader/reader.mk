# readers/reader/: telemetry_reader, the tail.
READER_SRCS := $(sort $(wildcard readers/reader/*.c))
PROGS += $(B)/telemetry_reader
MANS += man/telemetry_reader.1
$(B)/telemetry_reader: $(READER_SRCS:%.c=$(B)/%.o) $(TOOL_LIBS)
	$(call link,$(filter %.o,$^) $(TOOL_LINK))
