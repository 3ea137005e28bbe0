/*
 * trap_flags.c -- the flags a task may hold across the kernel, against
 * GNU Mach's rules: NT, AC and DF set by popf survive a trap (sysretq)
 * and IOPL stays 0; thread_set_self_state (trap 77, which returns through
 * iretq) entered with NT set must not take the machine down, and the
 * state it sets keeps AC, DF and TF but never IOPL, NT or RF, with IF
 * forced on; thread_set_state of another thread follows the same rule,
 * and i386_REGS_SEGS_STATE reads as i386_THREAD_STATE and refuses null or
 * kernel-privilege selectors; TF set that way single-steps the thread
 * into EXC_BREAKPOINT/EXC_I386_SGL, and its handler can clear it.
 */
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include <mach/thread_status.h>
#include <mach/exception.h>
#include <mach/mig_errors.h>
#include <mach/machine/exception.h>
#include <mach/thread_special_ports.h>
#include "gnu_runtime.h"
#include "mach_user.h"
#include "mach_port_user.h"

#define FL_TF	0x100ul
#define FL_IF	0x200ul
#define FL_DF	0x400ul
#define FL_IOPL	0x3000ul
#define FL_NT	0x4000ul
#define FL_RF	0x10000ul
#define FL_AC	0x40000ul

/* GNU Mach's i386/eflags.h: EFL_USER_CLEAR and EFL_USER_SET. */
#define GNU_STATE_FLAGS(f)	(((f) & ~(FL_IOPL | FL_NT | FL_RF)) | FL_IF)

unsigned long	flags_across_trap(unsigned long flags);
unsigned long	flags_trap77(struct i386_thread_state *st, unsigned long flags);

/*
 * flags_across_trap(flags): load flags with popf, call mach_task_self
 * (trap -28, back through sysretq), and return the flags the task holds
 * after it.  flags_trap77(st, flags): load flags, then
 * thread_set_self_state(i386_THREAD_STATE, st) with st's rip and stack
 * set here; in the new state, return its flags (or, if the trap returned,
 * the trap's code with bit 63 set).  Both leave with plain flags.
 */
__asm__(
"	.text\n"
"	.globl flags_across_trap\n"
"flags_across_trap:\n"
"	pushq %rbx\n"
"	pushq %rdi\n"
"	popfq\n"
"	movq $-28, %rax\n"
"	syscall\n"
"	pushfq\n"
"	popq %rax\n"
"	pushq $0x202\n"
"	popfq\n"
"	popq %rbx\n"
"	ret\n"
"	.globl flags_trap77\n"
"flags_trap77:\n"
"	pushq %rbx\n"
"	pushq %rbp\n"
"	pushq %r12\n"
"	pushq %r13\n"
"	pushq %r14\n"
"	pushq %r15\n"
"	movq %rsp, 152(%rdi)\n"		/* ursp */
"	leaq 1f(%rip), %rax\n"
"	movq %rax, 128(%rdi)\n"		/* rip */
"	pushq %rsi\n"
"	popfq\n"
"	movq %rdi, %rsi\n"
"	movl $1, %edi\n"		/* i386_THREAD_STATE */
"	movl $42, %edx\n"		/* i386_THREAD_STATE_COUNT */
"	movq $-77, %rax\n"
"	syscall\n"
"	btsq $63, %rax\n"
"	jmp 2f\n"
"1:	pushfq\n"
"	popq %rax\n"
"2:	pushq $0x202\n"
"	popfq\n"
"	popq %r15\n"
"	popq %r14\n"
"	popq %r13\n"
"	popq %r12\n"
"	popq %rbp\n"
"	popq %rbx\n"
"	ret\n");

static void
test_popf(void)
{
	unsigned long f;

	f = flags_across_trap(0x202 | FL_NT | FL_AC | FL_DF | FL_IOPL);
	gnu_print_hex("trap_flags: after a trap with NT AC DF: ", f);
	CHECK((f & (FL_NT | FL_AC | FL_DF | FL_IF)) ==
	    (FL_NT | FL_AC | FL_DF | FL_IF));
	CHECK((f & (FL_IOPL | FL_TF)) == 0);
}

