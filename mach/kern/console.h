/*
 * console.h -- kernel console output: kprintf, panic, and raw writes for
 * mach_print.  Output goes to the machine's early console (COM1).
 */
#ifndef KERN_CONSOLE_H
#define KERN_CONSOLE_H

#include <stddef.h>
#include <stdarg.h>

void	console_write(const char *, size_t);
int	kprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
void	panic(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
