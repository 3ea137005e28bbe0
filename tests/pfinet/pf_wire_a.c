/*
 * pf_wire_a.c -- the frame-path test (with pf_wire and pf_wire_b): two
 * pfinet translators joined by a fake Ethernet wire task.  From
 * 10.0.0.1, connect to 10.0.0.2:80 (ARP first, through the wire), send
 * 1 MiB and read its echo back byte-exact: every frame of it crossed
 * pf_nic.c twice on each side.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "pf_client.h"

#define MIB	(1024 * 1024)
#define CHUNK	(16 * 1024)

static char
pattern(size_t i)
{
	return (char)((i * 13 + (i >> 10)) & 0xff);
}

struct sender {
	mach_port_t p;
	int ok;
};

static void *
sender(void *arg)
{
	struct sender *x = arg;
	static char buf[CHUNK];
	size_t off = 0, i, n;
	uint64_t took;

	x->ok = 1;
	while (x->ok && off < MIB) {
		n = MIB - off < CHUNK ? MIB - off : CHUNK;
		for (i = 0; i < n; i++)
			buf[i] = pattern(off + i);
		x->ok = socket_send(x->p, 0, buf, n, NULL, 0, &took) == 0 &&
		    took > 0;
		off += took;
	}
	socket_shutdown(x->p, SHUT_WR);
	return NULL;
}

static int
echo_ok(mach_port_t c)
{
	char addr[SOCKET_ADDR_MAX];
	size_t off = 0, i;
	int bad = 0;

	while (off < MIB && !bad) {
		data_t data = NULL;
		mach_msg_type_number_t cnt = 0, alen = sizeof(addr);
		int32_t of;

		if (socket_recv(c, 0, 65536, addr, &alen, &data, &cnt, &of) !=
		    0 || cnt == 0)
			return 0;
		for (i = 0; i < cnt && off + i < MIB; i++)
			bad |= data[i] != pattern(off + i);
		off += cnt;
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	}
	return !bad && off == MIB;
}

int
main(void)
{
	struct sockaddr_in sin = pf_lo(80), peer;
	char addr[SOCKET_ADDR_MAX];
	mach_msg_type_number_t alen = sizeof(addr);
	struct sender x;
	pthread_t t;
	mach_port_t c = MACH_PORT_NULL;
	kern_return_t kr = -1;
	int i;

	pf_server = pf_server_port();
	sin.sin_addr.s_addr = htonl(0x0a000002);
	for (i = 0; i < 50 && kr != 0; i++) {
		if (c != MACH_PORT_NULL)
			pf_drop(c);
		c = pf_socket(AF_INET, SOCK_STREAM);
		kr = socket_connect(c, (char *)&sin, sizeof(sin));
		if (kr != 0)
			usleep(100000);
	}
	CHECK(kr == 0);
	CHECK(socket_peername(c, addr, &alen) == 0);
	memcpy(&peer, addr, sizeof(peer));
	CHECK(peer.sin_addr.s_addr == htonl(0x0a000002));
	alen = sizeof(addr);
	CHECK(socket_name(c, addr, &alen) == 0);
	memcpy(&peer, addr, sizeof(peer));
	CHECK(peer.sin_addr.s_addr == htonl(0x0a000001));
	x.p = c;
	CHECK(pthread_create(&t, NULL, sender, &x) == 0);
	CHECK(echo_ok(c));
	pthread_join(t, NULL);
	CHECK(x.ok);
	pf_drop(c);
	return check_done();
}
