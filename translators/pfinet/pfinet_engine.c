/*
 * pfinet_engine.c -- the engine's start-up, its clock and random source
 * (the platform interface), the socket pool and the deferred notify
 * queue.  Called by the translator's event loop and by the tests; every
 * public entry point brackets its work with pfinet_enter/pfinet_leave.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pfinet_internal.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"


static struct pfinet_platform	 pfinet_plat;
static int			 pfinet_started;
static int			 pfinet_depth;
static struct pfinet_sock	*pfinet_queue_head;
static struct pfinet_sock	*pfinet_queue_tail;
static struct pfinet_sock	 pfinet_socks[PFINET_MAX_SOCKETS];

/*
 * Start the engine: remember the platform and bring lwIP up with its
 * loopback interface.  Returns EINVAL for a missing clock or random
 * source and EALREADY when called twice.
 */
int
pfinet_init(const struct pfinet_platform *plat)
{
	if (plat == NULL || plat->now_ms == NULL || plat->random == NULL)
		return EINVAL;
	if (pfinet_started)
		return EALREADY;
	pfinet_plat = *plat;
	pfinet_started = 1;
	lwip_init();
	pfinet_cyclic_stop();
	return 0;
}

/*
 * lwIP's cyclic timers (ARP, ND, MLD every 100 ms, DHCP, reassembly)
 * serve Ethernet interfaces only; loopback never fragments and has no
 * neighbours.  lwip_init starts them; they stop at once and start with
 * the first Ethernet interface, so that an engine with only loopback
 * has no timer unless TCP needs one, and its owner sleeps.
 */
static int pfinet_cyclic_on;

void
pfinet_cyclic_stop(void)
{
	int i;

	for (i = 0; i < lwip_num_cyclic_timers; i++)
		sys_untimeout(lwip_cyclic_timer,
		    LWIP_CONST_CAST(void *, &lwip_cyclic_timers[i]));
	pfinet_cyclic_on = 0;
}

void
pfinet_cyclic_start(void)
{
	int i;

	if (pfinet_cyclic_on)
		return;
	pfinet_cyclic_on = 1;
	/* tcp_tmr (index 0) starts on demand, as in sys_timeouts_init. */
	for (i = LWIP_TCP ? 1 : 0; i < lwip_num_cyclic_timers; i++)
		sys_timeout(lwip_cyclic_timers[i].interval_ms,
		    lwip_cyclic_timer,
		    LWIP_CONST_CAST(void *, &lwip_cyclic_timers[i]));
}

/* Run the timers that are due and deliver looped-back packets. */
void
pfinet_poll(void)
{
	pfinet_enter();
	netif_poll_all();
	sys_check_timeouts();
	netif_poll_all();
	pfinet_leave();
}

/* How long the caller may wait before the next pfinet_poll. */
uint32_t
pfinet_poll_wait(void)
{
	uint32_t ms;

	ms = sys_timeouts_sleeptime();
	return ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE ? UINT32_MAX : ms;
}

/* lwIP's clock (NO_SYS): the platform's. */
u32_t
sys_now(void)
{
	return pfinet_plat.now_ms(pfinet_plat.arg);
}

unsigned int
pfinet_platform_random(void)
{
	return pfinet_plat.random(pfinet_plat.arg);
}

void
pfinet_platform_diag(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (pfinet_plat.log == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pfinet_plat.log(pfinet_plat.arg, buf);
}

/* A broken invariant inside lwIP: stop here rather than corrupt state. */
void
pfinet_platform_assert(const char *msg, const char *file, int line)
{
	pfinet_platform_diag("pfinet: assertion \"%s\" failed at %s:%d\n",
	    msg, file, line);
	abort();
}

void
pfinet_enter(void)
{
	pfinet_depth++;
}

/*
 * Leave the engine.  On the outermost exit, run the deferred work of
 * every socket that lwIP touched: hand fully closed connections back to
 * lwIP, then call the owner's notify callback, which may call into the
 * engine again (nested calls only queue more work).
 */
void
pfinet_leave(void)
{
	struct pfinet_sock *s;

	if (pfinet_depth > 1) {
		pfinet_depth--;
		return;
	}
	while ((s = pfinet_queue_head) != NULL) {
		pfinet_queue_head = s->ps_qnext;
		if (pfinet_queue_head == NULL)
			pfinet_queue_tail = NULL;
		s->ps_qnext = NULL;
		s->ps_flags &= ~PSF_QUEUED;
		if (s->ps_flags & PSF_DETACH)
			pfinet_tcp_detach(s);
		if (s->ps_notify != NULL)
			s->ps_notify(s->ps_notify_arg, s);
	}
	pfinet_depth--;
}

/* Queue s for its notify callback at the end of the current entry. */
void
pfinet_wake(struct pfinet_sock *s)
{
	if (s->ps_flags & PSF_QUEUED)
		return;
	s->ps_flags |= PSF_QUEUED;
	s->ps_qnext = NULL;
	if (pfinet_queue_tail != NULL)
		pfinet_queue_tail->ps_qnext = s;
	else
		pfinet_queue_head = s;
	pfinet_queue_tail = s;
}

/* Take s off the notify queue (it is being freed). */
void
pfinet_unqueue(struct pfinet_sock *s)
{
	struct pfinet_sock **pp, *prev;

	if ((s->ps_flags & PSF_QUEUED) == 0)
		return;
	prev = NULL;
	for (pp = &pfinet_queue_head; *pp != NULL; pp = &(*pp)->ps_qnext) {
		if (*pp == s) {
			*pp = s->ps_qnext;
			if (pfinet_queue_tail == s)
				pfinet_queue_tail = prev;
			break;
		}
		prev = *pp;
	}
	s->ps_flags &= ~PSF_QUEUED;
	s->ps_qnext = NULL;
}

/* A socket from the fixed pool, or NULL when all are in use. */
struct pfinet_sock *
pfinet_sock_alloc(int domain, int type, int proto)
{
	struct pfinet_sock *s;
	size_t i;

	for (i = 0; i < PFINET_MAX_SOCKETS; i++) {
		s = &pfinet_socks[i];
		if (s->ps_state != PS_FREE)
			continue;
		memset(s, 0, sizeof(*s));
		s->ps_state = PS_NEW;
		s->ps_domain = domain;
		s->ps_type = type;
		s->ps_proto = proto;
		s->ps_sndbuf = TCP_SND_BUF;
		s->ps_rcvbuf = type == SOCK_STREAM ? TCP_WND :
		    PFINET_UDP_RCVBUF;
		return s;
	}
	return NULL;
}

void
pfinet_sock_free(struct pfinet_sock *s)
{
	pfinet_unqueue(s);
	memset(s, 0, sizeof(*s));
	s->ps_state = PS_FREE;
}
