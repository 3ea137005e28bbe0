/*
 * ldisc.h -- the terminal line discipline of the term server: termios
 * input processing (canonical line editing, VMIN/VTIME, echo, signal
 * characters, flow control) and output processing, as a pure library
 * with no Mach types, host-tested by tests/test_ldisc.c.  term.c feeds
 * it bytes from the UART and readers' requests; docs/term.md.
 *
 * Flag and control-character values are BSD 4.4's, which the Hurd's
 * glibc uses (<bits/termios.h>): a termios record passes unchanged.
 * Not thread-safe: the caller holds its own lock around every call.
 */
#ifndef LDISC_H
#define LDISC_H

#include <stddef.h>
#include <stdint.h>

/* c_iflag */
#define LD_IGNBRK	0x00000001
#define LD_BRKINT	0x00000002
#define LD_ISTRIP	0x00000020
#define LD_INLCR	0x00000040
#define LD_IGNCR	0x00000080
#define LD_ICRNL	0x00000100
#define LD_IXON		0x00000200
#define LD_IXOFF	0x00000400
#define LD_IXANY	0x00000800
#define LD_IMAXBEL	0x00002000
/* c_oflag */
#define LD_OPOST	0x00000001
#define LD_ONLCR	0x00000002
/* c_cflag */
#define LD_CSIZE	0x00000300
#define LD_CS8		0x00000300
#define LD_CSTOPB	0x00000400
#define LD_CREAD	0x00000800
#define LD_PARENB	0x00001000
#define LD_PARODD	0x00002000
#define LD_HUPCL	0x00004000
#define LD_CLOCAL	0x00008000
/* c_lflag */
#define LD_ECHOKE	0x00000001
#define LD_ECHOE	0x00000002
#define LD_ECHOK	0x00000004
#define LD_ECHO		0x00000008
#define LD_ECHONL	0x00000010
#define LD_ECHOCTL	0x00000040
#define LD_ISIG		0x00000080
#define LD_ICANON	0x00000100
#define LD_IEXTEN	0x00000400
#define LD_TOSTOP	0x00400000
#define LD_NOFLSH	0x80000000
/* c_cc indices */
#define LD_VEOF		0
#define LD_VEOL		1
#define LD_VEOL2	2
#define LD_VERASE	3
#define LD_VWERASE	4
#define LD_VKILL	5
#define LD_VREPRINT	6
#define LD_VINTR	8
#define LD_VQUIT	9
#define LD_VSUSP	10
#define LD_VSTART	12
#define LD_VSTOP	13
#define LD_VLNEXT	14
#define LD_VMIN		16
#define LD_VTIME	17
#define LD_NCCS		20
#define LD_VDISABLE	0xff	/* a c_cc slot holding this is off */

/* A line holds at most MAX_CANON bytes; the queue MAX_INPUT. */
#define LD_MAX_CANON	1024
#define LD_MAX_INPUT	4096
#define LD_OUTQ_SIZE	4096

/* The termios record (the Hurd's layout: five words, cc, two speeds). */
struct ld_termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t cc[LD_NCCS];
	uint32_t ispeed, ospeed;
};

/* Signals the input asked for the foreground group (ld_take_events). */
#define LD_EV_INTR	0x1	/* VINTR: SIGINT */
#define LD_EV_QUIT	0x2	/* VQUIT: SIGQUIT */
#define LD_EV_SUSP	0x4	/* VSUSP: SIGTSTP */

/* A byte in the input queue ends a line (and is or is not data). */
#define LD_Q_DELIM	0x1
#define LD_Q_EOF	0x2	/* VEOF: ends the line, never read */

struct ldisc {
	struct ld_termios t;
	uint8_t in[LD_MAX_INPUT];	/* ring of processed input */
	uint8_t inflag[LD_MAX_INPUT];	/* LD_Q_* per byte */
	size_t in_head, in_len;
	size_t lines;			/* delimiters in the queue */
	size_t canon;			/* bytes of the edited line */
	uint8_t out[LD_OUTQ_SIZE];	/* ring of bytes for the device */
	size_t out_head, out_len;
	unsigned int column;		/* output column (erasing tabs) */
	unsigned int line_col;		/* column the line began at */
	int lnext;			/* the next byte is literal */
	int stopped;			/* VSTOP received (IXON) */
	int sent_stop;			/* we asked the far end to stop */
	uint8_t xchar;			/* VSTOP/VSTART to send first */
	int has_xchar;
	unsigned int events;		/* LD_EV_* not yet taken */
	uint64_t last_rx;		/* time of the last byte (ms) */
	uint64_t dropped;		/* bytes refused: queue full */
};

void	ld_init(struct ldisc *ld);
void	ld_default_termios(struct ld_termios *t);
void	ld_make_raw(struct ld_termios *t);
int	ld_set_termios(struct ldisc *ld, const struct ld_termios *t);
void	ld_input(struct ldisc *ld, const uint8_t *buf, size_t n,
	    uint64_t now);
int	ld_read_ready(const struct ldisc *ld, size_t want, uint64_t started,
	    uint64_t now, uint64_t *deadline);
size_t	ld_read(struct ldisc *ld, uint8_t *buf, size_t want);
size_t	ld_readable(const struct ldisc *ld);
size_t	ld_write(struct ldisc *ld, const uint8_t *buf, size_t n);
size_t	ld_out_take(struct ldisc *ld, uint8_t *buf, size_t max);
size_t	ld_out_pending(const struct ldisc *ld);
void	ld_flush(struct ldisc *ld, int input, int output);
unsigned int ld_take_events(struct ldisc *ld);

#endif
