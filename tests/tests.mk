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
# Under an emulator (EMU, a cross build: check-cross below) the suite is
# followed by the checks that need both builds instead.
EMU_CHECK_TARGETS := check-cross-clock
# CHECK_TESTS: the tests to run, all of the suite unless the command line
# names a part (not ?=: a TESTS or the like in the environment must not).
CHECK_TESTS := $(TEST_BINS) $(filter-out tests/run.sh,$(TEST_SCRIPTS))

# The benchmarks are built too, so that a change that breaks them is seen.
check-build: all $(TEST_BINS) $(TEST_TOOLS) $(BENCH_BINS)

check: check-build
	$(Q)B=$(B) SANITIZE=$(SANITIZE) CC=$(CC) EMU="$(EMU)" SHMTEL_VERSION=$(VERSION) tests/run.sh $(CHECK_TESTS) \
		$(if $(SANITIZE),,--make $(MAKE) $(if $(EMU),$(EMU_CHECK_TARGETS),$(CHECK_TARGETS)))

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

# check-cross ARCH=aarch64: the library, the tools and the tests
# cross-built (CROSS_COMPILE, into $(CROSS_O)) and the whole suite run
# under qemu user-mode emulation, then check-cross-clock; with
# CROSS_TESTS=tests/x.sh... only the C tests and those scripts.  The programs
# load the target's Debian multiarch libraries (libc6:arm64 and the -dev
# packages `tools/install-deps.sh --cross arm64` installs) through their
# own loader, /lib/ld-linux-aarch64.so.1: QEMU_LD_PREFIX stays unset.
# Pointing it at the cross toolchain's /usr/$(ARCH)-linux-gnu would mix
# that tree's ld.so with the multiarch libc.so.6 (another glibc build:
# their private ABI differs, and fork() in a child loops forever).  Left
# out: check-clang and check-fuzz (host builds: clang and libFuzzer on the
# build machine, nothing of the target) and check-install (it runs what it
# installs and inspects it with host tools; the cross build's install is
# the native one's with other objects).
ARCH ?= aarch64
CROSS_COMPILE ?= $(ARCH)-linux-gnu-
CROSS_O ?= build-$(patsubst aarch64,arm64,$(ARCH))
CROSS_EMU ?= qemu-$(ARCH)-static
# No $(ARCH)-linux-gnu-pkg-config on Debian 12: the host's, reading the
# target's multiarch .pc files, for the build and for the tests that
# build a program against the tree.
CROSS_PKG_CONFIG_LIBDIR ?= /usr/lib/$(ARCH)-linux-gnu/pkgconfig:/usr/share/pkgconfig
CROSS_MAKE = PKG_CONFIG_LIBDIR=$(CROSS_PKG_CONFIG_LIBDIR) $(MAKE) --no-print-directory \
	O=$(CROSS_O) SANITIZE= CC=$(CROSS_COMPILE)gcc AR=$(CROSS_COMPILE)ar \
	LD=$(CROSS_COMPILE)ld OBJCOPY=$(CROSS_COMPILE)objcopy

# The host's build gives check-cross-clock its reader.
check-cross: $(B)/telemetry_reader
	$(Q)command -v $(CROSS_COMPILE)gcc >/dev/null && command -v $(CROSS_EMU) >/dev/null && \
		[ -e /lib/ld-linux-$(ARCH).so.1 ] || \
		{ echo "check-cross: needs $(CROSS_COMPILE)gcc, $(CROSS_EMU) and the target's libc: tools/install-deps.sh --cross $(patsubst aarch64,arm64,$(ARCH))" >&2; exit 1; }
	+$(Q)$(CROSS_MAKE) check-build
	+$(Q)$(CROSS_MAKE) EMU="$(CROSS_EMU)" HOST_B=$(B) \
		$(if $(CROSS_TESTS),CHECK_TESTS='$$(TEST_BINS) $(CROSS_TESTS)') check

# check-cross-clock: an event written by the emulated build (in $(B)) and read
# by the host's telemetry_reader (in HOST_B) carries the host's wall-clock time.
check-cross-clock:
	$(Q)EMU="$(EMU)" B=$(B) HOST_B=$(HOST_B) bash tests/targets/cross_wall_clock.sh

.PHONY: $(CHECK_TARGETS) $(EMU_CHECK_TARGETS) check-build check-cross
