/*
 * term_io.c -- the term server on COM1 (translators/term): io_stat, the
 * termios, window size, process group and controlling-terminal routines
 * with every misuse refused, job control (background reads and TOSTOP
 * writes refused with the signal logged), output with and without
 * ONLCR, then canonical lines typed on the serial console
 * (term_io.input) after a select that waited for them: erase, kill,
 * werase, ^D, and ^C, ^\ and ^Z logging SIGINT, SIGQUIT and SIGTSTP for
 * the foreground group.  term_io.expect checks the echo in the log.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <mach/mig_errors.h>

#include "term_client.h"
#include "srv.h"
#include "../userlib/srv_raw.h"

static mach_port_t bg;	/* a second open: a background process's */

static void
check_stat(void)
{
	struct io_statbuf st;

	CHECK(io_stat(tty, &st) == 0);
	CHECK(S_ISCHR(st.st_mode) && st.st_rdev == ((4 << 8) | 64));
}

/* termios: defaults, a round trip, and every record refused. */
static void
check_termios(void)
{
	term_termios_t t, u;

	CHECK(term_get_termios(tty, &t) == 0);
	CHECK(tc_get(&t, TERM_T_LFLAG) & LD_ICANON);
	CHECK(tc_get(&t, TERM_T_LFLAG) & LD_ECHO);
	CHECK(tc_get(&t, TERM_T_OFLAG) & LD_ONLCR);
	CHECK(tc_get(&t, TERM_T_OSPEED) == 115200);
	u = t;
	u.w[TERM_T_ISPEED] = u.w[TERM_T_OSPEED] = 9600;	/* divisor 12 */
	CHECK(term_set_termios(tty, TERM_TCSADRAIN, u) == 0);
	CHECK(term_get_termios(tty, &u) == 0 && u.w[TERM_T_OSPEED] == 9600);
	CHECK(term_set_termios(tty, TERM_TCSAFLUSH, t) == 0);
	u = t;
	u.w[TERM_T_CFLAG] &= ~LD_CSIZE;			/* CS5 */
	CHECK(term_set_termios(tty, TERM_TCSANOW, u) == EINVAL);
	u = t;
	u.w[TERM_T_OSPEED] = 12345;
	CHECK(term_set_termios(tty, TERM_TCSANOW, u) == EINVAL);
	u.w[TERM_T_OSPEED] = 115200;
	u.w[TERM_T_ISPEED] = 9600;			/* split speeds */
	CHECK(term_set_termios(tty, TERM_TCSANOW, u) == EINVAL);
	CHECK(term_set_termios(tty, 3, t) == EINVAL);
	CHECK(term_set_termios(tty, -1, t) == EINVAL);
	CHECK(term_get_termios(client_control(), &u) == EOPNOTSUPP);
	CHECK(term_flush(tty, 0) == EINVAL && term_flush(tty, 4) == EINVAL);
	CHECK(term_flush(tty, TERM_FLUSH_IN | TERM_FLUSH_OUT) == 0);
	CHECK(term_drain(tty) == 0);
}

static void
check_winsize(void)
{
	int32_t r, c, x, y;
	int others = 0;

	CHECK(term_get_winsize(tty, &r, &c, &x, &y) == 0 && r == 24 &&
	    c == 80);
	CHECK(term_set_winsize(tty, -1, 80, 0, 0) == EINVAL);
	CHECK(term_set_winsize(tty, 50, 0x10000, 0, 0) == EINVAL);
	CHECK(term_set_winsize(tty, 50, 132, 640, 800) == 0);
	CHECK(term_get_winsize(tty, &r, &c, &x, &y) == 0 && r == 50 &&
	    c == 132 && x == 640 && y == 800);
	CHECK(tc_wait_signal(TERM_SIGWINCH, 10, &others) && others == 0);
}

