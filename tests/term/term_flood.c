/*
 * term_flood.c -- 100 KiB of random bytes typed at the term server in
 * its default mode (editing, echo, signals with NOFLSH, ^S/^Q): every byte
 * reaches term, none reaches the kernel's console (a thread of ours
 * waits in a device_read on it the whole time: the hand-over of COM1),
 * the queues stay within their limits, the excess is counted as
 * dropped, term's memory does not grow, and it still serves.
 * term_flood.boot makes the input (setup:) with a fixed seed.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <device/device.h>
#include <whorl/ports.h>

#include "term_client.h"

#define FLOOD_BYTES	(100 * 1024)

static volatile int stolen;	/* bytes the kernel console gave us */

/* Wait in the kernel console's read: nothing may ever come. */
static void *
console_reader(void *arg)
{
	io_buf_ptr_inband_t data;
	mach_msg_type_number_t n;
	mach_port_t dev = (mach_port_t)(uintptr_t)arg;

	for (;;) {
		if (device_read_inband(dev, 0, 0, 64, data, &n) != 0)
			return NULL;
		stolen += n;
	}
}

static int
stats(term_stats_t *s)
{
	return term_get_stats(tty, s) == 0;
}

int
main(void)
{
	term_stats_t s0, s;
	term_termios_t tio;
	mach_port_t console;
	pthread_t t;
	char buf[2048];
	kern_return_t kr;
	int total = 0, got, round;

	CHECK(tc_open());
	CHECK(term_set_ctty(tty, 1, 1, 1) == 0);
	/* signal characters must not flush: the queue is to fill up */
	CHECK(term_get_termios(tty, &tio) == 0);
	tio.w[TERM_T_LFLAG] |= LD_NOFLSH;
	CHECK(term_set_termios(tty, TERM_TCSANOW, tio) == 0);
	CHECK(device_open(__whorl_device_master, D_READ, "console",
	    &console) == 0);
	CHECK(pthread_create(&t, NULL, console_reader,
	    (void *)(uintptr_t)console) == 0);
	usleep(100000);		/* let it reach its read */
	CHECK(stats(&s0));
	printf("term_flood: TEST INPUT\n");
	fflush(stdout);
	for (round = 0; round < 400; round++) {
		CHECK(stats(&s));
		if (s.w[TERM_S_RECEIVED] - s0.w[TERM_S_RECEIVED] >= FLOOD_BYTES)
			break;
		usleep(100000);
	}
	printf("\nterm_flood: received %lld in %d ms, dropped %lld, queue "
	    "%lld, output %lld, interrupts %lld, vsize %lld -> %lld\n",
	    (long long)(s.w[TERM_S_RECEIVED] - s0.w[TERM_S_RECEIVED]),
	    round * 100, (long long)s.w[TERM_S_DROPPED],
	    (long long)s.w[TERM_S_INPUT], (long long)s.w[TERM_S_OUTPUT],
	    (long long)s.w[TERM_S_INTERRUPTS], (long long)s0.w[TERM_S_VSIZE],
	    (long long)s.w[TERM_S_VSIZE]);
	CHECK(s.w[TERM_S_RECEIVED] - s0.w[TERM_S_RECEIVED] == FLOOD_BYTES);
	CHECK(stolen == 0);
	CHECK(s.w[TERM_S_INPUT] <= LD_MAX_INPUT);
	CHECK(s.w[TERM_S_OUTPUT] <= LD_OUTQ_SIZE + 1);
	CHECK(s.w[TERM_S_DROPPED] > 0);
	CHECK(s.w[TERM_S_VSIZE] == s0.w[TERM_S_VSIZE]);
	/* everything queued can be read, then nothing */
	CHECK(tc_raw(tty, 0, 0) == 0);
	while ((got = tc_read(tty, buf, sizeof(buf), &kr)) > 0)
		total += got;
	CHECK(kr == 0 && total == (int)s.w[TERM_S_INPUT]);
	CHECK(term_flush(tty, TERM_FLUSH_OUT) == 0);
	CHECK(tc_write(tty, "\r\nterm_flood: term still writes\r\n"));
	CHECK(stats(&s) && s.w[TERM_S_INPUT] == 0);
	return check_done();
}
