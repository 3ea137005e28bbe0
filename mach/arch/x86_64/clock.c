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
	outb(PIC1 + 1, 0xFA);		/* the timer, and the slave's cascade */
	outb(PIC2 + 1, 0xFF);
}

/* Mask or unmask one interrupt line at the PICs (drivers' interrupts). */
void
irq_set_masked(int irq, bool masked)
{
	uint16_t port = irq < 8 ? PIC1 + 1 : PIC2 + 1;
	uint8_t bit = 1u << (irq & 7);
	uint64_t flags = intr_disable();
	uint8_t m = inb(port);

	outb(port, masked ? (m | bit) : (m & ~bit));
	intr_restore(flags);
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

/* The CMOS real-time clock: read until two reads agree (no update). */
static uint8_t
rtc_reg(uint8_t r)
{
	outb(0x70, r);
	return inb(0x71);
}

static int
bcd(uint8_t v, bool binary)
{
	return binary ? v : (v & 15) + (v >> 4) * 10;
}

static int64_t
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int64_t
clock_read_rtc(void)
{
	uint8_t r[6], again[6], b;
	bool binary;
	int i;

	do {
		while (rtc_reg(0x0A) & 0x80)
			cpu_relax();
		for (i = 0; i < 6; i++)
			r[i] = rtc_reg((uint8_t[]){ 0, 2, 4, 7, 8, 9 }[i]);
		for (i = 0; i < 6; i++)
			again[i] = rtc_reg((uint8_t[]){ 0, 2, 4, 7, 8, 9 }[i]);
	} while (memcmp(r, again, sizeof(r)) != 0);
	b = rtc_reg(0x0B);
	binary = (b & 4) != 0;
	return days_from_civil(2000 + bcd(r[5], binary), bcd(r[4], binary),
	    bcd(r[3], binary)) * 86400 + bcd(r[2] & 0x7f, binary) * 3600 +
	    bcd(r[1], binary) * 60 + bcd(r[0], binary);
}
