/*
 * pf_wire_b.c -- the far end of the frame-path test (pf_wire): on its
 * own pfinet (10.0.0.2 behind the fake wire), listen on port 80, accept
 * one connection and echo what comes until end of file.
 */
#include <stdio.h>

#include "pf_client.h"

int
main(void)
{
	struct sockaddr_in sin = pf_lo(80);
	char addr[SOCKET_ADDR_MAX];
	mach_msg_type_number_t alen = sizeof(addr);
	mach_port_t l, s;
	uint64_t took;

	pf_server = pf_server_port();
	sin.sin_addr.s_addr = htonl(0x0a000002);
	l = pf_socket(AF_INET, SOCK_STREAM);
	if (socket_bind(l, (char *)&sin, sizeof(sin)) != 0 ||
	    socket_listen(l, 4) != 0 ||
	    socket_accept(l, &s, addr, &alen) != 0) {
		printf("wire_b: cannot listen or accept\n");
		return 1;
	}
	for (;;) {
		data_t data = NULL;
		mach_msg_type_number_t cnt = 0, off = 0;
		int32_t of;

		alen = sizeof(addr);
		if (socket_recv(s, 0, 65536, addr, &alen, &data, &cnt, &of) !=
		    0 || cnt == 0)
			break;
		while (off < cnt && socket_send(s, 0, data + off, cnt - off,
		    NULL, 0, &took) == 0)
			off += took;
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	}
	pf_drop(s);
	pf_drop(l);
	return 0;
}
