/*
 * mach_traps.c -- the trap handlers and their table: the port traps, the
 * message trap, mach_print, the yields, thread_set_self_state and the
 * shortcuts of RPCs (vm_allocate, vm_deallocate, task_create, ...,
 * mach_port_allocate, ...).  A number in the table without a trap answers
 * KERN_INVALID_ARGUMENT; one outside it raises EXC_BAD_INSTRUCTION in the
 * caller's thread (machine syscall entry).
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

#define THREAD_STATE_MAX_WORDS	150	/* GNU Mach's limit */
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_space.h"
#include "ipc/ipc_right.h"
#include "ipc/mach_msg.h"
#include "ipc/mach_port.h"
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

/*
 * What a trap's object argument can name: as GNU Mach's port_name_to_*,
 * a send right in the caller's space to a task (its map or space) or a
 * thread.  A name that is none of these makes the shortcut answer
 * MACH_SEND_INTERRUPTED, GNU Mach's cue to the caller to send the RPC
 * instead (which then says what is wrong).
 */
enum trap_kind { TRAP_MAP, TRAP_SPACE, TRAP_TASK, TRAP_THREAD };

/* The object, referenced, or NULL. */
static void *
trap_object(mach_port_name_t name, enum trap_kind kind)
{
	struct ipc_space *s = current_task()->itk_space;
	struct ipc_entry *e;
	void *obj = NULL;

	spin_lock(&s->lock);
	e = ipc_entry_lookup(s, name);
	if (e != NULL && (e->type & MACH_PORT_TYPE_SEND)) {
		if (kind == TRAP_MAP)
			obj = convert_port_to_map(e->port);
		else if (kind == TRAP_SPACE)
			obj = convert_port_to_space(e->port);
		else if (kind == TRAP_TASK)
			obj = convert_port_to_task(e->port);
		else
			obj = convert_port_to_thread(e->port);
	}
	spin_unlock(&s->lock);
	return obj;
}

static struct vm_map *
trap_map(mach_port_name_t name)
{
	return trap_object(name, TRAP_MAP);
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
		return MACH_SEND_INTERRUPTED;
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
		return MACH_SEND_INTERRUPTED;
	kr = vm_deallocate(map, args[1], args[2]);
	vm_map_deallocate(map);
	return kr;
}

/*
 * thread_set_self_state(flavor, state, count): new state, returned into.
 * As on GNU Mach: at most 150 words, and an unreadable state is
 * KERN_INVALID_ARGUMENT.
 */
static uint64_t
trap_set_self_state(const uint64_t *args)
{
	struct thread *t = current_thread();
	natural_t state[THREAD_STATE_MAX_WORDS];
	uint64_t count = (natural_t)args[2];

	if (count == 0 || count > THREAD_STATE_MAX_WORDS)
		return KERN_INVALID_ARGUMENT;
	if (vm_copyin(t->task->map, args[1], state, count * sizeof(natural_t))
	    != KERN_SUCCESS)
		return KERN_INVALID_ARGUMENT;
	return thread_set_state(t, (int)args[0], state, count);
}

/*
 * The shortcuts of RPCs (GNU Mach's kern/ipc_mig.c): each does what its
 * RPC does, on objects named in the caller's space.  Results written back
 * to the caller are written as GNU Mach writes them, ignoring a bad
 * address (the operation stands).
 */

/* syscall_task_create(parent, inherit_memory, &child). */
static uint64_t
trap_task_create(const uint64_t *args)
{
	struct task *parent = trap_object((mach_port_name_t)args[0],
	    TRAP_TASK);
	struct task *child;
	mach_port_name_t name;
	kern_return_t kr;

	if (parent == NULL)
		return MACH_SEND_INTERRUPTED;
	kr = task_create(parent, (boolean_t)args[1], &child);
	if (kr == KERN_SUCCESS) {
		struct ipc_space *s = current_task()->itk_space;
		struct ipc_port *p = convert_task_to_port(child);

		spin_lock(&s->lock);
		ipc_right_copyout(s, p, MACH_MSG_TYPE_PORT_SEND, &name);
		spin_unlock(&s->lock);
		vm_copyout(current_task()->map, &name, args[2], sizeof(name));
	}
	task_deallocate(parent);
	return kr;
}

/* syscall_task_terminate(task) and syscall_task_suspend(task). */
static uint64_t
trap_task_op(const uint64_t *args, kern_return_t (*op)(struct task *))
{
	struct task *t = trap_object((mach_port_name_t)args[0], TRAP_TASK);
	kern_return_t kr;

	if (t == NULL)
		return MACH_SEND_INTERRUPTED;
	kr = op(t);
	task_deallocate(t);
	return kr;
}

static uint64_t
trap_task_terminate(const uint64_t *args)
{
	return trap_task_op(args, task_terminate);
}

static uint64_t
trap_task_suspend(const uint64_t *args)
{
	return trap_task_op(args, task_suspend);
}

/*
 * A right the caller names, taken from its space as a message would take
 * it (disp), with GNU Mach's ipc_object_copyin codes: KERN_INVALID_NAME,
 * KERN_INVALID_RIGHT.  A null or dead name stands for itself.
 */
static kern_return_t
trap_copyin(mach_port_name_t name, mach_msg_type_name_t disp,
    struct ipc_port **portp)
{
	struct ipc_space *s = current_task()->itk_space;
	mach_msg_type_name_t type;
	kern_return_t kr = KERN_SUCCESS;

	if (!MACH_PORT_NAME_VALID(name)) {
		*portp = name == MACH_PORT_NAME_NULL ? NULL : IPC_PORT_DEAD;
		return KERN_SUCCESS;
	}
	spin_lock(&s->lock);
	if (ipc_entry_lookup(s, name) == NULL)
		kr = KERN_INVALID_NAME;
	else if (ipc_right_copyin(s, name, disp, portp, &type) !=
	    MACH_MSG_SUCCESS)
		kr = KERN_INVALID_RIGHT;
	spin_unlock(&s->lock);
	return kr;
}

