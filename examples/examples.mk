# examples/: programs the demo and the tests drive.  They use only the
# public API, so they link the public library (hidden symbols are out of
# their reach).
EXTRA_BINS += $(B)/examples/nixl_agent
$(B)/examples/nixl_agent: $(B)/examples/nixl_agent.o $(B)/libshmtel.a
	$(call link,$< $(PUBLIC_LINK))
