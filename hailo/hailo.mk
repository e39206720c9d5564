# hailo/: telemetry_hailo, the HailoRT scheduler-monitor bridge.
# scheduler_mon.proto is compiled with protoc-c into the build tree; the
# generated code is never committed.  The bridge writes through the public
# library.
HAILO_PB := $(B)/hailo/scheduler_mon.pb-c
GEN_HDRS += $(HAILO_PB).h
HAILO_SRCS := $(filter-out hailo/telemetry_hailo.c,$(sort $(wildcard hailo/*.c)))
# Everything but main(), for the tests, the benchmark and the fuzz target.
HAILO_LIB := $(B)/libhailo.a
HAILO_LINK := $(HAILO_LIB) $(B)/libshmtel.a $(COMMON_LIB) -lprotobuf-c \
	$(URCU_LIBS) $(PTHREAD) -lm
PROGS += $(B)/telemetry_hailo
MANS += man/telemetry_hailo.1

$(B)/hailo/%.pb-c.c $(B)/hailo/%.pb-c.h: hailo/%.proto
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  PROTOC  $<")
	$(Q)$(PROTOC_C) --proto_path=hailo --c_out=$(B)/hailo $<
# Keep the generated code: make would delete it as an intermediate.
.SECONDARY: $(HAILO_PB).c $(HAILO_PB).h

$(HAILO_PB).o: $(HAILO_PB).c $(HAILO_PB).h
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(HAILO_LIB): $(HAILO_SRCS:%.c=$(B)/%.o) $(HAILO_PB).o
	$(call archive)

$(B)/telemetry_hailo: $(B)/hailo/telemetry_hailo.o $(HAILO_LIB) $(B)/libshmtel.a $(COMMON_LIB)
	$(call link,$< $(HAILO_LINK))
