/*
 * ipc_bench.c -- IPC figures between two tasks (make bench).  Booted twice
 * from one image: "server" serves on a port whose receive right the client
 * moves into it under a known name; "client" measures, in TSC cycles
 * (guest instructions under -icount shift=0): a null RPC round trip (the
 * server replies with combined send-and-receive), one-way asynchronous
 * sends, and round trips carrying 4 KiB inline and 1 MiB out of line.
 * With a third argument "profile" the client instead runs PROFILE_ROUNDS
 * null RPCs between calls of ipc_bench_mark_start and ipc_bench_mark_end,
 * for tests/prof-ipc to count the instructions each function executes.
 * With "pingpong" it runs null RPCs forever, printing a line every
 * PINGPONG_ROUNDS: the rpc_fairness test checks that such a pair, handing
 * the processor back and forth, leaves a spinning task its share.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>

#define SERVICE_NAME	0x1001		/* the name the server will find */
#define ROUNDS		2000
#define BATCHES		5
#define OOL_SIZE	(1 << 20)
#define PROFILE_ROUNDS	100
#define PINGPONG_ROUNDS	2000

struct msg {
	mach_msg_header_t	h;
	mach_msg_type_t		t;
	union {
		char		data[4096];
		uint64_t	addr;
	};
	char			room[64];
};

static char ool_area[OOL_SIZE];

static void
server(void)
{
	mach_port_t self = mach_task_self(), p = SERVICE_NAME;
	mach_port_type_t type;
	struct msg m;
	mach_msg_return_t mr;

	while (mach_port_type(self, p, &type) != KERN_SUCCESS)
		swtch();
	mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), p, 0, 0);
	for (;;) {
		if (mr != MACH_MSG_SUCCESS) {
			mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), p, 0, 0);
			continue;
		}
		if (m.h.msgh_bits & MACH_MSGH_BITS_COMPLEX && !m.t.msgt_inline)
			vm_deallocate(self, m.addr, m.t.msgt_number);
		if (m.h.msgh_remote_port == MACH_PORT_NULL) {	/* one-way */
			mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), p, 0,
			    0);
			continue;
		}
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(
		    m.h.msgh_bits), 0);
		m.h.msgh_size = sizeof(mach_msg_header_t);
		m.h.msgh_local_port = MACH_PORT_NULL;
		mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG,
		    sizeof(mach_msg_header_t), sizeof(m), p, 0, 0);
	}
}

static uint64_t
median(uint64_t *v, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (v[j] < v[i]) {
				uint64_t t = v[i];
				v[i] = v[j];
				v[j] = t;
			}
	return v[n / 2];
}

/* One round trip of a request of size bytes (already filled in). */
static void
rpc(mach_port_t p, mach_port_t r, struct msg *m, mach_msg_size_t size,
    mach_msg_bits_t extra)
{
	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) | extra;
	m->h.msgh_size = size;
	m->h.msgh_remote_port = p;
	m->h.msgh_local_port = r;
	m->h.msgh_id = 1;
	CHECK(mach_msg(&m->h, MACH_SEND_MSG | MACH_RCV_MSG, size, sizeof(*m),
	    r, 0, 0) == MACH_MSG_SUCCESS);
}

static uint64_t
measure_rpc(mach_port_t p, mach_port_t r, mach_msg_size_t size,
    mach_msg_bits_t extra, int rounds)
{
	uint64_t per[BATCHES], t;
	struct msg m;

	for (int b = 0; b < BATCHES; b++) {
		t = test_rdtsc();
		for (int i = 0; i < rounds; i++) {
			m.t.msgt_name = MACH_MSG_TYPE_BYTE;
			m.t.msgt_size = 8;
			m.t.msgt_number = extra ? OOL_SIZE : 4096;
			m.t.msgt_inline = extra ? 0 : 1;
			m.addr = (uint64_t)ool_area;
			rpc(p, r, &m, size, extra);
		}
		per[b] = (test_rdtsc() - t) / rounds;
	}
	return median(per, BATCHES);
}

static uint64_t
measure_oneway(mach_port_t p)
{
	uint64_t per[BATCHES], t;
	struct msg m;

	for (int b = 0; b < BATCHES; b++) {
		t = test_rdtsc();
		for (int i = 0; i < ROUNDS; i++) {
			m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
			    0);
			m.h.msgh_size = sizeof(mach_msg_header_t);
			m.h.msgh_remote_port = p;
			m.h.msgh_local_port = MACH_PORT_NULL;
			mach_msg(&m.h, MACH_SEND_MSG, sizeof(m.h), 0, 0, 0, 0);
		}
		per[b] = (test_rdtsc() - t) / ROUNDS;
	}
	return median(per, BATCHES);
}

