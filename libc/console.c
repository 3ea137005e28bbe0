/*
 * console.c -- the kernel console device behind fds 0, 1 and 2, until a
 * terminal server exists.  Opened on first use through the device master
 * port start-up took from argv; no line discipline (bytes pass as they
 * come).  Called by io.c.
 */
#include <errno.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <device/device.h>
#include <device/device_types.h>
#include <whorl/ports.h>
#include "console.h"

/* Large writes go out in pieces so no one message copies too much. */
#define CONSOLE_WRITE_MAX	65536

static mach_port_t console_port = MACH_PORT_NULL;

/* The console's device port, opening it if need be; or an errno. */
static int
console_get(mach_port_t *port)
{
	mach_port_t p;

	if (console_port != MACH_PORT_NULL) {
		*port = console_port;
		return 0;
	}
	if (__whorl_device_master == MACH_PORT_NULL)
		return EBADF;	/* this task was given no console */
	if (device_open(__whorl_device_master, D_READ | D_WRITE, "console",
	    &p) != 0)
		return EIO;
	/* Two threads may race here: keep one port, drop the other. */
	if (!__atomic_compare_exchange_n(&console_port,
	    &(mach_port_t){ MACH_PORT_NULL }, p, 0, __ATOMIC_ACQ_REL,
	    __ATOMIC_ACQUIRE))
		mach_port_deallocate(mach_task_self(), p);
	*port = console_port;
	return 0;
}

int
console_available(void)
{
	mach_port_t p;

	return console_get(&p) == 0;
}

/*
 * One device write of n bytes: inband when they fit in the message (a
 * line of output, the common case, costs no page mapping), else out of
 * line.  Returns the kernel's answer; *wrote is what it took.
 */
static kern_return_t
console_write_once(mach_port_t p, const char *s, size_t n, int *wrote)
{
	io_buf_ptr_inband_t inband;

	if (n > IO_INBAND_MAX)
		return device_write(p, 0, 0, (io_buf_ptr_t)s, n, wrote);
	memcpy(inband, s, n);
	return device_write_inband(p, 0, 0, inband, n, wrote);
}

/* Write all of buf; returns the bytes written or -errno. */
long
console_write(const void *buf, size_t len)
{
	const char *s = buf;
	size_t done = 0, n;
	mach_port_t p;
	int error, wrote;

	if ((error = console_get(&p)) != 0)
		return -error;
	while (done < len) {
		n = len - done < CONSOLE_WRITE_MAX ? len - done :
		    CONSOLE_WRITE_MAX;
		if (console_write_once(p, s + done, n, &wrote) != 0 ||
		    wrote <= 0)
			return done > 0 ? (long)done : -EIO;
		done += (size_t)wrote;
	}
	return (long)done;
}

/* Read what is there, waiting for at least one byte; bytes or -errno. */
long
console_read(void *buf, size_t len)
{
	io_buf_ptr_t data;
	mach_msg_type_number_t n, got;
	mach_port_t p;
	int error;

	if ((error = console_get(&p)) != 0)
		return -error;
	if (len == 0)
		return 0;
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	if (device_read(p, 0, 0, (int)len, &data, &n) != 0)
		return -EIO;
	got = n > len ? (mach_msg_type_number_t)len : n;	/* never past buf */
	memcpy(buf, data, got);
	vm_deallocate(mach_task_self(), (vm_address_t)data, n);
	return got;
}
