/*
 * mach_traps.h -- the kernel calls that are not messages.  A trap is
 * entered with the negated number in rax, arguments in rdi, rsi, rdx, r10,
 * r8, r9 and then the caller's stack; the C stubs move rcx to r10.
 * MACH_TRAPS is the one list; the kernel's table and the user stubs are
 * checked against it, and tests/abi checks it against GNU Mach.
 */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

/* X(name, number, argument count) */
#define MACH_TRAPS(X)					\
	X(mach_msg_trap,		25, 7)		\
	X(mach_reply_port,		26, 0)		\
	X(mach_thread_self,		27, 0)		\
	X(mach_task_self,		28, 0)		\
	X(mach_host_self,		29, 0)		\
	X(mach_print,			30, 1)		\
	X(swtch_pri,			59, 1)		\
	X(swtch,			60, 0)		\
	X(thread_switch,		61, 3)		\
	X(syscall_vm_allocate,		65, 4)		\
	X(syscall_vm_deallocate,	66, 3)		\
	X(syscall_task_create,		68, 3)		\
	X(syscall_task_terminate,	69, 1)		\
	X(syscall_task_suspend,		70, 1)		\
	X(syscall_task_set_special_port, 71, 3)		\
	X(syscall_mach_port_allocate,	72, 3)		\
	X(syscall_mach_port_deallocate,	73, 2)		\
	X(syscall_mach_port_insert_right, 74, 4)	\
	X(syscall_mach_port_allocate_name, 75, 3)	\
	X(syscall_thread_depress_abort,	76, 1)		\
	X(thread_set_self_state,	77, 3)

#ifndef __ASSEMBLER__
#define MACH_TRAP_NUMBER(name, num, nargs)	MACH_TRAP_##name = num,
enum { MACH_TRAPS(MACH_TRAP_NUMBER) };
#undef MACH_TRAP_NUMBER
#endif

#if !defined(KERNEL) && !defined(__ASSEMBLER__)
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach/std_types.h>
#include <mach/thread_status.h>

/* mach_msg_trap is declared with the message format, in mach/message.h. */
extern mach_port_name_t	mach_reply_port(void);
extern mach_port_name_t	mach_thread_self(void);
extern mach_port_name_t	mach_task_self(void);
extern mach_port_name_t	mach_host_self(void);
extern void		mach_print(const char *s);
extern boolean_t	swtch_pri(int pri);
extern boolean_t	swtch(void);
extern kern_return_t	thread_switch(mach_port_name_t thread, int option,
			    mach_msg_timeout_t time);
extern kern_return_t	syscall_vm_allocate(mach_port_name_t target_task,
			    vm_offset_t *address, vm_size_t size,
			    boolean_t anywhere);
extern kern_return_t	syscall_vm_deallocate(mach_port_name_t target_task,
			    vm_offset_t address, vm_size_t size);
extern kern_return_t	syscall_task_create(mach_port_name_t parent_task,
			    boolean_t inherit_memory,
			    mach_port_name_t *child_task);
extern kern_return_t	syscall_task_terminate(mach_port_name_t task);
extern kern_return_t	syscall_task_suspend(mach_port_name_t task);
extern kern_return_t	syscall_task_set_special_port(mach_port_name_t task,
			    int which_port, mach_port_name_t port);
extern kern_return_t	syscall_mach_port_allocate(mach_port_name_t task,
			    mach_port_right_t right, mach_port_name_t *name);
extern kern_return_t	syscall_mach_port_deallocate(mach_port_name_t task,
			    mach_port_name_t name);
extern kern_return_t	syscall_mach_port_insert_right(mach_port_name_t task,
			    mach_port_name_t name, mach_port_name_t right,
			    mach_msg_type_name_t disposition);
extern kern_return_t	syscall_mach_port_allocate_name(mach_port_name_t task,
			    mach_port_right_t right, mach_port_name_t name);
extern kern_return_t	syscall_thread_depress_abort(mach_port_name_t thread);
extern kern_return_t	thread_set_self_state(int flavor,
			    thread_state_t new_state,
			    natural_t new_state_count);
#endif

#endif
