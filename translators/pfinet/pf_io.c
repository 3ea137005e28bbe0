/*
 * pf_io.c -- pfinet's data path: socket_send/socket_recv and the io
 * protocol on socket ports (io_read, io_write, io_select, io_readable,
 * open modes), with their deferred retries.  Called from pf_main.c's
 * loop (the MIG stubs) and from pf_sock.c's retry of woken sockets.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mig_errors.h>

#include "pf.h"
#include "fs_types.h"
#include "socket_types.h"
#include "io_S.h"
#include "io_reply.h"
#include "socket_S.h"
#include "socket_reply.h"

#define PF_PAGE		4096
#define PF_INLINE	2048	/* MIG sends more than this out of line */

static size_t
pf_round(size_t n)
{
	return (n + PF_PAGE - 1) & ~(size_t)(PF_PAGE - 1);
}

/* Whether s's operations wait (blocking mode, no MSG_DONTWAIT). */
static int
pf_blocking(struct pf_sock *s, int flags)
{
	return !(s->modes & FS_O_NONBLOCK) && !(flags & MSG_DONTWAIT);
}

/*
 * Receive at most amount bytes into *data (MIG's inline buffer of
 * *cnt bytes, or fresh pages when more is asked); on return *data and
 * *cnt are the answer.  On error nothing is left allocated.
 */
static int
pf_recv_buf(struct pf_sock *s, int flags, size_t amount, data_t *data,
    mach_msg_type_number_t *cnt, char *addr, socklen_t *addrlen,
    int *outflags)
{
	data_t inl = *data;
	vm_address_t a = 0;
	size_t got = 0;
	int error;

	if (amount > PF_IO_MAX)
		amount = PF_IO_MAX;
	if (amount > *cnt) {
		if (vm_allocate(mach_task_self(), &a, amount, TRUE) != 0)
			return ENOMEM;
		*data = (data_t)a;
	}
	error = pfinet_recv(s->ps, *data, amount, flags & ~MSG_DONTWAIT,
	    (struct sockaddr *)addr, addrlen, &got, outflags);
	if (a != 0 && (error != 0 || got <= *cnt)) {
		if (error == 0)
			memcpy(inl, *data, got);
		vm_deallocate(mach_task_self(), a, amount);
		*data = inl;
	} else if (a != 0 && pf_round(got) < amount)
		vm_deallocate(mach_task_self(), a + pf_round(got),
		    amount - pf_round(got));
	*cnt = got;
	return error;
}

/* Answer a deferred recv or read with at most op->amount bytes. */
static int
pf_retry_recv(struct pf_sock *s, struct pf_op *op)
{
	char buf[PF_INLINE], addr[SOCKET_ADDR_MAX];
	data_t data = buf;
	mach_msg_type_number_t cnt = sizeof(buf);
	socklen_t alen = sizeof(addr);
	int error, oflags = 0;

	memset(addr, 0, sizeof(addr));
	error = pf_recv_buf(s, op->flags, op->amount, &data, &cnt, addr,
	    &alen, &oflags);
	if (error == EAGAIN)
		return EAGAIN;
	if (error != 0)
		return srv_reply_now(&op->reply, error), 0;
	if (alen > sizeof(addr))
		alen = sizeof(addr);
	if (op->kind == PF_OP_READ)
		error = io_read_reply(op->reply.port, op->reply.poly, 0,
		    data, cnt);
	else
		error = socket_recv_reply(op->reply.port, op->reply.poly, 0,
		    addr, alen, data, cnt, oflags);
	if (data != buf && error == MACH_SEND_INVALID_DEST)
		vm_deallocate(mach_task_self(), (vm_address_t)data,
		    pf_round(cnt));
	return 0;
}

/* Answer a deferred send or write once some of its bytes are taken. */
static int
pf_retry_send(struct pf_sock *s, struct pf_op *op)
{
	size_t sent = 0;
	int error;

	error = pfinet_send(s->ps, op->data, op->len, op->flags &
	    ~MSG_DONTWAIT, op->addrlen ? (struct sockaddr *)op->addr : NULL,
	    op->addrlen, &sent);
	if (error == EAGAIN)
		return EAGAIN;
	if (error != 0)
		srv_reply_now(&op->reply, error);
	else if (op->kind == PF_OP_WRITE)
		io_write_reply(op->reply.port, op->reply.poly, 0, sent);
	else
		socket_send_reply(op->reply.port, op->reply.poly, 0, sent);
	return 0;
}

