# readers/common/: what every reader tool shares (scanning, decoding, formatting).
RC_SRCS := $(sort $(wildcard readers/common/*.c))
RC_OBJS := $(RC_SRCS:%.c=$(B)/%.o)
READ_LIB := $(B)/libreadcommon.a
$(READ_LIB): $(RC_OBJS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^
# What a reader tool links: common code, then the shm/ reader side.
READER_LIBS := $(READ_LIB) $(INTERNAL_LIB) $(URCU_LIBS) $(PTHREAD) -lm
