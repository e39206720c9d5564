# fuzz/: libFuzzer targets, one per parser, built with clang into
# build-fuzz/.  `make fuzz` runs make again with SANITIZE=fuzzer, CC=clang
# and O=build-fuzz, so every module's archive is built once more with the
# fuzzer's instrumentation and each target links the archives of what it
# fuzzes, exactly as the programs do.  A target fuzz/fuzz_NAME.c declares
# in fuzz/NAME.fmk:
#   FUZZ_TARGETS += NAME
#   FUZZ_LINK_NAME := the archives and libraries it needs, most dependent first
# The check-fuzz target runs every target briefly.
FUZZ_CC ?= clang
FUZZ_TARGETS :=
include $(sort $(wildcard fuzz/*.fmk))

ifeq ($(SANITIZE),fuzzer)
fuzz-targets: $(FUZZ_TARGETS:%=$(B)/fuzz_%)
$(foreach t,$(FUZZ_TARGETS),$(eval $(B)/fuzz_$(t): $(filter %.a,$(FUZZ_LINK_$(t)))))
$(B)/fuzz_%: $(B)/fuzz/fuzz_%.o
	$(call link,-fsanitize=fuzzer $< $(FUZZ_LINK_$*) $(URCU_LIBS) $(PTHREAD) -lm)
.SECONDARY: $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%.o)
else
fuzz:
	$(Q)$(MAKE) --no-print-directory SANITIZE=fuzzer CC=$(FUZZ_CC) O=build-fuzz fuzz-targets
endif
.PHONY: fuzz fuzz-targets
