/*
 * srv_msg_check.h -- srv_msg_simple_ok (srv_msg_check.c), used by the
 * request loop and the host test.
 */
#ifndef SRV_MSG_CHECK_H
#define SRV_MSG_CHECK_H

#include <mach/message.h>

int	srv_msg_simple_ok(const mach_msg_header_t *msg);

#endif
