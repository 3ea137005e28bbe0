/*
 * pthread_bench.c -- what pthreads cost (make bench): an uncontended mutex
 * lock and unlock, a hand-over between two threads through a mutex and a
 * condition variable, and creating and joining a thread.  Plain POSIX, so
 * the same source builds for Linux to compare.  Figures are TSC cycles;
 * under QEMU's -icount shift=0 they are guest instructions.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define LOCKS		100000
#define HANDOFFS	2000
#define CREATES		200

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void
report(const char *name, uint64_t cycles, unsigned long n)
{
	printf("PTHREAD_BENCH test=%s n=%lu cycles_per_op=%llu\n", name, n,
	    (unsigned long long)(cycles / n));
}

static void
bench_uncontended(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	uint64_t t0;

	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&m);
		pthread_mutex_unlock(&m);
	}
	t0 = rdtsc();
	for (int i = 0; i < LOCKS; i++) {
		pthread_mutex_lock(&m);
		pthread_mutex_unlock(&m);
	}
	report("mutex_uncontended", rdtsc() - t0, LOCKS);
}

static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond[2] = { PTHREAD_COND_INITIALIZER,
	PTHREAD_COND_INITIALIZER };
static int turn;			/* [pp_lock] whose go it is */

/* Wait for my turn, give it to the other, rounds times. */
static void
ping_pong(int me, int rounds)
{
	pthread_mutex_lock(&pp_lock);
	for (int i = 0; i < rounds; i++) {
		while (turn != me)
			pthread_cond_wait(&pp_cond[me], &pp_lock);
		turn = !me;
		pthread_cond_signal(&pp_cond[!me]);
	}
	pthread_mutex_unlock(&pp_lock);
}

static void *
pong(void *arg)
{
	ping_pong(1, (int)(long)arg);
	return NULL;
}

static void
bench_handoff(void)
{
	pthread_t t;
	uint64_t t0;

	turn = 0;
	pthread_create(&t, NULL, pong, (void *)(long)(HANDOFFS + 100));
	ping_pong(0, 100);			/* warm up */
	t0 = rdtsc();
	ping_pong(0, HANDOFFS);
	report("handoff_round_trip", rdtsc() - t0, HANDOFFS);
	pthread_join(t, NULL);
}

static void *
nothing(void *arg)
{
	return arg;
}

static void
bench_create_join(void)
{
	pthread_t t;
	uint64_t t0;

	for (int i = 0; i < 10; i++) {
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	t0 = rdtsc();
	for (int i = 0; i < CREATES; i++) {
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	report("create_join", rdtsc() - t0, CREATES);
}

int
main(void)
{
	bench_uncontended();
	bench_handoff();
	bench_create_join();
	printf("PTHREAD_BENCH done\n");
	return 0;
}
