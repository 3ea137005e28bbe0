/*
 * start.c -- libc start-up: argv arrives with the boot script's Hurd port
 * options taken out and their ports kept in <whorl/ports.h>; __thread
 * variables work in the main thread (initialised, zeroed and aligned);
 * environ is set; constructors ran before main.
 */
#include <stdint.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <whorl/ports.h>
#include <whorl/tls.h>
#include "check.h"

extern char **environ;

static __thread int tls_init = 42;
static __thread long tls_zero[4];
static __thread char tls_big[100] = "thread-local";
static __thread int tls_aligned __attribute__((aligned(64))) = 7;
static int constructed;

__attribute__((constructor)) static void
construct(void)
{
	constructed = 1;
}

static void
check_argv(int argc, char **argv)
{
	printf("start: argc %d:", argc);
	for (int i = 0; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	CHECK(argc == 4);
	CHECK(argc > 0 && strcmp(argv[0], "start") == 0);
	CHECK(argc > 1 && strcmp(argv[1], "one") == 0);
	CHECK(argc > 2 && strcmp(argv[2], "--device-master-port=12") == 0);
	CHECK(argc > 3 && strcmp(argv[3], "last") == 0);
	CHECK(argv[argc] == NULL);
	CHECK(environ != NULL && environ[0] == NULL);
}

/* The ports the options named are send rights this task holds. */
static void
check_ports(void)
{
	mach_port_type_t type;

	CHECK(MACH_PORT_VALID(__whorl_host_priv));
	CHECK(MACH_PORT_VALID(__whorl_device_master));
	CHECK(mach_port_type(mach_task_self(), __whorl_host_priv, &type) == 0 &&
	    (type & MACH_PORT_TYPE_SEND));
	CHECK(mach_port_type(mach_task_self(), __whorl_device_master,
	    &type) == 0 && (type & MACH_PORT_TYPE_SEND));
}

static void
check_tls(void)
{
	struct __whorl_tcb *tcb = __whorl_tcb_self();
	char *tp = (char *)tcb;

	CHECK(tcb != NULL && tcb->self == tcb);
	CHECK(tls_init == 42);
	CHECK(tls_zero[0] == 0 && tls_zero[3] == 0);
	CHECK(strcmp(tls_big, "thread-local") == 0);
	CHECK(tls_aligned == 7);
	CHECK(((uintptr_t)&tls_aligned & 63) == 0);
	tls_aligned = 8;	/* written, so it stays a real TLS variable */
	CHECK(*(volatile int *)&tls_aligned == 8);
	/* Variant II: the block lies just below the thread pointer. */
	CHECK((char *)&tls_init < tp && (char *)&tls_init > tp - 4096);
	CHECK((char *)&tls_big[99] < tp);
	tls_init++;
	tls_zero[2] = 5;
	CHECK(tls_init == 43 && tls_zero[2] == 5);
	/* errno is thread-local too (newlib's reent-thread-local). */
	errno = 0;
	CHECK(strtol("99999999999999999999999", NULL, 10) == LONG_MAX &&
	    errno == ERANGE);
}

/* A second block, made and freed as pthreads will. */
static void
check_tls_alloc(void)
{
	struct __whorl_tcb *t = __whorl_tls_alloc();
	char *init = (char *)&tls_init - (char *)__whorl_tcb_self() +
	    (char *)t;

	CHECK(t != NULL && t->self == t && t->pthread == NULL);
	CHECK(t != NULL && *(int *)init == 42);
	__whorl_tls_free(t);
}

int
main(int argc, char **argv)
{
	check_argv(argc, argv);
	check_ports();
	check_tls();
	check_tls_alloc();
	CHECK(constructed);
	return check_done();
}
