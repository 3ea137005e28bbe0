/*
 * notify.h -- the kernel's notification messages: ids (notify.defs,
 * subsystem 64) and the layout of each message as the receiver sees it.
 */
#ifndef _MACH_NOTIFY_H_
#define _MACH_NOTIFY_H_

#include <mach/port.h>
#include <mach/message.h>

#define MACH_NOTIFY_FIRST		64
#define MACH_NOTIFY_PORT_DELETED	65	/* a send(-once) right died */
#define MACH_NOTIFY_MSG_ACCEPTED	66
#define MACH_NOTIFY_PORT_DESTROYED	69	/* carries the receive right */
#define MACH_NOTIFY_NO_SENDERS		70
#define MACH_NOTIFY_SEND_ONCE		71	/* a send-once right died */
#define MACH_NOTIFY_DEAD_NAME		72
#define MACH_NOTIFY_LAST		77

/* Each body is one typed datum; a port name or count fills 4 of 8 bytes. */
typedef struct {
	mach_msg_header_t	not_header;
	mach_msg_type_t		not_type;	/* PORT_NAME, 32 bits */
	mach_port_name_t	not_port;
} mach_port_deleted_notification_t;

typedef struct {
	mach_msg_header_t	not_header;
	mach_msg_type_t		not_type;	/* PORT_NAME, 32 bits */
	mach_port_name_t	not_port;
} mach_msg_accepted_notification_t;

typedef struct {
	mach_msg_header_t	not_header;
	mach_msg_type_t		not_type;	/* PORT_RECEIVE, 64 bits */
	mach_port_t		not_port;
} mach_port_destroyed_notification_t;

typedef struct {
	mach_msg_header_t	not_header;
	mach_msg_type_t		not_type;	/* INTEGER_32 */
	unsigned int		not_count;	/* make-send count */
} mach_no_senders_notification_t;

typedef struct {
	mach_msg_header_t	not_header;
} mach_send_once_notification_t;

typedef struct {
	mach_msg_header_t	not_header;
	mach_msg_type_t		not_type;	/* PORT_NAME, 32 bits */
	mach_port_name_t	not_port;
} mach_dead_name_notification_t;

#endif
