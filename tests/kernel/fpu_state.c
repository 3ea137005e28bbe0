/*
 * fpu_state.c -- thread_get_state/thread_set_state with
 * i386_FLOAT_STATE (x87 in FNSAVE form) and i386_XFLOAT_STATE (the FXSAVE
 * area), in GNU Mach's layouts.  We give another thread an x87 control
 * word and stack, an MXCSR and an XMM register; it reports what it finds,
 * computes with them and we read the results back.  Short counts, another
 * save format and MXCSR bits the CPU would fault on are refused, and a
 * refused state changes nothing.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/thread_status.h>
#include <mach/mach_i386.h>

#define XFLOAT_HW	576	/* FXSAVE area and XSAVE header */
#define XFLOAT_COUNT	((sizeof(struct i386_xfloat_state) + XFLOAT_HW) / 4)
#define FX_FCW		0
#define FX_FTW		4
#define FX_MXCSR	24
#define FX_XMM(n)	(160 + 16 * (n))

/* The worker touches nothing before it has recorded what it was given. */
volatile uint16_t seen_fcw;
volatile uint32_t seen_mxcsr;
volatile uint32_t seen_xmm0[4];
volatile uint8_t seen_st0[10];
volatile int worker_done;
void fpu_worker(void);

__asm__(".text\n"
"	.globl fpu_worker\n"
"fpu_worker:\n"
"	fnstcw seen_fcw(%rip)\n"
"	stmxcsr seen_mxcsr(%rip)\n"
"	movdqu %xmm0, seen_xmm0(%rip)\n"
"	fstpt seen_st0(%rip)\n"
"	fld1\n"
"	fadd %st(0), %st(0)\n"		/* ST(0) = 2.0 */
"	movdqa %xmm0, %xmm1\n"
"	paddd %xmm0, %xmm1\n"		/* xmm1 = 2 * xmm0 */
"	movl $1, worker_done(%rip)\n"
"1:	movq $-60, %rax\n"		/* swtch, forever */
"	syscall\n"
"	jmp 1b\n");

/* An 80-bit extended value: mantissa (explicit integer bit), exponent. */
static void
ext80(uint8_t *p, uint64_t mant, uint16_t exp)
{
	__builtin_memcpy(p, &mant, 8);
	__builtin_memcpy(p + 8, &exp, 2);
}

