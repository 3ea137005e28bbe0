/*
 * namei.c -- operations on names: lookup, create, mkdir, mknod, symlink,
 * link, unlink, rmdir, and the held-node list that defers freeing an
 * unlinked node until its last release.  Public entry points for the
 * translator; rename lives in rename.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ext2_int.h"

/* Check a single component; *lenp gets its length.  0 or -E*. */
int
ext2_name_check(const char *name, size_t *lenp)
{
	size_t len;

	if (name == NULL)
		return -EINVAL;
	for (len = 0; len <= EXT2_NAME_LEN && name[len] != '\0'; len++)
		if (name[len] == '/')
			return -EINVAL;
	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	*lenp = len;
	return 0;
}

/* A name a new entry may take: not "." or "..". */
int
ext2_name_check_new(const char *name, size_t *lenp)
{
	int error;

	if ((error = ext2_name_check(name, lenp)) != 0)
		return error;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EEXIST;
	return 0;
}

/* Read dir and check that it is a live directory. */
int
ext2_get_dir(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *ip)
{
	int error;

	if ((error = ext2_iget(fs, ino, ip)) != 0)
		return error;
	if (!EXT2_ISDIR(ip->i_d.i_mode))
		return -ENOTDIR;
	if (ip->i_d.i_links_count == 0)
		return -ENOENT;
	return 0;
}

int
ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name,
    uint32_t *ino)
{
	struct ext2_inode dp;
	struct ext2_dirloc loc;
	size_t len;
	int error;

	if ((error = ext2_name_check(name, &len)) != 0)
		return error;
	if ((error = ext2_get_dir(fs, dir, &dp)) != 0)
		return error;
	if ((error = ext2_dir_lookup(fs, &dp, name, len, &loc)) != 0)
		return error;
	*ino = loc.l_ino;
	return 0;
}

static int
held_find(struct ext2_fs *fs, uint32_t ino, struct ext2_held ***pp)
{
	struct ext2_held **p;

	for (p = &fs->held; *p != NULL; p = &(*p)->h_next)
		if ((*p)->h_ino == ino) {
			*pp = p;
			return 1;
		}
	return 0;
}

/* Free an inode with no names left: blocks, attributes, then the inode. */
int
ext2_inode_drop(struct ext2_fs *fs, struct ext2_inode *ip)
{
	int isdir = EXT2_ISDIR(ip->i_d.i_mode), error;

	error = ext2_itrunc(fs, ip, 0);
	if (error == 0)
		error = ext2_xattr_drop(fs, ip);
	ip->i_d.i_links_count = 0;
	/* e2fsck reads a dtime below the inode count as an orphan link. */
	ip->i_d.i_dtime = (uint32_t)ext2_now(fs);
	if (ip->i_d.i_dtime < fs->sb.s_inodes_count)
		ip->i_d.i_dtime = fs->sb.s_inodes_count;
	if (error == 0)
		error = ext2_iput(fs, ip);
	if (error == 0)
		error = ext2_ifree(fs, ip->i_ino, isdir);
	return error;
}

/* Drop one link of ip: free it now unless the caller holds it open. */
int
ext2_inode_unref(struct ext2_fs *fs, struct ext2_inode *ip)
{
	if (ip->i_d.i_links_count > 0)
		ip->i_d.i_links_count--;
	if (EXT2_ISDIR(ip->i_d.i_mode))
		ip->i_d.i_links_count = 0;
	ext2_itouch(fs, ip, EXT2_TOUCH_C);
	if (ip->i_d.i_links_count > 0 || ext2_held(fs, ip->i_ino))
		return ext2_iput(fs, ip);
	return ext2_inode_drop(fs, ip);
}

/* Is ino held open by the caller? */
int
ext2_held(struct ext2_fs *fs, uint32_t ino)
{
	struct ext2_held **p;

	return held_find(fs, ino, &p);
}

int
ext2_hold(struct ext2_fs *fs, uint32_t ino)
{
	struct ext2_held **p, *h;
	struct ext2_inode ip;
	int error;

	if ((error = ext2_iget(fs, ino, &ip)) != 0)
		return error;
	if (held_find(fs, ino, &p)) {
		(*p)->h_refs++;
		return 0;
	}
	if ((h = malloc(sizeof(*h))) == NULL)
		return -ENOMEM;
	h->h_ino = ino;
	h->h_refs = 1;
	h->h_next = fs->held;
	fs->held = h;
	return 0;
}

int
ext2_release(struct ext2_fs *fs, uint32_t ino)
{
	struct ext2_held **p, *h;
	struct ext2_inode ip;
	int error;

	if (!held_find(fs, ino, &p))
		return -EINVAL;
	h = *p;
	if (--h->h_refs > 0)
		return 0;
	error = ext2_iget(fs, ino, &ip);
	*p = h->h_next;
	free(h);
	if (error != 0)
		return error;
	if (ip.i_d.i_links_count == 0 && !(fs->flags & EXT2_MOUNT_RDONLY))
		return ext2_inode_drop(fs, &ip);
	return 0;
}

