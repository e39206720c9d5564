/* SPDX-License-Identifier: MIT */
/*
 * top_tty.c - the terminal (see top_tty.h).
 *
 * Signals: SIGINT, SIGTERM, SIGHUP, SIGWINCH and SIGCONT only set a flag
 * and write a byte to a pipe that tty_wait() polls beside stdin, so none
 * is lost between a check and the poll.  Our own SIGWINCH handler means
 * curses installs none; a resize is applied with resizeterm().  Fatal
 * signals restore the terminal, then go on to whatever handler was there
 * before (a sanitizer's, or the default) so the crash is still reported.
 * SIGBUS inside a ring read belongs to the bus guard and is passed to it.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "shm/bus_guard.h"
#include "shm/clock.h"
#include "top_tty.h"
#include "top_ui.h"

enum { PAIR_LIVE = 1, PAIR_GONE, PAIR_DEAD };

static SCREEN *scr;
static volatile sig_atomic_t active;	/* curses is up */
static int color, repaint;
static int wake[2] = { -1, -1 };
static volatile sig_atomic_t got_quit, got_winch, got_cont;
static int saved_err = -1, cap_err = -1;

static const int fatal_sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
#define NFATAL (int)(sizeof(fatal_sigs) / sizeof(fatal_sigs[0]))
static struct sigaction old_fatal[NFATAL];

/* The frame being drawn. */
static int rows, cols, y;

int tty_usable(void)
{
	const char *term = getenv("TERM");

	return isatty(0) && isatty(1) && term && *term && strcmp(term, "dumb");
}

/* Put stderr back and copy out what was written to it meanwhile (async-signal-safe). */
static void replay_stderr(void)
{
	char buf[4096];
	ssize_t n;

	if (saved_err < 0)
		return;
	dup2(saved_err, 2);
	close(saved_err);
	saved_err = -1;
	if (lseek(cap_err, 0, SEEK_SET) == 0)
		while ((n = read(cap_err, buf, sizeof(buf))) > 0)
			if (write(2, buf, (size_t)n) != n)
				break;
	close(cap_err);
	cap_err = -1;
}

static void capture_stderr(void)
{
	fflush(stderr);
	cap_err = memfd_create("telemetry_top-stderr", MFD_CLOEXEC);
	if (cap_err < 0)
		return;		/* keep stderr as it is: a scribbled screen beats a lost message */
	saved_err = fcntl(2, F_DUPFD_CLOEXEC, 3);
	if (saved_err < 0 || dup2(cap_err, 2) < 0) {
		if (saved_err >= 0)
			close(saved_err);
		close(cap_err);
		saved_err = cap_err = -1;
	}
}

static void on_signal(int sig)
{
	int e = errno;
	ssize_t n;

	if (sig == SIGWINCH)
		got_winch = 1;
	else if (sig == SIGCONT)
		got_cont = 1;
	else
		got_quit = 1;
	n = write(wake[1], "", 1);	/* non-blocking: a full pipe has woken us already */
	(void)n;
	errno = e;
}

static void on_fatal(int sig, siginfo_t *si, void *ctx)
{
	int i = 0;

	while (i < NFATAL - 1 && fatal_sigs[i] != sig)
		i++;
	if (sig == SIGBUS && bus_guard_jmp && (old_fatal[i].sa_flags & SA_SIGINFO)) {
		old_fatal[i].sa_sigaction(sig, si, ctx);	/* jumps back into the ring read */
		return;
	}
	if (active) {
		active = 0;
		endwin();	/* not async-signal-safe, but the process is dying anyway */
	}
	replay_stderr();
	sigaction(sig, &old_fatal[i], NULL);
	/* Sent or raised: send it again.  A fault: returning repeats the faulting access. */
	if (si->si_code <= 0)
		raise(sig);
}

static void handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);	/* no SA_RESTART: poll() must return */
}

static void install_signals(void)
{
	struct sigaction sa;

	handle(SIGINT, on_signal);
	handle(SIGTERM, on_signal);
	handle(SIGHUP, on_signal);
	handle(SIGWINCH, on_signal);
	handle(SIGCONT, on_signal);
	bus_guard_install();	/* first, so that ours can pass SIGBUS on to it */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fatal;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < NFATAL; i++)
		sigaction(fatal_sigs[i], &sa, &old_fatal[i]);
}

static void restore_signals(void)
{
	for (int i = 0; i < NFATAL; i++)
		sigaction(fatal_sigs[i], &old_fatal[i], NULL);
	handle(SIGINT, SIG_DFL);
	handle(SIGTERM, SIG_DFL);
	handle(SIGHUP, SIG_DFL);
	handle(SIGWINCH, SIG_DFL);
	handle(SIGCONT, SIG_DFL);
}

static void at_exit(void)
{
	tty_close();
}

int tty_open(int mono)
{
	static int registered;

	if (pipe2(wake, O_CLOEXEC | O_NONBLOCK))
		return -errno;
	capture_stderr();
	install_signals();
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		restore_signals();
		replay_stderr();
		close(wake[0]);
		close(wake[1]);
		return -ENOTTY;
	}
	set_term(scr);
	active = 1;
	if (!registered++)
		atexit(at_exit);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	if (!mono && has_colors()) {
		start_color();
		use_default_colors();
		init_pair(PAIR_LIVE, COLOR_GREEN, -1);
		init_pair(PAIR_GONE, COLOR_YELLOW, -1);
		init_pair(PAIR_DEAD, COLOR_RED, -1);
		color = 1;
	}
	return 0;
}

void tty_close(void)
{
	if (!active)
		return;
	active = 0;
	endwin();
	delscreen(scr);
	scr = NULL;
	restore_signals();
	replay_stderr();
	close(wake[0]);
	close(wake[1]);
	wake[0] = wake[1] = -1;
}