/* A kernel RPC: mach_port_type on our own space, served by MIG's stubs. */
static uint64_t
measure_kernel_rpc(mach_port_t p)
{
	uint64_t per[BATCHES], t;
	mach_port_type_t type;

	for (int b = 0; b < BATCHES; b++) {
		t = test_rdtsc();
		for (int i = 0; i < ROUNDS; i++)
			mach_port_type(mach_task_self(), p, &type);
		per[b] = (test_rdtsc() - t) / ROUNDS;
	}
	return median(per, BATCHES);
}

/* Markers the profiler finds by address: never inlined, never merged. */
__attribute__((noinline)) void
ipc_bench_mark_start(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void
ipc_bench_mark_end(void)
{
	__asm__ volatile("nop" ::: "memory");
}

static void
profile(mach_port_t p, mach_port_t r)
{
	struct msg m;

	measure_rpc(p, r, sizeof(mach_msg_header_t), 0, 200);	/* warm up */
	ipc_bench_mark_start();
	for (int i = 0; i < PROFILE_ROUNDS; i++)
		rpc(p, r, &m, sizeof(mach_msg_header_t), 0);
	ipc_bench_mark_end();
	test_printf("ipc_bench: profiled %d null rpcs\n", PROFILE_ROUNDS);
}

/* The same for the kernel RPC (prof-ipc kernel). */
static void
profile_kernel(mach_port_t r)
{
	mach_port_t self = mach_task_self();
	mach_port_type_t type;

	measure_kernel_rpc(r);				/* warm up */
	ipc_bench_mark_start();
	for (int i = 0; i < PROFILE_ROUNDS; i++)
		mach_port_type(self, r, &type);
	ipc_bench_mark_end();
	test_printf("ipc_bench: profiled %d null rpcs\n", PROFILE_ROUNDS);
}

static void
pingpong(mach_port_t p, mach_port_t r)
{
	struct msg m;

	for (int n = 1;; n++) {
		for (int i = 0; i < PINGPONG_ROUNDS; i++)
			rpc(p, r, &m, sizeof(mach_msg_header_t), 0);
		test_printf("ipc_bench: pingpong %d\n", n);
	}
}

static int
streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

static void
client(mach_port_t server_task, const char *mode)
{
	mach_port_t self = mach_task_self(), p, r;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(mach_port_set_qlimit(self, p, MACH_PORT_QLIMIT_MAX) == 0);
	CHECK(mach_port_insert_right(server_task, SERVICE_NAME, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &r) == 0);
	for (uint32_t i = 0; i < OOL_SIZE; i += 4096)
		ool_area[i] = 1;
	if (streq(mode, "profile")) {
		profile(p, r);
		return;
	}
	if (streq(mode, "kprofile")) {
		profile_kernel(r);
		return;
	}
	if (streq(mode, "pingpong"))
		pingpong(p, r);
	measure_rpc(p, r, sizeof(mach_msg_header_t), 0, 200);	/* warm up */
	test_printf("ipc_bench: null rpc: %lu cycles\n", (unsigned long)
	    measure_rpc(p, r, sizeof(mach_msg_header_t), 0, ROUNDS));
	test_printf("ipc_bench: one-way send: %lu cycles\n",
	    (unsigned long)measure_oneway(p));
	test_printf("ipc_bench: kernel rpc: %lu cycles\n",
	    (unsigned long)measure_kernel_rpc(r));
	test_printf("ipc_bench: 4 KiB inline rpc: %lu cycles\n", (unsigned long)
	    measure_rpc(p, r, sizeof(mach_msg_header_t) + 8 + 4096, 0, 500));
	test_printf("ipc_bench: 1 MiB out-of-line rpc: %lu cycles\n",
	    (unsigned long)measure_rpc(p, r, sizeof(mach_msg_header_t) + 16,
	    MACH_MSGH_BITS_COMPLEX, 20));
}

int
main(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] == 's')
		server();
	if (argc < 3)
		return 1;
	client((mach_port_t)test_parse_number(argv[2]), argc > 3 ? argv[3] :
	    "");
	return 0;
}
