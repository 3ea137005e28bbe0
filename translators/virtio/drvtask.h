/*
 * drvtask.h -- the task side shared by the driver tasks (virtio-blk,
 * virtio-net, e1000): log lines, I/O port rights, the announcement of the
 * master port to the bootstrap port, and one request of the request
 * loop (dispatch, destroy what a refused request carries, reply without
 * waiting).
 */
#ifndef DRVTASK_H
#define DRVTASK_H

#include <stdint.h>
#include <mach/mach_types.h>
#include <mach/mig_errors.h>

/* A MIG demultiplexer: true if it knew the request's id. */
typedef boolean_t (*drv_demux_t)(mach_msg_header_t *, mach_msg_header_t *);

/* One line (at most 159 characters) on the kernel console. */
void	drv_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* I/O ports [from, to] for this task, through the kernel's device
 * master; the permission's name in *perm if perm is not null.  0 or -1. */
int	drv_io_perm(mach_port_t kmaster, uint16_t from, uint16_t to,
	    mach_port_t *perm);
/* Send a send right to master, as message id, to our bootstrap port
 * (waiting at most a second).  0 or -1. */
int	drv_announce(mach_port_t master, mach_msg_id_t id);
/* One received request: dispatch it through demux into out, destroy what
 * it carries if the handler failed, and send the reply (if any) without
 * waiting. */
void	drv_request(drv_demux_t demux, mach_msg_header_t *in,
	    mig_reply_header_t *out);

#endif