static void resize(void)
{
	struct winsize ws;

	if (!ioctl(1, TIOCGWINSZ, &ws) && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
}

static int translate(int ch)
{
	switch (ch) {
	case KEY_UP: return TOP_K_UP;
	case KEY_DOWN: return TOP_K_DOWN;
	case KEY_PPAGE: return TOP_K_PGUP;
	case KEY_NPAGE: return TOP_K_PGDN;
	case KEY_HOME: return TOP_K_HOME;
	case KEY_END: return TOP_K_END;
	case KEY_ENTER: case '\r': case '\n': return TOP_K_ENTER;
	case KEY_BACKSPACE: case 127: case 8: return TOP_K_BACKSPACE;
	case '\t': return TOP_K_TAB;
	case KEY_BTAB: return TOP_K_BTAB;
	case KEY_F(1): return TOP_K_F1;
	case KEY_F(2): return TOP_K_F2;
	case KEY_F(3): return TOP_K_F3;
	case KEY_F(4): return TOP_K_F4;
	case KEY_F(6): return TOP_K_F6;
	case KEY_F(10): return TOP_K_F10;
	case 12: return TOP_K_REDRAW;	/* Ctrl-L */
	case KEY_RESIZE: return TTY_RESIZE;
	}
	return ch >= 0x20 && ch <= 0xff ? ch : ch > 0xff ? TOP_K_OTHER : 0;
}

/*
 * Escape: the key, or the start of a sequence curses did not know (a
 * function key its terminfo entry lacks).  Such a sequence arrives at
 * once, so when '[' or 'O' follows, it is read up to its final byte and
 * taken as one key that means nothing, never as the Esc, '[', '1', ...
 * it is made of.  Anything else after it is a key of its own.
 */
static int escape(void)
{
	int ch = getch();

	if (ch == ERR)
		return TOP_K_ESC;
	if (ch != '[' && ch != 'O') {
		ungetch(ch);
		return TOP_K_ESC;
	}
	/* ESC [ parameters final, ESC O final: the final byte is 0x40..0x7e. */
	while ((ch = getch()) != ERR && !(ch >= 0x40 && ch <= 0x7e))
		;
	return TOP_K_OTHER;
}

/* Signed, like tty_wait()'s deadline, where -1 means none. */
static long long now_ms(void)
{
	return (long long)(clock_ns(CLOCK_MONOTONIC) / 1000000u);
}

int tty_wait(int timeout_ms)
{
	long long deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : -1;
	char buf[64];

	for (;;) {
		struct pollfd p[2] = { { 0, POLLIN, 0 }, { wake[0], POLLIN, 0 } };
		int ch, left;

		if (got_quit)
			return TTY_QUIT;
		if (got_winch || got_cont) {
			if (got_cont)
				repaint = 1;	/* the screen may hold anything after a stop */
			got_winch = got_cont = 0;
			resize();
			return TTY_RESIZE;
		}
		/* curses may hold keys it has read already: ask it before polling. */
		ch = getch();
		if (ch != ERR) {
			int k = ch == 27 ? escape() : translate(ch);

			if (k)
				return k;
			continue;
		}
		left = deadline < 0 ? -1 : deadline > now_ms() ? (int)(deadline - now_ms()) : 0;
		if (!poll(p, 2, left))
			return TTY_TICK;
		while (read(wake[0], buf, sizeof(buf)) > 0)
			;
		if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return TTY_QUIT;	/* the terminal went away */
	}
}

void tty_begin(int *r, int *c)
{
	erase();
	getmaxyx(stdscr, rows, cols);
	y = 0;
	*r = rows;
	*c = cols;
}

static short pair_of(enum top_state s)
{
	return s == TOP_LIVE ? PAIR_LIVE : s == TOP_GONE ? PAIR_GONE :
	       s == TOP_EXITED ? 0 : PAIR_DEAD;
}

static void draw(struct top_sink *k, enum top_lk kind, const char *text, const struct top_mark *m)
{
	attr_t attr = A_NORMAL;
	int at;

	(void)k;
	if (kind == TOP_L_FOOT) {
		at = rows - 1;
	} else {
		if (y >= rows - 1)
			return;		/* the last line is the key reminder's */
		at = y++;
	}
	switch (kind) {
	case TOP_L_TITLE: attr = A_BOLD; break;
	case TOP_L_HEAD: case TOP_L_FOOT: attr = A_REVERSE; break;
	case TOP_L_SEL: attr = A_REVERSE | A_BOLD; break;
	case TOP_L_ROW: attr = m->row >= 0 && m->state != TOP_LIVE ? A_DIM : A_NORMAL; break;
	default: break;
	}
	attrset(attr);
	mvaddstr(at, 0, text);
	attrset(A_NORMAL);
	/* Bars (header, selection, reminder) run the full width. */
	if (kind == TOP_L_HEAD || kind == TOP_L_FOOT || kind == TOP_L_SEL)
		mvchgat(at, 0, -1, attr, 0, NULL);
	if (color && m->state_x >= 0 && m->state_x < cols && pair_of(m->state))
		mvchgat(at, m->state_x, m->state_w, attr | A_BOLD, pair_of(m->state), NULL);
}

static struct top_sink sink = { draw, 0 };

struct top_sink *tty_sink(void)
{
	sink.width = cols;
	return &sink;
}

void tty_repaint(void)
{
	repaint = 1;
}

void tty_end(void)
{
	if (repaint) {
		clearok(curscr, TRUE);
		repaint = 0;
	}
	wnoutrefresh(stdscr);
	doupdate();
}
