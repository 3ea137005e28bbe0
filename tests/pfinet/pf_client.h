/*
 * pf_client.h -- what the tests of the pfinet translator share: its
 * server port (our bootstrap port, handed over by the boot script),
 * loopback addresses, counts, and a connected TCP pair.  Programs built
 * with x86_64-whorl-gcc against MIG's stubs of socket.defs and io.defs.
 */
#ifndef PF_CLIENT_H
#define PF_CLIENT_H

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/task_special_ports.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "fs_types.h"
#include "socket_types.h"
#include "io.h"
#include "socket.h"
#include "check.h"

static mach_port_t pf_server;

static inline mach_port_t
pf_server_port(void)
{
	mach_port_t boot = MACH_PORT_NULL;

	task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT, &boot);
	return boot;
}

/* 127.0.0.1:port as a sockaddr. */
static inline struct sockaddr_in
pf_lo(int port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

/* pfinet's socket ports, engine sockets and deferred operations. */
static inline void
pf_stats(int *objects, int *sockets, int *pending)
{
	int32_t o = -1, s = -1, p = -1, t;

	socket_stats(pf_server, &o, &s, &p, &t);
	if (objects)
		*objects = o;
	if (sockets)
		*sockets = s;
	if (pending)
		*pending = p;
}

/* How often pfinet woke for a timer, or -1. */
static inline int
pf_timer_wakeups(void)
{
	int32_t o, s, p, t = -1;

	if (socket_stats(pf_server, &o, &s, &p, &t) != 0)
		return -1;
	return t;
}

/* Wait (up to 5 s) until pfinet holds this many deferred operations. */
static inline int
pf_wait_pending(int want)
{
	int i, p;

	for (i = 0; i < 500; i++) {
		pf_stats(NULL, NULL, &p);
		if (p == want)
			return 1;
		usleep(10000);
	}
	return 0;
}

static inline mach_port_t
pf_socket(int domain, int type)
{
	mach_port_t s = MACH_PORT_NULL;

	if (socket_create(pf_server, domain, type, 0, &s) != 0)
		return MACH_PORT_NULL;
	return s;
}

static inline void
pf_drop(mach_port_t p)
{
	mach_port_deallocate(mach_task_self(), p);
}

/* A listener on 127.0.0.1:port (0 on failure). */
static inline mach_port_t
pf_listener(int port)
{
	struct sockaddr_in sin = pf_lo(port);
	mach_port_t l = pf_socket(AF_INET, SOCK_STREAM);
	int one = 1;

	if (l == MACH_PORT_NULL)
		return l;
	if (socket_setopt(l, SOL_SOCKET, SO_REUSEADDR, (char *)&one,
	    sizeof(one)) != 0 ||
	    socket_bind(l, (char *)&sin, sizeof(sin)) != 0 ||
	    socket_listen(l, 16) != 0) {
		pf_drop(l);
		return MACH_PORT_NULL;
	}
	return l;
}

/* Connect to l's port and accept: *c the client end, *s the server's. */
static inline int
pf_pair(mach_port_t l, int port, mach_port_t *c, mach_port_t *s)
{
	struct sockaddr_in sin = pf_lo(port);
	char addr[SOCKET_ADDR_MAX];
	mach_msg_type_number_t alen = sizeof(addr);

	*c = pf_socket(AF_INET, SOCK_STREAM);
	if (*c == MACH_PORT_NULL)
		return ENFILE;
	if (socket_connect(*c, (char *)&sin, sizeof(sin)) != 0)
		return ECONNREFUSED;
	return socket_accept(l, s, addr, &alen);
}

#endif
