/*
 * term_client.h -- what the term server's QEMU tests share: the open
 * terminal (through tests/srv/client.h's control port), termios
 * records as term.defs carries them, reads and the signal log.
 */
#ifndef TERM_CLIENT_H
#define TERM_CLIENT_H

#include <time.h>
#include <unistd.h>

#include "client.h"
#include "term.h"
#include "term_types.h"
#include "ldisc.h"

static mach_port_t tty;

/* Open the terminal the server handed us, read and write. */
static inline int
tc_open(void)
{
	mach_port_t control = client_control();
	kern_return_t kr;

	if (!MACH_PORT_VALID(control)) {
		printf("term test: no control port\n");
		return 0;
	}
	kr = client_open(control, FS_O_READ | FS_O_WRITE, &tty);
	if (kr != 0)
		printf("term test: open: %#x\n", (unsigned)kr);
	return kr == 0;
}

static inline uint32_t
tc_get(const term_termios_t *t, int word)
{
	return (uint32_t)t->w[word];
}

/* Set one c_cc slot of a packed record. */
static inline void
tc_cc(term_termios_t *t, int slot, uint8_t v)
{
	((uint8_t *)&t->w[TERM_T_CC])[slot] = v;
}

/* cfmakeraw on the record of port p, with VMIN and VTIME; error. */
static inline kern_return_t
tc_raw(mach_port_t p, int vmin, int vtime)
{
	term_termios_t t;
	kern_return_t kr = term_get_termios(p, &t);

	if (kr != 0)
		return kr;
	t.w[TERM_T_IFLAG] &= ~(LD_ISTRIP | LD_INLCR | LD_IGNCR | LD_ICRNL |
	    LD_IXON);
	t.w[TERM_T_OFLAG] &= ~LD_OPOST;
	t.w[TERM_T_LFLAG] &= ~(LD_ECHO | LD_ECHONL | LD_ICANON | LD_ISIG |
	    LD_IEXTEN);
	tc_cc(&t, LD_VMIN, vmin);
	tc_cc(&t, LD_VTIME, vtime);
	return term_set_termios(p, TERM_TCSANOW, t);
}

/* One io_read of at most n bytes into buf (NUL-terminated); the count. */
static inline int
tc_read(mach_port_t p, char *buf, size_t n, kern_return_t *kr)
{
	data_t data = buf;
	mach_msg_type_number_t got = n;

	*kr = io_read(p, &data, &got, -1, n);
	if (*kr != 0)
		return -1;
	if (data != buf) {
		memcpy(buf, data, got < n ? got : n);
		vm_deallocate(mach_task_self(), (vm_address_t)data, got);
	}
	buf[got < n ? got : n] = '\0';
	return got;
}

static inline int
tc_write(mach_port_t p, const char *s)
{
	uint64_t amount = 0;

	return io_write(p, (data_t)s, strlen(s), -1, &amount) == 0 &&
	    amount == strlen(s);
}

static inline uint64_t
tc_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Wait up to 20 s for the logged signal sig for pgrp, taking the log
 * one pair at a time; every other signal taken on the way is counted
 * in *others.  1 if it came.
 */
static inline int
tc_wait_signal(int sig, int pgrp, int *others)
{
	int32_t sigs[64], lost;
	mach_msg_type_number_t n;
	term_sigarray_t p;

	for (int round = 0; round < 2000; round++) {
		p = sigs;
		n = 2;
		if (term_take_signals(tty, 1, p, &n, &lost) != 0)
			return 0;
		for (unsigned i = 0; i + 1 < n; i += 2) {
			if (p[i] == sig && p[i + 1] == pgrp)
				return 1;
			printf("term test: signal %d for %d while waiting "
			    "for %d\n", (int)p[i], (int)p[i + 1], sig);
			(*others)++;
		}
		usleep(10000);
	}
	return 0;
}

#endif
