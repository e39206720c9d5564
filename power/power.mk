# power/: telemetry_power, power, energy, temperature and memory of the
# host and its accelerators as one ring.  It writes through the public
# library only; the GPU collectors dlopen their vendor library at run
# time, so there is no build dependency on any of them.
POWER_SRCS := $(filter-out power/telemetry_power.c,$(sort $(wildcard power/*.c)))
# Everything but main(), for the tests, the benchmark and the fuzz target.
POWER_LIB := $(B)/libpower.a
POWER_LINK := $(POWER_LIB) $(B)/libshmtel.a $(COMMON_LIB) $(URCU_LIBS) $(PTHREAD) -lm
PROGS += $(B)/telemetry_power
MANS += man/telemetry_power.1

$(POWER_LIB): $(POWER_SRCS:%.c=$(B)/%.o)
	$(call archive)

$(B)/telemetry_power: $(B)/power/telemetry_power.o $(POWER_LIB) $(B)/libshmtel.a $(COMMON_LIB)
	$(call link,$< $(POWER_LINK))
