/*
 * ldisc.c -- the terminal line discipline (ldisc.h): bytes typed are
 * edited into the input queue and echoed into the output queue; bytes
 * written are post-processed into the output queue; the device drains
 * it.  Both queues are fixed rings: a flood of input or an echo storm
 * is dropped, never grows memory.  Pure C, no Mach; term.c calls it
 * under its lock, tests/test_ldisc.c on the host.
 */
#include <string.h>

#include "ldisc.h"

#define CTRL(c)		((c) & 0x1f)
#define LD_BEL		0x07
#define LD_DEL		0x7f

/* The initial record: a cooked, echoing terminal at 115200 baud. */
void
ld_default_termios(struct ld_termios *t)
{
	memset(t, 0, sizeof(*t));
	t->iflag = LD_ICRNL | LD_IXON | LD_IMAXBEL;
	t->oflag = LD_OPOST | LD_ONLCR;
	t->cflag = LD_CS8 | LD_CREAD | LD_HUPCL;
	t->lflag = LD_ECHO | LD_ECHOE | LD_ECHOK | LD_ECHOKE | LD_ECHOCTL |
	    LD_ISIG | LD_ICANON | LD_IEXTEN;
	memset(t->cc, LD_VDISABLE, sizeof(t->cc));
	t->cc[LD_VEOF] = CTRL('D');
	t->cc[LD_VERASE] = LD_DEL;
	t->cc[LD_VWERASE] = CTRL('W');
	t->cc[LD_VKILL] = CTRL('U');
	t->cc[LD_VREPRINT] = CTRL('R');
	t->cc[LD_VINTR] = CTRL('C');
	t->cc[LD_VQUIT] = CTRL('\\');
	t->cc[LD_VSUSP] = CTRL('Z');
	t->cc[LD_VSTART] = CTRL('Q');
	t->cc[LD_VSTOP] = CTRL('S');
	t->cc[LD_VLNEXT] = CTRL('V');
	t->cc[LD_VMIN] = 1;
	t->cc[LD_VTIME] = 0;
	t->ispeed = t->ospeed = 115200;
}

/* cfmakeraw: no editing, echo, signals or output processing; 8 bits. */
void
ld_make_raw(struct ld_termios *t)
{
	t->iflag &= ~(LD_IGNBRK | LD_BRKINT | LD_ISTRIP | LD_INLCR |
	    LD_IGNCR | LD_ICRNL | LD_IXON);
	t->oflag &= ~LD_OPOST;
	t->lflag &= ~(LD_ECHO | LD_ECHONL | LD_ICANON | LD_ISIG | LD_IEXTEN);
	t->cflag = (t->cflag & ~(LD_CSIZE | LD_PARENB)) | LD_CS8;
	t->cc[LD_VMIN] = 1;
	t->cc[LD_VTIME] = 0;
}

void
ld_init(struct ldisc *ld)
{
	memset(ld, 0, sizeof(*ld));
	ld_default_termios(&ld->t);
}

/* Whether c is control character v (and v is not disabled). */
static int
ld_is(const struct ldisc *ld, int v, uint8_t c)
{
	return ld->t.cc[v] != LD_VDISABLE && ld->t.cc[v] == c;
}

/* The i-th byte of the input queue (0: oldest). */
static size_t
ld_in_at(const struct ldisc *ld, size_t i)
{
	return (ld->in_head + i) % LD_MAX_INPUT;
}

/* Queue one byte for the device; a full queue drops it. */
static void
ld_out_put(struct ldisc *ld, uint8_t c)
{
	if (ld->out_len == LD_OUTQ_SIZE)
		return;
	ld->out[(ld->out_head + ld->out_len) % LD_OUTQ_SIZE] = c;
	ld->out_len++;
	if (c == '\r' || c == '\n')
		ld->column = 0;
	else if (c == '\b')
		ld->column -= ld->column > 0;
	else if (c == '\t')
		ld->column = (ld->column | 7) + 1;
	else if (c >= 0x20 && c != LD_DEL)
		ld->column++;
}

