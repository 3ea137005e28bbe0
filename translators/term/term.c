/*
 * term.c -- the term server: COM1 as a terminal, one character device
 * served with translators/lib's single-node helper (io, fs, fsys) and
 * the term protocol (term.defs: termios, window size, process groups).
 * Reads and writes that must wait are deferred replies kept in a
 * bounded table and answered by term_service, which the device thread
 * runs after every interrupt or timer.  docs/term.md.
 *
 * Usage: term [--test] [CLIENT-TASK]  (with --device-master-port)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mig_errors.h>
#include <whorl/ports.h>

#include "termsrv.h"
#include "srv_node_int.h"
#include "io_reply.h"
#include "term_S.h"

struct term term = { .lock = PTHREAD_MUTEX_INITIALIZER };

int	term_server(mach_msg_header_t *, mach_msg_header_t *);

uint64_t
term_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * A free waiter slot, or NULL (EAGAIN for the caller).  A full table
 * first frees the waiters whose client died (their reply right is now
 * a dead name).  Only a send-once reply right is kept: the io_reply
 * stubs send without a timeout, under term.lock, and only a send-once
 * right can never make a send wait (MIG's stubs always use one).
 */
static struct term_wait *
term_wait_alloc(enum term_wait_kind kind)
{
	const mach_msg_header_t *req = srv_request();
	mach_port_type_t type;
	struct term_wait *w;
	unsigned int i;

	if (req == NULL || MACH_MSGH_BITS_REMOTE(req->msgh_bits) !=
	    MACH_MSG_TYPE_PORT_SEND_ONCE)
		return NULL;

	for (i = 0; i < TERM_MAX_WAITERS && term.nwait == TERM_MAX_WAITERS;
	    i++) {
		w = &term.wait[i];
		if (mach_port_type(mach_task_self(), w->reply.port, &type) ==
		    0 && (type & MACH_PORT_TYPE_DEAD_NAME)) {
			mach_port_deallocate(mach_task_self(), w->reply.port);
			free(w->data);
			w->kind = TW_FREE;
			term.nwait--;
		}
	}
	for (i = 0; i < TERM_MAX_WAITERS; i++) {
		w = &term.wait[i];
		if (w->kind != TW_FREE)
			continue;
		memset(w, 0, sizeof(*w));
		if (srv_reply_defer(&w->reply) != 0)
			return NULL;
		w->kind = kind;
		w->seq = ++term.seq;
		w->started = term_now();
		term.nwait++;
		return w;
	}
	return NULL;
}

static void
term_wait_free(struct term_wait *w)
{
	free(w->data);
	w->data = NULL;
	w->kind = TW_FREE;
	term.nwait--;
}

/* The oldest waiter of a kind, or NULL: readers are served in order. */
static struct term_wait *
term_oldest(enum term_wait_kind kind)
{
	struct term_wait *best = NULL;

	for (unsigned int i = 0; i < TERM_MAX_WAITERS; i++)
		if (term.wait[i].kind == kind &&
		    (best == NULL || term.wait[i].seq < best->seq))
			best = &term.wait[i];
	return best;
}

/* Answer the oldest read if it can finish; 1 if it did. */
static int
term_answer_read(uint64_t now)
{
	struct term_wait *w = term_oldest(TW_READ);
	uint8_t buf[TERM_READ_INLINE];
	uint64_t d;
	size_t n;

	if (w == NULL || !ld_read_ready(&term.ld, w->want, w->started, now,
	    &d))
		return 0;
	n = ld_read(&term.ld, buf, w->want);
	io_read_reply(w->reply.port, w->reply.poly, 0, (data_t)buf, n);
	term_wait_free(w);
	return 1;
}

/* Install a checked record: line discipline, divisor, TCSAFLUSH. */
static void
term_apply(const struct ld_termios *t, int flush)
{
	if (t->ospeed != term.ld.t.ospeed)
		uart_set_speed(t->ospeed);
	ld_set_termios(&term.ld, t);
	if (flush)
		ld_flush(&term.ld, 1, 0);
}

/* The io_select types of want that are ready now. */
static int
term_ready_types(int want)
{
	int ready = 0;

	if ((want & IO_SELECT_READ) && ld_readable(&term.ld) > 0)
		ready |= IO_SELECT_READ;
	if ((want & IO_SELECT_WRITE) && ld_out_pending(&term.ld) <
	    LD_OUTQ_SIZE)
		ready |= IO_SELECT_WRITE;
	return ready;
}

