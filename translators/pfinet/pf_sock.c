/*
 * pf_sock.c -- pfinet's socket objects and the socket protocol
 * (translators/defs/socket.defs): one port per engine socket, the
 * deferred operations kept on it, and their retry when the engine says
 * the socket's readiness changed.  Called from pf_main.c's loop only.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>

#include "pf.h"
#include "fs_types.h"
#include "socket_types.h"
#include "socket_S.h"
#include "socket_reply.h"

unsigned int pf_nsocks, pf_npending;

/* Sockets whose readiness changed while operations wait on them. */
static struct pf_sock *pf_woken;

static void pf_sock_clean(struct srv_port *p);

const struct srv_class pf_sock_class = { "socket", pf_sock_clean };
const struct srv_class pf_server_class = { "socket-server", NULL };

struct pf_sock *
pf_sock_of(struct srv_port *p)
{
	if (p == NULL || p->class != &pf_sock_class)
		return NULL;
	return (struct pf_sock *)p;
}

/* A deferred operation is answered or dropped: free what it kept. */
static void
pf_op_end(struct pf_sock *s, unsigned int i)
{
	free(s->ops[i].data);
	s->nops--;
	s->owner->nops--;
	pf_npending--;
	memmove(&s->ops[i], &s->ops[i + 1], (s->nops - i) * sizeof(s->ops[0]));
	memset(&s->ops[s->nops], 0, sizeof(s->ops[0]));
}

/* The socket port's last reference: drop its waiters, close it. */
static void
pf_sock_clean(struct srv_port *p)
{
	struct pf_sock *s = (struct pf_sock *)p, **pp;

	while (s->nops > 0) {
		if (s->ops[0].reply.port != MACH_PORT_NULL)
			mach_port_deallocate(mach_task_self(),
			    s->ops[0].reply.port);
		pf_op_end(s, 0);
	}
	for (pp = &pf_woken; *pp != NULL; pp = &(*pp)->wnext)
		if (*pp == s) {
			*pp = s->wnext;
			break;
		}
	pfinet_sock_notify(s->ps, NULL, NULL);
	pfinet_close(s->ps);
	pf_nsocks--;
	s->owner->nsocks--;
	srv_port_release(&s->owner->port);
}

/* The engine's readiness callback: queue the socket for a retry. */
static void
pf_sock_wake(void *arg, struct pfinet_sock *ps)
{
	struct pf_sock *s = arg;

	(void)ps;
	if (s->woken || s->nops == 0)
		return;
	s->woken = 1;
	s->wnext = pf_woken;
	pf_woken = s;
}

/* A new server port (an owner of sockets); *namep a send right. */
int
pf_owner_new(mach_port_t *namep)
{
	struct pf_owner *o;
	int error;

	error = srv_port_create(&pf_bucket, &pf_server_class, sizeof(*o), &o);
	if (error != 0)
		return error;
	error = srv_port_make_send(&o->port, namep);
	if (error != 0)
		srv_port_destroy(&o->port);
	srv_port_release(&o->port);
	return error;
}

/*
 * A port for engine socket ps (which it now owns: on failure ps is
 * closed), counted against owner; *namep is a send right to move out.
 */
int
pf_sock_new(struct pfinet_sock *ps, struct pf_owner *owner,
    mach_port_t *namep)
{
	struct pf_sock *s;
	int error;

	error = srv_port_create(&pf_bucket, &pf_sock_class, sizeof(*s), &s);
	if (error != 0) {
		pfinet_close(ps);
		return error;
	}
	s->ps = ps;
	s->owner = owner;
	srv_port_ref(&owner->port);
	owner->nsocks++;
	pf_nsocks++;
	pfinet_sock_notify(ps, pf_sock_wake, s);
	error = srv_port_make_send(&s->port, namep);
	if (error != 0)
		srv_port_destroy(&s->port);
	srv_port_release(&s->port);
	return error;
}

/* Keep op (the current request's reply) on s.  EAGAIN when s is full. */
int
pf_op_defer(struct pf_sock *s, const struct pf_op *op)
{
	struct pf_op *o;

	if (s->nops >= PF_OPS_MAX || s->owner->nops >= PF_OWNER_OPS)
		return EAGAIN;
	o = &s->ops[s->nops];
	*o = *op;
	if (pf_defer_current(&o->reply) != 0) {
		memset(o, 0, sizeof(*o));
		return EWOULDBLOCK;	/* nobody waits for the answer */
	}
	s->nops++;
	s->owner->nops++;
	pf_npending++;
	return 0;
}

