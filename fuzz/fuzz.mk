# fuzz/: libFuzzer targets, built with clang into build-fuzz/ by `make fuzz`.
# A target fuzz/fuzz_NAME.c declares what it links in its own fragment:
#   FUZZ_TARGETS += NAME
#   FUZZ_SRCS_NAME := the .c files it needs (besides itself)
#   FUZZ_LIBS_NAME := extra libraries (optional)
# tests/fuzz_short.sh runs every target briefly as part of `make check`.
FUZZ_CC ?= clang
FUZZ_DIR := build-fuzz
FUZZ_CFLAGS := $(CSTD) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-DSHMTEL_URCU_CALLS \
	-I. -Ishm -Ilib -Ireaders/common -Ireaders -I$(FUZZ_DIR)
FUZZ_TARGETS :=
include $(sort $(wildcard fuzz/*.fmk))

fuzz: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)

# Rebuild when the target's own sources or this file change.
.SECONDEXPANSION:
$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c $$(FUZZ_SRCS_$$*) fuzz/fuzz.mk $(GEN_HDRS)
	@mkdir -p $(FUZZ_DIR)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SRCS_$*) $(FUZZ_LIBS_$*) $(URCU_LIBS) $(PTHREAD) -lm

.PHONY: fuzz
