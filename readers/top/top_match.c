/* SPDX-License-Identifier: MIT */
/*
 * top_match.c - the filter's and the search's match (see top_match.h).
 */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>
#include "common/fmt.h"
#include "top_match.h"
#include "top_table.h"
#include "top_text.h"

void top_match_pattern(char *pat, size_t len, const char *glob)
{
	if (glob && glob[0])
		snprintf(pat, len, "*%s*", glob);
	else
		snprintf(pat, len, "%s", "");
}

static int match(const char *pat, const char *s)
{
	return !fnmatch(pat, s, FNM_CASEFOLD);
}

size_t top_row_text(const struct top_snap *s, int series, uint32_t idx, char *out, size_t len)
{
	const struct top_series_row *r;
	size_t n;

	if (!series)
		return txt_esc(out, len, s->agents[idx].name);
	r = &s->series[idx];
	n = txt_esc(out, len, s->agents[r->agent].name);
	if (n + 2 < len)
		out[n++] = ' ';
	n += txt_esc(out + n, len - n, r->name);
	if (r->labels[0] && n + 3 < len) {
		out[n++] = '{';
		n += fmt_labels_enc(out + n, len - n - 1, r->labels, txt_esc);
		n += (size_t)snprintf(out + n, len - n, "}");
	}
	return n;
}

int top_match_row(const struct top_snap *s, int series, uint32_t idx, const char *pat)
{
	char line[TOP_LINE_MAX / 2];

	top_row_text(s, series, idx, line, sizeof(line));
	if (match(pat, line))
		return 1;
	if (series)
		return 0;
	txt_esc(line, sizeof(line), s->agents[idx].file);
	return match(pat, line);
}