/* Sessions, groups, and job control through a background open. */
static void
check_job_control(void)
{
	term_termios_t t;
	int32_t v;
	int others = 0;
	char buf[8];
	kern_return_t kr;

	CHECK(term_get_sid(tty, &v) == ENOTTY);
	CHECK(term_set_pgrp(tty, 10) == ENOTTY);	/* not our terminal */
	CHECK(term_set_ctty(tty, 10, 10, 11) == EPERM); /* no leader */
	CHECK(term_set_ctty(tty, 0, 10, 10) == EINVAL);
	CHECK(term_set_ctty(tty, 10, 10, 10) == 0);
	CHECK(term_get_sid(tty, &v) == 0 && v == 10);
	CHECK(term_get_pgrp(tty, &v) == 0 && v == 10);
	CHECK(term_set_ctty(bg, 20, 20, 20) == EPERM); /* other session */
	CHECK(term_set_ctty(bg, 11, 11, 10) == 0);	/* our background */
	CHECK(tc_write(bg, "bg: written without TOSTOP\n"));
	CHECK(term_flush(bg, TERM_FLUSH_IN) == EIO);	/* always SIGTTOU */
	CHECK(tc_wait_signal(TERM_SIGTTOU, 11, &others) && others == 0);
	CHECK(term_drain(bg) == EIO);
	CHECK(tc_wait_signal(TERM_SIGTTOU, 11, &others) && others == 0);
	CHECK(tc_read(bg, buf, sizeof(buf), &kr) < 0 && kr == EIO);
	CHECK(tc_wait_signal(TERM_SIGTTIN, 11, &others) && others == 0);
	CHECK(term_set_pgrp(bg, 11) == EIO);
	CHECK(tc_wait_signal(TERM_SIGTTOU, 11, &others) && others == 0);
	CHECK(term_get_termios(tty, &t) == 0);
	t.w[TERM_T_LFLAG] |= LD_TOSTOP;
	CHECK(term_set_termios(tty, TERM_TCSANOW, t) == 0);
	CHECK(!tc_write(bg, "bg: must not appear\n"));
	CHECK(tc_wait_signal(TERM_SIGTTOU, 11, &others) && others == 0);
	CHECK(term_set_pgrp(tty, 0) == EINVAL);
	CHECK(term_set_pgrp(tty, 11) == 0);	/* bg comes forward */
	CHECK(tc_write(bg, "bg: now in the foreground\n"));
	CHECK(term_set_pgrp(bg, 10) == 0);
	t.w[TERM_T_LFLAG] &= ~LD_TOSTOP;
	CHECK(term_set_termios(tty, TERM_TCSANOW, t) == 0);
	CHECK(term_release_ctty(bg) == EPERM);	/* not the leader */
}

/* ONLCR: the log shows "onlcr-1\r\n"; without it "plain-1\n". */
static void
check_output(void)
{
	term_termios_t t;

	CHECK(tc_write(tty, "onlcr-1\nonlcr-2\n"));
	CHECK(term_get_termios(tty, &t) == 0);
	t.w[TERM_T_OFLAG] &= ~LD_ONLCR;
	CHECK(term_set_termios(tty, TERM_TCSADRAIN, t) == 0);
	CHECK(tc_write(tty, "plain-1\nplain-2\n"));
	t.w[TERM_T_OFLAG] |= LD_ONLCR;
	CHECK(term_set_termios(tty, TERM_TCSADRAIN, t) == 0);
}

/* Send m (size bytes) with reply as its reply port and wait up to 10 s
 * (srv_raw_rpc): the reply's code or the mach_msg error. */
static kern_return_t
raw_rpc(mach_msg_header_t *m, mach_msg_size_t size, mach_port_t reply)
{
	m->msgh_local_port = reply;
	return srv_raw_rpc(m, size, reply);
}

/*
 * An io_select that would wait, with a send (not send-once) reply
 * right: term will not keep it (its later answer could block), EAGAIN.
 */
static void
check_send_reply(mach_port_t reply)
{
	struct {
		mach_msg_header_t h;
		mach_msg_type_t t;
		int32_t type;
		char pad[4];
	} m;
	mach_msg_type_t t = { .msgt_name = MACH_MSG_TYPE_INTEGER_32,
		.msgt_size = 32, .msgt_number = 1, .msgt_inline = 1 };

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = tty;
	m.h.msgh_id = 30010;		/* io_select */
	m.t = t;
	m.type = IO_SELECT_READ;
	CHECK(raw_rpc(&m.h, sizeof(m), reply) == EAGAIN);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);	/* ready: answered at once */
	m.type = IO_SELECT_WRITE;
	CHECK(raw_rpc(&m.h, sizeof(m), reply) == 0);
}

/*
 * 2,000 requests of random words to every term routine (and ids past
 * the last), sent to the background open: each is answered, term keeps
 * serving and holds as many objects as before.
 */
