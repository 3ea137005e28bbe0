/*
 * mig_support.c -- what MIG's user stubs need from their library, for
 * Whorl's freestanding test programs (single-threaded): a cached reply
 * port, and memory for out-of-line data through vm_allocate.
 * (libc/ provides the per-thread version for real programs.)
 */
#include "test.h"
#include <mach/mig_support.h>
#include <mach/mach.h>
#include <mach/mach_port.h>

static mach_port_t reply_port;

mach_port_t
mig_get_reply_port(void)
{
	if (reply_port == MACH_PORT_NULL)
		reply_port = mach_reply_port();
	return reply_port;
}

/* The reply port is in an unknown state (an interrupted RPC): drop it. */
void
mig_dealloc_reply_port(mach_port_t port)
{
	if (port == reply_port)
		reply_port = MACH_PORT_NULL;
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

/* A task made by task_create inherits our memory, not our names. */
void
mig_forget_reply_port(void)
{
	reply_port = MACH_PORT_NULL;
}

void
mig_put_reply_port(mach_port_t port)
{
	(void)port;
}

vm_size_t
mig_strncpy(char *dst, const char *src, vm_size_t len)
{
	vm_size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len - 1 && src[i] != '\0'; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return i;
}

void
mig_allocate(vm_address_t *addr, vm_size_t size)
{
	if (vm_allocate(mach_task_self(), addr, size, TRUE) != KERN_SUCCESS)
		*addr = 0;
}

void
mig_deallocate(vm_address_t addr, vm_size_t size)
{
	vm_deallocate(mach_task_self(), addr, size);
}
