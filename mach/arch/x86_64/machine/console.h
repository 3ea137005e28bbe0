/*
 * console.h -- the machine's early console and clock, as kern/ sees them.
 */
#ifndef MACHINE_CONSOLE_H
#define MACHINE_CONSOLE_H

#include <stdint.h>

void	serial_init(void);
void	serial_putc(char);
int	serial_getc(void);

#define HZ	100
void	clock_init(void);		/* PIC remap, PIT at HZ, unmask */
void	irq_eoi(int irq);
int64_t	clock_read_rtc(void);		/* seconds since 1970, UTC */

#endif