/* Serve one waiting write, select, drain or setattr. */
static void
term_answer_other(struct term_wait *w)
{
	size_t n;
	int ready;

	switch (w->kind) {
	case TW_WRITE:
		n = ld_write(&term.ld, w->data + w->off, w->len - w->off);
		w->off += n;
		if (w->off < w->len)
			return;
		io_write_reply(w->reply.port, w->reply.poly, 0, w->total);
		break;
	case TW_SELECT:
		if ((ready = term_ready_types(w->types)) == 0)
			return;
		io_select_reply(w->reply.port, w->reply.poly, 0, ready);
		break;
	case TW_DRAIN:
	case TW_SETATTR:
		if (ld_out_pending(&term.ld) != 0)
			return;
		if (w->kind == TW_SETATTR)
			term_apply(&w->t, w->flush);
		srv_reply_now(&w->reply, 0);
		break;
	default:
		return;
	}
	term_wait_free(w);
}

/*
 * After input, output room or a timer: pass on the signals the line
 * discipline asked for, answer every waiter that can be answered and
 * restart the transmitter.  term.lock held.
 */
void
term_service(void)
{
	unsigned int ev = ld_take_events(&term.ld);
	uint64_t now = term_now();
	struct term_wait *w;

	if (ev & LD_EV_INTR)
		ctty_signal(TERM_SIGINT, term.fg_pgrp);
	if (ev & LD_EV_QUIT)
		ctty_signal(TERM_SIGQUIT, term.fg_pgrp);
	if (ev & LD_EV_SUSP)
		ctty_signal(TERM_SIGTSTP, term.fg_pgrp);
	while (term_answer_read(now))
		;
	while ((w = term_oldest(TW_WRITE)) != NULL && w->kind == TW_WRITE) {
		term_answer_other(w);
		if (w->kind != TW_FREE)
			break;	/* no room: the rest wait behind it */
	}
	for (unsigned int i = 0; i < TERM_MAX_WAITERS; i++)
		if (term.wait[i].kind != TW_READ &&
		    term.wait[i].kind != TW_WRITE)
			term_answer_other(&term.wait[i]);
	uart_kick();
}

/*
 * io_read: a whole line (canonical) or as VMIN/VTIME say; otherwise the
 * reply waits (MIG_NO_REPLY), behind any older reader.
 */
static int
term_read(struct srv_node *n, struct srv_open *o, int64_t offset,
    char *buf, size_t amount, size_t *got)
{
	struct term_wait *w;
	uint64_t d, now = term_now();
	int error;

	(void)n, (void)offset;
	if (amount > LD_MAX_INPUT)
		amount = LD_MAX_INPUT;
	pthread_mutex_lock(&term.lock);
	error = ctty_check(o, CTTY_READ);
	if (error == 0 && term_oldest(TW_READ) == NULL &&
	    ld_read_ready(&term.ld, amount, now, now, &d)) {
		*got = ld_read(&term.ld, (uint8_t *)buf, amount);
		uart_kick();		/* IXOFF may want to send VSTART */
	} else if (error == 0) {
		w = term_wait_alloc(TW_READ);
		error = w == NULL ? EAGAIN : MIG_NO_REPLY;
		if (w != NULL)	/* its answer goes in line */
			w->want = amount < TERM_READ_INLINE ? amount :
			    TERM_READ_INLINE;
	}
	pthread_mutex_unlock(&term.lock);
	if (error == MIG_NO_REPLY)
		term_wake_device();	/* its timer, if VTIME asks one */
	return error;
}

/*
 * io_write: what fits in the output queue now; if not all of it, the
 * reply waits until the rest (at most TERM_WRITE_KEEP more bytes) has
 * gone in, and counts what was taken.
 */
static int
term_write(struct srv_node *n, struct srv_open *o, int64_t offset,
    const char *data, size_t len, size_t *taken)
{
	struct term_wait *w;
	size_t now_n, keep;
	int error;

	(void)n, (void)offset;
	pthread_mutex_lock(&term.lock);
	error = ctty_check(o, CTTY_WRITE);
	if (error == 0 && term_oldest(TW_WRITE) == NULL)
		now_n = ld_write(&term.ld, (const uint8_t *)data, len);
	else
		now_n = 0;
	uart_kick();
	if (error == 0 && now_n == len)
		*taken = len;
	else if (error == 0) {
		w = term_wait_alloc(TW_WRITE);
		keep = len - now_n;
		if (keep > TERM_WRITE_KEEP)
			keep = TERM_WRITE_KEEP;
		if (w != NULL && (w->data = malloc(keep)) == NULL)
			term_wait_free(w), w = NULL;
		if (w == NULL && now_n > 0)
			*taken = now_n;	/* a short write, no error */
		else if (w == NULL)
			error = EAGAIN;
		else {
			memcpy(w->data, data + now_n, keep);
			w->len = keep;
			w->total = now_n + keep;
			srv_free_in_data(data, len);
			error = MIG_NO_REPLY;
		}
	}
	pthread_mutex_unlock(&term.lock);
	return error;
}

