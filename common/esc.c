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

/* How one format spells a byte, and a control character of several bytes. */
struct esc_rule {
	int (*one)(char *tmp, size_t n, unsigned char c);	/* 0: keep the byte */
	int (*seq)(char *tmp, size_t n, const unsigned char *p, int k);
};

/*
 * Copy @in, passing valid UTF-8 through, except the characters
 * utf8_is_control() names, which @r->seq spells; @r->one escapes every
 * other byte into @tmp.
 */
static size_t esc_utf8(char *out, size_t len, const char *in, const struct esc_rule *r)
{
	size_t o = 0;

	if (!len)
		return 0;
	for (const unsigned char *p = (const unsigned char *)in; *p;) {
		char tmp[16];
		int n = *p >= 0x80 ? utf8_valid_len(p) : 0, k;

		if (n && utf8_is_control(p, n)) {
			r->seq(tmp, sizeof(tmp), p, n);
			if (!put(out, len, &o, tmp, strlen(tmp)))
				break;
			p += n;
			continue;
		}
		if (n) {
			if (!put(out, len, &o, (const char *)p, (size_t)n))
				break;
			p += n;
			continue;
		}
		/* The byte itself, or its escape (one returns the escape's length). */
		k = r->one(tmp, sizeof(tmp), *p);
		if (!put(out, len, &o, k ? tmp : (const char *)p, k ? (size_t)k : 1))
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

/*
 * Each byte as \xNN, as a stray byte is: U+009B reads "\xc2\x9b" and the
 * raw byte 0x9B "\x9b", so the text still tells the two apart.
 */
static int term_seq(char *tmp, size_t n, const unsigned char *p, int k)
{
	size_t o = 0;

	for (int i = 0; i < k && o < n; i++)
		o += (size_t)snprintf(tmp + o, n - o, "\\x%02x", p[i]);
	return (int)o;
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

/* JSON may carry these raw, but whoever reads the stream in a terminal gets them. */
static int json_seq(char *tmp, size_t n, const unsigned char *p, int k)
{
	unsigned cp = k == 2 ? (p[0] & 0x1fu) << 6 | (p[1] & 0x3fu) :
		      (p[0] & 0x0fu) << 12 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);

	return snprintf(tmp, n, "\\u%04x", cp);
}

static const struct esc_rule term_rule = { term_one, term_seq };
static const struct esc_rule json_rule = { json_one, json_seq };

size_t esc_term(char *out, size_t len, const char *in)
{
	return esc_utf8(out, len, in, &term_rule);
}

size_t esc_json(char *out, size_t len, const char *in)
{
	return esc_utf8(out, len, in, &json_rule);
}

/*
 * Prometheus defines only \\, \" and \n: any other backslash is taken
 * literally, so a "\x1b" would read as text the file could have held
 * itself.  Controls therefore become U+FFFD, as invalid UTF-8 does: ASCII
 * controls but tab and newline, DEL, and what utf8_is_control() names.
 */
static size_t esc_prom(char *out, size_t len, const char *in, int quote)
{
	static const char fffd[] = "\xef\xbf\xbd";
	size_t o = 0;

	if (!len)
		return 0;
	for (const unsigned char *p = (const unsigned char *)in; *p;) {
		int n = utf8_valid_len(p);
		const char *s = (const char *)p;
		size_t k = n ? (size_t)n : 1;

		if (*p == '\\')
			s = "\\\\", k = 2;
		else if (*p == '\n')
			s = "\\n", k = 2;
		else if (quote && *p == '"')
			s = "\\\"", k = 2;
		else if (!n || (*p < 0x20 && *p != '\t') || *p == 0x7f || utf8_is_control(p, n))
			s = fffd, k = 3;
		if (!put(out, len, &o, s, k))
			break;
		p += n ? n : 1;
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
