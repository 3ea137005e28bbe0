/*
 * serial.c -- the kernel's own console: a 16550 UART on COM1, polled.
 * Early boot, mach_print and panics write here (kern/console.c).
 * Hand-over: once a user-space driver (translators/term) has turned on
 * the UART's receive interrupt, COM1's input is its own and the kernel
 * no longer reads it; writing stays the kernel's right (docs/term.md).
 */
#include "kern/klib.h"
#include "machine/cpu.h"
#include "machine/console.h"

#define COM1	0x3F8

void
serial_init(void)
{
	outb(COM1 + 1, 0x00);		/* no interrupts */
	outb(COM1 + 3, 0x80);		/* DLAB */
	outb(COM1 + 0, 0x01);		/* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);		/* 8N1 */
	outb(COM1 + 2, 0xC7);		/* FIFO on, cleared */
	outb(COM1 + 4, 0x03);		/* DTR, RTS */
}

void
serial_putc(char c)
{
	int spins = 100000;

	while ((inb(COM1 + 5) & 0x20) == 0 && --spins > 0)
		cpu_relax();
	outb(COM1, (uint8_t)c);
}

/*
 * A received byte, or -1 if none -- or if the receive interrupt is on
 * (IER bit 0): the kernel never enables it, so a driver owns the input
 * and the two must not race for it.
 */
int
serial_getc(void)
{
	if ((inb(COM1 + 1) & 0x01) != 0 || (inb(COM1 + 5) & 0x01) == 0)
		return -1;
	return inb(COM1);
}
