# tests/: one executable or script per behaviour, run by tests/run.sh.
# C tests link the internal archive so they can reach shm/ directly.
TEST_C_SRCS := $(sort $(wildcard tests/*.c))
TEST_BINS += $(TEST_C_SRCS:tests/%.c=$(B)/tests/%)
TEST_SCRIPTS += $(sort $(wildcard tests/*.sh))
# tests/tools/*.c: helper programs the tests run (fixture writers); not tests.
TEST_TOOLS := $(patsubst tests/tools/%.c,$(B)/tests/tools/%,$(sort $(wildcard tests/tools/*.c)))
TEST_LIBS := $(READ_LIB) $(INTERNAL_LIB) $(URCU_LIBS) $(PTHREAD) -lm

$(B)/tests/%: $(B)/tests/%.o $(READ_LIB) $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $< $(ALL_LDFLAGS) $(TEST_LIBS)

# Keep test objects: make would otherwise delete them as intermediates.
.SECONDARY: $(TEST_C_SRCS:tests/%.c=$(B)/tests/%.o) $(TEST_TOOLS:%=%.o)

check: all $(TEST_BINS) $(TEST_TOOLS)
	$(Q)B=$(B) SANITIZE=$(SANITIZE) CC=$(CC) tests/run.sh $(TEST_BINS) $(filter-out tests/run.sh,$(TEST_SCRIPTS))