static void
test_self_state(void)
{
	struct i386_thread_state st;
	unsigned long f;

	memset(&st, 0, sizeof(st));
	CHECK(i386_THREAD_STATE_COUNT == 42);
	st.rfl = 0x2 | FL_AC | FL_DF | FL_IOPL | FL_NT | FL_RF;
	f = flags_trap77(&st, 0x202 | FL_NT | FL_AC);
	gnu_print_hex("trap_flags: after trap 77 entered with NT: ", f);
	CHECK((f >> 63) == 0);
	CHECK((f & (FL_AC | FL_DF | FL_IF)) == (FL_AC | FL_DF | FL_IF));
	CHECK((f & (FL_IOPL | FL_NT | FL_TF)) == 0);
}

static int
memcmp_state(const struct i386_thread_state *a,
    const struct i386_thread_state *b)
{
	const unsigned char *pa = (const void *)a, *pb = (const void *)b;

	for (unsigned long i = 0; i < sizeof(*a); i++)
		if (pa[i] != pb[i])
			return 0;
	return 1;
}

static char other_stack[4096] __attribute__((aligned(16)));

static void
other_thread(void)
{
	for (;;)
		swtch();
}

static void
test_other_state(void)
{
	mach_port_t self = mach_task_self(), th;
	struct i386_thread_state st, got, segs;
	mach_msg_type_number_t n;
	unsigned long want;

	CHECK(thread_create(self, &th) == KERN_SUCCESS);
	memset(&st, 0, sizeof(st));
	st.rip = (unsigned long)other_thread;
	st.ursp = (unsigned long)(other_stack + sizeof(other_stack) - 8);
	st.rfl = 0x2 | FL_TF | FL_AC | FL_DF | FL_IOPL | FL_NT | FL_RF;
	want = GNU_STATE_FLAGS(st.rfl);
	CHECK(thread_set_state(th, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == KERN_SUCCESS);
	n = i386_THREAD_STATE_COUNT;
	CHECK(thread_get_state(th, i386_THREAD_STATE, (thread_state_t)&got,
	    &n) == KERN_SUCCESS && n == i386_THREAD_STATE_COUNT);
	gnu_print_hex("trap_flags: another thread's flags: ", got.rfl);
	CHECK(got.rfl == want);
	CHECK(got.rip == st.rip && got.ursp == st.ursp);

	/* i386_REGS_SEGS_STATE: the same layout, selectors checked. */
	n = i386_THREAD_STATE_COUNT;
	CHECK(thread_get_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&segs,
	    &n) == KERN_SUCCESS && n == i386_THREAD_STATE_COUNT);
	CHECK(memcmp_state(&segs, &got));
	CHECK((segs.cs & 3) == 3 && (segs.ss & 3) == 3);
	segs.rfl = 0x2 | FL_IOPL;
	CHECK(thread_set_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&segs,
	    i386_THREAD_STATE_COUNT) == KERN_SUCCESS);
	n = i386_THREAD_STATE_COUNT;
	CHECK(thread_get_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&got,
	    &n) == KERN_SUCCESS);
	CHECK(got.rfl == (0x2 | FL_IF) && got.cs == segs.cs &&
	    got.ss == segs.ss);
	st = segs;
	st.cs = 0;
	CHECK(thread_set_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == KERN_INVALID_ARGUMENT);
	st = segs;
	st.ss &= ~3u;			/* kernel privilege */
	CHECK(thread_set_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == KERN_INVALID_ARGUMENT);
	st = segs;
	st.cs &= ~3u;
	CHECK(thread_set_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == KERN_INVALID_ARGUMENT);
	CHECK(thread_set_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT - 1) == KERN_INVALID_ARGUMENT);

	/* It runs with the flags set (TF off: it would only single-step). */
	segs.rfl = 0x2 | FL_AC | FL_DF | FL_NT | FL_IOPL;
	CHECK(thread_set_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&segs,
	    i386_THREAD_STATE_COUNT) == KERN_SUCCESS);
	CHECK(thread_resume(th) == KERN_SUCCESS);
	for (int i = 0; i < 20; i++)
		swtch();
	CHECK(thread_terminate(th) == KERN_SUCCESS);
}