/* What a new node is to be; target is for symlinks. */
struct newnode {
	uint32_t	 mode, uid, gid, major, minor;
	const char	*target;
};

static void
node_owner(struct ext2_inode *ip, const struct newnode *nn)
{
	ip->i_d.i_mode = (uint16_t)nn->mode;
	ip->i_d.i_uid = (uint16_t)nn->uid;
	ip->i_d.i_uid_high = (uint16_t)(nn->uid >> 16);
	ip->i_d.i_gid = (uint16_t)nn->gid;
	ip->i_d.i_gid_high = (uint16_t)(nn->gid >> 16);
}

/* Give a fresh inode its type-specific contents. */
static int
node_init(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t dir,
    const struct newnode *nn)
{
	size_t len, done;
	int error;

	node_owner(ip, nn);
	ip->i_d.i_links_count = 1;
	switch (nn->mode & EXT2_S_IFMT) {
	case EXT2_S_IFDIR:
		ip->i_d.i_links_count = 2;
		return ext2_dir_init(fs, ip, dir);
	case EXT2_S_IFLNK:
		len = strlen(nn->target);
		if (len < sizeof(ip->i_d.i_block)) {
			memcpy(ip->i_d.i_block, nn->target, len);
			ext2_isetsize(fs, ip, len);
			return 0;
		}
		error = ext2_file_write(fs, ip, 0, nn->target, len, &done);
		return error == 0 && done != len ? -ENOSPC : error;
	case EXT2_S_IFCHR:
	case EXT2_S_IFBLK:
		if (nn->major < 256 && nn->minor < 256)
			ip->i_d.i_block[0] = nn->major << 8 | nn->minor;
		else
			ip->i_d.i_block[1] = (nn->minor & 0xff) |
			    nn->major << 8 | (nn->minor & ~0xffu) << 12;
		return 0;
	default:
		return 0;
	}
}

/*
 * Make a node named name in dir: check, allocate and fill the inode, then
 * enter it.  On failure nothing is left behind.
 */
static int
node_make(struct ext2_fs *fs, uint32_t dir, const char *name,
    const struct newnode *nn, uint32_t *inop)
{
	int isdir = EXT2_ISDIR(nn->mode), error;
	struct ext2_inode dp, ip;
	struct ext2_dirloc loc;
	uint32_t ino;
	size_t len;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if ((error = ext2_name_check_new(name, &len)) != 0)
		return error;
	if ((error = ext2_get_dir(fs, dir, &dp)) != 0)
		return error;
	if ((error = ext2_dir_lookup(fs, &dp, name, len, &loc)) != -ENOENT)
		return error == 0 ? -EEXIST : error;
	if (isdir && dp.i_d.i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	if ((error = ext2_ialloc(fs, dir, isdir, &ino)) != 0)
		return error;
	if ((error = ext2_iinit(fs, &ip, ino)) != 0)
		goto free_ino;
	if ((error = node_init(fs, &ip, dir, nn)) != 0)
		goto drop;
	if ((error = ext2_iput(fs, &ip)) != 0)
		goto drop;
	error = ext2_dir_add(fs, &dp, name, len, ino,
	    ext2_dir_ftype(fs, nn->mode));
	if (error != 0)
		goto put_dir;
	if (isdir)
		dp.i_d.i_links_count++;
	ext2_itouch(fs, &dp, EXT2_TOUCH_M | EXT2_TOUCH_C);
	if ((error = ext2_iput(fs, &dp)) != 0)
		return error;
	*inop = ino;
	return 0;
put_dir:
	/* A failed addition may still have grown the directory. */
	ext2_iput(fs, &dp);
drop:
	ext2_inode_drop(fs, &ip);
	return error;
free_ino:
	ext2_ifree(fs, ino, isdir);
	return error;
}

int
ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name,
    uint32_t mode, uint32_t uid, uint32_t gid, uint32_t *ino)
{
	struct newnode nn = { EXT2_S_IFREG | (mode & 07777), uid, gid, 0, 0,
	    NULL };

	return node_make(fs, dir, name, &nn, ino);
}

int
ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name,
    uint32_t mode, uint32_t uid, uint32_t gid, uint32_t *ino)
{
	struct newnode nn = { EXT2_S_IFDIR | (mode & 07777), uid, gid, 0, 0,
	    NULL };

	return node_make(fs, dir, name, &nn, ino);
}

/* Devices, fifos, sockets (and regular files); mode carries the type. */
int
ext2_mknod(struct ext2_fs *fs, uint32_t dir, const char *name,
    uint32_t mode, uint32_t major, uint32_t minor, uint32_t uid,
    uint32_t gid, uint32_t *ino)
{
	struct newnode nn = { mode & (EXT2_S_IFMT | 07777), uid, gid, major,
	    minor, NULL };

	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFCHR: case EXT2_S_IFBLK:
		if (major > 0xfff || minor > 0xfffff)
			return -EINVAL;
		break;
	case EXT2_S_IFIFO: case EXT2_S_IFSOCK: case EXT2_S_IFREG:
		break;
	default:
		return -EINVAL;
	}
	return node_make(fs, dir, name, &nn, ino);
}

