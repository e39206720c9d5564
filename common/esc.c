/* SPDX-License-Identifier: MIT */
/*
 * esc.c - escaping for terminals, JSON and Prometheus (see esc.h).
 */
#include <stdio.h>
#include <string.h>
#include "esc.h"
#include "utf8.h"

/* Append @s (of @n bytes) if it fits whole; the output never ends mid-escape. */
static int put(char *out, size_t len, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 > len)
		return 0;
	memcpy(out + *o, s, n);
	*o += n;
	return 1;
}

/*
 * Copy @in, passing valid UTF-8 through and letting @one escape every
 * other byte into @tmp (returns 0 to keep the byte as it is).
 */
static size_t esc_utf8(char *out, size_t len, const char *in,
		       int (*one)(char *tmp, size_t n, unsigned char c))
{
	size_t o = 0;

	if (!len)
		return 0;
	for (const unsigned char *p = (const unsigned char *)in; *p;) {
		char tmp[8];
		int n = *p >= 0x80 ? utf8_valid_len(p) : 0;

		if (n) {
			if (!put(out, len, &o, (const char *)p, (size_t)n))
				break;
			p += n;
			continue;
		}
		if (!one(tmp, sizeof(tmp), *p)) {
			tmp[0] = (char)*p;
			tmp[1] = 0;
		}
		if (!put(out, len, &o, tmp, strlen(tmp)))
			break;
		p++;
	}
	out[o] = 0;
	return o;
}

static int term_one(char *tmp, size_t n, unsigned char c)
{
	if (c < 0x20 || c >= 0x7f)
		return snprintf(tmp, n, "\\x%02x", c);
	return c == '\\' ? snprintf(tmp, n, "\\\\") : 0;
}

static int json_one(char *tmp, size_t n, unsigned char c)
{
	if (c == '"' || c == '\\')
		return snprintf(tmp, n, "\\%c", c);
	if (c == '\n')
		return snprintf(tmp, n, "\\n");
	/* Control bytes, and bytes that are not valid UTF-8, as \u00XX. */
	if (c < 0x20 || c >= 0x7f)
		return snprintf(tmp, n, "\\u%04x", c);
	return 0;
}

size_t esc_term(char *out, size_t len, const char *in)
{
	return esc_utf8(out, len, in, term_one);
}

size_t esc_json(char *out, size_t len, const char *in)
{
	return esc_utf8(out, len, in, json_one);
}

static size_t esc_prom(char *out, size_t len, const char *in, int quote)
{
	size_t o = 0;

	if (!len)
		return 0;
	for (const char *p = in; *p; p++) {
		const char *s = *p == '\\' ? "\\\\" : *p == '\n' ? "\\n" :
				quote && *p == '"' ? "\\\"" : NULL;

		if (!put(out, len, &o, s ? s : p, s ? 2 : 1))
			break;
	}
	out[o] = 0;
	return o;
}

size_t esc_prom_label(char *out, size_t len, const char *in)
{
	return esc_prom(out, len, in, 1);
}

size_t esc_prom_help(char *out, size_t len, const char *in)
{
	return esc_prom(out, len, in, 0);
}

size_t prom_name(char *out, size_t len, const char *in, int label)
{
	size_t o = 0;

	if (len < 2) {
		if (len)
			out[0] = 0;
		return 0;
	}
	/* A name may not start with a digit: keep the digit, put '_' first. */
	if (*in >= '0' && *in <= '9')
		out[o++] = '_';
	for (const char *p = in; *p && o + 1 < len; p++) {
		char c = *p;
		int ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (!label && c == ':') || (c >= '0' && c <= '9');

		out[o++] = ok ? c : '_';
	}
	if (!o)
		out[o++] = '_';
	/* Label names starting with "__" are reserved for Prometheus itself. */
	if (label && o >= 2 && out[0] == '_' && out[1] == '_')
		out[0] = 'x';
	out[o] = 0;
	return o;
}
