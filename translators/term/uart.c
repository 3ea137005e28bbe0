/*
 * uart.c -- the term server's 16550 driver for COM1: ports 0x3F8-0x3FF
 * through io_perm, IRQ 4 as messages from the kernel's "irq" device.
 * One device thread waits for interrupts (and for the VTIME timers the
 * waiting readers need); it moves received bytes into the line
 * discipline and refills the transmit FIFO when it empties.  Writers
 * start the transmitter themselves (uart_kick).  Enabling the receive
 * interrupt is what tells the kernel's console to leave COM1's input
 * alone (mach/arch/x86_64/serial.c).
 */
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach_i386.h>
#include <device/device.h>

#include "termsrv.h"

#define COM1		0x3F8
#define COM1_IRQ	4
#define UART_RBR	0	/* receive buffer; THR on write */
#define UART_IER	1
#define UART_IIR	2	/* FCR on write */
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_MSR	6
#define UART_CLOCK	115200	/* divisor base: 1.8432 MHz / 16 */
#define UART_FIFO	16
#define IER_RX		0x01	/* received data, FIFO time-out */
#define IER_TX		0x02	/* transmit holding register empty */
#define IER_LS		0x04	/* line status */
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define MCR_DTR_RTS	0x03
#define MCR_OUT2	0x08	/* the PC's gate of the interrupt line */
#define DEVICE_INTR_NOTIFY	100
#define UART_RX_BATCH	256
#define UART_WAKE_ID	0x7465726d	/* "term": a timer to set */

static mach_port_t uart_irq_dev, uart_irq_port, uart_set;
static unsigned int uart_mcr;
static uint8_t uart_ier;		/* what IER holds */

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

/* The speeds whose divisor is exact, and 0 (hang up). */
int
uart_speed_ok(uint32_t speed)
{
	static const uint32_t ok[] = { 0, 50, 75, 150, 300, 600, 1200, 1800,
	    2400, 4800, 9600, 19200, 38400, 57600, 115200 };

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (ok[i] == speed)
			return 1;
	return 0;
}

/*
 * Program the divisor for speed (uart_speed_ok); 0 drops DTR and RTS,
 * the modem's hang-up.  Called with term.lock held.
 */
int
uart_set_speed(uint32_t speed)
{
	uint16_t div;

	if (!uart_speed_ok(speed))
		return -1;
	if (speed == 0) {
		uart_mcr &= ~MCR_DTR_RTS;
		outb(COM1 + UART_MCR, uart_mcr);
		return 0;
	}
	div = UART_CLOCK / speed;
	outb(COM1 + UART_LCR, 0x83);		/* DLAB, 8N1 */
	outb(COM1 + 0, div & 0xff);
	outb(COM1 + 1, div >> 8);
	outb(COM1 + UART_LCR, 0x03);
	uart_mcr |= MCR_DTR_RTS;
	outb(COM1 + UART_MCR, uart_mcr);
	return 0;
}

/*
 * The transmitter-empty interrupt only while output waits for the FIFO:
 * an idle transmitter then costs no interrupt per write.  Turning it on
 * with the FIFO already empty raises it at once, as wanted.
 */
static void
uart_tx_intr(int on)
{
	uint8_t ier = IER_RX | IER_LS | (on ? IER_TX : 0);

	if (ier != uart_ier) {
		uart_ier = ier;
		outb(COM1 + UART_IER, ier);
	}
}

/*
 * Fill the transmit FIFO from the output queue while it is empty
 * (term.lock held).  Called by writers and on the transmit interrupt;
 * nothing waits: a FIFO still sending (a real line: 1.4 ms per 16 bytes
 * at 115200) is refilled by its next interrupt, while one that empties
 * at once (QEMU's) is refilled on the spot, up to the whole queue.
 */
void
uart_kick(void)
{
	uint8_t buf[UART_FIFO];
	size_t n;
	int rounds = LD_OUTQ_SIZE / UART_FIFO + 1;

	while (rounds-- > 0 && ld_out_pending(&term.ld) != 0 &&
	    (inb(COM1 + UART_LSR) & LSR_THRE)) {
		n = ld_out_take(&term.ld, buf, sizeof(buf));
		for (size_t i = 0; i < n; i++)
			outb(COM1 + UART_RBR, buf[i]);
		term.sent += n;
		if (n == 0)
			break;		/* stopped by ^S */
	}
	uart_tx_intr(ld_out_pending(&term.ld) != 0);
}

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Take what the receiver holds into the line discipline. */
static void
uart_receive(uint64_t tsc)
{
	uint8_t buf[UART_RX_BATCH];
	size_t n = 0;

	while (n < sizeof(buf) && (inb(COM1 + UART_LSR) & LSR_DR))
		buf[n++] = inb(COM1 + UART_RBR);
	term.received += n;
	if (n > 0)
		term.rx_tsc = tsc;	/* the latency figure */
	ld_input(&term.ld, buf, n, term_now());
}

/*
 * Serve every cause the UART reports (IIR) until none is left, so its
 * line falls and the next cause is a new edge; bounded, so a stuck
 * device cannot hold the thread.  term.lock held.
 */
