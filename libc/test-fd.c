/*
 * test-fd.c -- host test of libc's fd table (fd.c): the console fds at
 * start, lowest-free allocation, growth up to FD_LIMIT and EMFILE past
 * it, dup sharing one file, replacing with fd_install_at, FD_CLOEXEC,
 * and that a port is given back exactly once, after its last user, even
 * when threads close fds others are using.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "fd.h"

static int failures;
static int released[8192];

#define CHECK(c) do { if (!(c)) { failures++; \
	fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)

void
fd_port_release(mach_port_t port)
{
	__atomic_add_fetch(&released[port], 1, __ATOMIC_RELAXED);
}

static int
install(mach_port_t port, int min)
{
	int error = 0;
	struct fd_file *f = fd_file_new(FD_PORT, port, 2);

	return fd_install(f, min, 0, &error);
}

static void
test_basics(void)
{
	struct fd_file *f;
	int error = 0, i, fd;

	for (i = 0; i < 3; i++) {
		f = fd_get(i, &error);
		CHECK(f != NULL && f->kind == FD_CONSOLE);
		fd_put(f);
	}
	CHECK(fd_get(3, &error) == NULL && error == EBADF);
	CHECK(fd_get(-1, &error) == NULL && error == EBADF);
	CHECK(fd_get(FD_LIMIT, &error) == NULL);
	CHECK(install(10, 0) == 3);
	CHECK(fd_close(1) == 0);
	CHECK(fd_close(1) == EBADF);
	CHECK(install(11, 0) == 1);	/* the lowest free */
	CHECK(install(12, 100) == 100);	/* grows past 16 */
	CHECK(fd_cloexec(100, 0, 0, &error) == 0);
	CHECK(fd_cloexec(100, 1, 1, &error) == 1);
	CHECK(fd_cloexec(99, 0, 0, &error) < 0 && error == EBADF);
	CHECK(fd_install(NULL, FD_LIMIT, 0, &error) < 0 && error == EINVAL);

	/* dup: both fds share the file; the port goes with the last. */
	f = fd_get(3, &error);
	fd = fd_install(f, 0, 1, &error);
	CHECK(fd == 4 && fd_cloexec(4, 0, 0, &error) == 1);
	CHECK(fd_close(3) == 0 && released[10] == 0);
	CHECK(fd_close(4) == 0 && released[10] == 1);

	/* fd_install_at replaces, giving back what was there. */
	f = fd_get(100, &error);
	CHECK(fd_install_at(1, f, 0) == 0 && released[11] == 1);
	CHECK(fd_install_at(FD_LIMIT, f, 0) == EBADF);
	CHECK(fd_close(100) == 0 && released[12] == 0);
	CHECK(fd_close(1) == 0 && released[12] == 1);

	/* A user's reference outlives a close. */
	fd = install(13, 0);
	f = fd_get(fd, &error);
	CHECK(fd_close(fd) == 0 && released[13] == 0);
	fd_put(f);
	CHECK(released[13] == 1);
}

static void
test_limit(void)
{
	int error = 0, i, n = 0, fd;

	for (i = 0; i < FD_LIMIT + 5; i++) {
		fd = install((mach_port_t)(1000 + i), 0);
		if (fd < 0)
			break;
		n++;
	}
	CHECK(fd < 0);
	CHECK(n == FD_LIMIT - 2);	/* all but 0 and 2 */
	CHECK(install(3000, 0) < 0);
	(void)error;
	for (i = 0; i < FD_LIMIT; i++)
		fd_close(i);
	for (i = 0; i < n; i++)
		CHECK(released[1000 + i] == 1);
	CHECK(released[3000] == 0);	/* a failed install keeps it */
}

static volatile int stop;

static void *
user(void *arg)
{
	struct fd_file *f;
	int error = 0;

	(void)arg;
	while (!stop) {
		if ((f = fd_get(5, &error)) != NULL) {
			CHECK(f->refs > 0 && f->port >= 5000);
			fd_put(f);
		}
	}
	return NULL;
}

static void
test_threads(void)
{
	pthread_t t[2];
	int i, total = 0;

	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, user, NULL);
	for (i = 0; i < 1000; i++) {
		CHECK(fd_install_at(5, fd_file_new(FD_PORT,
		    (mach_port_t)(5000 + i), 2), 0) == 0);
	}
	fd_close(5);
	stop = 1;
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 1000; i++)
		total += released[5000 + i];
	CHECK(total == 1000);
	if (total != 1000)
		fprintf(stderr, "total %d\n", total);
}

int
main(void)
{
	test_basics();
	test_limit();
	test_threads();
	if (failures != 0) {
		printf("test-fd: %d failures\n", failures);
		return 1;
	}
	printf("test-fd: ok\n");
	return 0;
}
