# hailo/: telemetry_hailo, the HailoRT scheduler-monitor bridge.
# scheduler_mon.proto is compiled with protoc-c into the build tree; the
# generated code is never committed.
HAILO_PB := $(B)/hailo/scheduler_mon.pb-c
GEN_HDRS += $(HAILO_PB).h
HAILO_SRCS := hailo/bridge.c hailo/hmon_convert.c hailo/hmon_decode.c hailo/hmon_read.c \
	hailo/hring.c hailo/hwatch.c
# Everything but main(), for the tests and the benchmark.
HAILO_LIB := $(B)/libhailo.a
HAILO_LIBS := $(HAILO_LIB) $(READ_LIB) $(INTERNAL_LIB) -lprotobuf-c $(URCU_LIBS) $(PTHREAD) -lm
PROGS += $(B)/telemetry_hailo
MANS += man/telemetry_hailo.1

$(B)/hailo/%.pb-c.c $(B)/hailo/%.pb-c.h: hailo/%.proto
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  PROTOC  $<")
	$(Q)protoc-c --proto_path=hailo --c_out=$(B)/hailo $<

$(HAILO_PB).o: $(HAILO_PB).c $(HAILO_PB).h
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(HAILO_LIB): $(HAILO_SRCS:%.c=$(B)/%.o) $(HAILO_PB).o
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/telemetry_hailo: $(B)/hailo/telemetry_hailo.o $(HAILO_LIB) $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $< $(ALL_LDFLAGS) $(HAILO_LIBS)

# The benchmark drives the bridge in-process.
$(B)/bench/hailo_tick: $(B)/bench/hailo_tick.o $(HAILO_LIB) $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $< $(ALL_LDFLAGS) $(HAILO_LIBS)