static void
uart_interrupt(uint64_t tsc)
{
	uint8_t iir;
	int rounds = 64;

	term.interrupts++;
	while (rounds-- > 0 && !((iir = inb(COM1 + UART_IIR)) & 1)) {
		switch (iir & 0x0E) {
		case 0x06:		/* line status: overrun, framing */
			(void)inb(COM1 + UART_LSR);
			break;
		case 0x04:		/* received data */
		case 0x0C:		/* FIFO time-out */
			uart_receive(tsc);
			break;
		case 0x02:		/* transmitter empty (IIR read) */
			break;
		default:		/* modem status */
			(void)inb(COM1 + UART_MSR);
			break;
		}
	}
	uart_kick();
}

/* The UART's ports and line, and the device thread's port set. */
static int
uart_claim(mach_port_t kmaster)
{
	mach_port_t self = mach_task_self(), perm;

	if (i386_io_perm_create(kmaster, COM1, COM1 + 7, &perm) != 0 ||
	    i386_io_perm_modify(self, perm, TRUE) != 0)
		return -1;
	if (device_open(kmaster, D_READ | D_WRITE, "irq", &uart_irq_dev) != 0 ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &uart_irq_port) != 0 ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &term.wake) != 0 ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &uart_set) != 0)
		return -1;
	if (mach_port_insert_right(self, term.wake, term.wake,
	    MACH_MSG_TYPE_MAKE_SEND) != 0 ||
	    mach_port_move_member(self, uart_irq_port, uart_set) != 0 ||
	    mach_port_move_member(self, term.wake, uart_set) != 0)
		return -1;
	return device_intr_register(uart_irq_dev, COM1_IRQ, 0, uart_irq_port,
	    MACH_MSG_TYPE_MAKE_SEND) == 0 ? 0 : -1;
}

/*
 * Take COM1 from the kernel: 115200 8N1, FIFOs on (receive trigger at
 * 8 bytes), interrupts on.  -1 if the ports or the line are refused.
 */
int
uart_start(mach_port_t kmaster)
{
	if (uart_claim(kmaster) != 0)
		return -1;
	pthread_mutex_lock(&term.lock);
	outb(COM1 + UART_IER, 0);
	uart_mcr = MCR_OUT2;
	uart_set_speed(UART_CLOCK);
	outb(COM1 + UART_IIR, 0x87);	/* FIFO on, cleared, trigger 8 */
	(void)inb(COM1 + UART_LSR);
	(void)inb(COM1 + UART_MSR);
	while (inb(COM1 + UART_LSR) & LSR_DR)
		(void)inb(COM1 + UART_RBR);
	uart_ier = IER_RX | IER_LS;
	outb(COM1 + UART_IER, uart_ier);
	pthread_mutex_unlock(&term.lock);
	return 0;
}

/* Tell the device thread a waiter with a timer came (never blocks). */
void
term_wake_device(void)
{
	mach_msg_header_t m;

	memset(&m, 0, sizeof(m));
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.msgh_size = sizeof(m);
	m.msgh_remote_port = term.wake;
	m.msgh_id = UART_WAKE_ID;
	(void)mach_msg(&m, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

/* The earliest VTIME deadline of a waiting read (ms), or 0. */
static uint64_t
uart_next_deadline(void)
{
	uint64_t best = 0, d;

	for (unsigned int i = 0; i < TERM_MAX_WAITERS; i++) {
		if (term.wait[i].kind != TW_READ)
			continue;
		if (!ld_read_ready(&term.ld, term.wait[i].want,
		    term.wait[i].started, 0, &d) && d != 0 &&
		    (best == 0 || d < best))
			best = d;
	}
	return best;
}

/*
 * The device thread: wait for an interrupt, a wake-up or the next
 * timer, serve it, answer whoever can be answered.  It sleeps in the
 * kernel while nothing happens.
 */
void
uart_run(void)
{
	union {
		mach_msg_header_t h;
		char room[128];
	} m;
	mach_msg_return_t mr;
	uint64_t deadline, now;
	mach_msg_timeout_t wait;
	uint64_t tsc;

	for (;;) {
		pthread_mutex_lock(&term.lock);
		deadline = uart_next_deadline();
		pthread_mutex_unlock(&term.lock);
		now = term_now();
		wait = deadline == 0 ? MACH_MSG_TIMEOUT_NONE :
		    deadline > now ? (mach_msg_timeout_t)(deadline - now) : 0;
		mr = mach_msg(&m.h, MACH_RCV_MSG |
		    (deadline != 0 ? MACH_RCV_TIMEOUT : 0), 0, sizeof(m),
		    uart_set, wait, MACH_PORT_NULL);
		tsc = rdtsc();
		pthread_mutex_lock(&term.lock);
		if (mr == MACH_MSG_SUCCESS && m.h.msgh_id ==
		    DEVICE_INTR_NOTIFY && m.h.msgh_local_port == uart_irq_port)
			uart_interrupt(tsc);
		term_service();
		pthread_mutex_unlock(&term.lock);
		if (mr == MACH_MSG_SUCCESS && m.h.msgh_id ==
		    DEVICE_INTR_NOTIFY && m.h.msgh_local_port == uart_irq_port)
			device_intr_ack(uart_irq_dev, uart_irq_port,
			    MACH_MSG_TYPE_MAKE_SEND);
	}
}
