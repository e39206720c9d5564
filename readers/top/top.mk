# readers/top/: telemetry_top, the interactive monitor.  Everything but
# main() goes into an archive that the fuzz target links too.
TOP_LIB_SRCS := $(sort $(wildcard readers/top/top_*.c))
TOP_LIB := $(B)/libtop.a
TOP_LIBS := -lurcu-memb -lurcu-cds $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
PROGS += $(B)/telemetry_top
MANS += man/telemetry_top.1

$(TOP_LIB): $(TOP_LIB_SRCS:%.c=$(B)/%.o)
	$(call archive)

$(B)/telemetry_top: $(B)/readers/top/telemetry_top.o $(TOP_LIB) $(TOOL_LIBS)
	$(call link,$< $(TOP_LIB) $(TOP_LIBS) $(TOOL_LINK))
