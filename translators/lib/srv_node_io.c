/*
 * srv_node_io.c -- the io and fs protocols of the single-node helper
 * (srv_node.h), in io.defs and fs.defs order: each handler checks the
 * port is an open of the node, then the modes and arguments, then calls
 * the server's operation.  Errors are in docs/protocols.md.
 */
#include <errno.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mig_errors.h>

#include "srv_node_int.h"
#include "io_S.h"
#include "fs_S.h"

#define SRV_PAGE	4096

/* The open of an io/fs request port, or NULL (EOPNOTSUPP). */
static struct srv_open *
srv_open_of(struct srv_port *p)
{
	return p != NULL && p->class == &srv_protid_class ?
	    ((struct srv_protid *)p)->open : NULL;
}

/*
 * The offset a transfer uses: offset itself, or with -1 the file
 * pointer.  EINVAL for other negative offsets.
 */
static int
srv_io_offset(struct srv_open *o, int64_t offset, int64_t *where)
{
	if (offset < -1)
		return EINVAL;
	if (offset == -1) {
		pthread_mutex_lock(&o->node->lock);
		*where = o->offset;
		pthread_mutex_unlock(&o->node->lock);
	} else
		*where = offset;
	return 0;
}

/* Advance the file pointer after a transfer at it. */
static void
srv_io_advance(struct srv_open *o, int64_t offset, size_t n)
{
	if (offset != -1)
		return;
	pthread_mutex_lock(&o->node->lock);
	o->offset += n;
	pthread_mutex_unlock(&o->node->lock);
}

kern_return_t
S_io_write(srv_port_t io, mach_port_t reply, const_data_t data,
    mach_msg_type_number_t dataCnt, int64_t offset, uint64_t *amount)
{
	struct srv_open *o = srv_open_of(io);
	struct srv_node *n;
	int64_t where;
	size_t taken = 0;
	int error;

	(void)reply;
	if (o == NULL)
		return EOPNOTSUPP;
	n = o->node;
	if (!(o->modes & FS_O_WRITE))
		return EBADF;
	error = srv_io_offset(o, offset, &where);
	if (error == 0 && n->ops->write == NULL)
		error = EOPNOTSUPP;
	if (error == 0 && dataCnt != 0)
		error = n->ops->write(n, o, where, data, dataCnt, &taken);
	if (error != 0)
		return error;
	srv_io_advance(o, offset, taken);
	srv_free_in_data(data, dataCnt);
	*amount = taken;
	return 0;
}

/*
 * The buffer a read of amount bytes fills: MIG's inline one when it
 * fits, else fresh zero-filled pages (sent out of line).  ENOMEM.
 */
static int
srv_read_buffer(data_t *data, mach_msg_type_number_t *dataCnt,
    size_t amount)
{
	vm_address_t a = 0;

	if (amount <= *dataCnt)
		return 0;
	if (vm_allocate(mach_task_self(), &a, amount, TRUE) != KERN_SUCCESS)
		return ENOMEM;
	*data = (data_t)a;
	return 0;
}

/* Shrink an out-of-line answer to got bytes (inline if it fits). */
static void
srv_read_trim(data_t inline_buf, mach_msg_type_number_t inline_size,
    data_t *data, size_t amount, size_t got)
{
	vm_address_t a = (vm_address_t)*data;
	size_t keep = (got + SRV_PAGE - 1) & ~(size_t)(SRV_PAGE - 1);
	size_t all = (amount + SRV_PAGE - 1) & ~(size_t)(SRV_PAGE - 1);

	if (*data == inline_buf)
		return;
	if (got <= inline_size) {
		memcpy(inline_buf, *data, got);
		*data = inline_buf;
		keep = 0;
	}
	if (all > keep)
		vm_deallocate(mach_task_self(), a + keep, all - keep);
}

kern_return_t
S_io_read(srv_port_t io, mach_port_t reply, data_t *data,
    mach_msg_type_number_t *dataCnt, int64_t offset, uint64_t amount)
{
	struct srv_open *o = srv_open_of(io);
	data_t inline_buf = *data;
	mach_msg_type_number_t inline_size = *dataCnt;
	struct srv_node *n;
	int64_t where;
	size_t got = 0;
	int error;

	(void)reply;
	if (o == NULL)
		return EOPNOTSUPP;
	n = o->node;
	if (!(o->modes & FS_O_READ))
		return EBADF;
	error = srv_io_offset(o, offset, &where);
	if (amount > SRV_NODE_IO_MAX)
		amount = SRV_NODE_IO_MAX;
	if (error == 0)
		error = srv_read_buffer(data, dataCnt, amount);
	if (error == 0 && amount != 0)
		error = n->ops->read(n, o, where, *data, amount, &got);
	if (error == 0 && got > amount)
		error = EIO;
	if (error != 0) {
		srv_read_trim(inline_buf, inline_size, data, amount, 0);
		return error;
	}
	srv_read_trim(inline_buf, inline_size, data, amount, got);
	*dataCnt = got;
	srv_io_advance(o, offset, got);
	return 0;
}

