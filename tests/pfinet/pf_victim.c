/*
 * pf_victim.c -- the client that dies mid-accept (tests/pfinet/
 * pf_killed.c checks what pfinet keeps afterwards): it opens a listener
 * and a connected pair, leaves an accept, a recv and a connect waiting
 * in pfinet (three threads; the connect goes to a listener whose backlog
 * is full, so its SYNs are dropped), then terminates its own task, so
 * that its rights die as a killed process's do.
 */
#include <pthread.h>
#include <stdio.h>

#include "pf_client.h"

static mach_port_t l, c, s, l2, c1, c2;

static void *
do_accept(void *arg)
{
	mach_port_t n;
	char addr[SOCKET_ADDR_MAX];
	mach_msg_type_number_t alen = sizeof(addr);

	(void)arg;
	socket_accept(l, &n, addr, &alen);
	return NULL;
}

static void *
do_recv(void *arg)
{
	data_t data;
	mach_msg_type_number_t cnt, alen = SOCKET_ADDR_MAX;
	char addr[SOCKET_ADDR_MAX];
	int32_t oflags;

	(void)arg;
	socket_recv(s, 0, 100, addr, &alen, &data, &cnt, &oflags);
	return NULL;
}

static void *
do_connect(void *arg)
{
	struct sockaddr_in sin = pf_lo(7101);

	(void)arg;
	socket_connect(c2, (char *)&sin, sizeof(sin));
	return NULL;
}

int
main(void)
{
	struct sockaddr_in sin = pf_lo(7101);
	pthread_t t1, t2, t3;

	pf_server = pf_server_port();
	l = pf_listener(7100);
	if (l == MACH_PORT_NULL || pf_pair(l, 7100, &c, &s) != 0)
		printf("victim: setup failed\n");
	l2 = pf_socket(AF_INET, SOCK_STREAM);
	c1 = pf_socket(AF_INET, SOCK_STREAM);
	c2 = pf_socket(AF_INET, SOCK_STREAM);
	if (socket_bind(l2, (char *)&sin, sizeof(sin)) != 0 ||
	    socket_listen(l2, 1) != 0 ||
	    socket_connect(c1, (char *)&sin, sizeof(sin)) != 0)
		printf("victim: second listener failed\n");
	pthread_create(&t1, NULL, do_accept, NULL);
	pthread_create(&t2, NULL, do_recv, NULL);
	pthread_create(&t3, NULL, do_connect, NULL);
	usleep(300000);
	printf("victim: waiting in accept, recv and connect; dying\n");
	fflush(stdout);
	task_terminate(mach_task_self());
	return 0;
}
