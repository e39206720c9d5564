# examples/: programs the demo and the tests drive.
EXTRA_BINS += $(B)/examples/nixl_agent
$(B)/examples/nixl_agent: $(B)/examples/nixl_agent.o $(INTERNAL_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -o $@ $< $(ALL_LDFLAGS) $(INTERNAL_LIB) $(URCU_LIBS) $(PTHREAD) -lm
