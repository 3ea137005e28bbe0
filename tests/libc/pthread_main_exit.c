/*
 * pthread_main_exit.c -- main may end with pthread_exit while other
 * threads go on; the process ends (with status 0, flushing stdio) when the
 * last thread exits.  Another thread can join the exited main thread.
 */
#include <pthread.h>
#include "pthread_check.h"

static pthread_t main_thread;

static void *
survivor(void *arg)
{
	(void)arg;
	CHECK(pthread_join(main_thread, NULL) == 0);
	printf("main thread joined; the survivor ends the process\n");
	check_end();
	return NULL;
}

int
main(void)
{
	pthread_t t;

	main_thread = pthread_self();
	CHECK(pthread_create(&t, NULL, survivor, NULL) == 0);
	pthread_exit(NULL);
}