/* Output processing of one byte (OPOST, ONLCR); 0 if it did not fit. */
static int
ld_out_post(struct ldisc *ld, uint8_t c)
{
	int need = 1;

	if ((ld->t.oflag & (LD_OPOST | LD_ONLCR)) == (LD_OPOST | LD_ONLCR) &&
	    c == '\n')
		need = 2;
	if (LD_OUTQ_SIZE - ld->out_len < (size_t)need)
		return 0;
	if (need == 2)
		ld_out_put(ld, '\r');
	ld_out_put(ld, c);
	return 1;
}

/* Echo c as typed: ECHOCTL shows control characters as ^X. */
static void
ld_echo_char(struct ldisc *ld, uint8_t c)
{
	if ((ld->t.lflag & LD_ECHOCTL) && (c < 0x20 || c == LD_DEL) &&
	    c != '\t' && c != '\n') {
		ld_out_put(ld, '^');
		ld_out_put(ld, c == LD_DEL ? '?' : c + '@');
	} else
		ld_out_post(ld, c);
}

/* Columns c took when echoed at column col. */
static unsigned int
ld_width(const struct ldisc *ld, uint8_t c, unsigned int col)
{
	if (c == '\t')
		return ((col | 7) + 1) - col;
	if (c < 0x20 || c == LD_DEL)
		return (ld->t.lflag & LD_ECHOCTL) ? 2 : 0;
	return 1;
}

/* The column after echoing the edited line's first n bytes. */
static unsigned int
ld_line_column(const struct ldisc *ld, size_t n)
{
	size_t first = ld->in_len - ld->canon;
	unsigned int col = ld->line_col;

	for (size_t i = 0; i < n; i++)
		col += ld_width(ld, ld->in[ld_in_at(ld, first + i)], col);
	return col;
}

/*
 * Remove the last byte of the line being edited and, with ECHO, show
 * it: ECHOE rubs it out ("\b \b" per column), else the erase character
 * is echoed.  0 if the line is empty.
 */
static int
ld_rubout(struct ldisc *ld, uint8_t erase_char)
{
	unsigned int from, to;

	if (ld->canon == 0)
		return 0;
	to = ld_line_column(ld, ld->canon - 1);
	from = ld_line_column(ld, ld->canon);
	ld->in_len--;
	ld->canon--;
	if (!(ld->t.lflag & LD_ECHO))
		return 1;
	if (!(ld->t.lflag & LD_ECHOE)) {
		ld_echo_char(ld, erase_char);
		return 1;
	}
	for (; from > to; from--) {
		ld_out_put(ld, '\b');
		ld_out_put(ld, ' ');
		ld_out_put(ld, '\b');
	}
	return 1;
}

