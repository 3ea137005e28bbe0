/*
 * drvtask.c -- what every driver task does the same way (virtio-blk and
 * the NIC drivers through translators/netdev/): log lines on the kernel
 * console, take I/O ports, announce its master port to the bootstrap
 * port, and handle one request of its request loop.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach_i386.h>
#include <mach/gnumach.h>
#include <mach/task_special_ports.h>
#include "drvmsg.h"
#include "drvtask.h"

void
drv_log(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	mach_print(line);
}

int
drv_io_perm(mach_port_t kmaster, uint16_t from, uint16_t to,
    mach_port_t *perm)
{
	mach_port_t p;

	if (i386_io_perm_create(kmaster, from, to, &p) != KERN_SUCCESS)
		return -1;
	if (perm != NULL)
		*perm = p;
	return i386_io_perm_modify(mach_task_self(), p, TRUE) ==
	    KERN_SUCCESS ? 0 : -1;
}

int
drv_announce(mach_port_t master, mach_msg_id_t id)
{
	struct {
		mach_msg_header_t	h;
		mach_msg_type_t		t;
		mach_port_name_inlined_t port;
	} m;
	mach_port_t bs;

	if (task_get_bootstrap_port(mach_task_self(), &bs) != 0 ||
	    bs == MACH_PORT_NULL)
		return -1;
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = bs;
	m.h.msgh_id = id;
	m.t.msgt_name = MACH_MSG_TYPE_MAKE_SEND;
	m.t.msgt_size = 64;
	m.t.msgt_number = 1;
	m.t.msgt_inline = 1;
	m.port.name = master;
	return mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
	    MACH_PORT_NULL, 1000, MACH_PORT_NULL) == 0 ? 0 : -1;
}

/*
 * Send the reply without waiting: a client whose reply port is full loses
 * its reply rather than stalling the driver.  A reply that comes back
 * (timed out) is destroyed here, and so is one to a reply right that died
 * (its body may never have been taken; if it was, its memory is already
 * gone from our map and the destroy finds nothing); on other errors the
 * kernel destroyed it.
 */
static void
drv_reply(mig_reply_header_t *out)
{
	mach_msg_return_t mr;

	mr = mach_msg(&out->Head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	    out->Head.msgh_size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
	if (mr == MACH_MSG_SUCCESS)
		return;
	mr &= ~MACH_MSG_MASK;
	if (mr == MACH_SEND_TIMED_OUT || mr == MACH_SEND_INTERRUPTED ||
	    mr == MACH_SEND_INVALID_DEST)
		drv_msg_destroy(out);
	if (MACH_PORT_VALID(out->Head.msgh_remote_port))
		mach_port_deallocate(mach_task_self(),
		    out->Head.msgh_remote_port);
}

void
drv_request(drv_demux_t demux, mach_msg_header_t *in,
    mig_reply_header_t *out)
{
	kern_return_t rc;

	(void)demux(in, &out->Head);
	rc = out->RetCode;
	if (rc != KERN_SUCCESS && rc != MIG_NO_REPLY)
		drv_msg_destroy(in);	/* the reply right stays */
	if (rc == MIG_NO_REPLY)
		return;
	if (MACH_PORT_VALID(out->Head.msgh_remote_port))
		drv_reply(out);
	else
		drv_msg_destroy(&out->Head);
}