static int
term_readable(struct srv_node *n, struct srv_open *o, uint64_t *amount)
{
	(void)n, (void)o;
	pthread_mutex_lock(&term.lock);
	*amount = ld_readable(&term.ld);
	pthread_mutex_unlock(&term.lock);
	return 0;
}

static int
term_select(struct srv_node *n, struct srv_open *o, int *types)
{
	struct term_wait *w;
	int ready, error = 0;

	(void)n, (void)o;
	pthread_mutex_lock(&term.lock);
	ready = term_ready_types(*types);
	if (ready != 0 || (*types & (IO_SELECT_READ | IO_SELECT_WRITE)) == 0)
		*types = ready;
	else if ((w = term_wait_alloc(TW_SELECT)) == NULL)
		error = EAGAIN;
	else {
		w->types = *types;
		error = MIG_NO_REPLY;
	}
	pthread_mutex_unlock(&term.lock);
	return error;
}

/* Linux's numbers for ttyS0: major 4, minor 64. */
static void
term_stat(struct srv_node *n, struct io_statbuf *st)
{
	(void)n;
	st->st_rdev = (4 << 8) | 64;
	st->st_size = 0;
}

static const struct srv_node_ops term_ops = {
	.read = term_read,
	.write = term_write,
	.readable = term_readable,
	.select = term_select,
	.stat = term_stat,
};

/* The open of an io port of ours, or NULL. */
static struct srv_open *
term_open_of(struct srv_port *p)
{
	return p != NULL && p->class == &srv_protid_class ?
	    ((struct srv_protid *)p)->open : NULL;
}

static void
term_pack(const struct ld_termios *t, term_termios_t *tw)
{
	int32_t *w = tw->w;

	w[TERM_T_IFLAG] = t->iflag;
	w[TERM_T_OFLAG] = t->oflag;
	w[TERM_T_CFLAG] = t->cflag;
	w[TERM_T_LFLAG] = t->lflag;
	memcpy(&w[TERM_T_CC], t->cc, LD_NCCS);
	w[TERM_T_ISPEED] = t->ispeed;
	w[TERM_T_OSPEED] = t->ospeed;
}

/* A record from a client: EINVAL for what we cannot run. */
static int
term_unpack(const term_termios_t *tw, struct ld_termios *t)
{
	const int32_t *w = tw->w;
	uint32_t is = w[TERM_T_ISPEED], os = w[TERM_T_OSPEED];

	if (((uint32_t)w[TERM_T_CFLAG] & LD_CSIZE) != LD_CS8 ||
	    !uart_speed_ok(os) || !uart_speed_ok(is) ||
	    (is != 0 && is != os))
		return EINVAL;
	t->iflag = w[TERM_T_IFLAG];
	t->oflag = w[TERM_T_OFLAG];
	t->cflag = w[TERM_T_CFLAG];
	t->lflag = w[TERM_T_LFLAG];
	memcpy(t->cc, &w[TERM_T_CC], LD_NCCS);
	t->ispeed = t->ospeed = os;
	return 0;
}

