/*
 * message.h -- the Mach message: header, type descriptors, right
 * dispositions, mach_msg options and return codes (x86_64 layout, as GNU
 * MIG 1.8+git20231217 emits it; see docs/abi.md).
 *
 * A message is a 32-byte header followed by typed data.  Each datum is an
 * 8-byte type descriptor and its value, 8-aligned; port names sit in 8-byte
 * slots.  The same layout serves user space and the kernel.
 */
#ifndef _MACH_MESSAGE_H_
#define _MACH_MESSAGE_H_

#include <mach/kern_return.h>
#include <mach/port.h>

typedef natural_t		mach_msg_timeout_t;
#define MACH_MSG_TIMEOUT_NONE	((mach_msg_timeout_t)0)

/*
 * msgh_bits: the remote (destination) disposition in bits 0-7, the local
 * (reply) disposition in bits 8-15, flags above.
 */
#define MACH_MSGH_BITS_ZERO		0x00000000
#define MACH_MSGH_BITS_REMOTE_MASK	0x000000ff
#define MACH_MSGH_BITS_LOCAL_MASK	0x0000ff00
#define MACH_MSGH_BITS_COMPLEX		0x80000000U	/* rights or OOL data */
#define MACH_MSGH_BITS_CIRCULAR		0x40000000	/* kernel internal */
#define MACH_MSGH_BITS_COMPLEX_PORTS	0x20000000	/* kernel internal */
#define MACH_MSGH_BITS_COMPLEX_DATA	0x10000000	/* kernel internal */
#define MACH_MSGH_BITS_MIGRATED		0x08000000	/* kernel internal */
#define MACH_MSGH_BITS_UNUSED		0x07ff0000
#define MACH_MSGH_BITS_PORTS_MASK \
	(MACH_MSGH_BITS_REMOTE_MASK | MACH_MSGH_BITS_LOCAL_MASK)

#define MACH_MSGH_BITS(remote, local)	((remote) | ((local) << 8))
#define MACH_MSGH_BITS_REMOTE(bits)	((bits) & MACH_MSGH_BITS_REMOTE_MASK)
#define MACH_MSGH_BITS_LOCAL(bits) \
	(((bits) & MACH_MSGH_BITS_LOCAL_MASK) >> 8)
#define MACH_MSGH_BITS_PORTS(bits)	((bits) & MACH_MSGH_BITS_PORTS_MASK)
#define MACH_MSGH_BITS_OTHER(bits)	((bits) & ~MACH_MSGH_BITS_PORTS_MASK)

typedef unsigned int		mach_msg_bits_t;
typedef unsigned int		mach_msg_size_t;
typedef natural_t		mach_msg_seqno_t;
typedef integer_t		mach_msg_id_t;

/*
 * The header, 32 bytes.  Each port field is an 8-byte slot: a 4-byte name
 * in its low half from user space, a port pointer inside the kernel, or
 * (local port only) the receiver's 8-byte protected payload.
 */
typedef struct mach_msg_header {
	mach_msg_bits_t		msgh_bits;	/* 0 */
	mach_msg_size_t		msgh_size;	/* 4: whole message */
	union {					/* 8 */
		mach_port_t	msgh_remote_port;
		rpc_uintptr_t	msgh_remote_port_do_not_use;
	};
	union {					/* 16 */
		mach_port_t	msgh_local_port;
		rpc_uintptr_t	msgh_protected_payload;
	};
	mach_port_seqno_t	msgh_seqno;	/* 24 */
	mach_msg_id_t		msgh_id;	/* 28 */
} mach_msg_header_t;

/* The header as user space writes it: port fields always hold names. */
#ifdef KERNEL
typedef struct mach_msg_user_header {
	mach_msg_bits_t		msgh_bits;
	mach_msg_size_t		msgh_size;
	union {
		mach_port_name_t msgh_remote_port;
		rpc_uintptr_t	msgh_remote_port_do_not_use;
	};
	union {
		mach_port_name_t msgh_local_port;
		rpc_uintptr_t	msgh_protected_payload;
	};
	mach_port_seqno_t	msgh_seqno;
	mach_msg_id_t		msgh_id;
} mach_msg_user_header_t;
#else
typedef mach_msg_header_t	mach_msg_user_header_t;
#endif

#define MACH_MSG_SIZE_MAX	((mach_msg_size_t)~0)

#define MACH_MSGH_KIND_NORMAL	0x00000000
#define msgh_kind		msgh_seqno
#define mach_msg_kind_t		mach_port_seqno_t

