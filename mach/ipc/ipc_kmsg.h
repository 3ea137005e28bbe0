/*
 * ipc_kmsg.h -- a message inside the kernel.  The header and body have the
 * user layout (so sizes agree both ways), but every port right slot holds a
 * referenced struct ipc_port pointer (the ABI's 8-byte slots fit one),
 * out-of-line memory is a struct vm_copy and out-of-line port arrays are
 * arrays of port pointers.
 */
#ifndef IPC_IPC_KMSG_H
#define IPC_IPC_KMSG_H

#include <stdint.h>
#include <mach/message.h>
#include "kern/klib.h"

struct ipc_space;
struct vm_map;
struct ipc_port;
struct task_limit;

#define IPC_KMSG_MAX_INLINE	(256 * 1024)	/* cap on msgh_size */
#define IPC_KMSG_MAX_ITEMS	1024		/* descriptors in one body */

struct ipc_kmsg {
	struct ipc_kmsg		*next;
	uint32_t		 seqno;
	uint32_t		 alloc;		/* bytes of hdr + body allocated */
	struct task_limit	*ledger;	/* who pays for it, or NULL */
	uint64_t		 charged_bytes;	/* alloc + port arrays */
	uint64_t		 charged_pages;	/* out-of-line pages */
	mach_msg_header_t	 hdr;		/* then the body */
};

/*
 * The header's two 8-byte port slots, raw: a port pointer in kernel form,
 * a name (zero-extended) in user form.
 */
#define KMSG_REMOTE	8
#define KMSG_LOCAL	16

static inline uint64_t
ipc_kmsg_slot(const struct ipc_kmsg *k, int off)
{
	uint64_t v;

	__builtin_memcpy(&v, (const char *)&k->hdr + off, 8);
	return v;
}

static inline void
ipc_kmsg_set_slot(struct ipc_kmsg *k, int off, uint64_t v)
{
	__builtin_memcpy((char *)&k->hdr + off, &v, 8);
}

static inline struct ipc_port *
ipc_kmsg_dest(const struct ipc_kmsg *k)
{
	return (struct ipc_port *)ipc_kmsg_slot(k, KMSG_REMOTE);
}

static inline struct ipc_port *
ipc_kmsg_reply(const struct ipc_kmsg *k)
{
	return (struct ipc_port *)ipc_kmsg_slot(k, KMSG_LOCAL);
}

struct ipc_kmsg	*ipc_kmsg_alloc(uint32_t size);
void		 ipc_kmsg_free(struct ipc_kmsg *);
void		 ipc_kmsg_destroy(struct ipc_kmsg *);
void		 ipc_kmsg_body_cost(struct ipc_kmsg *, uint64_t *bytes,
		    uint64_t *pages);
mach_msg_return_t ipc_kmsg_copyin_header(struct ipc_kmsg *, struct ipc_space *);
mach_msg_return_t ipc_kmsg_copyin_body(struct ipc_kmsg *, struct ipc_space *,
		    struct vm_map *);
mach_msg_return_t ipc_kmsg_copyout(struct ipc_kmsg *, struct ipc_space *,
		    struct vm_map *);
void		 ipc_kmsg_undo_header(struct ipc_kmsg *, struct ipc_space *);
void		 ipc_kmsg_copyout_dest(struct ipc_kmsg *, struct ipc_space *);
mach_msg_return_t ipc_kmsg_copyout_pseudo(struct ipc_kmsg *,
		    struct ipc_space *, struct vm_map *);

#endif