static int
ld_space(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/* VWERASE: blanks, then the word before them. */
static void
ld_werase(struct ldisc *ld, uint8_t c)
{
	size_t last;

	while (ld->canon > 0) {
		last = ld_in_at(ld, ld->in_len - 1);
		if (!ld_space(ld->in[last]))
			break;
		ld_rubout(ld, c);
	}
	while (ld->canon > 0) {
		last = ld_in_at(ld, ld->in_len - 1);
		if (ld_space(ld->in[last]))
			break;
		ld_rubout(ld, c);
	}
}

/* VKILL: the whole line; ECHOKE rubs it out, ECHOK starts a new line. */
static void
ld_kill(struct ldisc *ld, uint8_t c)
{
	uint32_t lf = ld->t.lflag;

	if ((lf & LD_ECHO) && (lf & LD_ECHOKE) && (lf & LD_ECHOE)) {
		while (ld_rubout(ld, c))
			;
		return;
	}
	ld->in_len -= ld->canon;
	ld->canon = 0;
	if (!(lf & LD_ECHO))
		return;
	ld_echo_char(ld, c);
	if (lf & LD_ECHOK)
		ld_out_post(ld, '\n');
	ld->line_col = ld->column;
}

/*
 * Append c to the input queue with flags; a full line (MAX_CANON in
 * canonical mode, one byte kept for its delimiter) or a full queue
 * drops it and rings the bell.  Returns 0 if dropped.
 */
static int
ld_queue(struct ldisc *ld, uint8_t c, uint8_t flags)
{
	int canon = (ld->t.lflag & LD_ICANON) != 0;
	size_t at;

	if (ld->in_len == LD_MAX_INPUT || (canon && flags == 0 &&
	    ld->canon >= LD_MAX_CANON - 1) || (canon && flags != 0 &&
	    ld->canon >= LD_MAX_CANON)) {
		ld->dropped++;
		ld_out_put(ld, LD_BEL);
		return 0;
	}
	at = ld_in_at(ld, ld->in_len);
	ld->in[at] = c;
	ld->inflag[at] = flags;
	ld->in_len++;
	if (canon && flags != 0) {
		ld->lines++;
		ld->canon = 0;
	} else if (canon)
		ld->canon++;
	return 1;
}

/* A signal character: flush (unless NOFLSH), echo, record the event. */
static void
ld_signal(struct ldisc *ld, uint8_t c, unsigned int ev)
{
	if (!(ld->t.lflag & LD_NOFLSH))
		ld_flush(ld, 1, 1);
	if (ld->t.lflag & LD_ECHO)
		ld_echo_char(ld, c);
	ld->events |= ev;
}

/* Flow control and signals; 1 if c was one of them (and is used up). */
static int
ld_input_special(struct ldisc *ld, uint8_t c)
{
	uint32_t lf = ld->t.lflag;

	if (ld->t.iflag & LD_IXON) {
		if (ld_is(ld, LD_VSTOP, c)) {
			ld->stopped = 1;
			return 1;
		}
		if (ld_is(ld, LD_VSTART, c)) {
			ld->stopped = 0;
			return 1;
		}
		if (ld->t.iflag & LD_IXANY)
			ld->stopped = 0;
	}
	if (!(lf & LD_ISIG))
		return 0;
	if (ld_is(ld, LD_VINTR, c))
		ld_signal(ld, c, LD_EV_INTR);
	else if (ld_is(ld, LD_VQUIT, c))
		ld_signal(ld, c, LD_EV_QUIT);
	else if (ld_is(ld, LD_VSUSP, c))
		ld_signal(ld, c, LD_EV_SUSP);
	else
		return 0;
	return 1;
}

/* VREPRINT: the editing character, a new line, the line so far. */
static void
ld_reprint(struct ldisc *ld, uint8_t c)
{
	size_t first = ld->in_len - ld->canon;

	if (!(ld->t.lflag & LD_ECHO))
		return;
	ld_echo_char(ld, c);
	ld_out_post(ld, '\n');
	ld->line_col = ld->column;
	for (size_t i = 0; i < ld->canon; i++)
		ld_echo_char(ld, ld->in[ld_in_at(ld, first + i)]);
}

/* Canonical editing of c; 1 if it was an editing character. */
static int
ld_input_edit(struct ldisc *ld, uint8_t c)
{
	if (ld_is(ld, LD_VERASE, c) || ((ld->t.lflag & LD_IEXTEN) &&
	    ld->t.cc[LD_VERASE] == LD_DEL && c == '\b'))
		ld_rubout(ld, c);
	else if (ld_is(ld, LD_VKILL, c))
		ld_kill(ld, c);
	else if ((ld->t.lflag & LD_IEXTEN) && ld_is(ld, LD_VWERASE, c))
		ld_werase(ld, c);
	else if ((ld->t.lflag & LD_IEXTEN) && ld_is(ld, LD_VREPRINT, c))
		ld_reprint(ld, c);
	else if (ld_is(ld, LD_VEOF, c)) {
		ld_queue(ld, c, LD_Q_DELIM | LD_Q_EOF);
		ld->line_col = ld->column;
	} else if (c == '\n' || ld_is(ld, LD_VEOL, c) ||
	    ld_is(ld, LD_VEOL2, c)) {
		if (ld_queue(ld, c, LD_Q_DELIM) &&
		    (ld->t.lflag & (LD_ECHO | LD_ECHONL)))
			ld_echo_char(ld, c);
		ld->line_col = ld->column;
	} else
		return 0;
	return 1;
}

/* One typed byte. */
static void
ld_input_byte(struct ldisc *ld, uint8_t c)
{
	uint32_t lf = ld->t.lflag;

	if (ld->t.iflag & LD_ISTRIP)
		c &= 0x7f;
	if (ld->lnext) {
		ld->lnext = 0;
		if ((lf & LD_ECHO) && (lf & LD_ECHOCTL))
			ld_out_put(ld, '\b'), ld_out_put(ld, '\b');
		goto literal;
	}
	if (ld_input_special(ld, c))
		return;
	if (c == '\r' && (ld->t.iflag & LD_IGNCR))
		return;
	if (c == '\r' && (ld->t.iflag & LD_ICRNL))
		c = '\n';
	else if (c == '\n' && (ld->t.iflag & LD_INLCR))
		c = '\r';
	if ((lf & LD_IEXTEN) && ld_is(ld, LD_VLNEXT, c)) {
		ld->lnext = 1;
		if ((lf & LD_ECHO) && (lf & LD_ECHOCTL))
			ld_out_put(ld, '^'), ld_out_put(ld, '\b');
		return;
	}
	if ((lf & LD_ICANON) && ld_input_edit(ld, c))
		return;
literal:
	if (ld->canon == 0 && (lf & LD_ICANON))
		ld->line_col = ld->column;
	if (ld_queue(ld, c, 0) && (lf & LD_ECHO))
		ld_echo_char(ld, c);
}

/* IXOFF: ask the far end to stop near full, to go on once drained. */
static void
ld_input_flow(struct ldisc *ld)
{
	if (!(ld->t.iflag & LD_IXOFF))
		return;
	if (!ld->sent_stop && ld->in_len >= LD_MAX_INPUT * 3 / 4 &&
	    ld->t.cc[LD_VSTOP] != LD_VDISABLE) {
		ld->sent_stop = 1;
		ld->xchar = ld->t.cc[LD_VSTOP];
		ld->has_xchar = 1;
	} else if (ld->sent_stop && ld->in_len <= LD_MAX_INPUT / 4 &&
	    ld->t.cc[LD_VSTART] != LD_VDISABLE) {
		ld->sent_stop = 0;
		ld->xchar = ld->t.cc[LD_VSTART];
		ld->has_xchar = 1;
	}
}

/* Bytes typed at time now (ms): edit, queue, echo. */
void
ld_input(struct ldisc *ld, const uint8_t *buf, size_t n, uint64_t now)
{
	if (!(ld->t.cflag & LD_CREAD))
		return;
	for (size_t i = 0; i < n; i++)
		ld_input_byte(ld, buf[i]);
	if (n > 0)
		ld->last_rx = now;
	ld_input_flow(ld);
}

/*
 * Whether a read of want (>0) bytes that began at started can finish
 * at now (all in ms): canonical, once a line is there; otherwise by
 * VMIN and VTIME (tenths of a second).  When it cannot, *deadline is
 * the time it finishes anyway, or 0 for never.
 */
int
ld_read_ready(const struct ldisc *ld, size_t want, uint64_t started,
    uint64_t now, uint64_t *deadline)
{
	size_t min = ld->t.cc[LD_VMIN];
	uint64_t vtime = (uint64_t)ld->t.cc[LD_VTIME] * 100;

	*deadline = 0;
	if (ld->t.lflag & LD_ICANON)
		return ld->lines > 0;
	if (min > want)
		min = want;
	if (min == 0 && vtime == 0)
		return 1;
	if (ld->in_len >= (min > 0 ? min : 1))
		return 1;
	if (vtime == 0)
		return 0;
	if (min == 0)		/* a timer from the start of the read */
		*deadline = started + vtime;
	else if (ld->in_len == 0)	/* the first byte starts it */
		return 0;
	else			/* between bytes */
		*deadline = (ld->last_rx > started ? ld->last_rx : started) +
		    vtime;
	return now >= *deadline;
}

/* Take one line (canonical) or what there is, at most want bytes. */
size_t
ld_read(struct ldisc *ld, uint8_t *buf, size_t want)
{
	int canon = (ld->t.lflag & LD_ICANON) != 0;
	size_t got = 0, at;
	uint8_t f;

	while (got < want && ld->in_len > ld->canon) {
		at = ld->in_head;
		f = canon ? ld->inflag[at] : 0;
		ld->in_head = (at + 1) % LD_MAX_INPUT;
		ld->in_len--;
		if (ld->inflag[at] & LD_Q_DELIM)
			ld->lines--;
		if (!(f & LD_Q_EOF))
			buf[got++] = ld->in[at];
		if (f & LD_Q_DELIM)
			break;
	}
	ld_input_flow(ld);
	return got;
}

/* Bytes a read could take now (io_readable): the finished lines. */
size_t
ld_readable(const struct ldisc *ld)
{
	return (ld->t.lflag & LD_ICANON) ? ld->in_len - ld->canon :
	    ld->in_len;
}

/*
 * Install a new record.  Leaving or entering canonical mode keeps the
 * queue: its bytes after the last delimiter become the edited line.
 * -1 if the record is not one we can run (a character size but 8).
 */
int
ld_set_termios(struct ldisc *ld, const struct ld_termios *t)
{
	size_t i, lines = 0, canon = 0;

	if ((t->cflag & LD_CSIZE) != LD_CS8)
		return -1;
	ld->t = *t;
	for (i = 0; i < ld->in_len; i++) {
		if (!(t->lflag & LD_ICANON))
			ld->inflag[ld_in_at(ld, i)] = 0;
		if (ld->inflag[ld_in_at(ld, i)] & LD_Q_DELIM)
			lines++, canon = 0;
		else
			canon++;
	}
	ld->lines = lines;
	ld->canon = (t->lflag & LD_ICANON) ? canon : 0;
	if (ld->canon > LD_MAX_CANON)	/* raw bytes longer than a line */
		ld->canon = LD_MAX_CANON;
	if (!(t->iflag & LD_IXON))
		ld->stopped = 0;
	ld->lnext = 0;
	return 0;
}

/* Post-process up to n written bytes into the output; how many fit. */
size_t
ld_write(struct ldisc *ld, const uint8_t *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!ld_out_post(ld, buf[i]))
			break;
	return i;
}

