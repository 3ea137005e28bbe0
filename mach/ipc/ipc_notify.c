/*
 * ipc_notify.c -- builds and sends the kernel's notifications.  Each is a
 * small message to a send-once right; if that port is dead the message is
 * destroyed, which ends there (a send-once right to a dead port notifies
 * nobody).
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/task_limit.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_notify.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_right.h"
#include "ipc/mach_msg.h"

#define NOTIFY_SIZE	48	/* header, one type descriptor, one value */

/* A notification to notify with id; one 8-byte value slot if size 48. */
static struct ipc_kmsg *
notify_msg(struct ipc_port *notify, mach_msg_id_t id, uint32_t size,
    uint32_t tbits, uint64_t value)
{
	struct ipc_kmsg *k = ipc_kmsg_alloc(size);
	uint32_t one = 1;
	uint8_t *body;

	if (k == NULL)
		return NULL;
	memset(&k->hdr, 0, size);
	k->hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	k->hdr.msgh_size = size;
	ipc_kmsg_set_slot(k, KMSG_REMOTE, (uint64_t)notify);
	k->hdr.msgh_id = id;
	if (size > sizeof(mach_msg_header_t)) {
		body = (uint8_t *)(&k->hdr + 1);
		memcpy(body, &tbits, 4);
		memcpy(body + 4, &one, 4);
		memcpy(body + 8, &value, 8);
	}
	return k;
}

static void
notify_send(struct ipc_port *notify, struct ipc_kmsg *k)
{
	if (k == NULL) {
		/* No memory: the notification is lost, the right with it. */
		ipc_right_consume(notify, MACH_MSG_TYPE_PORT_SEND_ONCE);
		return;
	}
	task_limit_kmsg_to_receiver(k, notify);
	if (mach_msg_deliver(k, IPC_SEND_ALWAYS, 0) != MACH_MSG_SUCCESS)
		ipc_kmsg_destroy(k);
}

#define NAME_BITS	(MACH_MSG_TYPE_PORT_NAME | (32u << 8) | (1u << 29))
#define INT_BITS	(MACH_MSG_TYPE_INTEGER_32 | (32u << 8) | (1u << 29))
#define RECV_BITS	(MACH_MSG_TYPE_PORT_RECEIVE | (64u << 8) | (1u << 29))

void
ipc_notify_port_deleted(struct ipc_port *notify, mach_port_name_t name)
{
	notify_send(notify, notify_msg(notify, MACH_NOTIFY_PORT_DELETED,
	    NOTIFY_SIZE, NAME_BITS, name));
}

void
ipc_notify_dead_name(struct ipc_port *notify, mach_port_name_t name)
{
	notify_send(notify, notify_msg(notify, MACH_NOTIFY_DEAD_NAME,
	    NOTIFY_SIZE, NAME_BITS, name));
}

void
ipc_notify_no_senders(struct ipc_port *notify, mach_port_mscount_t mscount)
{
	notify_send(notify, notify_msg(notify, MACH_NOTIFY_NO_SENDERS,
	    NOTIFY_SIZE, INT_BITS, mscount));
}

/* A send-once right to port was destroyed unused: port hears of it. */
void
ipc_notify_send_once(struct ipc_port *port)
{
	notify_send(port, notify_msg(port, MACH_NOTIFY_SEND_ONCE,
	    sizeof(mach_msg_header_t), 0, 0));
}

/*
 * The receive right travels in the notification instead of dying.  Like
 * any receive right in transit it records where it is queued; if that
 * queue lies inside the right itself (a port that asked to be told of
 * its own destruction, say) the right dies after all, since nobody could
 * ever receive it.
 */
void
ipc_notify_port_destroyed(struct ipc_port *notify, struct ipc_port *receive)
{
	struct ipc_kmsg *k = NULL;

	if (!ipc_port_check_circularity(receive, notify))
		k = notify_msg(notify, MACH_NOTIFY_PORT_DESTROYED,
		    NOTIFY_SIZE, RECV_BITS, (uint64_t)receive);
	if (k == NULL) {
		ipc_port_destroy(receive);
		ipc_port_release(receive);
	} else {
		k->hdr.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	}
	notify_send(notify, k);
}
