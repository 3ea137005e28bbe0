/*
 * term_raw.c -- the term server in non-canonical mode: cfmakeraw, then
 * reads under VMIN/VTIME: VMIN 3 waits for three bytes, a ^C typed in
 * raw mode is data and signals nothing, VMIN 0 VTIME 3 answers nothing
 * after about 300 ms, VMIN 0 VTIME 0 at once, and io_select then says
 * only writing is ready.  term_raw.input is what is typed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "term_client.h"

/* Read exactly what VMIN asks; the bytes. */
static void
check_vmin(void)
{
	char buf[64];
	kern_return_t kr;

	CHECK(tc_raw(tty, 3, 0) == 0);
	printf("term_raw: TEST INPUT\n");
	fflush(stdout);
	CHECK(tc_read(tty, buf, 3, &kr) == 3 && kr == 0);
	CHECK(memcmp(buf, "ab\x03", 3) == 0);
	CHECK(tc_raw(tty, 5, 0) == 0);
	CHECK(tc_read(tty, buf, 5, &kr) == 5 && kr == 0);
	CHECK_STR(buf, "de\rfg");
}

/* VMIN 0: a timer from the start of the read, or none. */
static void
check_vtime(void)
{
	char buf[64];
	kern_return_t kr;
	uint64_t t0, dt;

	CHECK(tc_raw(tty, 0, 3) == 0);
	t0 = tc_ms();
	CHECK(tc_read(tty, buf, sizeof(buf), &kr) == 0 && kr == 0);
	dt = tc_ms() - t0;
	printf("term_raw: VTIME 3 read ended after %llu ms\n",
	    (unsigned long long)dt);
	CHECK(dt >= 250 && dt < 5000);
	CHECK(tc_raw(tty, 0, 0) == 0);
	t0 = tc_ms();
	CHECK(tc_read(tty, buf, sizeof(buf), &kr) == 0 && kr == 0);
	CHECK(tc_ms() - t0 < 250);
}

/* Nothing to read: select answers writing only; raw ^C logged nothing. */
static void
check_select(void)
{
	int32_t type = IO_SELECT_READ | IO_SELECT_WRITE, sigs[64], lost;
	term_sigarray_t p = sigs;
	mach_msg_type_number_t n = 64;
	uint64_t amount = 1;

	CHECK(io_select(tty, &type) == 0 && type == IO_SELECT_WRITE);
	CHECK(io_readable(tty, &amount) == 0 && amount == 0);
	CHECK(term_take_signals(tty, 32, p, &n, &lost) == 0 && n == 0 &&
	    lost == 0);
}

int
main(void)
{
	CHECK(tc_open());
	CHECK(term_set_ctty(tty, 1, 1, 1) == 0);
	check_vmin();
	check_vtime();
	check_select();
	return check_done();
}
