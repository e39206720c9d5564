# tests/: one executable or script per behaviour, run by tests/run.sh.
# C tests and helper programs link every archive (the linker takes only
# what each uses), so they can reach shm/, lib/ and the tools' modules.
TEST_C_SRCS := $(sort $(wildcard tests/*.c))
TEST_BINS += $(TEST_C_SRCS:tests/%.c=$(B)/tests/%)
TEST_SCRIPTS += $(sort $(wildcard tests/*.sh))
# tests/tools/*.c: helper programs the tests run (fixture writers); not tests.
TEST_TOOLS := $(patsubst tests/tools/%.c,$(B)/tests/tools/%,$(sort $(wildcard tests/tools/*.c)))
TEST_ARCHIVES := $(PROM_LIB) $(POWER_LIB) $(NIXL_LIB) $(COMMON_LIB) $(INTERNAL_LIB)
TEST_LINK := $(TEST_ARCHIVES) $(URCU_LIBS) $(PTHREAD) -lm

$(B)/tests/%: $(B)/tests/%.o $(TEST_ARCHIVES)
	$(call link,$< $(TEST_LINK))

# Keep test objects: make would otherwise delete them as intermediates.
.SECONDARY: $(TEST_C_SRCS:tests/%.c=$(B)/tests/%.o) $(TEST_TOOLS:%=%.o)

# The checks that need a build of their own are make targets, each
# printing one line of its result; their scripts are in tests/targets/.
# `make check` has tests/run.sh run them after the suite, as tests named
# after the target, so the one closing line counts them too.  None
# depends on the sanitizer, so only the plain check runs them.
CHECK_TARGETS := check-clang check-install check-fuzz

check: all $(TEST_BINS) $(TEST_TOOLS)
	$(Q)B=$(B) SANITIZE=$(SANITIZE) CC=$(CC) SHMTEL_VERSION=$(VERSION) tests/run.sh $(TEST_BINS) $(filter-out tests/run.sh,$(TEST_SCRIPTS)) \
		$(if $(SANITIZE),,--make $(MAKE) $(CHECK_TARGETS))

# check-clang: the whole tree, built with clang, is as warning-free as with gcc.
check-clang:
	$(Q)$(MAKE) --no-print-directory CC=clang O=build-clang SANITIZE= all
	$(Q)bash tests/targets/build_clang_warning_free.sh

# check-install (installcheck): install into a prefix, build against it, uninstall.
check-install: all
	$(Q)MAKE="$(MAKE)" CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" SHMTEL_VERSION=$(VERSION) \
		bash tests/targets/install_pkgconfig.sh
installcheck: check-install

# check-fuzz: every libFuzzer target of `make fuzz` runs briefly.
check-fuzz: fuzz
	$(Q)bash tests/targets/fuzz_short.sh $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)

.PHONY: $(CHECK_TARGETS)
