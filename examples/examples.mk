# examples/: programs the demo and the tests drive.  Their telemetry goes
# through the public API only, so they link the public library (hidden
# symbols are out of their reach), plus common/ for the command-line
# errors every shmtel program reports in one style.
EXTRA_BINS += $(B)/examples/nixl_agent
$(B)/examples/nixl_agent: $(B)/examples/nixl_agent.o $(B)/libshmtel.a $(COMMON_LIB)
	$(call link,$< $(COMMON_LIB) $(PUBLIC_LINK))
