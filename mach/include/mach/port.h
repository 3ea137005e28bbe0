/*
 * port.h -- port names and rights as user space sees them (GNU Mach values).
 * (Interim: the full ABI headers replace this file.)
 */
#ifndef _MACH_PORT_H_
#define _MACH_PORT_H_

#include <stdint.h>

typedef uint32_t	mach_port_name_t;
typedef uint32_t	mach_port_t;
typedef uint32_t	mach_port_right_t;
typedef uint32_t	mach_port_type_t;
typedef uint32_t	mach_port_urefs_t;
typedef int32_t		mach_port_delta_t;
typedef uint32_t	mach_port_seqno_t;
typedef uint32_t	mach_port_mscount_t;
typedef uint32_t	mach_port_msgcount_t;
typedef uint32_t	mach_port_rights_t;

#define MACH_PORT_NULL		((mach_port_t)0)
#define MACH_PORT_DEAD		((mach_port_t)~0)
#define MACH_PORT_VALID(n)	((n) != MACH_PORT_NULL && (n) != MACH_PORT_DEAD)

#define MACH_PORT_RIGHT_SEND		0
#define MACH_PORT_RIGHT_RECEIVE		1
#define MACH_PORT_RIGHT_SEND_ONCE	2
#define MACH_PORT_RIGHT_PORT_SET	3
#define MACH_PORT_RIGHT_DEAD_NAME	4
#define MACH_PORT_RIGHT_NUMBER		5

#define MACH_PORT_TYPE(r)	((mach_port_type_t)(1u << ((r) + 16)))
#define MACH_PORT_TYPE_NONE		0
#define MACH_PORT_TYPE_SEND		MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND)
#define MACH_PORT_TYPE_RECEIVE		MACH_PORT_TYPE(MACH_PORT_RIGHT_RECEIVE)
#define MACH_PORT_TYPE_SEND_ONCE	MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_SET		MACH_PORT_TYPE(MACH_PORT_RIGHT_PORT_SET)
#define MACH_PORT_TYPE_DEAD_NAME	MACH_PORT_TYPE(MACH_PORT_RIGHT_DEAD_NAME)
#define MACH_PORT_TYPE_SEND_RECEIVE \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)

typedef struct {
	mach_port_name_t	mps_pset;
	mach_port_seqno_t	mps_seqno;
	mach_port_mscount_t	mps_mscount;
	mach_port_msgcount_t	mps_qlimit;
	mach_port_msgcount_t	mps_msgcount;
	mach_port_rights_t	mps_sorights;
	uint32_t		mps_srights;
	uint32_t		mps_pdrequest;
	uint32_t		mps_nsrequest;
} mach_port_status_t;

#define MACH_PORT_QLIMIT_DEFAULT	5
#define MACH_PORT_QLIMIT_MAX		16

#endif
