#!/usr/bin/env bash
# / filters as you type (a glob matched anywhere, over agent, name and
# labels), \ filters when Enter is pressed, Esc clears; Enter on an agent
# shows that agent's series only.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
nixl_agent --dir "$D" --name beta --count 10 --rate 0 >/dev/null
top_hist_writer "$D" gamma
tm_top 160 40 "-C $D"
tm_wait '^gamma '

# As you type: "be" already leaves beta only.
tm_keys / b e
tm_wait 'filter \(as you type\): be_'
tm_wait_not '^alpha '
tm_has '^beta ' || fail "beta filtered out: $(tm_screen)"
tm_keys Enter
tm_wait 'filter: be$'
tm_keys Escape
tm_wait '^alpha '
tm_wait_not 'filter:'

# Labels count: in the series view, a glob over label values.
tm_keys 2 / 'rem*disc'
tm_wait 'agent_errors\{status="remote_disconnect"\}'
tm_wait_not 'agent_tx_bytes'
tm_keys Escape
tm_wait 'agent_tx_bytes'

# \: nothing changes until Enter.
tm_keys 1 '\' g a m
tm_wait 'filter \(Enter applies\): gam_'
tm_has '^alpha ' || fail "\\ filtered before Enter: $(tm_screen)"
tm_keys Enter
tm_wait_not '^alpha '
tm_has '^gamma ' || fail "gamma filtered out: $(tm_screen)"
tm_keys Escape
tm_wait '^alpha '

# Enter on the second agent (beta): its series only.  (The selection
# follows its row through filtering, so go to the top first.)
tm_keys Home Down Enter
tm_wait '\[2 Series\].*agent: beta'
tm_wait '^beta +TRANSFER +agent_tx_bytes'
tm_has '^(alpha|gamma) ' && fail "other agents' series shown: $(tm_screen)"
tm_keys Escape
tm_wait '^alpha +TRANSFER +agent_tx_bytes'
tm_end
