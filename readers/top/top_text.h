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
/* txt_prefix: bytes of the longest start of @s within @cols columns (*@got: its columns). */
size_t txt_prefix(const char *s, int cols, int *got);
/* txt_suffix: where the longest end of @s within @cols columns starts (a byte offset). */
size_t txt_suffix(const char *s, int cols);
/*
 * txt_fit: @s padded or cut to exactly @width columns, cut with an
 * ellipsis at the end, right-aligned if @right.  @out needs 4 * @width + 1
 * bytes.  Returns the length written.
 */
size_t txt_fit(char *out, size_t len, const char *s, int width, int right);
/*
 * txt_fit_cut: the same, but a cut keeps @head columns of the start, then
 * the ellipsis, then as much of the end as fits (an ellipsis in the
 * middle, as nvtop and k9s cut names); @head < 0 cuts at the end.
 */
size_t txt_fit_cut(char *out, size_t len, const char *s, int width, int right, int head);

/* txt_cut: cut @s (a buffer of @len bytes) to @width columns, with an ellipsis (0: no limit). */
void txt_cut(char *s, size_t len, int width);

/* txt_num: fmt_human() with three digits, "-" for NaN (no value). */
void txt_num(char *out, size_t len, double v, const char *unit);
/* txt_rate: a per-second rate: "0", "0.500", "12.0", "1.20k". */
void txt_rate(char *out, size_t len, double v);
/* txt_value: fmt_human() with @digits and @flags (FMT_*), "µs" in a UTF-8 locale. */
void txt_value(char *out, size_t len, double v, const char *unit, int digits, int flags);

#endif