/* exception_raise as GNU MIG lays it out from GNU Mach's exc.defs. */
struct exc_msg {
	mach_msg_header_t	head;
	mach_msg_type_t		thread_type;
	mach_port_name_inlined_t thread;
	mach_msg_type_t		task_type;
	mach_port_name_inlined_t task;
	mach_msg_type_t		exc_type;
	int			exc, exc_pad;
	mach_msg_type_t		code_type;
	int			code, code_pad;
	mach_msg_type_t		subcode_type;
	long			subcode;
	char			room[64];
};

static char step_stack[4096] __attribute__((aligned(16)));
static volatile int stepped;

static void
step_thread(void)
{
	stepped = 1;
	for (;;)
		swtch();
}

static void
exc_reply(mach_port_t reply, kern_return_t rc)
{
	mig_reply_header_t r;

	memset(&r, 0, sizeof(r));
	r.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	r.Head.msgh_size = sizeof(r);
	r.Head.msgh_remote_port = reply;
	r.Head.msgh_id = 2500;
	r.RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	r.RetCodeType.msgt_size = 32;
	r.RetCodeType.msgt_number = 1;
	r.RetCodeType.msgt_inline = 1;
	r.RetCode = rc;
	CHECK(mach_msg(&r.Head, MACH_SEND_MSG, sizeof(r), 0, 0, 0, 0) ==
	    MACH_MSG_SUCCESS);
}

/* TF through thread_set_state: a single-step trap, which the handler ends. */
static void
test_single_step(void)
{
	mach_port_t self = mach_task_self(), th, eport;
	struct i386_thread_state st;
	mach_msg_type_number_t n;
	struct exc_msg m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &eport) == 0);
	CHECK(mach_port_insert_right(self, eport, eport,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(thread_create(self, &th) == KERN_SUCCESS);
	memset(&st, 0, sizeof(st));
	st.rip = (unsigned long)step_thread;
	st.ursp = (unsigned long)(step_stack + sizeof(step_stack) - 8);
	st.rfl = 0x2 | FL_TF | FL_IOPL | FL_NT;
	CHECK(thread_set_state(th, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == KERN_SUCCESS);
	CHECK(thread_set_special_port(th, THREAD_EXCEPTION_PORT, eport) == 0);
	CHECK(thread_resume(th) == KERN_SUCCESS);
	memset(&m, 0, sizeof(m));
	CHECK(mach_msg(&m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    eport, 5000, MACH_PORT_NULL) == MACH_MSG_SUCCESS);
	CHECK(m.head.msgh_id == 2400 && m.exc == EXC_BREAKPOINT &&
	    m.code == EXC_I386_SGL);
	n = i386_THREAD_STATE_COUNT;
	CHECK(thread_get_state(th, i386_THREAD_STATE, (thread_state_t)&st,
	    &n) == KERN_SUCCESS);
	gnu_print_hex("trap_flags: single-stepped thread's flags: ", st.rfl);
	CHECK((st.rfl & FL_TF) != 0 && (st.rfl & (FL_IOPL | FL_NT)) == 0);
	CHECK(st.rip != (unsigned long)step_thread);	/* one step taken */
	st.rfl &= ~FL_TF;
	CHECK(thread_set_state(th, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == KERN_SUCCESS);
	exc_reply(m.head.msgh_remote_port, KERN_SUCCESS);
	for (int i = 0; i < 50 && !stepped; i++)
		swtch();
	CHECK(stepped);
	CHECK(thread_terminate(th) == KERN_SUCCESS);
	CHECK(mach_port_destroy(self, eport) == 0);
}

int
main(void)
{
	mach_print("trap_flags: flags across the kernel\n");
	test_popf();
	test_self_state();
	test_other_state();
	test_single_step();
	return 0;
}
