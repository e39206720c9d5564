# shmtel - plain Makefile.  `make V=1` shows the commands.
#
# Variables: CC, AR, LD, OBJCOPY, PKG_CONFIG, PROTOC_C (the toolchain, so a
# cross build needs no edits), PREFIX, DESTDIR, SANITIZE (address | thread |
# fuzzer | empty), O (build directory; default build, or build-$(SANITIZE)),
# EMU (what runs the build's programs in `make check`: an emulator for a
# cross build; `make check-cross ARCH=aarch64` sets it, tests/tests.mk).

# The one place the version is written: the SONAME, the .pc file, the
# generated shmtel_version.h (the header's macros, shmtel_version()) and
# the tests' $SHMTEL_VERSION all come from these.
VERSION_MAJOR := 1
VERSION_MINOR := 1
VERSION_PATCH := 0
VERSION := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
AR ?= ar
LD ?= ld
OBJCOPY ?= objcopy
PKG_CONFIG ?= pkg-config
PROTOC_C ?= protoc-c
SANITIZE ?=
O ?= build$(if $(SANITIZE),-$(SANITIZE))
B := $(O)

ifeq ($(V),1)
Q :=
else
Q := @
endif

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter
CSTD := -std=c11 -D_GNU_SOURCE
OPT ?= -O2 -g
CFLAGS ?=
LDFLAGS ?=
BASE_CFLAGS := $(CSTD) $(OPT) $(WARN) -fPIC -fvisibility=hidden -MMD -MP \
	-I. -Ilib -I$(B)
SAN_FLAGS :=
ifeq ($(SANITIZE),address)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ifeq ($(SANITIZE),thread)
SAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
endif
ifeq ($(SANITIZE),fuzzer)
SAN_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
OPT := -O1 -g
endif
ALL_CFLAGS = $(BASE_CFLAGS) $(SAN_FLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)

URCU_LIBS := -lurcu-bp -lurcu-cds
PTHREAD := -pthread
# What a reading tool links: NIXL's format, the shared tool code, shm/
# (recursive: the fragments below define the archives).
TOOL_LIBS = $(NIXL_LIB) $(COMMON_LIB) $(SHM_LIB)
TOOL_LINK = $(TOOL_LIBS) $(URCU_LIBS) $(PTHREAD) -lm

# Each module's fragment appends to these.
PROGS :=		# installed programs, $(B)/name
MANS :=			# man pages to install, man/name.N
TEST_BINS :=		# C test executables under $(B)/tests
TEST_SCRIPTS :=		# shell tests under tests/
EXTRA_BINS :=		# built by `all`, not installed (examples, fuzz helpers)
BENCH_BINS :=
GEN_HDRS :=		# generated headers objects may need first

.PHONY: all check bench install uninstall clean installcheck fuzz
all:

# archive: $@ from the objects among the prerequisites.
define archive
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $(filter %.o,$^)
endef
# link WHAT: the program $@ from WHAT (objects, archives, -l flags).
define link
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $(1) $(ALL_LDFLAGS)
endef

# Layers, lowest first: each fragment builds its own folder only.
include shm/shm.mk
include lib/lib.mk
include common/common.mk
include nixl/nixl.mk
include $(sort $(wildcard readers/*/*.mk))
include hailo/hailo.mk
include power/power.mk
include examples/examples.mk
include fuzz/fuzz.mk
include bench/bench.mk
include tests/tests.mk

all: $(LIB_ALL) $(PROGS) $(EXTRA_BINS) $(B)/shmtel.pc

$(B)/%.o: %.c | $(GEN_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

PC_SED = sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	-e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(VERSION)|' lib/shmtel.pc.in

$(B)/shmtel.pc: lib/shmtel.pc.in Makefile
	@mkdir -p $(B)
	$(Q)$(PC_SED) > $@

install: all
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) $(DESTDIR)$(BINDIR)
	install -m 644 lib/shmtel.h $(DESTDIR)$(INCDIR)/shmtel.h
	install -m 644 $(B)/shmtel_version.h $(DESTDIR)$(INCDIR)/shmtel_version.h
	install -m 644 $(B)/libshmtel.a $(DESTDIR)$(LIBDIR)/libshmtel.a
	install -m 755 $(B)/$(SO_REAL) $(DESTDIR)$(LIBDIR)/$(SO_REAL)
	ln -sf $(SO_REAL) $(DESTDIR)$(LIBDIR)/$(SO_NAME)
	ln -sf $(SO_NAME) $(DESTDIR)$(LIBDIR)/libshmtel.so
	$(PC_SED) > $(DESTDIR)$(LIBDIR)/pkgconfig/shmtel.pc	# for this PREFIX
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	# The pages name no version; the installed copies carry this one.
	for m in $(MANS); do \
		s=$${m##*.}; install -d $(DESTDIR)$(MANDIR)/man$$s; \
		sed '/^\.TH /s/"shmtel"/"shmtel $(VERSION)"/' $$m > $(DESTDIR)$(MANDIR)/man$$s/$$(basename $$m); \
		chmod 644 $(DESTDIR)$(MANDIR)/man$$s/$$(basename $$m); done

uninstall:
	rm -f $(DESTDIR)$(INCDIR)/shmtel.h $(DESTDIR)$(INCDIR)/shmtel_version.h \
		$(DESTDIR)$(LIBDIR)/libshmtel.a \
		$(DESTDIR)$(LIBDIR)/$(SO_REAL) $(DESTDIR)$(LIBDIR)/$(SO_NAME) \
		$(DESTDIR)$(LIBDIR)/libshmtel.so $(DESTDIR)$(LIBDIR)/pkgconfig/shmtel.pc
	for p in $(notdir $(PROGS)); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$$(basename $$m); done

clean:
	rm -rf build build-address build-thread build-fuzz build-clang build-arm64 $(O)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

.PHONY: demo
demo: all $(TEST_TOOLS)
	@B=$(B) tools/demo.sh