kern_return_t
S_term_get_termios(srv_port_t io, term_termios_t *termios)
{
	if (term_open_of(io) == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	term_pack(&term.ld.t, termios);
	pthread_mutex_unlock(&term.lock);
	return 0;
}

/* Install t now (TCSANOW) or once the output has gone (the others). */
kern_return_t
S_term_set_termios(srv_port_t io, mach_port_t reply, int32_t when,
    term_termios_t termios)
{
	struct srv_open *o = term_open_of(io);
	struct term_wait *w;
	struct ld_termios t;
	int error;

	(void)reply;
	if (o == NULL)
		return EOPNOTSUPP;
	if (when < TERM_TCSANOW || when > TERM_TCSAFLUSH)
		return EINVAL;
	if ((error = term_unpack(&termios, &t)) != 0)
		return error;
	pthread_mutex_lock(&term.lock);
	error = ctty_check(o, CTTY_CHANGE);
	if (error == 0 && (when == TERM_TCSANOW ||
	    ld_out_pending(&term.ld) == 0)) {
		term_apply(&t, when == TERM_TCSAFLUSH);
		term_service();	/* a new VMIN may end a read */
	} else if (error == 0) {
		w = term_wait_alloc(TW_SETATTR);
		error = w == NULL ? EAGAIN : MIG_NO_REPLY;
		if (w != NULL) {
			w->t = t;
			w->flush = when == TERM_TCSAFLUSH;
		}
	}
	pthread_mutex_unlock(&term.lock);
	return error;
}

kern_return_t
S_term_flush(srv_port_t io, int32_t queues)
{
	struct srv_open *o = term_open_of(io);
	int error;

	if (o == NULL)
		return EOPNOTSUPP;
	if (queues <= 0 || queues > (TERM_FLUSH_IN | TERM_FLUSH_OUT))
		return EINVAL;
	pthread_mutex_lock(&term.lock);
	error = ctty_check(o, CTTY_CHANGE);
	if (error == 0) {
		ld_flush(&term.ld, queues & TERM_FLUSH_IN,
		    queues & TERM_FLUSH_OUT);
		term_service();
	}
	pthread_mutex_unlock(&term.lock);
	return error;
}

kern_return_t
S_term_drain(srv_port_t io, mach_port_t reply)
{
	int error = 0;

	(void)reply;
	if (term_open_of(io) == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	error = ctty_check(term_open_of(io), CTTY_CHANGE);
	if (error == 0 && ld_out_pending(&term.ld) != 0)
		error = term_wait_alloc(TW_DRAIN) == NULL ? EAGAIN :
		    MIG_NO_REPLY;
	pthread_mutex_unlock(&term.lock);
	return error;
}

kern_return_t
S_term_get_winsize(srv_port_t io, int32_t *rows, int32_t *cols,
    int32_t *xpixel, int32_t *ypixel)
{
	if (term_open_of(io) == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	*rows = term.rows;
	*cols = term.cols;
	*xpixel = term.xpixel;
	*ypixel = term.ypixel;
	pthread_mutex_unlock(&term.lock);
	return 0;
}

/* TIOCSWINSZ: a change signals SIGWINCH to the foreground group. */
kern_return_t
S_term_set_winsize(srv_port_t io, int32_t rows, int32_t cols,
    int32_t xpixel, int32_t ypixel)
{
	int changed;

	if (term_open_of(io) == NULL)
		return EOPNOTSUPP;
	if (rows < 0 || cols < 0 || xpixel < 0 || ypixel < 0 ||
	    rows > 0xffff || cols > 0xffff || xpixel > 0xffff ||
	    ypixel > 0xffff)
		return EINVAL;
	pthread_mutex_lock(&term.lock);
	changed = rows != term.rows || cols != term.cols ||
	    xpixel != term.xpixel || ypixel != term.ypixel;
	term.rows = rows;
	term.cols = cols;
	term.xpixel = xpixel;
	term.ypixel = ypixel;
	if (changed && term.fg_pgrp != 0)
		ctty_signal(TERM_SIGWINCH, term.fg_pgrp);
	pthread_mutex_unlock(&term.lock);
	return 0;
}

kern_return_t
S_term_get_stats(srv_port_t io, term_stats_t *st)
{
	struct task_basic_info bi;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;

	int64_t *stats = st->w;

	if (term_open_of(io) == NULL)
		return EOPNOTSUPP;
	if (task_info(mach_task_self(), TASK_BASIC_INFO, (task_info_t)&bi,
	    &n) != 0)
		bi.virtual_size = 0;
	pthread_mutex_lock(&term.lock);
	stats[TERM_S_INPUT] = term.ld.in_len;
	stats[TERM_S_OUTPUT] = ld_out_pending(&term.ld);
	stats[TERM_S_DROPPED] = term.ld.dropped;
	stats[TERM_S_RECEIVED] = term.received;
	stats[TERM_S_SENT] = term.sent;
	stats[TERM_S_VSIZE] = bi.virtual_size;
	stats[TERM_S_WAITING] = term.nwait;
	stats[TERM_S_INTERRUPTS] = term.interrupts;
	stats[TERM_S_RX_TSC] = term.rx_tsc;
	stats[TERM_S_RESERVED] = 0;
	pthread_mutex_unlock(&term.lock);
	return 0;
}

static int
term_demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	return term_server(in, out) || srv_node_demux(in, out);
}

static void *
term_device_thread(void *arg)
{
	(void)arg;
	uart_run();
	return NULL;
}

int
main(int argc, char *argv[])
{
	static struct srv_node node;
	mach_port_t client = MACH_PORT_NULL;
	pthread_t dev;
	int i, error;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--test") == 0)
			srv_test_enable();
		else if (argv[i][0] >= '1' && argv[i][0] <= '9')
			client = strtoul(argv[i], NULL, 10);
		else {
			fprintf(stderr, "term: unknown option %s\n", argv[i]);
			return 1;
		}
	}
	ld_init(&term.ld);
	term.rows = 24;
	term.cols = 80;
	error = srv_node_init(&node, &term_ops, S_IFCHR | 0666,
	    SRV_NODE_MAX_WORKERS);
	node.bucket.demux = term_demux;
	if (error == 0 && uart_start(__whorl_device_master) != 0)
		error = ENXIO;
	if (error == 0)
		error = pthread_create(&dev, NULL, term_device_thread, NULL);
	if (error == 0)
		error = srv_node_start(&node, client);
	if (error != 0) {
		fprintf(stderr, "term: cannot start: %s\n", strerror(error));
		fflush(stderr);
		return 1;
	}
	srv_bucket_run(&node.bucket);
	return 0;
}