/* Retry an accept: ENOENT while none is pending. */
static int
pf_retry_accept(struct pf_sock *s, struct pf_op *op)
{
	struct pfinet_sock *c;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	mach_port_t name;
	int error;

	memset(&ss, 0, sizeof(ss));
	if (s->owner->nsocks >= PF_OWNER_SOCKS)
		return srv_reply_now(&op->reply, EMFILE), 0;
	error = pfinet_accept(s->ps, &c, (struct sockaddr *)&ss, &len);
	if (error == EAGAIN)
		return EAGAIN;
	if (error == 0)
		error = pf_sock_new(c, s->owner, &name);
	if (error != 0)
		return srv_reply_now(&op->reply, error), 0;
	if (len > sizeof(ss))
		len = sizeof(ss);
	socket_accept_reply(op->reply.port, op->reply.poly, 0, name,
	    MACH_MSG_TYPE_MOVE_SEND, (char *)&ss, len);
	return 0;
}

/* Retry a connect: done once writable or in error. */
static int
pf_retry_connect(struct pf_sock *s, struct pf_op *op)
{
	unsigned int ev = pfinet_sock_events(s->ps);
	socklen_t len = sizeof(int);
	int soerr = 0;

	if (!(ev & (POLLOUT | POLLERR | POLLHUP)))
		return EAGAIN;
	pfinet_getsockopt(s->ps, SOL_SOCKET, SO_ERROR, &soerr, &len);
	srv_reply_now(&op->reply, soerr);
	return 0;
}

/* Retry one operation; EAGAIN if it still waits (else it is answered). */
static int
pf_retry(struct pf_sock *s, struct pf_op *op)
{
	switch (op->kind) {
	case PF_OP_ACCEPT:
		return pf_retry_accept(s, op);
	case PF_OP_CONNECT:
		return pf_retry_connect(s, op);
	default:
		return pf_retry_io(s, op);
	}
}

/* Retry what waits on every woken socket. */
void
pf_run_woken(void)
{
	struct pf_sock *s;
	unsigned int i;

	while ((s = pf_woken) != NULL) {
		pf_woken = s->wnext;
		s->woken = 0;
		srv_port_ref(&s->port);
		for (i = 0; i < s->nops; ) {
			if (pf_retry(s, &s->ops[i]) == EAGAIN)
				i++;
			else
				pf_op_end(s, i);
		}
		srv_port_release(&s->port);
	}
}

/* The server port, or NULL. */
static struct pf_owner *
pf_owner_of(srv_port_t p)
{
	if (p == NULL || p->class != &pf_server_class)
		return NULL;
	return (struct pf_owner *)p;
}

kern_return_t
S_socket_create(srv_port_t server, int32_t domain, int32_t type,
    int32_t protocol, mach_port_t *sock, mach_msg_type_name_t *sockPoly)
{
	struct pf_owner *o = pf_owner_of(server);
	struct pfinet_sock *ps;
	int error;

	if (o == NULL)
		return EOPNOTSUPP;
	if (o->nsocks >= PF_OWNER_SOCKS)
		return EMFILE;
	error = pfinet_socket(domain, type, protocol, &ps);
	if (error == 0)
		error = pf_sock_new(ps, o, sock);
	*sockPoly = MACH_MSG_TYPE_MOVE_SEND;
	return error;
}

kern_return_t
S_socket_bind(srv_port_t sock, const sockaddr_t addr,
    mach_msg_type_number_t addrCnt)
{
	struct pf_sock *s = pf_sock_of(sock);

	if (s == NULL)
		return EOPNOTSUPP;
	return pfinet_bind(s->ps, (const struct sockaddr *)addr, addrCnt);
}

kern_return_t
S_socket_listen(srv_port_t sock, int32_t backlog)
{
	struct pf_sock *s = pf_sock_of(sock);

	if (s == NULL)
		return EOPNOTSUPP;
	return pfinet_listen(s->ps, backlog);
}

kern_return_t
S_socket_accept(srv_port_t sock, mach_port_t reply, mach_port_t *new_sock,
    mach_msg_type_name_t *new_sockPoly, sockaddr_t addr,
    mach_msg_type_number_t *addrCnt)
{
	struct pf_sock *s = pf_sock_of(sock);
	struct pfinet_sock *c;
	struct pf_op op;
	socklen_t len = SOCKET_ADDR_MAX;
	int error;

	(void)reply;
	if (s == NULL)
		return EOPNOTSUPP;
	memset(addr, 0, SOCKET_ADDR_MAX);
	if (s->owner->nsocks >= PF_OWNER_SOCKS)
		return EMFILE;
	error = pfinet_accept(s->ps, &c, (struct sockaddr *)addr, &len);
	if (error == EAGAIN && !(s->modes & FS_O_NONBLOCK)) {
		memset(&op, 0, sizeof(op));
		op.kind = PF_OP_ACCEPT;
		error = pf_op_defer(s, &op);
		return error == 0 ? MIG_NO_REPLY : error;
	}
	if (error == 0)
		error = pf_sock_new(c, s->owner, new_sock);
	*new_sockPoly = MACH_MSG_TYPE_MOVE_SEND;
	*addrCnt = len > SOCKET_ADDR_MAX ? SOCKET_ADDR_MAX : len;
	return error;
}

