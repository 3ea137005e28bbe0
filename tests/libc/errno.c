/*
 * errno.c -- error codes of every kind through libc: errno values set by
 * real calls, and strerror / strerror_r / perror / %m for one code of each
 * range (errno, kern_return_t, mach_msg, MIG, device), including codes
 * returned by real kernel calls made here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mig_errors.h>
#include <device/device.h>
#include <device/device_types.h>
#include <whorl/ports.h>
#include <whorl/strerror.h>
#include "check.h"

static void
check_texts(void)
{
	char buf[64];

	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK(ENOENT == 0x40000002);
	CHECK_STR(strerror(KERN_INVALID_ADDRESS), "Invalid address");
	CHECK_STR(strerror(MACH_SEND_INVALID_DEST), "Bad destination port");
	CHECK_STR(strerror(MACH_RCV_TIMED_OUT), "Receive timed out");
	CHECK_STR(strerror(MIG_BAD_ID), "Unknown RPC");
	CHECK_STR(strerror(D_NO_SUCH_DEVICE), "No such device");
	CHECK_STR(strerror(0x3fffffff), "Unknown error 0x3fffffff");
	CHECK_STR(libc_strerror_name(MIG_BAD_ID), "MIG_BAD_ID");
	CHECK(strerror_r(EBADF, buf, sizeof(buf)) == 0 &&
	    strcmp(buf, strerror(EBADF)) == 0);
	errno = EBADF;
	perror("errno: perror says");
}

/* Codes that come back from real calls. */
static void
check_calls(void)
{
	vm_address_t addr = 0x400000;
	mach_port_t dev;
	char c;

	CHECK(device_open(__whorl_device_master, D_READ, "nosuch", &dev) ==
	    D_NO_SUCH_DEVICE);
	CHECK(vm_allocate(mach_task_self(), &addr, 4096, FALSE) ==
	    KERN_NO_SPACE);	/* our own text is there */
	CHECK(mach_port_deallocate(mach_task_self(), 0x7777) ==
	    KERN_INVALID_NAME);
	errno = 0;
	CHECK(read(9, &c, 1) == -1 && errno == EBADF);
	errno = 0;
	CHECK(fork() == -1 && errno == ENOSYS);
	errno = 0;
	CHECK(unlink("/tmp/x") == -1 && errno == ENOENT);
	errno = 0;
	CHECK(strtol("1", NULL, 99) == 0 && errno == EINVAL);
	printf("errno: %s = %#x, %s = %d\n", libc_strerror_name(EBADF), EBADF,
	    libc_strerror_name(KERN_INVALID_NAME), KERN_INVALID_NAME);
}

int
main(void)
{
	check_texts();
	check_calls();
	return check_done();
}