static int
same(const volatile uint8_t *a, const uint8_t *b, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static uint32_t
hw32(const struct i386_xfloat_state *xs, int off)
{
	uint32_t v;

	__builtin_memcpy(&v, xs->hw_state + off, 4);
	return v;
}

static void
put32(struct i386_xfloat_state *xs, int off, uint32_t v)
{
	__builtin_memcpy(xs->hw_state + off, &v, 4);
}

/* x87: control word 0x0f7f (truncate), one value 1.5 on the stack. */
static void
set_x87(mach_port_t thread)
{
	struct i386_float_state fs = { 0 };
	struct i386_fp_save env = { 0 };

	fs.fpkind = FP_387FX;
	fs.initialized = 1;
	env.fp_control = 0x0f7f;
	env.fp_status = 7 << FPS_TOS_SHIFT;	/* top: physical 7 */
	env.fp_tag = 0x3fff;			/* 7 valid, others empty */
	__builtin_memcpy(fs.hw_state, &env, sizeof(env));
	ext80(fs.hw_state + sizeof(env), 0xc000000000000000ull, 0x3fff);
	CHECK(thread_set_state(thread, i386_FLOAT_STATE, (thread_state_t)&fs,
	    i386_FLOAT_STATE_COUNT - 1) == KERN_INVALID_ARGUMENT);
	CHECK(thread_set_state(thread, i386_FLOAT_STATE, (thread_state_t)&fs,
	    i386_FLOAT_STATE_COUNT) == 0);
}

/* SSE: MXCSR 0x7f80 (truncate), xmm0 = 1 2 3 4; bad states refused. */
static void
set_sse(mach_port_t thread)
{
	natural_t buf[THREAD_STATE_MAX];
	struct i386_xfloat_state *xs = (void *)buf;
	mach_msg_type_number_t n = THREAD_STATE_MAX;
	uint32_t v[4] = { 1, 2, 3, 4 };

	vm_size_t bytes = 0;

	CHECK(i386_get_xstate_size(mach_host_self(), &bytes) == 0);
	CHECK(bytes == XFLOAT_COUNT * 4);
	CHECK(i386_get_xstate_size(mach_task_self(), &bytes) ==
	    KERN_INVALID_HOST);
	CHECK(thread_get_state(thread, i386_XFLOAT_STATE, buf, &n) == 0);
	CHECK(n == XFLOAT_COUNT && xs->initialized && xs->fp_save_kind == 1);
	CHECK((hw32(xs, FX_FCW) & 0xffff) == 0x0f7f);	/* set as x87 */
	CHECK((hw32(xs, FX_FTW) & 0xff) == 0x80);	/* abridged tag */
	CHECK(hw32(xs, FX_MXCSR) == 0x1f80);		/* untouched */
	__builtin_memcpy(xs->hw_state + FX_XMM(0), v, 16);
	put32(xs, FX_MXCSR, 0xdead1f80);	/* reserved bits: would #GP */
	CHECK(thread_set_state(thread, i386_XFLOAT_STATE, buf, n) ==
	    KERN_INVALID_ARGUMENT);
	put32(xs, FX_MXCSR, 0x7f80);
	CHECK(thread_set_state(thread, i386_XFLOAT_STATE, buf, n - 1) ==
	    KERN_INVALID_ARGUMENT);
	xs->fp_save_kind = 2;			/* XSAVE: not ours */
	CHECK(thread_set_state(thread, i386_XFLOAT_STATE, buf, n) ==
	    KERN_INVALID_ARGUMENT);
	xs->fp_save_kind = 1;
	CHECK(thread_set_state(thread, i386_XFLOAT_STATE, buf, n) == 0);
}

/* What the worker computed: ST(0) = 2.0, xmm1 = 2 4 6 8. */
static void
check_results(mach_port_t thread)
{
	natural_t buf[THREAD_STATE_MAX];
	struct i386_float_state *fs = (void *)buf;
	struct i386_xfloat_state *xs = (void *)buf;
	mach_msg_type_number_t n = i386_FLOAT_STATE_COUNT - 1;
	struct i386_fp_save env;
	uint8_t two[10];
	uint32_t v[4] = { 2, 4, 6, 8 };

	ext80(two, 0x8000000000000000ull, 0x4000);
	CHECK(thread_get_state(thread, i386_FLOAT_STATE, buf, &n) ==
	    KERN_INVALID_ARGUMENT);
	n = THREAD_STATE_MAX;
	CHECK(thread_get_state(thread, i386_FLOAT_STATE, buf, &n) == 0);
	CHECK(n == i386_FLOAT_STATE_COUNT && fs->fpkind == FP_387FX);
	__builtin_memcpy(&env, fs->hw_state, sizeof(env));
	CHECK(env.fp_control == 0x0f7f);
	CHECK(((env.fp_status & FPS_TOS) >> FPS_TOS_SHIFT) == 7);
	CHECK(env.fp_tag == 0x3fff);
	CHECK(same(fs->hw_state + sizeof(env), two, 10));
	n = THREAD_STATE_MAX;
	CHECK(thread_get_state(thread, i386_XFLOAT_STATE, buf, &n) == 0);
	CHECK(hw32(xs, FX_MXCSR) == 0x7f80);
	CHECK(same(xs->hw_state + FX_XMM(1), (uint8_t *)v, 16));
}

/* A state marked uninitialised gives the thread a clean FPU. */
static void
check_reset(mach_port_t thread)
{
	natural_t buf[THREAD_STATE_MAX];
	struct i386_xfloat_state *xs = (void *)buf;
	struct i386_float_state fs = { 0 };
	mach_msg_type_number_t n = THREAD_STATE_MAX;

	CHECK(thread_set_state(thread, i386_FLOAT_STATE, (thread_state_t)&fs,
	    i386_FLOAT_STATE_COUNT) == 0);
	CHECK(thread_get_state(thread, i386_XFLOAT_STATE, buf, &n) == 0);
	CHECK((hw32(xs, FX_FCW) & 0xffff) == 0x037f);
	CHECK(hw32(xs, FX_MXCSR) == 0x1f80);
	CHECK(thread_set_state(thread, 99, buf, n) == KERN_INVALID_ARGUMENT);
}

int
main(void)
{
	mach_port_t self = mach_task_self(), thread;
	natural_t buf[THREAD_STATE_MAX];
	mach_msg_type_number_t n = THREAD_STATE_MAX;
	vm_address_t stack = 0;
	uint8_t one_half[10];

	ext80(one_half, 0xc000000000000000ull, 0x3fff);
	CHECK((thread = test_thread_create(self, fpu_worker, &stack)) !=
	    MACH_PORT_NULL);
	set_x87(thread);
	set_sse(thread);
	CHECK(thread_resume(thread) == 0);
	for (int i = 0; i < 200 && !worker_done; i++)
		swtch();
	CHECK(worker_done);
	test_printf("fpu_state: worker saw fcw %#x mxcsr %#x xmm0 %u %u %u %u\n",
	    seen_fcw, seen_mxcsr, seen_xmm0[0], seen_xmm0[1], seen_xmm0[2],
	    seen_xmm0[3]);
	CHECK(seen_fcw == 0x0f7f && seen_mxcsr == 0x7f80);
	CHECK(seen_xmm0[0] == 1 && seen_xmm0[1] == 2 && seen_xmm0[2] == 3 &&
	    seen_xmm0[3] == 4);
	CHECK(same(seen_st0, one_half, 10));
	CHECK(thread_suspend(thread) == 0);
	check_results(thread);
	check_reset(thread);
	/* Our own state, live in the CPU, reads the same way. */
	CHECK(thread_get_state(mach_thread_self(), i386_XFLOAT_STATE, buf,
	    &n) == 0 && n == XFLOAT_COUNT);
	CHECK(thread_terminate(thread) == 0);
	return 0;
}
