/*
 * fpu_state.c -- a thread's x87/SSE state as thread_get_state and
 * thread_set_state carry it, in GNU Mach's layouts: i386_FLOAT_STATE, the
 * x87 part in FNSAVE form (environment, full tag word, eight 80-bit
 * registers), and i386_XFLOAT_STATE, the whole FXSAVE area.  Threads keep
 * their state in FXSAVE form (struct machine_thread); the running
 * thread's lives in the CPU and is saved and reloaded around an access.
 * Called by thread_md.c.
 */
#include "kern/klib.h"
#include "machine/cpu.h"
#include "machine/thread.h"
#include "machine/fpu_state.h"
#include "kern/host.h"
#include <mach/kern_return.h>
#include <mach/machine/thread_status.h>

/* Offsets in the FXSAVE area (Intel SDM vol. 1, 10.5.1). */
#define FX_FCW		0
#define FX_FSW		2
#define FX_FTW		4	/* abridged: one bit per register, 1 = used */
#define FX_FOP		6
#define FX_FIP		8
#define FX_FCS		12
#define FX_FDP		16
#define FX_FDS		20
#define FX_MXCSR	24
#define FX_MXCSR_MASK	28
#define FX_ST		32	/* ST(0)..ST(7), 16 bytes apart */
#define FX_BYTES	512

/* GNU Mach's names for what hw_state holds (fpkind, fp_save_kind). */
#define FP_KIND_FXSR	FP_387FX
#define FP_SAVE_FXSAVE	1

/* The XFLOAT hw_state: the FXSAVE area, then a 64-byte XSAVE header. */
#define XFLOAT_HW_BYTES	(FX_BYTES + 64)
#define XFLOAT_COUNT \
	((sizeof(struct i386_xfloat_state) + XFLOAT_HW_BYTES) / \
	sizeof(unsigned int))

static const uint8_t *fpu_clean;	/* [I] the state new threads get */
static uint32_t mxcsr_mask;		/* [I] MXCSR bits the CPU accepts */

void
fpu_state_init(const uint8_t *clean)
{
	fpu_clean = clean;
	memcpy(&mxcsr_mask, clean + FX_MXCSR_MASK, 4);
	if (mxcsr_mask == 0)
		mxcsr_mask = 0xffbf;	/* the SDM's default without DAZ */
}

/* Registers of the running thread go to memory before they are read. */
static void
fpu_sync(struct machine_thread *md, bool current)
{
	if (current)
		__asm__ volatile("fxsave %0" : "=m"(md->fxsave));
}

/* And come back from memory after they are written. */
static void
fpu_reload(struct machine_thread *md, bool current)
{
	if (current)
		__asm__ volatile("fxrstor %0" :: "m"(md->fxsave));
}

static uint16_t
fx16(const uint8_t *fx, int off)
{
	uint16_t v;

	memcpy(&v, fx + off, 2);
	return v;
}

static uint32_t
fx32(const uint8_t *fx, int off)
{
	uint32_t v;

	memcpy(&v, fx + off, 4);
	return v;
}

/*
 * The two-bit FNSAVE tag of physical register r, which FXSAVE leaves for
 * software to work out from the register's contents: 0 valid, 1 zero,
 * 2 special (NaN, infinity, denormal, unnormal), 3 empty.
 */
static unsigned
fpu_tag_of(const uint8_t *fx, unsigned r)
{
	unsigned top = (fx16(fx, FX_FSW) >> 11) & 7;
	const uint8_t *reg = fx + FX_ST + 16 * ((r - top) & 7);
	uint64_t mant;
	uint16_t exp;

	if ((fx[FX_FTW] & (1u << r)) == 0)
		return 3;
	memcpy(&mant, reg, 8);
	memcpy(&exp, reg + 8, 2);
	exp &= 0x7fff;
	if (exp == 0x7fff)
		return 2;
	if (exp == 0)
		return mant == 0 ? 1 : 2;
	return (mant >> 63) != 0 ? 0 : 2;
}

/* i386_FLOAT_STATE from an FXSAVE area. */
static void
float_from_fx(const uint8_t *fx, struct i386_float_state *fs)
{
	struct i386_fp_save env = { 0 };
	uint8_t *regs = fs->hw_state + sizeof(env);
	uint16_t tag = 0;

	for (unsigned r = 0; r < 8; r++)
		tag |= fpu_tag_of(fx, r) << (2 * r);
	env.fp_control = fx16(fx, FX_FCW);
	env.fp_status = fx16(fx, FX_FSW);
	env.fp_tag = tag;
	env.fp_eip = fx32(fx, FX_FIP);
	env.fp_cs = fx16(fx, FX_FCS);
	env.fp_opcode = fx16(fx, FX_FOP);
	env.fp_dp = fx32(fx, FX_FDP);
	env.fp_ds = fx16(fx, FX_FDS);
	memset(fs, 0, sizeof(*fs));
	fs->fpkind = FP_KIND_FXSR;
	fs->initialized = 1;
	memcpy(fs->hw_state, &env, sizeof(env));
	for (unsigned i = 0; i < 8; i++)
		memcpy(regs + 10 * i, fx + FX_ST + 16 * i, 10);
}