typedef unsigned int		mach_msg_type_name_t;
typedef unsigned int		mach_msg_type_size_t;
typedef natural_t		mach_msg_type_number_t;

/*
 * An inline port right in a message body: 8 bytes, the name in the low 4
 * (MIG leaves the upper 4 uninitialised for a single right), or a port
 * pointer inside the kernel.  Out-of-line port arrays hold 4-byte names.
 */
typedef struct {
	union {
		mach_port_name_t name;
#ifdef KERNEL
		mach_port_t	kernel_port;
#else
		uintptr_t	kernel_port_do_not_use;
#endif
	};
} mach_port_name_inlined_t;

/*
 * The type descriptor, 8 bytes, 8-aligned: name in bits 0-7, size of one
 * element in bits (8-23), inline bit 29, longform bit 30, deallocate bit
 * 31; the element count is the 4-byte word at byte 4.
 */
typedef struct {
	unsigned int		msgt_name : 8,
				msgt_size : 16,
				msgt_unused : 5,
				msgt_inline : 1,
				msgt_longform : 1,
				msgt_deallocate : 1;
	mach_msg_type_number_t	msgt_number;
} __attribute__((aligned(8))) mach_msg_type_t;

/* The long form is the same 8 bytes with other field names. */
typedef struct {
	union {
		mach_msg_type_t	msgtl_header;
		struct {
			unsigned int	msgtl_name : 8,
					msgtl_size : 16,
					msgtl_unused : 5,
					msgtl_inline : 1,
					msgtl_longform : 1,
					msgtl_deallocate : 1;
			mach_msg_type_number_t msgtl_number;
		};
	};
} __attribute__((aligned(8))) mach_msg_type_long_t;

_Static_assert(sizeof(mach_msg_header_t) == 32, "mach_msg_header_t");
_Static_assert(sizeof(mach_msg_type_t) == 8, "mach_msg_type_t");
_Static_assert(sizeof(mach_msg_type_long_t) == 8, "mach_msg_type_long_t");

/* Data type names (msgt_name). */
#define MACH_MSG_TYPE_UNSTRUCTURED	0
#define MACH_MSG_TYPE_BIT		0
#define MACH_MSG_TYPE_BOOLEAN		0
#define MACH_MSG_TYPE_INTEGER_16	1
#define MACH_MSG_TYPE_INTEGER_32	2
#define MACH_MSG_TYPE_CHAR		8
#define MACH_MSG_TYPE_BYTE		9
#define MACH_MSG_TYPE_INTEGER_8		9
#define MACH_MSG_TYPE_REAL		10
#define MACH_MSG_TYPE_INTEGER_64	11
#define MACH_MSG_TYPE_STRING		12
#define MACH_MSG_TYPE_STRING_C		12

/* Port right dispositions (msgt_name, and the msgh_bits halves). */
#define MACH_MSG_TYPE_PORT_NAME		15
#define MACH_MSG_TYPE_MOVE_RECEIVE	16
#define MACH_MSG_TYPE_MOVE_SEND		17
#define MACH_MSG_TYPE_MOVE_SEND_ONCE	18
#define MACH_MSG_TYPE_COPY_SEND		19
#define MACH_MSG_TYPE_MAKE_SEND		20
#define MACH_MSG_TYPE_MAKE_SEND_ONCE	21
#define MACH_MSG_TYPE_PROTECTED_PAYLOAD	23
#define MACH_MSG_TYPE_LAST		23

/* What the receiver sees: every send right arrives as MOVE_SEND, etc. */
#define MACH_MSG_TYPE_PORT_RECEIVE	MACH_MSG_TYPE_MOVE_RECEIVE
#define MACH_MSG_TYPE_PORT_SEND		MACH_MSG_TYPE_MOVE_SEND
#define MACH_MSG_TYPE_PORT_SEND_ONCE	MACH_MSG_TYPE_MOVE_SEND_ONCE

/* A disposition chosen at run time (MIG's "polymorphic"). */
#define MACH_MSG_TYPE_POLYMORPHIC	((mach_msg_type_name_t)-1)

