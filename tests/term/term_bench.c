/*
 * term_bench.c -- the term server's figures (make bench, through
 * tests/bench-term): output through term to COM1 in bytes per second
 * (256 KiB in 1 KiB writes, then term_drain), the guest TSC cycles per
 * io_write of 64 bytes including its share of the transmit interrupts
 * (guest instructions under -icount shift=0; median of 7 batches of
 * 200), and the latency from the UART interrupt's message reaching term
 * to the return of a read that was blocked waiting for the typed byte.
 */
#include <stdio.h>
#include <stdlib.h>

#include "term_client.h"
#include "../userlib/bench.h"

#define BATCHES	7
#define ROUNDS	200

static void
throughput(void)
{
	static char block[1024];
	uint64_t t0, ms, c0, c;
	int i;

	for (i = 0; i < (int)sizeof(block); i++)
		block[i] = i % 64 == 63 ? '\n' : 'a' + i % 26;
	block[sizeof(block) - 1] = '\0';
	t0 = tc_ms();
	c0 = rdtsc();
	for (i = 0; i < 256; i++)
		CHECK(tc_write(tty, block));
	CHECK(term_drain(tty) == 0);
	ms = tc_ms() - t0;
	c = rdtsc() - c0;
	printf("\nterm_bench: output: %llu bytes/s (%d KiB in %llu ms, "
	    "%llu cycles)\n", ms ? (unsigned long long)(256ull * 1023 *
	    1000 / ms) : 0ull, 256, (unsigned long long)ms,
	    (unsigned long long)c);
}

static void
write64(void)
{
	static const char s[65] =
	    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.\n";
	uint64_t per[BATCHES], t;

	for (int b = 0; b < BATCHES; b++) {
		t = rdtsc();
		for (int i = 0; i < ROUNDS; i++)
			CHECK(tc_write(tty, s));
		CHECK(term_drain(tty) == 0);
		per[b] = (rdtsc() - t) / ROUNDS;
	}
	printf("term_bench: io_write of 64 bytes: %llu cycles\n",
	    (unsigned long long)bench_median(per, BATCHES));
}

static void
latency(void)
{
	term_stats_t st;
	char buf[8];
	kern_return_t kr;
	uint64_t end;

	CHECK(tc_raw(tty, 1, 0) == 0);
	printf("term_bench: TEST INPUT\n");
	fflush(stdout);
	CHECK(tc_read(tty, buf, 1, &kr) == 1);
	end = rdtsc();
	CHECK(term_get_stats(tty, &st) == 0);
	printf("term_bench: typed byte to blocked read: %llu cycles\n",
	    (unsigned long long)(end - (uint64_t)st.w[TERM_S_RX_TSC]));
}

int
main(void)
{
	CHECK(tc_open());
	throughput();
	write64();
	latency();
	return check_done();
}
