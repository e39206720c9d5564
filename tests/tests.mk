# tests/: one executable or script per behaviour, run by tests/run.sh.
# C tests and helper programs link every archive (the linker takes only
# what each uses), so they can reach shm/, lib/ and the tools' modules.
TEST_C_SRCS := $(sort $(wildcard tests/*.c))
TEST_BINS += $(TEST_C_SRCS:tests/%.c=$(B)/tests/%)
TEST_SCRIPTS += $(sort $(wildcard tests/*.sh))
# tests/tools/*.c: helper programs the tests run (fixture writers); not tests.
TEST_TOOLS := $(patsubst tests/tools/%.c,$(B)/tests/tools/%,$(sort $(wildcard tests/tools/*.c)))
TEST_ARCHIVES := $(PROM_LIB) $(NIXL_LIB) $(COMMON_LIB) $(INTERNAL_LIB)
TEST_LINK := $(TEST_ARCHIVES) $(URCU_LIBS) $(PTHREAD) -lm

$(B)/tests/%: $(B)/tests/%.o $(TEST_ARCHIVES)
	$(call link,$< $(TEST_LINK))

# Keep test objects: make would otherwise delete them as intermediates.
.SECONDARY: $(TEST_C_SRCS:tests/%.c=$(B)/tests/%.o) $(TEST_TOOLS:%=%.o)

check: all $(TEST_BINS) $(TEST_TOOLS)
	$(Q)B=$(B) SANITIZE=$(SANITIZE) CC=$(CC) tests/run.sh $(TEST_BINS) $(filter-out tests/run.sh,$(TEST_SCRIPTS))