/* IO_SELECT_* bits that are ready among want. */
static int
pf_select_ready(struct pf_sock *s, int want)
{
	unsigned int ev = pfinet_sock_events(s->ps);
	int ready = 0;

	if (ev & (POLLIN | POLLHUP | POLLERR | POLLRDHUP))
		ready |= IO_SELECT_READ;
	if (ev & (POLLOUT | POLLHUP | POLLERR))
		ready |= IO_SELECT_WRITE;
	return ready & want;
}

/* Retry a deferred recv, send or select; EAGAIN while it waits. */
int
pf_retry_io(struct pf_sock *s, struct pf_op *op)
{
	int ready;

	switch (op->kind) {
	case PF_OP_RECV:
	case PF_OP_READ:
		return pf_retry_recv(s, op);
	case PF_OP_SEND:
	case PF_OP_WRITE:
		return pf_retry_send(s, op);
	case PF_OP_SELECT:
		ready = pf_select_ready(s, op->flags);
		if (ready == 0)
			return EAGAIN;
		io_select_reply(op->reply.port, op->reply.poly, 0, ready);
		return 0;
	default:
		srv_reply_now(&op->reply, EIO);
		return 0;
	}
}

/* Defer a recv/read of amount bytes; the handler's return value. */
static kern_return_t
pf_defer_recv(struct pf_sock *s, enum pf_op_kind kind, int flags,
    size_t amount)
{
	struct pf_op op;
	int error;

	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.flags = flags;
	op.amount = amount > PF_IO_MAX ? PF_IO_MAX : amount;
	error = pf_op_defer(s, &op);
	return error == 0 ? MIG_NO_REPLY : error;
}

kern_return_t
S_socket_recv(srv_port_t sock, mach_port_t reply, int32_t flags,
    uint64_t amount, sockaddr_t addr, mach_msg_type_number_t *addrCnt,
    data_t *data, mach_msg_type_number_t *dataCnt, int32_t *outflags)
{
	struct pf_sock *s = pf_sock_of(sock);
	socklen_t alen = SOCKET_ADDR_MAX;
	int error;

	(void)reply;
	if (s == NULL)
		return EOPNOTSUPP;
	memset(addr, 0, SOCKET_ADDR_MAX);
	*outflags = 0;
	error = pf_recv_buf(s, flags, amount, data, dataCnt, addr, &alen,
	    outflags);
	if (error == EAGAIN && pf_blocking(s, flags))
		return pf_defer_recv(s, PF_OP_RECV, flags, amount);
	*addrCnt = alen > SOCKET_ADDR_MAX ? SOCKET_ADDR_MAX : alen;
	return error;
}

kern_return_t
S_io_read(srv_port_t io, mach_port_t reply, data_t *data,
    mach_msg_type_number_t *dataCnt, int64_t offset, uint64_t amount)
{
	struct pf_sock *s = pf_sock_of(io);
	int error, oflags = 0;

	(void)reply;
	if (s == NULL)
		return EOPNOTSUPP;
	if (offset != -1)
		return ESPIPE;
	error = pf_recv_buf(s, 0, amount, data, dataCnt, NULL, NULL,
	    &oflags);
	if (error == EAGAIN && pf_blocking(s, 0))
		return pf_defer_recv(s, PF_OP_READ, 0, amount);
	return error;
}

/*
 * Send, or keep the request (at most PF_SEND_KEEP of its bytes) until
 * there is room.  addr NULL: the socket's peer.
 */
static kern_return_t
pf_send(struct pf_sock *s, enum pf_op_kind kind, int flags,
    const char *data, size_t len, const char *addr, socklen_t alen,
    uint64_t *amount)
{
	struct pf_op op;
	size_t sent = 0;
	int error;

	error = pfinet_send(s->ps, data, len, flags & ~MSG_DONTWAIT,
	    alen ? (const struct sockaddr *)addr : NULL, alen, &sent);
	*amount = sent;
	if (error != EAGAIN || !pf_blocking(s, flags))
		return error;
	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.flags = flags;
	op.len = len > PF_SEND_KEEP ? PF_SEND_KEEP : len;
	op.addrlen = alen;
	memcpy(op.addr, addr, alen);
	op.data = malloc(op.len ? op.len : 1);
	if (op.data == NULL)
		return ENOBUFS;
	memcpy(op.data, data, op.len);
	error = pf_op_defer(s, &op);
	if (error != 0) {
		free(op.data);
		return error;
	}
	return MIG_NO_REPLY;
}

