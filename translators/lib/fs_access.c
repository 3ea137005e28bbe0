/*
 * fs_access.c -- who may do what in the file-system layer (fs_layer.h): the
 * owner/group/other bits of a node against a port's identity, with root
 * (uid 0) passing every check but execution of a file no one may run,
 * as POSIX says.  Pure C: also built for the host test test_fs_access.
 */
#include <errno.h>
#include <string.h>

#include "fs_layer.h"

#define FS_S_IFMT	0170000
#define FS_S_IFDIR	0040000

int
fs_is_root(const struct fs_identity *id)
{
	uint32_t i;

	for (i = 0; i < id->nuids; i++)
		if (id->uids[i] == 0)
			return 1;
	return 0;
}

int
fs_in_group(const struct fs_identity *id, uint32_t gid)
{
	uint32_t i;

	for (i = 0; i < id->ngids; i++)
		if (id->gids[i] == gid)
			return 1;
	return 0;
}

/* Does id own the node (or is it root)? */
int
fs_is_owner(const struct fs_identity *id, const struct io_statbuf *st)
{
	uint32_t i;

	if (fs_is_root(id))
		return 1;
	for (i = 0; i < id->nuids; i++)
		if (id->uids[i] == (uint32_t)st->st_uid)
			return 1;
	return 0;
}

/*
 * May id have want (FS_ACC_* bits) on the node?  The owner's bits if
 * one of its uids owns it, else the group's if one of its gids is the
 * node's, else the others'.  Root may do anything but execute a
 * non-directory with no x bit at all.  0 or EACCES.
 */
int
fs_access(const struct fs_identity *id, const struct io_statbuf *st,
    int want)
{
	uint32_t mode = (uint32_t)st->st_mode, bits;
	uint32_t i;
	int owner = 0;

	if (fs_is_root(id)) {
		if ((want & FS_ACC_EXEC) && (mode & FS_S_IFMT) != FS_S_IFDIR &&
		    (mode & 0111) == 0)
			return EACCES;
		return 0;
	}
	for (i = 0; i < id->nuids; i++)
		if (id->uids[i] == (uint32_t)st->st_uid)
			owner = 1;
	if (owner)
		bits = (mode >> 6) & 7;
	else if (fs_in_group(id, (uint32_t)st->st_gid))
		bits = (mode >> 3) & 7;
	else
		bits = mode & 7;
	return (want & ~bits) == 0 ? 0 : EACCES;
}

/* Fill id from id arrays (at most FS_IDS_MAX each).  EINVAL. */
int
fs_identity_set(struct fs_identity *id, const uint32_t *uids, size_t nuids,
    const uint32_t *gids, size_t ngids)
{
	if (nuids > FS_IDS_MAX || ngids > FS_IDS_MAX)
		return EINVAL;
	memset(id, 0, sizeof(*id));
	id->nuids = nuids;
	id->ngids = ngids;
	if (nuids != 0)
		memcpy(id->uids, uids, nuids * sizeof(*uids));
	if (ngids != 0)
		memcpy(id->gids, gids, ngids * sizeof(*gids));
	return 0;
}
