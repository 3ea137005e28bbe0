/*
 * pthread_tls.c -- __thread variables and errno are each thread's own:
 * initialised ones start from their image, zeroed ones from zero, and no
 * thread sees another's writes.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include "pthread_check.h"

#define THREADS		16

static __thread int tls_init = 7;
static __thread long tls_zero;
static __thread char tls_buf[256];

static void *
tls_user(void *arg)
{
	long id = (long)arg;

	CHECK(tls_init == 7);
	CHECK(tls_zero == 0);
	CHECK(tls_buf[0] == 0 && tls_buf[255] == 0);
	tls_init = (int)id;
	tls_zero = id * 1000;
	for (int i = 0; i < 256; i++)
		tls_buf[i] = (char)id;
	errno = (int)id + 1000;
	for (int i = 0; i < 20; i++) {
		sched_yield();
		CHECK(tls_init == (int)id && tls_zero == id * 1000);
		CHECK(tls_buf[i * 12] == (char)id);
		CHECK(errno == (int)id + 1000);
	}
	/* An errno set by libc itself lands in this thread's errno. */
	CHECK(strtol("99999999999999999999999", NULL, 10) == LONG_MAX);
	CHECK(errno == ERANGE);
	return (void *)&tls_init;
}

int
main(void)
{
	pthread_t t[THREADS];
	void *addr[THREADS];

	tls_init = -1;
	errno = 0;
	for (long i = 0; i < THREADS; i++)
		CHECK(pthread_create(&t[i], NULL, tls_user, (void *)i) == 0);
	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_join(t[i], &addr[i]) == 0);
	for (int i = 0; i < THREADS; i++) {
		CHECK(addr[i] != &tls_init);
		for (int j = 0; j < i; j++)
			CHECK(addr[i] != addr[j]);
	}
	CHECK(tls_init == -1 && tls_zero == 0 && errno == 0);
	return check_end();
}