kern_return_t
S_socket_send(srv_port_t sock, mach_port_t reply, int32_t flags,
    const_data_t data, mach_msg_type_number_t dataCnt, const sockaddr_t addr,
    mach_msg_type_number_t addrCnt, uint64_t *amount)
{
	struct pf_sock *s = pf_sock_of(sock);
	kern_return_t kr;

	(void)reply;
	if (s == NULL)
		return EOPNOTSUPP;
	if (addrCnt > SOCKET_ADDR_MAX)
		return EINVAL;
	kr = pf_send(s, PF_OP_SEND, flags, data, dataCnt, addr, addrCnt,
	    amount);
	if (kr == 0 || kr == MIG_NO_REPLY)
		pf_free_in(data, dataCnt);
	return kr;
}

kern_return_t
S_io_write(srv_port_t io, mach_port_t reply, const_data_t data,
    mach_msg_type_number_t dataCnt, int64_t offset, uint64_t *amount)
{
	struct pf_sock *s = pf_sock_of(io);
	kern_return_t kr;

	(void)reply;
	if (s == NULL)
		return EOPNOTSUPP;
	if (offset != -1)
		return ESPIPE;
	kr = pf_send(s, PF_OP_WRITE, 0, data, dataCnt, NULL, 0, amount);
	if (kr == 0 || kr == MIG_NO_REPLY)
		pf_free_in(data, dataCnt);
	return kr;
}

kern_return_t
S_io_select(srv_port_t io, mach_port_t reply, int32_t *select_type)
{
	struct pf_sock *s = pf_sock_of(io);
	struct pf_op op;
	int want, ready, error;

	(void)reply;
	if (s == NULL)
		return EOPNOTSUPP;
	want = *select_type & (IO_SELECT_READ | IO_SELECT_WRITE |
	    IO_SELECT_URG);
	ready = pf_select_ready(s, want);
	if (ready != 0 || want == 0) {
		*select_type = ready;
		return 0;
	}
	memset(&op, 0, sizeof(op));
	op.kind = PF_OP_SELECT;
	op.flags = want;
	error = pf_op_defer(s, &op);
	return error == 0 ? MIG_NO_REPLY : error;
}

kern_return_t
S_io_seek(srv_port_t io, int64_t offset, int32_t whence, int64_t *newp)
{
	(void)offset;
	(void)whence;
	(void)newp;
	return pf_sock_of(io) == NULL ? EOPNOTSUPP : ESPIPE;
}

kern_return_t
S_io_readable(srv_port_t io, uint64_t *amount)
{
	struct pf_sock *s = pf_sock_of(io);

	if (s == NULL)
		return EOPNOTSUPP;
	*amount = pfinet_sock_nread(s->ps);
	return 0;
}

kern_return_t
S_io_get_openmodes(srv_port_t io, int32_t *bits)
{
	struct pf_sock *s = pf_sock_of(io);

	if (s == NULL)
		return EOPNOTSUPP;
	*bits = FS_O_READ | FS_O_WRITE | s->modes;
	return 0;
}

kern_return_t
S_io_set_all_openmodes(srv_port_t io, int32_t newbits)
{
	struct pf_sock *s = pf_sock_of(io);

	if (s == NULL)
		return EOPNOTSUPP;
	s->modes = newbits & FS_O_SETTABLE;
	return 0;
}

kern_return_t
S_io_set_some_openmodes(srv_port_t io, int32_t bits)
{
	struct pf_sock *s = pf_sock_of(io);

	if (s == NULL)
		return EOPNOTSUPP;
	s->modes |= bits & FS_O_SETTABLE;
	return 0;
}

kern_return_t
S_io_clear_some_openmodes(srv_port_t io, int32_t bits)
{
	struct pf_sock *s = pf_sock_of(io);

	if (s == NULL)
		return EOPNOTSUPP;
	s->modes &= ~(bits & FS_O_SETTABLE);
	return 0;
}

/* Another send right to the same socket (sockets have no file pointer). */
kern_return_t
S_io_duplicate(srv_port_t io, mach_port_t *newport,
    mach_msg_type_name_t *newportPoly)
{
	struct pf_sock *s = pf_sock_of(io);

	if (s == NULL)
		return EOPNOTSUPP;
	*newportPoly = MACH_MSG_TYPE_MOVE_SEND;
	return srv_port_make_send(&s->port, newport);
}

kern_return_t
S_io_stat(srv_port_t io, io_statbuf_t *st)
{
	struct pf_sock *s = pf_sock_of(io);

	if (s == NULL)
		return EOPNOTSUPP;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFSOCK | 0666;
	st->st_ino = s->port.name;
	st->st_blksize = 4096;
	return 0;
}

/* No identities on sockets yet: refused (the loop destroys the right). */
kern_return_t
S_io_reauthenticate(srv_port_t io, mach_port_t rendezvous)
{
	(void)io;
	(void)rendezvous;
	return EOPNOTSUPP;
}
