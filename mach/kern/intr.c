/*
 * intr.c -- interrupts as messages.  A driver registers a port for an
 * interrupt line; when the line fires, the handler masks it and marks it
 * pending, and a kernel thread sends device_intr_notification (id
 * DEVICE_INTR_NOTIFY, as GNU Mach) to the port.  The line stays masked
 * until the driver calls device_intr_ack, so a slow driver is never
 * flooded.  Nothing but the pending mask is touched in interrupt context.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/intr.h"
#include "kern/sched.h"
#include "kern/thread.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_port.h"
#include "ipc/mach_msg.h"
#include "machine/cpu.h"
#include "machine/console.h"

#define DEVICE_INTR_NOTIFY	100

static struct spinlock intr_lock = SPINLOCK_INIT;
static struct ipc_port *intr_port[NIRQ];	/* [intr_lock] send rights */
static volatile uint32_t intr_pending;		/* [interrupts off] */
static struct thread *intr_thread;

/* Interrupt context: mask the line, leave the rest to intr_deliver. */
void
intr_device_irq(int irq)
{
	irq_set_masked(irq, true);
	intr_pending |= 1u << irq;
	thread_wakeup(intr_thread, THREAD_AWAKENED);
}

static void
intr_notify(int irq)
{
	struct ipc_port *p;
	struct ipc_kmsg *k;
	uint32_t bits = MACH_MSG_TYPE_INTEGER_32 | (32u << 8) | (1u << 29);
	uint32_t one = 1;

	spin_lock(&intr_lock);
	p = ipc_port_copy_send(intr_port[irq]);
	spin_unlock(&intr_lock);
	if (!IP_VALID(p))
		return;
	if ((k = ipc_kmsg_alloc(48)) == NULL) {
		ipc_port_release_send(p);
		return;
	}
	memset(&k->hdr, 0, 48);
	k->hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND, 0);
	k->hdr.msgh_size = 48;
	k->hdr.msgh_id = DEVICE_INTR_NOTIFY;
	ipc_kmsg_set_slot(k, KMSG_REMOTE, (uint64_t)p);
	memcpy((char *)(&k->hdr + 1), &bits, 4);
	memcpy((char *)(&k->hdr + 1) + 4, &one, 4);
	memcpy((char *)(&k->hdr + 1) + 8, &irq, 4);
	if (mach_msg_deliver(k, IPC_SEND_ALWAYS, 0) != MACH_MSG_SUCCESS)
		ipc_kmsg_destroy(k);
}

/* The kernel thread that turns pending interrupts into messages. */
static void
intr_deliver(void *arg)
{
	uint32_t pending;

	(void)arg;
	for (;;) {
		intr_disable();
		while (intr_pending == 0)
			thread_block(NULL, 0);
		pending = intr_pending;
		intr_pending = 0;
		intr_enable();
		for (int irq = 0; irq < NIRQ; irq++)
			if (pending & (1u << irq))
				intr_notify(irq);
	}
}

void
intr_init(void)
{
	intr_thread = thread_create_kernel("intr", intr_deliver, NULL, 1);
	if (intr_thread == NULL)
		panic("intr: no thread");
	sched_make_runnable(intr_thread);
}

/*
 * Deliver irq to port (a send right, consumed on success).  Lines the
 * kernel owns (0 the timer, 2 the cascade) are refused, as is a line that
 * already has a driver.
 */
kern_return_t
intr_register(int irq, struct ipc_port *port)
{
	kern_return_t kr = KERN_SUCCESS;

	if (irq <= 0 || irq == 2 || irq >= NIRQ || !IP_VALID(port))
		return KERN_INVALID_ARGUMENT;
	spin_lock(&intr_lock);
	if (intr_port[irq] != NULL)
		kr = KERN_NO_ACCESS;
	else
		intr_port[irq] = port;
	spin_unlock(&intr_lock);
	if (kr == KERN_SUCCESS)
		irq_set_masked(irq, false);
	return kr;
}

/* The driver handled the interrupt: unmask the line registered to port. */
kern_return_t
intr_ack(struct ipc_port *port)
{
	int irq, found = -1;

	spin_lock(&intr_lock);
	for (irq = 0; irq < NIRQ; irq++)
		if (intr_port[irq] == port)
			found = irq;
	spin_unlock(&intr_lock);
	if (found < 0)
		return KERN_INVALID_ARGUMENT;
	irq_set_masked(found, false);
	ipc_port_release_send(port);	/* the ack's own right */
	return KERN_SUCCESS;
}
