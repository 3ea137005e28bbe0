/*
 * fs_io.c -- the io protocol of the file-system layer (fs_layer.h), in
 * io.defs order: each handler finds the port's open, checks the modes
 * and arguments, and calls the backend under fs->lock.  Errors are in
 * docs/protocols.md.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mig_errors.h>

#include "fs_layer.h"
#include "io_S.h"

#define FS_PAGE		4096

int	fs_protid_dup(struct fs_protid *pr, const struct fs_identity *id,
	    mach_port_t *namep);

/* The offset of a transfer (fs->lock held): -1 is the file pointer. */
static int
fs_io_where(struct fs_peropen *po, int64_t offset, int64_t *where)
{
	if (offset < -1)
		return EINVAL;
	*where = offset == -1 ? po->offset : offset;
	return 0;
}

/* Write under fs->lock: append, the file kind, then the backend. */
static int
fs_io_write_locked(struct fs_protid *pr, const char *data, size_t len,
    int64_t offset, size_t *taken)
{
	struct fs *fs = pr->fs;
	struct io_statbuf st;
	int64_t where;
	int error;

	error = fs_io_where(pr->po, offset, &where);
	if (error == 0)
		error = fs_node_stat(fs, pr->po->np, &st);
	if (error == 0 && S_ISDIR(st.st_mode))
		error = EISDIR;
	if (error == 0 && !S_ISREG(st.st_mode))
		error = EOPNOTSUPP;
	if (error == 0 && fs->rdonly)
		error = EROFS;
	if (error == 0 && (pr->po->modes & FS_O_APPEND))
		where = st.st_size;
	if (error == 0 && len != 0)
		error = fs->ops->write(fs, pr->po->np->ino, where, data, len,
		    taken);
	if (error == 0 && (offset == -1 || (pr->po->modes & FS_O_APPEND)))
		pr->po->offset = where + *taken;
	return error;
}

kern_return_t
S_io_write(srv_port_t io, mach_port_t reply, const_data_t data,
    mach_msg_type_number_t dataCnt, int64_t offset, uint64_t *amount)
{
	struct fs_protid *pr = fs_protid_of(io);
	size_t taken = 0;
	int error;

	(void)reply;
	if (pr == NULL)
		return EOPNOTSUPP;
	if (!(pr->po->modes & FS_O_WRITE))
		return EBADF;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_io_write_locked(pr, data, dataCnt > FS_IO_MAX ? FS_IO_MAX :
	    dataCnt, offset, &taken);	/* a short write is no error */
	pthread_mutex_unlock(&pr->fs->lock);
	if (error != 0)
		return error;
	srv_free_in_data(data, dataCnt);
	*amount = taken;
	return 0;
}

/* Read under fs->lock into buf (amount bytes): *got. */
static int
fs_io_read_locked(struct fs_protid *pr, char *buf, size_t amount,
    int64_t offset, size_t *got)
{
	struct fs *fs = pr->fs;
	char target[FS_PATH_MAX];
	struct io_statbuf st;
	int64_t where;
	size_t len;
	int error;

	error = fs_io_where(pr->po, offset, &where);
	if (error == 0)
		error = fs_node_stat(fs, pr->po->np, &st);
	if (error == 0 && S_ISDIR(st.st_mode))
		error = EISDIR;
	if (error == 0 && S_ISLNK(st.st_mode)) {
		/* A symlink opened with O_NOLINK reads as its target. */
		error = fs->ops->readlink(fs, pr->po->np->ino, target,
		    sizeof(target), &len);
		*got = (error == 0 && where < (int64_t)len) ? len - where : 0;
		if (*got > amount)
			*got = amount;
		if (*got != 0)
			memcpy(buf, target + where, *got);
	} else if (error == 0 && amount != 0)
		error = fs->ops->read(fs, pr->po->np->ino, where, buf, amount,
		    got);
	if (error == 0 && offset == -1)
		pr->po->offset = where + *got;
	return error;
}

