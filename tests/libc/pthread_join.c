/*
 * pthread_join.c -- 100 threads alive together, each joined with its own
 * result; join and detach refuse what POSIX says they must; detached
 * threads run to the end and their stacks are reclaimed, so that making
 * many of them does not grow the address space; a thread's stack has the
 * size asked for.
 */
#include <errno.h>
#include <pthread.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/task_info.h>
#include "pthread_check.h"

#define MANY		100
#define DETACHED	300

static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start = PTHREAD_COND_INITIALIZER;
static int go;				/* [start_lock] */
static unsigned int running;		/* [a] */

static void *
waits_for_go(void *arg)
{
	__atomic_add_fetch(&running, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_lock(&start_lock);
	while (!go)
		pthread_cond_wait(&start, &start_lock);
	pthread_mutex_unlock(&start_lock);
	return (void *)((long)arg * 3);
}

static void
check_many(void)
{
	pthread_t t[MANY];
	void *r;
	int ok = 1;

	for (long i = 0; i < MANY; i++)
		ok &= pthread_create(&t[i], NULL, waits_for_go, (void *)i) == 0;
	CHECK(ok);
	while (__atomic_load_n(&running, __ATOMIC_SEQ_CST) < MANY)
		sched_yield();
	pthread_mutex_lock(&start_lock);
	go = 1;
	pthread_cond_broadcast(&start);
	pthread_mutex_unlock(&start_lock);
	for (long i = MANY - 1; i >= 0; i--) {
		r = NULL;
		ok &= pthread_join(t[i], &r) == 0 && r == (void *)(i * 3);
	}
	CHECK(ok);
	printf("%d threads joined\n", MANY);
}

static void *
returns_self(void *arg)
{
	(void)arg;
	CHECK(pthread_join(pthread_self(), NULL) == EDEADLK);
	return pthread_self();
}

static void
check_refusals(void)
{
	pthread_t t;
	void *r;

	CHECK(pthread_create(&t, NULL, returns_self, NULL) == 0);
	CHECK(pthread_join(t, &r) == 0 && pthread_equal(r, t));
	CHECK(pthread_create(&t, NULL, returns_self, NULL) == 0);
	CHECK(pthread_detach(t) == 0);
	CHECK(pthread_detach(t) == EINVAL);
	CHECK(pthread_create(&t, NULL, NULL, NULL) == EINVAL);
}

static unsigned int detached_done;	/* [a] */

static void *
detached_body(void *arg)
{
	char big[8192];

	big[0] = (char)(long)arg;		/* touch the stack */
	big[sizeof(big) - 1] = big[0];
	__atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static vm_size_t
address_space(void)
{
	struct task_basic_info info;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;

	if (task_info(mach_task_self(), TASK_BASIC_INFO, (task_info_t)&info,
	    &n) != KERN_SUCCESS)
		return 0;
	return info.virtual_size;
}

static void
check_detached(void)
{
	pthread_attr_t a;
	pthread_t t;
	vm_size_t before, after;
	int ok = 1, state;

	CHECK(pthread_attr_init(&a) == 0);
	CHECK(pthread_attr_setdetachstate(&a, 5) == EINVAL);
	CHECK(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED) == 0);
	CHECK(pthread_attr_getdetachstate(&a, &state) == 0 &&
	    state == PTHREAD_CREATE_DETACHED);
	before = address_space();
	for (long i = 0; i < DETACHED; i++) {
		ok &= pthread_create(&t, &a, detached_body, (void *)i) == 0;
		if (i % 4 == 0)
			sched_yield();
	}
	CHECK(ok);
	while (__atomic_load_n(&detached_done, __ATOMIC_SEQ_CST) < DETACHED)
		sched_yield();
	after = address_space();
	printf("%d detached threads; address space %lu KiB before, "
	    "%lu KiB after\n", DETACHED, (unsigned long)before / 1024,
	    (unsigned long)after / 1024);
	/* Unreclaimed, 300 stacks would add 75 MiB. */
	CHECK(before != 0 && after < before + 16 * 1024 * 1024);
}

static void *
stack_user(void *arg)
{
	volatile char big[400 * 1024];

	big[0] = 1;
	big[sizeof(big) - 1] = 2;
	return (void *)(long)(big[0] + big[sizeof(big) - 1] + (long)arg);
}

static void
check_stack_size(void)
{
	pthread_attr_t a;
	pthread_t t;
	size_t size;
	void *r;

	CHECK(pthread_attr_init(&a) == 0);
	CHECK(pthread_attr_setstacksize(&a, 100) == EINVAL);
	CHECK(pthread_attr_setstacksize(&a, 1024 * 1024) == 0);
	CHECK(pthread_attr_getstacksize(&a, &size) == 0 && size == 1024 * 1024);
	CHECK(pthread_create(&t, &a, stack_user, (void *)4) == 0);
	CHECK(pthread_join(t, &r) == 0 && r == (void *)7);
}

int
main(void)
{
	check_many();
	check_refusals();
	check_detached();
	check_stack_size();
	return check_end();
}
