# lib/: libshmtel, the public API.
LIB_SRCS := lib/env.c lib/agent.c lib/series.c lib/emit.c lib/labels.c lib/debug.c \
	lib/abi.c
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o)
# The emit path reads liburcu-bp's thread-local reader record several times
# a call: initial-exec makes each one %fs-relative load instead of a
# __tls_get_addr call in the shared library.  liburcu-bp is a dependency
# of libshmtel, loaded with it, so its TLS is in the static block (with a
# dlopen'ed libshmtel, glibc's static TLS surplus holds it, as it holds our
# own initial-exec lane cache).
$(B)/lib/emit.o: ALL_CFLAGS += -ftls-model=initial-exec
SO_NAME := libshmtel.so.$(VERSION_MAJOR)
SO_REAL := libshmtel.so.$(VERSION)

# The header's version macros, from the Makefile's VERSION_*.  Rewritten
# only when they change, so an unrelated Makefile edit rebuilds nothing.
GEN_HDRS += $(B)/shmtel_version.h
$(B)/shmtel_version.h: lib/shmtel_version.h.in Makefile
	@mkdir -p $(B)
	$(Q)sed -e 's|@VERSION_MAJOR@|$(VERSION_MAJOR)|' -e 's|@VERSION_MINOR@|$(VERSION_MINOR)|' \
		-e 's|@VERSION_PATCH@|$(VERSION_PATCH)|' -e 's|@VERSION@|$(VERSION)|' $< > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

# Internal archive: every object, hidden symbols included, for the tests
# (they reach shm/ and lib/ internals directly).
INTERNAL_LIB := $(B)/libshmtel-internal.a
LIB_ALL := $(B)/libshmtel.a $(B)/$(SO_REAL) $(B)/libshmtel.so $(INTERNAL_LIB)

$(INTERNAL_LIB): $(SHM_OBJS) $(LIB_OBJS)
	$(call archive)

# The installed static library is one relocatable object whose hidden
# symbols are made local, so users only ever see shmtel_*.
$(B)/libshmtel.a: $(SHM_OBJS) $(LIB_OBJS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)$(LD) -r -o $(B)/shmtel-all.o $^ && \
		$(OBJCOPY) --localize-hidden $(B)/shmtel-all.o && \
		rm -f $@ && $(AR) rcs $@ $(B)/shmtel-all.o

$(B)/$(SO_REAL): $(SHM_OBJS) $(LIB_OBJS) lib/shmtel.map
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -shared -Wl,-soname,$(SO_NAME) -Wl,--version-script=lib/shmtel.map \
		-Wl,-z,defs -Wl,-Bsymbolic -o $@ $(SHM_OBJS) $(LIB_OBJS) $(ALL_LDFLAGS) $(URCU_LIBS) $(PTHREAD)

$(B)/libshmtel.so: $(B)/$(SO_REAL)
	$(Q)ln -sf $(SO_REAL) $(B)/$(SO_NAME) && ln -sf $(SO_NAME) $@

# What a program that uses only the public API links.
PUBLIC_LINK := $(B)/libshmtel.a $(URCU_LIBS) $(PTHREAD) -lm

MANS += man/shmtel.5 $(sort $(wildcard man/shmtel*.3))

# pkg-config's -uninstalled convention, for building against the build
# tree: absolute paths, so it works from any directory.
LIB_ALL += $(B)/shmtel-uninstalled.pc
$(B)/shmtel-uninstalled.pc: lib/shmtel-uninstalled.pc.in Makefile
	@mkdir -p $(B)
	$(Q)sed -e 's|@SRCDIR@|$(CURDIR)|' -e 's|@BUILDDIR@|$(abspath $(B))|' \
		-e 's|@VERSION@|$(VERSION)|' $< > $@