/* The x87 part of an FXSAVE area from i386_FLOAT_STATE; SSE untouched. */
static void
float_to_fx(const struct i386_float_state *fs, uint8_t *fx)
{
	struct i386_fp_save env;
	const uint8_t *regs = fs->hw_state + sizeof(env);
	uint8_t used = 0;

	memcpy(&env, fs->hw_state, sizeof(env));
	for (unsigned r = 0; r < 8; r++)
		if (((env.fp_tag >> (2 * r)) & 3) != 3)
			used |= 1u << r;
	memcpy(fx + FX_FCW, &env.fp_control, 2);
	memcpy(fx + FX_FSW, &env.fp_status, 2);
	fx[FX_FTW] = used;
	fx[FX_FTW + 1] = 0;
	memcpy(fx + FX_FOP, &env.fp_opcode, 2);
	memcpy(fx + FX_FIP, &env.fp_eip, 4);
	memcpy(fx + FX_FCS, &env.fp_cs, 2);
	memcpy(fx + FX_FDP, &env.fp_dp, 4);
	memcpy(fx + FX_FDS, &env.fp_ds, 2);
	for (unsigned i = 0; i < 8; i++) {
		memcpy(fx + FX_ST + 16 * i, regs + 10 * i, 10);
		memset(fx + FX_ST + 16 * i + 10, 0, 6);
	}
}

/*
 * Read md's floating-point state in flavor (i386_FLOAT_STATE or
 * i386_XFLOAT_STATE) into state, *count words at most.  Returns
 * KERN_SUCCESS or KERN_INVALID_ARGUMENT (count too small).
 */
int
fpu_get_state(struct machine_thread *md, bool current, int flavor,
    unsigned int *state, unsigned int *count)
{
	if (flavor == i386_FLOAT_STATE) {
		if (*count < i386_FLOAT_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		fpu_sync(md, current);
		float_from_fx(md->fxsave, (struct i386_float_state *)state);
		*count = i386_FLOAT_STATE_COUNT;
	} else {
		struct i386_xfloat_state *xs = (void *)state;

		if (*count < XFLOAT_COUNT)
			return KERN_INVALID_ARGUMENT;
		fpu_sync(md, current);
		memset(xs, 0, XFLOAT_COUNT * sizeof(unsigned int));
		xs->fpkind = FP_KIND_FXSR;
		xs->initialized = 1;
		xs->fp_save_kind = FP_SAVE_FXSAVE;
		memcpy(xs->hw_state, md->fxsave, FX_BYTES);
		*count = XFLOAT_COUNT;
	}
	return KERN_SUCCESS;
}

/*
 * Replace md's floating-point state.  A state marked not initialized
 * resets the thread to a clean FPU, as GNU Mach does.  An MXCSR with bits
 * the CPU does not accept would make FXRSTOR fault in the kernel, so it
 * is refused rather than masked.  Returns KERN_SUCCESS or
 * KERN_INVALID_ARGUMENT (count too small, another save format, MXCSR).
 */
int
fpu_set_state(struct machine_thread *md, bool current, int flavor,
    const unsigned int *state, unsigned int count)
{
	const struct i386_float_state *fs = (const void *)state;
	const struct i386_xfloat_state *xs = (const void *)state;
	bool xfloat = flavor == i386_XFLOAT_STATE;

	if (count < (xfloat ? XFLOAT_COUNT : i386_FLOAT_STATE_COUNT))
		return KERN_INVALID_ARGUMENT;
	if (xfloat && xs->initialized && (xs->fp_save_kind != FP_SAVE_FXSAVE ||
	    (fx32(xs->hw_state, FX_MXCSR) & ~mxcsr_mask) != 0))
		return KERN_INVALID_ARGUMENT;
	fpu_sync(md, current);
	if (!(xfloat ? xs->initialized : fs->initialized)) {
		memcpy(md->fxsave, fpu_clean, FX_BYTES);
	} else if (xfloat) {
		memcpy(md->fxsave, xs->hw_state, FX_BYTES);
		memcpy(md->fxsave + FX_MXCSR_MASK, fpu_clean + FX_MXCSR_MASK,
		    4);
	} else {
		float_to_fx(fs, md->fxsave);
	}
	fpu_reload(md, current);
	return KERN_SUCCESS;
}

/* i386_get_xstate_size: the bytes of an i386_XFLOAT_STATE, header included. */
kern_return_t
i386_get_xstate_size(host_t host, vm_size_t *size)
{
	if (host == NULL)
		return KERN_INVALID_HOST;
	*size = sizeof(struct i386_xfloat_state) + XFLOAT_HW_BYTES;
	return KERN_SUCCESS;
}
