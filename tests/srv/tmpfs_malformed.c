/*
 * tmpfs_malformed.c -- requests no MIG stub would send, to tmpfs on
 * translators/lib's file-system layer: a dir_lookup whose name fills
 * its 1,024 bytes without a NUL, 2,000 mutated dir_lookup requests and
 * 2,000 messages of random bytes with the file protocols' ids, sent to
 * a directory and a file.  Each gets a reply, tmpfs keeps serving, and
 * it ends with the objects it started with.
 */
#include <mach/mig_errors.h>

#include "fs_client.h"
#include "srv.h"
#include "../userlib/srv_raw.h"

struct lookup_req {
	mach_msg_header_t h;
	mach_msg_type_t name_type;
	char name[1024];
	mach_msg_type_t flags_type;
	int32_t flags;
	char pad1[4];
	mach_msg_type_t mode_type;
	uint32_t mode;
	char pad2[4];
};

static mach_port_t reply_port;

static mach_msg_type_t
int_type(int name, int bits, int number)
{
	mach_msg_type_t t = { .msgt_name = name, .msgt_size = bits,
		.msgt_number = number, .msgt_inline = 1 };
	return t;
}

static void
lookup_init(struct lookup_req *m, mach_port_t dir, const char *name)
{
	memset(m, 0, sizeof(*m));
	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m->h.msgh_size = sizeof(*m);
	m->h.msgh_remote_port = dir;
	m->h.msgh_local_port = reply_port;
	m->h.msgh_id = 30200;
	m->name_type = int_type(MACH_MSG_TYPE_STRING_C, 8, 1024);
	strcpy(m->name, name);
	m->flags_type = int_type(MACH_MSG_TYPE_INTEGER_32, 32, 1);
	m->flags = FS_O_READ;
	m->mode_type = int_type(MACH_MSG_TYPE_INTEGER_32, 32, 1);
}

/* Send m (size bytes) and wait up to 10 s for its reply on reply_port
 * (srv_raw_rpc): its return code, or the mach_msg error. */
static kern_return_t
rpc(mach_msg_header_t *m, mach_msg_size_t size)
{
	return srv_raw_rpc(m, size, reply_port);
}

static void
test_lookup(mach_port_t root)
{
	struct lookup_req m, t;
	unsigned char *b = (unsigned char *)&m;
	int i, k, replied = 0, ok = 0;
	kern_return_t kr;

	lookup_init(&m, root, "d/f");
	CHECK(rpc(&m.h, sizeof(m)) == 0);	/* the valid one */
	lookup_init(&m, root, "");
	memset(m.name, 'a', sizeof(m.name));
	CHECK(rpc(&m.h, sizeof(m)) == ENAMETOOLONG);
	lookup_init(&m, root, "d/f");
	m.flags = 0x7fff0000;
	CHECK(rpc(&m.h, sizeof(m)) == EINVAL);
	srand(11);
	for (i = 0; i < 2000; i++) {
		lookup_init(&t, root, i % 2 ? "d/f" : "d/../d/./f");
		t.flags = FS_O_READ | (i % 3 ? FS_O_CREAT : 0);
		m = t;
		for (k = rand() % 3; k >= 0; k--)
			b[32 + rand() % (sizeof(m) - 32)] ^= 1 << (rand() % 8);
		kr = rpc(&m.h, sizeof(m));
		if ((kr & 0xffffc000) == 0x10004000)
			continue;
		replied++;
		ok += kr == 0;
	}
	printf("tmpfs_malformed: 2000 mutated lookups, %d replies, %d opened\n",
	    replied, ok);
	CHECK(replied == 2000 && ok > 0 && ok < 2000);
}

/* Random ids of the file protocols and random bytes, never complex. */
static void
test_random(mach_port_t port)
{
	static const int bases[] = { 30000, 30200, 30400, 30100 };
	int replied;

	replied = srv_random_msgs(port, reply_port, bases, 4, 2000, NULL);
	printf("tmpfs_malformed: 2000 random messages, %d replies\n",
	    replied);
	CHECK(replied == 2000);
}

int
main(void)
{
	mach_port_t control = client_control(), root, d, f;
	char buf[16];
	int start;

	root = fsc_root(control, 0, 0, FS_O_READ);
	CHECK(MACH_PORT_VALID(root));
	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &reply_port);
	CHECK(dir_mkdir(root, "d", 0755) == 0);
	CHECK(fsc_open(root, "d", FS_O_READ, 0, &d) == 0);
	CHECK(fsc_open(root, "d/f", FS_O_CREAT | FS_O_READ | FS_O_WRITE,
	    0644, &f) == 0);
	CHECK(fsc_put(f, "alive", 0) == 0);
	start = client_objects(control);
	test_lookup(root);
	test_random(d);
	test_random(f);
	CHECK(fsc_get(f, buf, sizeof(buf), 0) == 0);
	CHECK_STR(buf, "alive");
	CHECK(fsc_try(root, "d/f", FS_O_READ) == 0);
	CHECK(client_objects_settle(control, start) == start);
	return check_done();
}
