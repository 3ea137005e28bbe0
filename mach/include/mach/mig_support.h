/*
 * mig_support.h -- what MIG-generated stubs call besides mach_msg: the
 * per-thread reply port and memory for out-of-line data.  User programs get
 * these from libmach; the kernel supplies its own mig_deallocate and
 * mig_allocate for its server stubs.
 */
#ifndef _MACH_MIG_SUPPORT_H_
#define _MACH_MIG_SUPPORT_H_

#include <mach/std_types.h>
#include <mach/message.h>

/* The calling thread's reply port, made on first use. */
extern mach_port_t	mig_get_reply_port(void);
/* Drop a reply port that may hold a stale reply (after a timeout). */
extern void		mig_dealloc_reply_port(mach_port_t port);
/* Hand the reply port back after a successful RPC. */
extern void		mig_put_reply_port(mach_port_t port);

extern void		mig_init(void *first);
extern void		mig_reply_setup(const mach_msg_header_t *request,
			    mach_msg_header_t *reply);

extern void		mig_allocate(vm_address_t *addr, vm_size_t size);
extern void		mig_deallocate(vm_address_t addr, vm_size_t size);

/* Copy at most len bytes, NUL-terminating; returns the length copied. */
extern vm_size_t	mig_strncpy(char *dst, const char *src, vm_size_t len);

/* Stubs copy inline arrays with memcpy; there may be no <string.h>. */
extern void		*memcpy(void *dst, const void *src, __SIZE_TYPE__ n);

#endif