/* Bytes for the device: a flow-control byte first, nothing if stopped. */
size_t
ld_out_take(struct ldisc *ld, uint8_t *buf, size_t max)
{
	size_t n = 0;

	if (max > 0 && ld->has_xchar) {
		buf[n++] = ld->xchar;
		ld->has_xchar = 0;
	}
	while (!ld->stopped && n < max && ld->out_len > 0) {
		buf[n++] = ld->out[ld->out_head];
		ld->out_head = (ld->out_head + 1) % LD_OUTQ_SIZE;
		ld->out_len--;
	}
	return n;
}

/* Bytes waiting for the device (drained by ld_out_take). */
size_t
ld_out_pending(const struct ldisc *ld)
{
	return ld->out_len + (ld->has_xchar ? 1 : 0);
}

/* tcflush: drop pending input, output or both. */
void
ld_flush(struct ldisc *ld, int input, int output)
{
	if (input) {
		ld->in_len = ld->in_head = 0;
		ld->lines = ld->canon = 0;
		ld->lnext = 0;
		ld->line_col = ld->column;
	}
	if (output)
		ld->out_len = ld->out_head = 0;
}

/* The signals asked for since the last call (LD_EV_*). */
unsigned int
ld_take_events(struct ldisc *ld)
{
	unsigned int ev = ld->events;

	ld->events = 0;
	return ev;
}
