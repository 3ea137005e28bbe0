/*
 * io_perm.c -- I/O port access for user-space drivers (mach_i386.defs):
 * i386_io_perm_create turns a range of ports into a capability port,
 * granted only through the device master port; i386_io_perm_modify
 * enables or disables that range for a task, in the task's I/O bitmap,
 * which the TSS carries while the task runs.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/task.h"
#include "kern/device.h"
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_port.h"
#include "machine/cpu.h"
#include "machine/task.h"
#include <mach/mig_kernel.h>

struct io_perm {
	uint32_t	 refs;		/* [a] */
	io_port_t	 from, to;	/* [I] inclusive */
	struct ipc_port	*port;		/* [I] IKOT_IO_PERM */
};

io_perm_t
convert_port_to_io_perm(struct ipc_port *p)
{
	struct io_perm *io = NULL;

	if (!IP_VALID(p))
		return NULL;
	spin_lock(&p->lock);
	if (p->active && p->kotype == IKOT_IO_PERM) {
		io = p->kobject;
		__atomic_add_fetch(&io->refs, 1, __ATOMIC_RELAXED);
	}
	spin_unlock(&p->lock);
	return io;
}

/* Drop a reference; the port holds one until its last send right goes. */
void
io_perm_deallocate(io_perm_t io)
{
	if (io != NULL && __atomic_sub_fetch(&io->refs, 1,
	    __ATOMIC_ACQ_REL) == 0)
		kfree(io);
}

/* The port of a new io_perm; consumes the creator's reference. */
struct ipc_port *
convert_io_perm_to_port(io_perm_t io)
{
	struct ipc_port *p;

	if (io == NULL)
		return NULL;
	p = ipc_kobject_make_send(io->port);
	io_perm_deallocate(io);
	return p;
}

/*
 * No send right to the permission is left: nobody can name it again, so
 * the port dies and releases its reference.  Tasks that enabled the
 * range keep it (their bitmaps are their own), as on GNU Mach.
 */
void
io_perm_no_senders(struct ipc_port *port, void *object)
{
	struct io_perm *io = object;

	ipc_kobject_port_destroy(port);
	io_perm_deallocate(io);
}

/*
 * A permission for ports [from, to], granted only through the device
 * master port.  It lives while send rights to its port exist.  Returns
 * KERN_SUCCESS, KERN_INVALID_ARGUMENT or KERN_RESOURCE_SHORTAGE.
 */
kern_return_t
i386_io_perm_create(ipc_port_t master, io_port_t from, io_port_t to,
    io_perm_t *out)
{
	struct io_perm *io;

	if (master != device_master_port)
		return KERN_INVALID_ARGUMENT;
	if (from > to)
		return KERN_INVALID_ARGUMENT;
	if ((io = kzalloc(sizeof(*io))) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	io->from = from;
	io->to = to;
	io->refs = 2;		/* the port's, and the reply's */
	io->port = ipc_kobject_port_alloc(IKOT_IO_PERM, io);
	if (io->port == NULL) {
		kfree(io);
		return KERN_RESOURCE_SHORTAGE;
	}
	*out = io;
	return KERN_SUCCESS;
}

kern_return_t
i386_io_perm_modify(task_t task, io_perm_t io, boolean_t enable)
{
	uint8_t *bm;

	if (task == NULL || io == NULL || task->released)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&task->lock);
	if ((bm = task->md.io_bitmap) == NULL) {
		spin_unlock(&task->lock);
		if ((bm = kalloc(IO_BITMAP_BYTES)) == NULL)
			return KERN_RESOURCE_SHORTAGE;
		memset(bm, 0xFF, IO_BITMAP_BYTES);
		spin_lock(&task->lock);
		if (task->md.io_bitmap != NULL) {	/* someone was faster */
			kfree(bm);
			bm = task->md.io_bitmap;
		}
		task->md.io_bitmap = bm;
	}
	for (uint32_t port = io->from; port <= io->to; port++) {
		if (enable)
			bm[port / 8] &= ~(1u << (port % 8));
		else
			bm[port / 8] |= 1u << (port % 8);
	}
	spin_unlock(&task->lock);
	if (task == current_task())
		cpu_set_io_bitmap(bm);
	return KERN_SUCCESS;
}

void
machine_task_switch(const struct machine_task *next)
{
	cpu_set_io_bitmap(next != NULL ? next->io_bitmap : NULL);
}

void
machine_task_destroy(struct machine_task *md)
{
	kfree(md->io_bitmap);
	md->io_bitmap = NULL;
}
