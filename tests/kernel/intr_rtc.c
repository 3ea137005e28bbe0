/*
 * intr_rtc.c -- interrupts as messages, driven from user space: with I/O
 * permission for the CMOS clock, the test registers IRQ 8 on the kernel's
 * "irq" device, turns on the clock's periodic interrupt, and handles a few
 * interrupts the way a driver does: receive device_intr_notification,
 * acknowledge the clock (register C), device_intr_ack, and again.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_i386.h>
#include <device/device.h>
#include <device/device_types.h>

#define RTC_IRQ			8
#define DEVICE_INTR_NOTIFY	100

struct intr_msg {
	mach_msg_header_t	h;
	mach_msg_type_t		t;
	int			id, pad;
	char			room[32];
};

static uint8_t
cmos(uint8_t reg, int write, uint8_t v)
{
	__asm__ volatile("outb %0, $0x70" :: "a"((uint8_t)(reg | 0x80)));
	if (write)
		__asm__ volatile("outb %0, $0x71" :: "a"(v));
	else
		__asm__ volatile("inb $0x71, %0" : "=a"(v));
	return v;
}

int
main(int argc, char **argv)
{
	mach_port_t self = mach_task_self(), master, perm, irq, p;
	struct intr_msg m;
	int handled = 0;

	master = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) : 0;
	CHECK(i386_io_perm_create(master, 0x70, 0x71, &perm) == 0);
	CHECK(i386_io_perm_modify(self, perm, TRUE) == 0);
	CHECK(device_open(master, D_READ | D_WRITE, "irq", &irq) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(device_intr_register(irq, 0, 0, p, MACH_MSG_TYPE_MAKE_SEND) !=
	    0);				/* the timer is the kernel's */
	CHECK(device_intr_register(irq, RTC_IRQ, 0, p,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	cmos(0x0A, 1, (cmos(0x0A, 0, 0) & 0xF0) | 0x0F);	/* 2 Hz */
	cmos(0x0B, 1, cmos(0x0B, 0, 0) | 0x40);			/* periodic */
	cmos(0x0C, 0, 0);
	while (handled < 3) {
		CHECK(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		    sizeof(m), p, 5000, 0) == 0);
		CHECK(m.h.msgh_id == DEVICE_INTR_NOTIFY && m.id == RTC_IRQ);
		if (m.h.msgh_id != DEVICE_INTR_NOTIFY)
			break;
		cmos(0x0C, 0, 0);		/* the clock's own acknowledge */
		CHECK(device_intr_ack(irq, p, MACH_MSG_TYPE_MAKE_SEND) == 0);
		handled++;
		test_printf("intr_rtc: interrupt %d handled\n", handled);
	}
	cmos(0x0B, 1, cmos(0x0B, 0, 0) & ~0x40);
	return 0;
}
