/*
 * srv_node_fs.c -- the fs protocol of the single-node helper
 * (srv_node.h), in fs.defs order.  A single node is a file, not a
 * directory: names answer ENOTDIR, except dir_lookup of "" which opens
 * the node again; attributes are fixed (EOPNOTSUPP).  Errors are in
 * docs/protocols.md.
 */
#include <errno.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>

#include "srv_node_int.h"
#include "fs_S.h"

/* 0 if file is an open of the node, else EOPNOTSUPP. */
static int
srv_fs_check(struct srv_port *file)
{
	return file != NULL && file->class == &srv_protid_class ? 0 :
	    EOPNOTSUPP;
}

/* A request on a file that only a directory could answer. */
static int
srv_fs_notdir(struct srv_port *file)
{
	return srv_fs_check(file) != 0 ? EOPNOTSUPP : ENOTDIR;
}

kern_return_t
S_dir_lookup(srv_port_t start_dir, const_string_t file_name, int32_t flags,
    uint32_t mode, retry_type *do_retry, string_t retry_name,
    mach_port_t *result, mach_msg_type_name_t *resultPoly)
{
	struct srv_protid *pr = (struct srv_protid *)start_dir;
	static const uint32_t root = 0;
	int error, held;

	(void)mode;
	if (srv_fs_check(start_dir) != 0)
		return EOPNOTSUPP;
	if (file_name[0] != '\0')
		return ENOTDIR;
	/*
	 * No identity reaches us yet (no auth), so a reopen may ask only for
	 * what this port already has: a read-only port stays read-only.
	 */
	pthread_mutex_lock(&pr->open->node->lock);
	held = pr->open->modes & (FS_O_READ | FS_O_WRITE | FS_O_EXEC);
	pthread_mutex_unlock(&pr->open->node->lock);
	if (flags & (FS_O_READ | FS_O_WRITE | FS_O_EXEC) & ~held)
		return EACCES;
	error = srv_node_open(pr->open->node, flags, &root, 1, result);
	if (error != 0)
		return error;
	*resultPoly = MACH_MSG_TYPE_MOVE_SEND;
	*do_retry = FS_RETRY_NORMAL;
	retry_name[0] = '\0';
	return 0;
}

kern_return_t
S_dir_mkdir(srv_port_t directory, const_string_t name, uint32_t mode)
{
	(void)name, (void)mode;
	return srv_fs_notdir(directory);
}

kern_return_t
S_dir_rmdir(srv_port_t directory, const_string_t name)
{
	(void)name;
	return srv_fs_notdir(directory);
}

kern_return_t
S_dir_unlink(srv_port_t directory, const_string_t name)
{
	(void)name;
	return srv_fs_notdir(directory);
}

kern_return_t
S_dir_link(srv_port_t directory, mach_port_t file, const_string_t name,
    int32_t excl)
{
	(void)file, (void)name, (void)excl;
	return srv_fs_notdir(directory);
}

kern_return_t
S_dir_rename(srv_port_t olddirectory, const_string_t oldname,
    mach_port_t newdirectory, const_string_t newname, int32_t excl)
{
	(void)oldname, (void)newdirectory, (void)newname, (void)excl;
	return srv_fs_notdir(olddirectory);
}

kern_return_t
S_dir_mkfile(srv_port_t directory, int32_t flags, uint32_t mode,
    mach_port_t *newnode, mach_msg_type_name_t *newnodePoly)
{
	(void)flags, (void)mode, (void)newnode, (void)newnodePoly;
	return srv_fs_notdir(directory);
}

kern_return_t
S_dir_readdir(srv_port_t dir, data_t *data, mach_msg_type_number_t *dataCnt,
    int32_t entry, int32_t nentries, uint64_t bufsiz, int32_t *amount)
{
	(void)data, (void)dataCnt, (void)entry, (void)nentries;
	(void)bufsiz, (void)amount;
	return srv_fs_notdir(dir);
}

kern_return_t
S_file_chmod(srv_port_t file, uint32_t mode)
{
	(void)mode;
	(void)file;
	return EOPNOTSUPP;
}

kern_return_t
S_file_chown(srv_port_t file, uint32_t uid, uint32_t gid)
{
	(void)file, (void)uid, (void)gid;
	return EOPNOTSUPP;
}

kern_return_t
S_file_utimes(srv_port_t file, timespec_t atime, timespec_t mtime)
{
	(void)file, (void)atime, (void)mtime;
	return EOPNOTSUPP;
}

/* A device has no size to change: O_TRUNC and truncate succeed. */
kern_return_t
S_file_set_size(srv_port_t file, int64_t new_size)
{
	if (srv_fs_check(file) != 0)
		return EOPNOTSUPP;
	return new_size < 0 ? EINVAL : 0;
}

kern_return_t
S_file_statfs(srv_port_t file, fsys_statfsbuf_t *info)
{
	if (srv_fs_check(file) != 0)
		return EOPNOTSUPP;
	memset(info, 0, sizeof(*info));
	info->f_type = 0x77686f72;	/* "whor": a single-node server */
	info->f_bsize = info->f_frsize = 4096;
	info->f_files = 1;
	info->f_namelen = 0;
	info->f_fsid = ((struct srv_protid *)file)->open->node->control->name;
	return 0;
}

kern_return_t
S_file_sync(srv_port_t file, int32_t wait, int32_t omit_metadata)
{
	(void)wait, (void)omit_metadata;
	return srv_fs_check(file);
}

kern_return_t
S_file_syncfs(srv_port_t file, int32_t wait, int32_t do_children)
{
	(void)wait, (void)do_children;
	return srv_fs_check(file);
}

kern_return_t
S_file_get_translator(srv_port_t file, data_t *translator,
    mach_msg_type_number_t *translatorCnt)
{
	(void)file, (void)translator, (void)translatorCnt;
	return EOPNOTSUPP;
}

kern_return_t
S_file_set_translator(srv_port_t file, int32_t passive_flags,
    const_data_t passive, mach_msg_type_number_t passiveCnt)
{
	(void)file, (void)passive_flags, (void)passive, (void)passiveCnt;
	return EOPNOTSUPP;
}

kern_return_t
S_file_set_active(srv_port_t file, int32_t flags, mach_port_t active)
{
	(void)file, (void)flags, (void)active;
	return EOPNOTSUPP;
}

kern_return_t
S_file_get_translator_cntl(srv_port_t file, mach_port_t *cntl,
    mach_msg_type_name_t *cntlPoly)
{
	(void)file, (void)cntl, (void)cntlPoly;
	return EOPNOTSUPP;
}
