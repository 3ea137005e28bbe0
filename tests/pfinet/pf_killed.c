/*
 * pf_killed.c -- a client killed while pfinet holds its accept, recv
 * and connect (pf_victim.c, booted beside this program) leaves nothing behind:
 * pfinet's counts rise to the victim's sockets and waiting operations,
 * then return to zero once its rights are gone (no-senders), and
 * pfinet still serves.
 */
#include <stdio.h>

#include "pf_client.h"

int
main(void)
{
	int i, o = -1, s = -1, p = -1, peak_s = 0, peak_p = 0;
	mach_port_t t;

	pf_server = pf_server_port();
	for (i = 0; i < 1000 && !(peak_p >= 3 && peak_s >= 6); i++) {
		pf_stats(&o, &s, &p);
		if (s > peak_s)
			peak_s = s;
		if (p > peak_p)
			peak_p = p;
		usleep(10000);
	}
	printf("victim's peak: %d sockets, %d waiting\n", peak_s, peak_p);
	CHECK(peak_s >= 6 && peak_p >= 3);
	for (i = 0; i < 1000; i++) {
		pf_stats(&o, &s, &p);
		if (o == 1 && s == 0 && p == 0)
			break;
		usleep(10000);
	}
	printf("after its death: %d objects, %d sockets, %d waiting\n",
	    o, s, p);
	CHECK(o == 1 && s == 0 && p == 0);
	t = pf_listener(7100);		/* its port is free again */
	CHECK(t != MACH_PORT_NULL);
	pf_drop(t);
	return check_done();
}
