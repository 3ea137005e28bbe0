/*
 * console.c -- formatted kernel output over the machine console, and panic.
 * A spin lock keeps lines from different CPUs (and interrupt handlers) from
 * mixing.
 */
#include "kern/klib.h"
#include "kern/lock.h"
#include "kern/printf.h"
#include "kern/console.h"
#include "machine/cpu.h"
#include "machine/console.h"

static struct spinlock console_lock = SPINLOCK_INIT;

static void
console_put(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

void
console_write(const char *s, size_t n)
{
	uint64_t flags = intr_disable();

	spin_lock(&console_lock);
	console_put(s, n);
	spin_unlock(&console_lock);
	intr_restore(flags);
}

int
kprintf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	console_write(buf, n);
	return n;
}

void
panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	intr_disable();
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_put("\npanic: ", 8);
	console_put(buf, MIN((size_t)n, sizeof(buf) - 1));
	console_put("\n", 1);
	machine_poweroff(3);
}
