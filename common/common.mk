# common/: what the tools share: finding ring files, escaping and
# formatting what a file says, UTF-8 repair.
COMMON_SRCS := $(sort $(wildcard common/*.c))
COMMON_LIB := $(B)/libcommon.a
$(COMMON_LIB): $(COMMON_SRCS:%.c=$(B)/%.o)
	$(call archive)