static void
check_malformed(void)
{
	struct {
		mach_msg_header_t h;
		uint32_t body[64];
	} m;
	mach_port_t reply;
	unsigned int seed = 33000, words, answered = 0, refused = 0;
	int before = client_objects(tty);
	kern_return_t kr;
	int32_t sigs[64], lost;
	mach_msg_type_number_t n;

	CHECK(before > 0);
	CHECK(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &reply) == 0);
	for (int i = 0; i < 2000; i++) {
		words = rand_r(&seed) % 65;
		for (unsigned w = 0; w < 64; w++)
			m.body[w] = rand_r(&seed);
		memset(&m.h, 0, sizeof(m.h));
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		m.h.msgh_size = sizeof(m.h) + words * 4;
		m.h.msgh_remote_port = bg;
		m.h.msgh_id = 33000 + rand_r(&seed) % 16;
		kr = raw_rpc(&m.h, m.h.msgh_size, reply);
		/* not a mach_msg error (0x1000xxxx): the server answered */
		answered += ((unsigned)kr & 0xffff0000u) != 0x10000000u;
		refused += kr == MIG_BAD_ARGUMENTS || kr == MIG_BAD_ID;
	}
	printf("term_io: 2000 random requests, %u answered, %u refused by "
	    "MIG\n", answered, refused);
	CHECK(answered == 2000 && refused > 1500);
	CHECK(client_objects(tty) == before);
	/* a random term_drain or term_flush that passed MIG was refused
	 * to the background open (SIGTTOU): nothing else is in the log */
	do {
		n = 64;
		CHECK(term_take_signals(tty, 32, sigs, &n, &lost) == 0);
		for (unsigned i = 0; i + 1 < n; i += 2)
			CHECK(sigs[i] == TERM_SIGTTOU && sigs[i + 1] == 11);
	} while (n != 0);
	CHECK(tc_write(tty, "term_io: still serving\n"));
	check_send_reply(reply);
	mach_port_mod_refs(mach_task_self(), reply, MACH_PORT_RIGHT_RECEIVE,
	    -1);
}

static int32_t selected;

/* An io_select for reading that has to wait for the typed input. */
static void *
select_thread(void *arg)
{
	int32_t type = IO_SELECT_READ;

	(void)arg;
	if (io_select(tty, &type) == 0)
		selected = type;
	return NULL;
}

/* The lines of term_io.input, as the line discipline edits them. */
static void
check_typed(void)
{
	static const char *want[] = { "hello world\n", "good\n",
	    "one three\n", "abc", "", "last\n" };
	char buf[256];
	kern_return_t kr;
	int others = 0;
	term_termios_t t;
	pthread_t sel;
	term_stats_t st;

	/* all is typed at once: ^C must not flush the lines before it */
	CHECK(term_get_termios(tty, &t) == 0);
	t.w[TERM_T_LFLAG] |= LD_NOFLSH;
	CHECK(term_set_termios(tty, TERM_TCSANOW, t) == 0);
	CHECK(pthread_create(&sel, NULL, select_thread, NULL) == 0);
	for (int i = 0; i < 100; i++) {	/* until it waits in term */
		CHECK(term_get_stats(tty, &st) == 0);
		if (st.w[TERM_S_WAITING] == 1)
			break;
		usleep(10000);
	}
	CHECK(st.w[TERM_S_WAITING] == 1 && selected == 0);
	printf("term_io: TEST INPUT\n");
	fflush(stdout);
	CHECK(pthread_join(sel, NULL) == 0 && selected == IO_SELECT_READ);
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		CHECK(tc_read(tty, buf, sizeof(buf), &kr) >= 0 && kr == 0);
		printf("term_io: line %u \"%s\"\n", i, buf);
		CHECK_STR(buf, want[i]);
	}
	CHECK(tc_wait_signal(TERM_SIGINT, 10, &others) && others == 0);
	CHECK(tc_wait_signal(TERM_SIGQUIT, 10, &others) && others == 0);
	CHECK(tc_wait_signal(TERM_SIGTSTP, 10, &others) && others == 0);
}

int
main(void)
{
	mach_port_t control;

	CHECK(tc_open());
	control = client_control();
	CHECK(client_open(control, FS_O_READ | FS_O_WRITE, &bg) == 0);
	check_stat();
	check_termios();
	check_job_control();
	check_winsize();
	check_output();
	check_malformed();
	check_typed();
	return check_done();
}
