/*
 * kobject_convert.c -- between kernel object ports and the objects: what
 * the kernel's MIG server stubs call (mach/mig_kernel.h) to turn the port
 * a request came to into a task, thread, map, space or host, and back.
 * Each convert_port_to_* takes a reference the stub drops afterwards.
 */
#include "kern/klib.h"
#include "kern/host.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "vm/vm_map.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_space.h"
#include "ipc/ipc_kobject.h"
#include <mach/mig_kernel.h>

/* The object of an active port of the given kind, or NULL.  Port unlocked. */
static void *
port_object(struct ipc_port *p, enum ipc_kobject_type type)
{
	void *obj = NULL;

	if (!IP_VALID(p))
		return NULL;
	spin_lock(&p->lock);
	if (p->active && p->kotype == type)
		obj = p->kobject;
	spin_unlock(&p->lock);
	return obj;
}

task_t
convert_port_to_task(struct ipc_port *p)
{
	struct task *t = port_object(p, IKOT_TASK);

	if (t != NULL)
		task_reference(t);
	return t;
}

/* Consumes a task reference; returns a naked send right (or NULL). */
struct ipc_port *
convert_task_to_port(task_t t)
{
	struct ipc_port *p = NULL;

	if (t == NULL)
		return NULL;
	if (!t->released)
		p = ipc_kobject_make_send(t->itk_self);
	task_deallocate(t);
	return p;
}

thread_t
convert_port_to_thread(struct ipc_port *p)
{
	struct thread *t = port_object(p, IKOT_THREAD);

	if (t != NULL)
		thread_reference(t);
	return t;
}

struct ipc_port *
convert_thread_to_port(thread_t t)
{
	struct ipc_port *p = NULL;

	if (t == NULL)
		return NULL;
	if (t->ith_self != NULL)
		p = ipc_kobject_make_send(t->ith_self);
	thread_deallocate(t);
	return p;
}

vm_map_t
convert_port_to_map(struct ipc_port *p)
{
	struct task *t = port_object(p, IKOT_TASK);
	struct vm_map *map = NULL;

	if (t != NULL && !t->released) {
		map = t->map;
		vm_map_reference(map);
	}
	return map;
}

ipc_space_t
convert_port_to_space(struct ipc_port *p)
{
	struct task *t = port_object(p, IKOT_TASK);
	struct ipc_space *s = NULL;

	if (t != NULL && !t->released) {
		s = t->itk_space;
		ipc_space_reference(s);
	}
	return s;
}

host_t
convert_port_to_host(struct ipc_port *p)
{
	if (port_object(p, IKOT_HOST) != NULL)
		return &realhost;
	return port_object(p, IKOT_HOST_PRIV);
}

host_t
convert_port_to_host_priv(struct ipc_port *p)
{
	return port_object(p, IKOT_HOST_PRIV);
}
