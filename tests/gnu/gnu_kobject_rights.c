/*
 * gnu_kobject_rights.c -- a kernel object that lives while send rights to
 * it exist (an open device, an io_perm) survives a right moved out of a
 * name that keeps references: MOVE_SEND makes a send right of its own, so
 * destroying the message that carried it leaves the name's right, and the
 * object, as on GNU Mach.  Booted with the device master port.
 */
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include <device/device_types.h>
#include "gnu_runtime.h"
#include "mach_port_user.h"
#include "mach_user.h"
#include "device_user.h"
#include "mach_i386_user.h"

struct right_msg {
	mach_msg_header_t		head;
	mach_msg_type_t			port_type;
	mach_port_name_inlined_t	port;
};

static mach_port_t self;

/* Move one user reference of name into a message that is then destroyed. */
static void
move_one_away(mach_port_t name)
{
	struct right_msg m;
	mach_port_t q;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = sizeof(m);
	m.head.msgh_remote_port = q;
	m.port_type.msgt_name = MACH_MSG_TYPE_MOVE_SEND;
	m.port_type.msgt_size = 64;
	m.port_type.msgt_number = 1;
	m.port_type.msgt_inline = 1;
	m.port.name = name;
	CHECK(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    0, MACH_PORT_NULL) == 0);
	CHECK(mach_port_destroy(self, q) == 0);
}

static void
test_device(mach_port_t master)
{
	/* The inband buffer is MIG's 128 bytes, whatever the count. */
	static char line[128] = "gnu_kobject_rights: console still open\n";
	const int len = 39;
	mach_port_t dev, again;
	int written = 0;

	CHECK(device_open(master, D_READ | D_WRITE, "console", &dev) == 0);
	CHECK(mach_port_mod_refs(self, dev, MACH_PORT_RIGHT_SEND, 1) == 0);
	move_one_away(dev);
	CHECK(device_write_inband(dev, 0, 0, line, len, &written) == 0 &&
	    written == len);
	/* Still the same device port: a new open names the same right. */
	CHECK(device_open(master, D_READ, "console", &again) == 0 &&
	    again == dev);
	CHECK(mach_port_mod_refs(self, dev, MACH_PORT_RIGHT_SEND, -2) == 0);
}

static void
test_io_perm(mach_port_t master)
{
	mach_port_t perm;

	CHECK(i386_io_perm_create(master, 0x70, 0x71, &perm) == 0);
	CHECK(mach_port_mod_refs(self, perm, MACH_PORT_RIGHT_SEND, 1) == 0);
	move_one_away(perm);
	CHECK(i386_io_perm_modify(self, perm, 1) == 0);
	CHECK(i386_io_perm_modify(self, perm, 0) == 0);
	CHECK(mach_port_deallocate(self, perm) == 0);
}

static unsigned long
parse(const char *s)
{
	unsigned long n = 0;

	while (s != 0 && *s >= '0' && *s <= '9')
		n = n * 10 + (unsigned long)(*s++ - '0');
	return n;
}

int
main(int argc, char **argv)
{
	mach_port_t master = argc > 1 ? (mach_port_t)parse(argv[1]) : 0;

	self = mach_task_self();
	mach_print("gnu_kobject_rights\n");
	CHECK(master != MACH_PORT_NULL);
	test_device(master);
	test_io_perm(master);
	return 0;
}
