/* SPDX-License-Identifier: MIT */
/*
 * top_tty.h - telemetry_top's terminal.  The only module that talks to
 * curses: it sets the terminal up, restores it on every way out (quit,
 * SIGINT/SIGTERM/SIGHUP, a fatal signal, exit()), keeps stderr off the
 * screen while curses runs and shows what was written there afterwards.
 */
#ifndef READERS_TOP_TTY_H
#define READERS_TOP_TTY_H

#include "top_view.h"

/* tty_wait results besides keys (TOP_K_* and ASCII). */
enum { TTY_TICK = -1, TTY_QUIT = -2, TTY_RESIZE = -3 };

/* tty_usable: 1 if stdin and stdout are terminals and TERM names a real one. */
int tty_usable(void);
/* tty_open: start curses; colour unless @mono or the terminal has none.  0 or -errno. */
int tty_open(int mono);
/* tty_close: restore the terminal and replay captured stderr; idempotent. */
void tty_close(void);

/*
 * tty_wait: the next key, or TTY_TICK after @timeout_ms (-1: no timeout),
 * TTY_QUIT on SIGINT/SIGTERM/SIGHUP, TTY_RESIZE when the size changed or
 * the process was continued after a stop.
 */
int tty_wait(int timeout_ms);

/* A frame: tty_begin(), lines into tty_sink(), tty_end(). */
void tty_begin(int *rows, int *cols);
struct top_sink *tty_sink(void);
void tty_end(void);
/* tty_repaint: have the next tty_end() repaint every cell (Ctrl-L). */
void tty_repaint(void);

#endif