/* The file's size, as its stat record says. */
static int64_t
srv_node_size(struct srv_node *n)
{
	struct io_statbuf st;

	memset(&st, 0, sizeof(st));
	if (n->ops->stat != NULL)
		n->ops->stat(n, &st);
	return st.st_size;
}

kern_return_t
S_io_seek(srv_port_t io, int64_t offset, int32_t whence, int64_t *newp)
{
	struct srv_open *o = srv_open_of(io);
	int64_t base;
	int error = 0;

	if (o == NULL)
		return EOPNOTSUPP;
	if (whence == 2)
		base = srv_node_size(o->node);
	pthread_mutex_lock(&o->node->lock);
	if (whence == 0)
		base = 0;
	else if (whence == 1)
		base = o->offset;
	else if (whence != 2)
		error = EINVAL;
	if (error == 0 && (offset > 0 ? base > INT64_MAX - offset :
	    base + offset < 0))
		error = EINVAL;
	if (error == 0)
		*newp = o->offset = base + offset;
	pthread_mutex_unlock(&o->node->lock);
	return error;
}

kern_return_t
S_io_readable(srv_port_t io, uint64_t *amount)
{
	struct srv_open *o = srv_open_of(io);

	if (o == NULL)
		return EOPNOTSUPP;
	if (!(o->modes & FS_O_READ))
		return EBADF;
	*amount = 0;
	if (o->node->ops->readable == NULL)
		return 0;
	return o->node->ops->readable(o->node, o, amount);
}

kern_return_t
S_io_get_openmodes(srv_port_t io, int32_t *bits)
{
	struct srv_open *o = srv_open_of(io);

	if (o == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&o->node->lock);
	*bits = o->modes;
	pthread_mutex_unlock(&o->node->lock);
	return 0;
}

/* modes = (modes & ~clear) | set, for the settable bits only. */
static kern_return_t
srv_set_modes(struct srv_port *io, int clear, int set)
{
	struct srv_open *o = srv_open_of(io);

	if (o == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&o->node->lock);
	o->modes = (o->modes & ~(clear & FS_O_SETTABLE)) |
	    (set & FS_O_SETTABLE);
	pthread_mutex_unlock(&o->node->lock);
	return 0;
}

kern_return_t
S_io_set_all_openmodes(srv_port_t io, int32_t newbits)
{
	return srv_set_modes(io, FS_O_SETTABLE, newbits);
}

kern_return_t
S_io_set_some_openmodes(srv_port_t io, int32_t bits_to_set)
{
	return srv_set_modes(io, 0, bits_to_set);
}

kern_return_t
S_io_clear_some_openmodes(srv_port_t io, int32_t bits_to_clear)
{
	return srv_set_modes(io, bits_to_clear, 0);
}

kern_return_t
S_io_duplicate(srv_port_t io, mach_port_t *newport,
    mach_msg_type_name_t *newportPoly)
{
	struct srv_open *o = srv_open_of(io);
	int error;

	if (o == NULL)
		return EOPNOTSUPP;
	error = srv_protid_create(o, newport);
	*newportPoly = MACH_MSG_TYPE_MOVE_SEND;
	return error;
}

kern_return_t
S_io_stat(srv_port_t io, io_statbuf_t *st)
{
	struct srv_open *o = srv_open_of(io);
	struct srv_node *n;

	if (o == NULL)
		return EOPNOTSUPP;
	n = o->node;
	memset(st, 0, sizeof(*st));
	st->st_dev = n->control->name;
	st->st_ino = 1;
	st->st_mode = n->mode;
	st->st_nlink = 1;
	st->st_uid = st->st_author = n->uid;
	st->st_gid = n->gid;
	st->st_rdev = n->rdev;
	st->st_blksize = SRV_PAGE;
	st->st_atime_sec = st->st_mtime_sec = st->st_ctime_sec = n->start_sec;
	if (n->ops->stat != NULL)
		n->ops->stat(n, st);
	return 0;
}

kern_return_t
S_io_select(srv_port_t io, mach_port_t reply, int32_t *select_type)
{
	struct srv_open *o = srv_open_of(io);
	int types;

	(void)reply;
	if (o == NULL)
		return EOPNOTSUPP;
	types = *select_type;
	if (types & ~(IO_SELECT_READ | IO_SELECT_WRITE | IO_SELECT_URG))
		return EINVAL;
	if (o->node->ops->select == NULL)
		return 0;
	return o->node->ops->select(o->node, o, select_type);
}

/*
 * Without an auth server (none reaches this branch yet) a new identity
 * cannot be had: the rendezvous right is destroyed by the loop, which
 * the auth server sees as the server side never coming.
 */
kern_return_t
S_io_reauthenticate(srv_port_t io, mach_port_t rendezvous)
{
	(void)io, (void)rendezvous;
	return EOPNOTSUPP;
}