/* Fast (in the inode) below 60 bytes, else one data block. */
int
ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name,
    const char *target, uint32_t uid, uint32_t gid, uint32_t *ino)
{
	struct newnode nn = { EXT2_S_IFLNK | 0777, uid, gid, 0, 0, target };
	size_t len;

	if (target == NULL)
		return -EINVAL;
	len = strlen(target);
	if (len == 0)
		return -ENOENT;
	if (len >= fs->bsize)
		return -ENAMETOOLONG;
	return node_make(fs, dir, name, &nn, ino);
}

/* Copy the target (not NUL-terminated) into buf; *len is its length. */
int
ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t size,
    size_t *len)
{
	struct ext2_inode ip;
	uint64_t n;
	int error;

	if ((error = ext2_iget(fs, ino, &ip)) != 0)
		return error;
	if (!EXT2_ISLNK(ip.i_d.i_mode))
		return -EINVAL;
	n = ext2_isize(&ip);
	if (n == 0 || n >= fs->bsize)
		return -EIO;
	if (size < n)
		return -ERANGE;
	if (!ext2_ihasdata(fs, &ip)) {
		if (n >= sizeof(ip.i_d.i_block))
			return -EIO;
		memcpy(buf, ip.i_d.i_block, n);
		*len = n;
		return 0;
	}
	if ((error = ext2_file_read(fs, &ip, 0, buf, n, len)) != 0)
		return error;
	return *len == n ? 0 : -EIO;
}

int
ext2_link(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t ino)
{
	struct ext2_inode dp, ip;
	struct ext2_dirloc loc;
	size_t len;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if ((error = ext2_name_check_new(name, &len)) != 0)
		return error;
	if ((error = ext2_get_dir(fs, dir, &dp)) != 0)
		return error;
	if ((error = ext2_iget(fs, ino, &ip)) != 0)
		return error;
	if (EXT2_ISDIR(ip.i_d.i_mode))
		return -EPERM;
	if (ip.i_d.i_links_count == 0)
		return -ENOENT;
	if (ip.i_d.i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	if ((error = ext2_dir_lookup(fs, &dp, name, len, &loc)) != -ENOENT)
		return error == 0 ? -EEXIST : error;
	error = ext2_dir_add(fs, &dp, name, len, ino,
	    ext2_dir_ftype(fs, ip.i_d.i_mode));
	if (error != 0) {
		ext2_iput(fs, &dp);	/* it may have grown all the same */
		return error;
	}
	ip.i_d.i_links_count++;
	ext2_itouch(fs, &ip, EXT2_TOUCH_C);
	ext2_itouch(fs, &dp, EXT2_TOUCH_M | EXT2_TOUCH_C);
	if ((error = ext2_iput(fs, &ip)) != 0)
		return error;
	return ext2_iput(fs, &dp);
}

/* Remove name from dir; rmdir asks for a directory, unlink for anything
 * else. */
static int
name_remove(struct ext2_fs *fs, uint32_t dir, const char *name, int rmdir)
{
	struct ext2_inode dp, ip;
	struct ext2_dirloc loc;
	size_t len;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if ((error = ext2_name_check(name, &len)) != 0)
		return error;
	if (strcmp(name, ".") == 0)
		return -EINVAL;
	if (strcmp(name, "..") == 0)
		return rmdir ? -ENOTEMPTY : -EISDIR;
	if ((error = ext2_get_dir(fs, dir, &dp)) != 0)
		return error;
	if ((error = ext2_dir_lookup(fs, &dp, name, len, &loc)) != 0)
		return error;
	if ((error = ext2_iget(fs, loc.l_ino, &ip)) != 0)
		return error;
	if (rmdir && !EXT2_ISDIR(ip.i_d.i_mode))
		return -ENOTDIR;
	if (!rmdir && EXT2_ISDIR(ip.i_d.i_mode))
		return -EISDIR;
	if (rmdir && (error = ext2_dir_empty(fs, &ip)) != 1)
		return error == 0 ? -ENOTEMPTY : error;
	if ((error = ext2_dir_remove(fs, &dp, &loc)) != 0)
		return error;
	if (rmdir && dp.i_d.i_links_count > 2)
		dp.i_d.i_links_count--;
	ext2_itouch(fs, &dp, EXT2_TOUCH_M | EXT2_TOUCH_C);
	if ((error = ext2_iput(fs, &dp)) != 0)
		return error;
	return ext2_inode_unref(fs, &ip);
}

int
ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name)
{
	return name_remove(fs, dir, name, 0);
}

int
ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name)
{
	return name_remove(fs, dir, name, 1);
}