kern_return_t
S_socket_connect(srv_port_t sock, mach_port_t reply, const sockaddr_t addr,
    mach_msg_type_number_t addrCnt)
{
	struct pf_sock *s = pf_sock_of(sock);
	struct pf_op op;
	int error;

	(void)reply;
	if (s == NULL)
		return EOPNOTSUPP;
	error = pfinet_connect(s->ps, (const struct sockaddr *)addr, addrCnt);
	if (error != EINPROGRESS || (s->modes & FS_O_NONBLOCK))
		return error;
	memset(&op, 0, sizeof(op));
	op.kind = PF_OP_CONNECT;
	error = pf_op_defer(s, &op);
	return error == 0 ? MIG_NO_REPLY : error;
}

kern_return_t
S_socket_shutdown(srv_port_t sock, int32_t how)
{
	struct pf_sock *s = pf_sock_of(sock);

	if (s == NULL)
		return EOPNOTSUPP;
	return pfinet_shutdown(s->ps, how);
}

/* One of the socket's addresses, by get (the engine's name or peer). */
static kern_return_t
pf_sock_address(srv_port_t sock, sockaddr_t addr, mach_msg_type_number_t *cnt,
    int (*get)(struct pfinet_sock *, struct sockaddr *, socklen_t *))
{
	struct pf_sock *s = pf_sock_of(sock);
	socklen_t len = SOCKET_ADDR_MAX;
	int error;

	if (s == NULL)
		return EOPNOTSUPP;
	memset(addr, 0, SOCKET_ADDR_MAX);
	error = get(s->ps, (struct sockaddr *)addr, &len);
	*cnt = len > SOCKET_ADDR_MAX ? SOCKET_ADDR_MAX : len;
	return error;
}

kern_return_t
S_socket_name(srv_port_t sock, sockaddr_t addr, mach_msg_type_number_t *cnt)
{
	return pf_sock_address(sock, addr, cnt, pfinet_getsockname);
}

kern_return_t
S_socket_peername(srv_port_t sock, sockaddr_t addr,
    mach_msg_type_number_t *cnt)
{
	return pf_sock_address(sock, addr, cnt, pfinet_getpeername);
}

kern_return_t
S_socket_stats(srv_port_t server, int32_t *objects, int32_t *sockets,
    int32_t *pending, int32_t *timer_wakeups)
{
	if (pf_owner_of(server) == NULL)
		return EOPNOTSUPP;
	*objects = srv_port_count();
	*sockets = (int32_t)pf_nsocks;
	*pending = (int32_t)pf_npending;
	*timer_wakeups = (int32_t)pf_ntimer;
	return 0;
}

/* SO_LINGER is kept here: the engine never blocks a close. */
static int
pf_is_linger(int32_t level, int32_t option)
{
	return level == SOL_SOCKET && option == SO_LINGER;
}

kern_return_t
S_socket_getopt(srv_port_t sock, int32_t level, int32_t option,
    sockopt_t value, mach_msg_type_number_t *valueCnt)
{
	struct pf_sock *s = pf_sock_of(sock);
	socklen_t len = SOCKET_OPT_MAX;
	int error;

	if (s == NULL)
		return EOPNOTSUPP;
	memset(value, 0, SOCKET_OPT_MAX);
	if (pf_is_linger(level, option)) {
		memcpy(value, &s->linger, sizeof(s->linger));
		*valueCnt = sizeof(s->linger);
		return 0;
	}
	error = pfinet_getsockopt(s->ps, level, option, value, &len);
	*valueCnt = len > SOCKET_OPT_MAX ? SOCKET_OPT_MAX : len;
	return error;
}

kern_return_t
S_socket_setopt(srv_port_t sock, int32_t level, int32_t option,
    const sockopt_t value, mach_msg_type_number_t valueCnt)
{
	struct pf_sock *s = pf_sock_of(sock);
	struct linger l;

	if (s == NULL)
		return EOPNOTSUPP;
	if (!pf_is_linger(level, option))
		return pfinet_setsockopt(s->ps, level, option, value,
		    valueCnt);
	if (valueCnt < sizeof(l))
		return EINVAL;
	memcpy(&l, value, sizeof(l));
	if (l.l_linger < 0)
		return EINVAL;
	s->linger.l_onoff = l.l_onoff != 0;
	s->linger.l_linger = l.l_linger;
	return 0;
}

/* Whether some socket waits for its operations to be retried. */
int
pf_woken_any(void)
{
	return pf_woken != NULL;
}
