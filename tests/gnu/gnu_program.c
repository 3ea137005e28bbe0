/*
 * gnu_program.c -- a program written against GNU Mach's own headers and
 * the stubs GNU MIG makes from GNU Mach's .defs (gnumach-dev, Debian
 * trixie), run on Whorl unchanged: ports, a message carrying data and a
 * right, virtual memory, task, thread and host calls.
 */
#include <stddef.h>
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include "gnu_runtime.h"
#include <mach/task_info.h>
#include <mach/host_info.h>
#include <mach/vm_prot.h>
#include "mach_port_user.h"
#include "mach_user.h"
#include "mach_host_user.h"


struct msg {
	mach_msg_header_t		head;
	mach_msg_type_t			int_type;
	int				value;
	char				pad[4];
	mach_msg_type_t			port_type;
	mach_port_name_inlined_t	port;
	char				room[64];
};

static void
test_message(mach_port_t self)
{
	mach_port_t p, q;
	struct msg m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = offsetof(struct msg, room);
	m.head.msgh_remote_port = p;
	m.head.msgh_id = 77;
	m.int_type.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	m.int_type.msgt_size = 32;
	m.int_type.msgt_number = 1;
	m.int_type.msgt_inline = 1;
	m.value = 1234;
	m.port_type.msgt_name = MACH_MSG_TYPE_MAKE_SEND;
	m.port_type.msgt_size = 64;
	m.port_type.msgt_number = 1;
	m.port_type.msgt_inline = 1;
	m.port.name = q;
	CHECK(mach_msg(&m.head, MACH_SEND_MSG, m.head.msgh_size, 0, 0, 0, 0) ==
	    MACH_MSG_SUCCESS);
	memset(&m, 0, sizeof(m));
	CHECK(mach_msg(&m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    p, 100, 0) == MACH_MSG_SUCCESS);
	CHECK(m.head.msgh_id == 77 && m.value == 1234);
	CHECK(m.head.msgh_local_port == p);
	CHECK(m.port_type.msgt_name == MACH_MSG_TYPE_PORT_SEND &&
	    m.port.name == q);
	CHECK(mach_port_destroy(self, p) == 0 && mach_port_destroy(self, q) ==
	    0);
}

static void
test_calls(mach_port_t self)
{
	vm_address_t a = 0;
	struct task_basic_info ti;
	struct host_basic_info hi;
	mach_msg_type_number_t n;
	mach_port_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t nn, nt;

	CHECK(vm_allocate(self, &a, 8192, 1) == 0 && a != 0);
	((volatile char *)a)[4096] = 1;
	CHECK(vm_deallocate(self, a, 8192) == 0);
	n = TASK_BASIC_INFO_COUNT;
	CHECK(task_info(self, TASK_BASIC_INFO, (task_info_t)&ti, &n) == 0 &&
	    ti.virtual_size > 0);
	n = HOST_BASIC_INFO_COUNT;
	CHECK(host_info(mach_host_self(), HOST_BASIC_INFO, (host_info_t)&hi,
	    &n) == 0 && hi.memory_size > 0);
	CHECK(mach_port_names(self, &names, &nn, &types, &nt) == 0 && nn > 0 &&
	    nn == nt);
}

int
main(void)
{
	mach_port_t self = mach_task_self();

	mach_print("gnu_program: built against GNU Mach's headers\n");
	test_message(self);
	test_calls(self);
	return 0;
}