kern_return_t
S_io_read(srv_port_t io, mach_port_t reply, data_t *data,
    mach_msg_type_number_t *dataCnt, int64_t offset, uint64_t amount)
{
	struct fs_protid *pr = fs_protid_of(io);
	vm_address_t a = 0;
	size_t got = 0, all;
	char *buf = *data;
	int error;

	(void)reply;
	if (pr == NULL)
		return EOPNOTSUPP;
	if (!(pr->po->modes & FS_O_READ))
		return EBADF;
	if (amount > FS_IO_MAX)
		amount = FS_IO_MAX;
	all = (amount + FS_PAGE - 1) & ~(size_t)(FS_PAGE - 1);
	if (amount > *dataCnt) {
		if (vm_allocate(mach_task_self(), &a, all, TRUE) !=
		    KERN_SUCCESS)
			return ENOMEM;
		buf = (char *)a;
	}
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_io_read_locked(pr, buf, amount, offset, &got);
	pthread_mutex_unlock(&pr->fs->lock);
	if (error == 0 && got > amount)
		error = EIO;
	if (a != 0 && (error != 0 || got <= *dataCnt)) {
		if (error == 0)
			memcpy(*data, buf, got);	/* fits inline */
		vm_deallocate(mach_task_self(), a, all);
	} else if (a != 0) {
		fs_trim(a, got, all);
		*data = buf;	/* out of line; MIG deallocates it */
	}
	if (error == 0)
		*dataCnt = got;
	return error;
}

kern_return_t
S_io_seek(srv_port_t io, int64_t offset, int32_t whence, int64_t *newp)
{
	struct fs_protid *pr = fs_protid_of(io);
	struct io_statbuf st;
	int64_t base = 0;
	int error = 0;

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	if (whence == 1)
		base = pr->po->offset;
	else if (whence == 2 &&
	    (error = fs_node_stat(pr->fs, pr->po->np, &st)) == 0)
		base = st.st_size;
	else if (whence != 0 && whence != 2)
		error = EINVAL;
	if (error == 0 && (offset > 0 ? base > INT64_MAX - offset :
	    base + offset < 0))
		error = EINVAL;
	if (error == 0)
		*newp = pr->po->offset = base + offset;
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

kern_return_t
S_io_readable(srv_port_t io, uint64_t *amount)
{
	struct fs_protid *pr = fs_protid_of(io);
	struct io_statbuf st;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if (!(pr->po->modes & FS_O_READ))
		return EBADF;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_node_stat(pr->fs, pr->po->np, &st);
	if (error == 0)
		*amount = st.st_size > pr->po->offset ?
		    st.st_size - pr->po->offset : 0;
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

kern_return_t
S_io_get_openmodes(srv_port_t io, int32_t *bits)
{
	struct fs_protid *pr = fs_protid_of(io);

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	*bits = pr->po->modes;
	pthread_mutex_unlock(&pr->fs->lock);
	return 0;
}

static kern_return_t
fs_io_modes(struct srv_port *io, int clear, int set)
{
	struct fs_protid *pr = fs_protid_of(io);

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	pr->po->modes = (pr->po->modes & ~(clear & FS_O_SETTABLE)) |
	    (set & FS_O_SETTABLE);
	pthread_mutex_unlock(&pr->fs->lock);
	return 0;
}

kern_return_t
S_io_set_all_openmodes(srv_port_t io, int32_t newbits)
{
	return fs_io_modes(io, FS_O_SETTABLE, newbits);
}

kern_return_t
S_io_set_some_openmodes(srv_port_t io, int32_t bits_to_set)
{
	return fs_io_modes(io, 0, bits_to_set);
}

kern_return_t
S_io_clear_some_openmodes(srv_port_t io, int32_t bits_to_clear)
{
	return fs_io_modes(io, bits_to_clear, 0);
}

kern_return_t
S_io_duplicate(srv_port_t io, mach_port_t *newport,
    mach_msg_type_name_t *newportPoly)
{
	struct fs_protid *pr = fs_protid_of(io);
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_protid_dup(pr, &pr->id, newport);
	pthread_mutex_unlock(&pr->fs->lock);
	*newportPoly = MACH_MSG_TYPE_MOVE_SEND;
	return error;
}

kern_return_t
S_io_stat(srv_port_t io, io_statbuf_t *st)
{
	struct fs_protid *pr = fs_protid_of(io);
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_node_stat(pr->fs, pr->po->np, st);
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

/* Files and directories are always ready. */
kern_return_t
S_io_select(srv_port_t io, mach_port_t reply, int32_t *select_type)
{
	(void)reply;
	if (fs_protid_of(io) == NULL)
		return EOPNOTSUPP;
	if (*select_type & ~(IO_SELECT_READ | IO_SELECT_WRITE |
	    IO_SELECT_URG))
		return EINVAL;
	*select_type &= IO_SELECT_READ | IO_SELECT_WRITE;
	return 0;
}

/*
 * Until the auth server reaches this branch no new identity can be had;
 * the loop destroys the rendezvous.  This is where auth plugs in: the
 * new port gets fs_protid_dup(pr, <ids auth vouches for>, ...).
 */
kern_return_t
S_io_reauthenticate(srv_port_t io, mach_port_t rendezvous)
{
	(void)io, (void)rendezvous;
	return EOPNOTSUPP;
}
