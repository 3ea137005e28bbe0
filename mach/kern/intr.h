/*
 * intr.h -- device interrupts delivered to user-space drivers as messages
 * (device_intr_register / device_intr_ack on the "irq" device).
 */
#ifndef KERN_INTR_H
#define KERN_INTR_H

#include <mach/kern_return.h>

struct ipc_port;

void		intr_init(void);
void		intr_device_irq(int irq);	/* from the interrupt handler */
kern_return_t	intr_register(int irq, struct ipc_port *port);
kern_return_t	intr_ack(struct ipc_port *port);

#endif
