/*
 * console.h -- the machine's early console and clock, as kern/ sees them.
 */
#ifndef MACHINE_CONSOLE_H
#define MACHINE_CONSOLE_H

#include <stdint.h>
#include <stdbool.h>

void	serial_init(void);
void	serial_putc(char);
int	serial_getc(void);

#define HZ	100
void	clock_init(void);		/* PIC remap, PIT at HZ, unmask */
void	irq_eoi(int irq);
void	irq_set_masked(int irq, bool masked);
#define NIRQ	16
int64_t	clock_read_rtc(void);		/* seconds since 1970, UTC */

#endif
