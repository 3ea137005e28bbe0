/*
 * clock.c -- the timer interrupt: the 8259 PICs remapped to vectors 32-47
 * and the 8254 PIT ticking at HZ.  Each tick calls sched_clock_tick().
 * (A local APIC timer replaces this when SMP arrives.)
 */
#include "kern/klib.h"
#include "machine/cpu.h"
#include "machine/console.h"

#define PIC1		0x20
#define PIC2		0xA0
#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define PIT_HZ		1193182

static void
pic_remap(void)
{
	outb(PIC1, 0x11);
	outb(PIC2, 0x11);
	outb(PIC1 + 1, 32);		/* IRQ 0-7 at vectors 32-39 */
	outb(PIC2 + 1, 40);		/* IRQ 8-15 at 40-47 */
	outb(PIC1 + 1, 4);
	outb(PIC2 + 1, 2);
	outb(PIC1 + 1, 1);
	outb(PIC2 + 1, 1);
	outb(PIC1 + 1, 0xFE);		/* only IRQ 0, the timer, for now */
	outb(PIC2 + 1, 0xFF);
}

void
clock_init(void)
{
	uint16_t div = PIT_HZ / HZ;

	pic_remap();
	outb(PIT_CMD, 0x34);		/* channel 0, lo/hi, rate generator */
	outb(PIT_CH0, div & 0xFF);
	outb(PIT_CH0, div >> 8);
}

void
irq_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2, 0x20);
	outb(PIC1, 0x20);
}
