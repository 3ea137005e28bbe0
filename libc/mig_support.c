/*
 * mig_support.c -- what MIG's user stubs need from libc: a reply port per
 * thread (a __thread variable, so each pthread gets its own on first RPC),
 * strings, and memory for out-of-line data.  Called by every *User.c stub.
 */
#include <mach/mach_traps.h>
#include <mach/mig_support.h>
#include <mach/mach.h>
#include <mach/mach_port.h>

static __thread mach_port_t mig_reply_port;

/* Nothing to set up: the reply port is made on a thread's first RPC. */
void
mig_init(void *first)
{
	(void)first;
}

mach_port_t
mig_get_reply_port(void)
{
	if (mig_reply_port == MACH_PORT_NULL)
		mig_reply_port = mach_reply_port();
	return mig_reply_port;
}

/*
 * The reply port may hold a stale reply (an RPC timed out or was
 * interrupted): destroy it, and let the next RPC make a fresh one.
 */
void
mig_dealloc_reply_port(mach_port_t port)
{
	if (port == mig_reply_port)
		mig_reply_port = MACH_PORT_NULL;
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

/* The port stays cached in the thread: nothing to hand back. */
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
