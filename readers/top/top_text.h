/* SPDX-License-Identifier: MIT */
/*
 * top_text.h - telemetry_top: fitting untrusted text into terminal columns.
 *
 * Every string from a ring goes through txt_esc() before it is measured or
 * shown: control bytes are escaped (esc_term), and outside a UTF-8 locale
 * non-ASCII bytes become '?', so nothing that reaches the screen can move
 * the cursor or be mismeasured.  Widths are display columns, not bytes.
 */
#ifndef READERS_TOP_TEXT_H
#define READERS_TOP_TEXT_H

#include <stddef.h>

/* txt_init: note whether the locale is UTF-8; call once after setlocale(). */
void txt_init(void);
/* txt_utf8: 1 in a UTF-8 locale (ellipsis and sparkline glyphs available). */
int txt_utf8(void);

/* txt_esc: @in made safe to show; returns the length written. */
size_t txt_esc(char *out, size_t len, const char *in);
/* txt_width: display columns of @s (already escaped). */
int txt_width(const char *s);
/*
 * txt_fit: @s padded or cut to exactly @width columns, cut with an
 * ellipsis, right-aligned if @right.  @out needs 4 * @width + 1 bytes.
 */
void txt_fit(char *out, size_t len, const char *s, int width, int right);

/* txt_cut: cut @s (a buffer of @len bytes) to @width columns, with an ellipsis (0: no limit). */
void txt_cut(char *s, size_t len, int width);

/* txt_num: fmt_human(), or "-" for NaN (no value). */
void txt_num(char *out, size_t len, double v, const char *unit);
/* txt_rate: a per-second rate: "0", "0.5", "12", "1.2k". */
void txt_rate(char *out, size_t len, double v);
/* txt_spark: @n values as a sparkline of @n columns, scaled to their max. */
void txt_spark(char *out, size_t len, const float *v, int n);

#endif
