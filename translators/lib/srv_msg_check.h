/*
 * srv_msg_check.h -- srv_msg_simple_ok and srv_msg_error_reply
 * (srv_msg_check.c), used by the request loops and the host test.
 */
#ifndef SRV_MSG_CHECK_H
#define SRV_MSG_CHECK_H

#include <mach/message.h>

int	srv_msg_simple_ok(const mach_msg_header_t *msg);
void	srv_msg_error_reply(const mach_msg_header_t *in,
	    mach_msg_header_t *out, kern_return_t code);

#endif