#define MACH_MSG_TYPE_PORT_ANY(x) \
	((x) >= MACH_MSG_TYPE_MOVE_RECEIVE && \
	 (x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE)
#define MACH_MSG_TYPE_PORT_ANY_SEND(x) \
	((x) >= MACH_MSG_TYPE_MOVE_SEND && \
	 (x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE)
#define MACH_MSG_TYPE_PORT_ANY_RIGHT(x) \
	((x) >= MACH_MSG_TYPE_MOVE_RECEIVE && \
	 (x) <= MACH_MSG_TYPE_MOVE_SEND_ONCE)

/* mach_msg options. */
typedef integer_t		mach_msg_option_t;

#define MACH_MSG_OPTION_NONE	0x00000000
#define MACH_SEND_MSG		0x00000001
#define MACH_RCV_MSG		0x00000002
#define MACH_SEND_TIMEOUT	0x00000010
#define MACH_SEND_NOTIFY	0x00000020
#define MACH_SEND_INTERRUPT	0x00000040	/* return, don't restart */
#define MACH_SEND_CANCEL	0x00000080
#define MACH_RCV_TIMEOUT	0x00000100
#define MACH_RCV_NOTIFY		0x00000200
#define MACH_RCV_INTERRUPT	0x00000400	/* return, don't restart */
#define MACH_RCV_LARGE		0x00000800	/* keep a too-large message */
#define MACH_SEND_ALWAYS	0x00010000	/* kernel internal */

/* User messages are aligned to 8 bytes. */
#define MACH_MSG_USER_ALIGNMENT	8

/* mach_msg results: MACH_SEND_* 0x100000xx, MACH_RCV_* 0x100040xx. */
typedef kern_return_t		mach_msg_return_t;

#define MACH_MSG_SUCCESS		0x00000000

/* Bits that may be or-ed into MACH_SEND_INVALID_* / MACH_RCV_* codes. */
#define MACH_MSG_MASK			0x00003c00
#define MACH_MSG_IPC_SPACE		0x00002000
#define MACH_MSG_VM_SPACE		0x00001000
#define MACH_MSG_IPC_KERNEL		0x00000800
#define MACH_MSG_VM_KERNEL		0x00000400

#define MACH_SEND_IN_PROGRESS		0x10000001
#define MACH_SEND_INVALID_DATA		0x10000002
#define MACH_SEND_INVALID_DEST		0x10000003
#define MACH_SEND_TIMED_OUT		0x10000004
#define MACH_SEND_WILL_NOTIFY		0x10000005
#define MACH_SEND_NOTIFY_IN_PROGRESS	0x10000006
#define MACH_SEND_INTERRUPTED		0x10000007
#define MACH_SEND_MSG_TOO_SMALL		0x10000008
#define MACH_SEND_INVALID_REPLY		0x10000009
#define MACH_SEND_INVALID_RIGHT		0x1000000a
#define MACH_SEND_INVALID_NOTIFY	0x1000000b
#define MACH_SEND_INVALID_MEMORY	0x1000000c
#define MACH_SEND_NO_BUFFER		0x1000000d
#define MACH_SEND_NO_NOTIFY		0x1000000e
#define MACH_SEND_INVALID_TYPE		0x1000000f
#define MACH_SEND_INVALID_HEADER	0x10000010

#define MACH_RCV_IN_PROGRESS		0x10004001
#define MACH_RCV_INVALID_NAME		0x10004002
#define MACH_RCV_TIMED_OUT		0x10004003
#define MACH_RCV_TOO_LARGE		0x10004004
#define MACH_RCV_INTERRUPTED		0x10004005
#define MACH_RCV_PORT_CHANGED		0x10004006
#define MACH_RCV_INVALID_NOTIFY		0x10004007
#define MACH_RCV_INVALID_DATA		0x10004008
#define MACH_RCV_PORT_DIED		0x10004009
#define MACH_RCV_IN_SET			0x1000400a
#define MACH_RCV_HEADER_ERROR		0x1000400b
#define MACH_RCV_BODY_ERROR		0x1000400c

#ifndef KERNEL
/* The trap (mach_traps.h numbers it 25) and the library call over it. */
extern mach_msg_return_t	mach_msg_trap(mach_msg_user_header_t *msg,
				    mach_msg_option_t option,
				    mach_msg_size_t send_size,
				    mach_msg_size_t rcv_size,
				    mach_port_name_t rcv_name,
				    mach_msg_timeout_t timeout,
				    mach_port_name_t notify);
extern mach_msg_return_t	mach_msg(mach_msg_header_t *msg,
				    mach_msg_option_t option,
				    mach_msg_size_t send_size,
				    mach_msg_size_t rcv_size,
				    mach_port_name_t rcv_name,
				    mach_msg_timeout_t timeout,
				    mach_port_name_t notify);
#endif

#endif
