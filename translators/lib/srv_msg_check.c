/*
 * srv_msg_check.c -- the request loop's check of a message before MIG's
 * stubs see it, and the error reply it sends instead (translators/lib,
 * also pfinet's loop).  Pure: only the message layout, so the host test
 * test_srv_msg.c runs it too.
 */
#include <stdint.h>
#include <string.h>
#include <mach/message.h>
#include <mach/mig_errors.h>

#include "srv_msg_check.h"

/*
 * Whether a message the kernel did not mark complex claims no right and
 * no out-of-line region.  The kernel moved nothing for such a message,
 * so an "out-of-line" pointer in it is whatever the sender wrote, and
 * MIG's stubs do not check: a handler would read or free the server's
 * own memory.  Items are walked as MIG lays them out; a body that stops
 * parsing is left to MIG's size checks.
 */
int
srv_msg_simple_ok(const mach_msg_header_t *msg)
{
	const char *p = (const char *)(msg + 1);
	const char *end = (const char *)msg + msg->msgh_size;
	const mach_msg_type_t *t;
	uint64_t len;

	if (msg->msgh_bits & MACH_MSGH_BITS_COMPLEX)
		return 1;
	while (p + sizeof(*t) <= end) {
		t = (const mach_msg_type_t *)p;
		if (!t->msgt_inline || MACH_MSG_TYPE_PORT_ANY(t->msgt_name))
			return 0;
		len = ((uint64_t)t->msgt_number * t->msgt_size + 7) / 8;
		len = (len + 7) & ~(uint64_t)7;
		if (len > (uint64_t)(end - p) - sizeof(*t))
			break;
		p += sizeof(*t) + len;
	}
	return 1;
}

/* Build in out the MIG error reply to in, as MIG's stubs make it. */
void
srv_msg_error_reply(const mach_msg_header_t *in, mach_msg_header_t *out,
    kern_return_t code)
{
	mig_reply_header_t *r = (mig_reply_header_t *)out;

	memset(r, 0, sizeof(*r));
	r->Head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(in->msgh_bits),
	    0);
	r->Head.msgh_size = sizeof(*r);
	r->Head.msgh_remote_port = in->msgh_remote_port;
	r->Head.msgh_id = in->msgh_id + 100;
	r->RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	r->RetCodeType.msgt_size = 32;
	r->RetCodeType.msgt_number = 1;
	r->RetCodeType.msgt_inline = 1;
	r->RetCode = code;
}
