/*
 * mach_traps.c -- the trap handlers and their table: the port traps, the
 * message trap, mach_print, the yields, and the shortcuts of vm_allocate,
 * vm_deallocate and thread_set_state on the caller.  A number without an entry raises EXC_BAD_INSTRUCTION
 * in the caller's thread (machine syscall entry).
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/mach_traps.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/task_limit.h"
#include "vm/vm_map.h"
#include "kern/host.h"
#include "kern/thread.h"
#include "vm/vm_user.h"
#include <mach/mig_kernel.h>

#define THREAD_STATE_MAX_WORDS	1024
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_space.h"
#include "ipc/mach_msg.h"
#include <mach/kern_return.h>
#include <mach/thread_switch.h>

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

static uint64_t
trap_thread_self(const uint64_t *args)
{
	struct thread *t = current_thread();

	(void)args;
	return ipc_kobject_copy_send(t->task->itk_space, t->ith_self);
}

static uint64_t
trap_host_self(const uint64_t *args)
{
	(void)args;
	return ipc_kobject_copy_send(current_task()->itk_space,
	    realhost.host_self);
}

/* mach_reply_port(): a new port whose receive right the caller holds. */
static uint64_t
trap_reply_port(const uint64_t *args)
{
	struct ipc_space *s = current_task()->itk_space;
	struct ipc_port *p = task_limit_port_alloc(s->ledger);
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

/* The map of the task a send right in our space names, referenced. */
static struct vm_map *
trap_map(mach_port_name_t name)
{
	struct ipc_space *s = current_task()->itk_space;
	struct ipc_entry *e;
	struct vm_map *map = NULL;

	spin_lock(&s->lock);
	e = ipc_entry_lookup(s, name);
	if (e != NULL && (e->type & MACH_PORT_TYPE_SEND))
		map = convert_port_to_map(e->port);
	spin_unlock(&s->lock);
	return map;
}

/* syscall_vm_allocate(task, &addr, size, anywhere): vm_allocate's trap. */
static uint64_t
trap_vm_allocate(const uint64_t *args)
{
	struct vm_map *map = trap_map((mach_port_name_t)args[0]);
	struct vm_map *self = current_task()->map;
	vm_address_t addr;
	kern_return_t kr;

	if (map == NULL)
		return KERN_INVALID_TASK;
	kr = vm_copyin(self, args[1], &addr, sizeof(addr));
	if (kr == KERN_SUCCESS)
		kr = vm_allocate(map, &addr, args[2], (boolean_t)args[3]);
	if (kr == KERN_SUCCESS)
		kr = vm_copyout(self, &addr, args[1], sizeof(addr));
	vm_map_deallocate(map);
	return kr;
}

/* syscall_vm_deallocate(task, addr, size). */
static uint64_t
trap_vm_deallocate(const uint64_t *args)
{
	struct vm_map *map = trap_map((mach_port_name_t)args[0]);
	kern_return_t kr;

	if (map == NULL)
		return KERN_INVALID_TASK;
	kr = vm_deallocate(map, args[1], args[2]);
	vm_map_deallocate(map);
	return kr;
}

/* thread_set_self_state(flavor, state, count): new state, returned into. */
static uint64_t
trap_set_self_state(const uint64_t *args)
{
	struct thread *t = current_thread();
	natural_t state[THREAD_STATE_MAX_WORDS];
	uint64_t count = args[2];

	if (count > THREAD_STATE_MAX_WORDS)
		return KERN_INVALID_ARGUMENT;
	if (vm_copyin(t->task->map, args[1], state, count * sizeof(natural_t))
	    != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return thread_set_state(t, (int)args[0], state, count);
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

/* swtch, swtch_pri: give up the processor. */
static uint64_t
trap_switch(const uint64_t *args)
{
	(void)args;
	sched_yield();
	return KERN_SUCCESS;
}

/*
 * thread_switch(thread, option, time): give up the processor; with
 * SWITCH_OPTION_WAIT for time milliseconds at most (an abort ends the
 * wait early).  The hint thread is only a hint, and depressing the
 * priority is taken as a plain yield.  An unknown option is
 * KERN_INVALID_ARGUMENT, as on GNU Mach.
 */
static uint64_t
trap_thread_switch(const uint64_t *args)
{
	int option = (int)args[1];

	if (!valid_switch_option(option))
		return KERN_INVALID_ARGUMENT;
	if (option == SWITCH_OPTION_WAIT && (uint32_t)args[2] != 0)
		thread_block(NULL, (uint32_t)args[2]);
	else
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
	[27] = { 0, trap_thread_self, "mach_thread_self" },
	[28] = { 0, trap_task_self, "mach_task_self" },
	[29] = { 0, trap_host_self, "mach_host_self" },
	[30] = { 1, trap_mach_print, "mach_print" },
	[55] = { 0, trap_port_null, "kern_invalid" },
	[56] = { 0, trap_port_null, "kern_invalid" },
	[59] = { 1, trap_switch, "swtch_pri" },
	[60] = { 0, trap_switch, "swtch" },
	[61] = { 3, trap_thread_switch, "thread_switch" },
	[65] = { 4, trap_vm_allocate, "syscall_vm_allocate" },
	[66] = { 3, trap_vm_deallocate, "syscall_vm_deallocate" },
	[77] = { 3, trap_set_self_state, "thread_set_self_state" },
};

const struct mach_trap *
mach_trap_lookup(int64_t n)
{
	if (n < 0 || n >= MACH_TRAP_COUNT || mach_trap_table[n].fn == NULL)
		return NULL;
	return &mach_trap_table[n];
}
