/*
 * mach_msg.h -- the message trap and the kernel's own way to deliver a
 * kernel message (replies from kernel servers, notifications).
 */
#ifndef IPC_MACH_MSG_H
#define IPC_MACH_MSG_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/message.h>

struct ipc_kmsg;

/* Kernel-internal send option: ignore the queue limit (replies, notices). */
#define IPC_SEND_ALWAYS	0x00010000

struct ipc_port;

uint64_t	  mach_msg_trap(const uint64_t *args);
bool		  mach_msg_fast_send(uint64_t msg, mach_msg_option_t option,
		    mach_msg_size_t size, mach_msg_return_t *mrp);
mach_msg_return_t mach_msg_fast_receive(uint64_t msg);
mach_msg_return_t mach_msg_kernel_receive(struct ipc_port *,
		    struct ipc_kmsg **);
mach_msg_return_t mach_msg_deliver(struct ipc_kmsg *, mach_msg_option_t,
		    mach_msg_timeout_t);

#endif
