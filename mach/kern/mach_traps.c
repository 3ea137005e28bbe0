/*
 * mach_traps.c -- the trap handlers and their table.  mach_thread_self and
 * mach_host_self answer MACH_PORT_NAME_NULL until thread and host ports exist;
 * the vm shortcuts and thread_set_self_state join the table with their
 * RPCs.  A number without an entry raises EXC_BAD_INSTRUCTION
 * in the caller's thread (machine syscall entry).
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/mach_traps.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "vm/vm_map.h"
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_space.h"
#include "ipc/mach_msg.h"
#include <mach/kern_return.h>

#define PRINT_MAX	1024

static uint64_t
trap_port_null(const uint64_t *args)
{
	(void)args;
	return MACH_PORT_NAME_NULL;
}

static uint64_t
trap_task_self(const uint64_t *args)
{
	struct task *t = current_task();

	(void)args;
	return ipc_kobject_copy_send(t->itk_space, t->itk_self);
}

/* mach_reply_port(): a new port whose receive right the caller holds. */
static uint64_t
trap_reply_port(const uint64_t *args)
{
	struct ipc_space *s = current_task()->itk_space;
	struct ipc_port *p = ipc_port_alloc();
	struct ipc_entry *e;
	mach_port_name_t name;

	(void)args;
	if (p == NULL)
		return MACH_PORT_NAME_NULL;
	spin_lock(&s->lock);
	if (ipc_entry_alloc(s, &name, &e) != KERN_SUCCESS) {
		spin_unlock(&s->lock);
		ipc_port_destroy(p);
		ipc_port_release(p);
		return MACH_PORT_NAME_NULL;
	}
	e->port = p;			/* the port's first reference */
	e->type = MACH_PORT_TYPE_RECEIVE;
	p->receiver = s;
	p->receiver_name = name;
	spin_unlock(&s->lock);
	return name;
}

/* mach_print(const char *s): write a user string on the console. */
static uint64_t
trap_mach_print(const uint64_t *args)
{
	char buf[PRINT_MAX];
	uint64_t len;

	if (vm_copyin_str(current_task()->map, args[0], buf, sizeof(buf),
	    &len) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	console_write(buf, len);
	return KERN_SUCCESS;
}

/* swtch, swtch_pri, thread_switch: give up the processor. */
static uint64_t
trap_switch(const uint64_t *args)
{
	(void)args;
	sched_yield();
	return KERN_SUCCESS;
}

static const struct mach_trap mach_trap_table[MACH_TRAP_COUNT] = {
	[10] = { 0, trap_port_null, "kern_invalid" },
	[11] = { 0, trap_port_null, "kern_invalid" },
	[12] = { 0, trap_port_null, "kern_invalid" },
	[13] = { 0, trap_port_null, "kern_invalid" },
	[25] = { 7, mach_msg_trap, "mach_msg_trap" },
	[26] = { 0, trap_reply_port, "mach_reply_port" },
	[27] = { 0, trap_port_null, "mach_thread_self" },
	[28] = { 0, trap_task_self, "mach_task_self" },
	[29] = { 0, trap_port_null, "mach_host_self" },
	[30] = { 1, trap_mach_print, "mach_print" },
	[55] = { 0, trap_port_null, "kern_invalid" },
	[56] = { 0, trap_port_null, "kern_invalid" },
	[59] = { 1, trap_switch, "swtch_pri" },
	[60] = { 0, trap_switch, "swtch" },
	[61] = { 3, trap_switch, "thread_switch" },
};

const struct mach_trap *
mach_trap_lookup(int64_t n)
{
	if (n < 0 || n >= MACH_TRAP_COUNT || mach_trap_table[n].fn == NULL)
		return NULL;
	return &mach_trap_table[n];
}