/* syscall_task_set_special_port(task, which, port). */
static uint64_t
trap_task_set_special_port(const uint64_t *args)
{
	struct task *t = trap_object((mach_port_name_t)args[0], TRAP_TASK);
	struct ipc_port *port;
	kern_return_t kr;

	if (t == NULL)
		return MACH_SEND_INTERRUPTED;
	kr = trap_copyin((mach_port_name_t)args[2], MACH_MSG_TYPE_COPY_SEND,
	    &port);
	if (kr == KERN_SUCCESS) {
		kr = task_set_special_port(t, (int)args[1], port);
		if (kr != KERN_SUCCESS && IP_VALID(port))
			ipc_port_release_send(port);
	}
	task_deallocate(t);
	return kr;
}

/* syscall_mach_port_allocate(task, right, &name). */
static uint64_t
trap_port_allocate(const uint64_t *args)
{
	struct ipc_space *s = trap_object((mach_port_name_t)args[0],
	    TRAP_SPACE);
	mach_port_name_t name;
	kern_return_t kr;

	if (s == NULL)
		return MACH_SEND_INTERRUPTED;
	kr = mach_port_allocate(s, (mach_port_right_t)args[1], &name);
	if (kr == KERN_SUCCESS)
		vm_copyout(current_task()->map, &name, args[2], sizeof(name));
	space_deallocate(s);
	return kr;
}

/* syscall_mach_port_allocate_name(task, right, name). */
static uint64_t
trap_port_allocate_name(const uint64_t *args)
{
	struct ipc_space *s = trap_object((mach_port_name_t)args[0],
	    TRAP_SPACE);
	kern_return_t kr;

	if (s == NULL)
		return MACH_SEND_INTERRUPTED;
	kr = mach_port_allocate_name(s, (mach_port_right_t)args[1],
	    (mach_port_name_t)args[2]);
	space_deallocate(s);
	return kr;
}

/* syscall_mach_port_deallocate(task, name). */
static uint64_t
trap_port_deallocate(const uint64_t *args)
{
	struct ipc_space *s = trap_object((mach_port_name_t)args[0],
	    TRAP_SPACE);
	kern_return_t kr;

	if (s == NULL)
		return MACH_SEND_INTERRUPTED;
	kr = mach_port_deallocate(s, (mach_port_name_t)args[1]);
	space_deallocate(s);
	return kr;
}

/*
 * syscall_mach_port_insert_right(task, name, right, disposition): the
 * right is taken from the caller's space, then given to the task's; if
 * that fails, it is destroyed, as a message's right would be.
 */
static uint64_t
trap_port_insert_right(const uint64_t *args)
{
	struct ipc_space *s = trap_object((mach_port_name_t)args[0],
	    TRAP_SPACE);
	mach_msg_type_name_t disp = (mach_msg_type_name_t)args[3];
	struct ipc_port *port;
	kern_return_t kr;

	if (s == NULL)
		return MACH_SEND_INTERRUPTED;
	if (!MACH_MSG_TYPE_PORT_ANY(disp))
		kr = KERN_INVALID_VALUE;
	else
		kr = trap_copyin((mach_port_name_t)args[2], disp, &port);
	if (kr == KERN_SUCCESS) {
		kr = mach_port_insert_right(s, (mach_port_name_t)args[1], port,
		    ipc_right_result_type(disp));
		if (kr != KERN_SUCCESS && IP_VALID(port))
			ipc_right_drop(port, ipc_right_result_type(disp));
	}
	space_deallocate(s);
	return kr;
}

/* syscall_thread_depress_abort(thread): no priority is ever depressed. */
static uint64_t
trap_depress_abort(const uint64_t *args)
{
	struct thread *t = trap_object((mach_port_name_t)args[0],
	    TRAP_THREAD);

	if (t == NULL)
		return MACH_SEND_INTERRUPTED;
	thread_deallocate(t);
	return KERN_SUCCESS;
}

/*
 * Numbers in the table without a trap answer KERN_INVALID_ARGUMENT, as
 * GNU Mach's kern_invalid does; numbers outside it raise an exception
 * (machine syscall entry).
 */
static uint64_t
trap_invalid(const uint64_t *args)
{
	(void)args;
	return KERN_INVALID_ARGUMENT;
}

static const struct mach_trap trap_kern_invalid = {
	0, trap_invalid, "kern_invalid"
};

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
	[68] = { 3, trap_task_create, "syscall_task_create" },
	[69] = { 1, trap_task_terminate, "syscall_task_terminate" },
	[70] = { 1, trap_task_suspend, "syscall_task_suspend" },
	[71] = { 3, trap_task_set_special_port,
	    "syscall_task_set_special_port" },
	[72] = { 3, trap_port_allocate, "syscall_mach_port_allocate" },
	[73] = { 2, trap_port_deallocate, "syscall_mach_port_deallocate" },
	[74] = { 4, trap_port_insert_right, "syscall_mach_port_insert_right" },
	[75] = { 3, trap_port_allocate_name,
	    "syscall_mach_port_allocate_name" },
	[76] = { 1, trap_depress_abort, "syscall_thread_depress_abort" },
	[77] = { 3, trap_set_self_state, "thread_set_self_state" },
};

const struct mach_trap *
mach_trap_lookup(int64_t n)
{
	if (n < 0 || n >= MACH_TRAP_COUNT)
		return NULL;
	if (mach_trap_table[n].fn == NULL)
		return &trap_kern_invalid;
	return &mach_trap_table[n];
}
