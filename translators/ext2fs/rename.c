/*
 * rename.c -- ext2_rename: moving a name within or across directories,
 * replacing a target, re-parenting a moved directory, and refusing to move
 * a directory into its own subtree.  Called by the translator.
 */
#include <errno.h>
#include <string.h>

#include "ext2_int.h"

#define RENAME_MAX_DEPTH	4096

/* 1 if dir is src or lies below it, 0 if not, or -E*. */
static int
rename_inside(struct ext2_fs *fs, uint32_t src, uint32_t dir)
{
	struct ext2_inode ip;
	struct ext2_dirloc loc;
	int depth, error;

	for (depth = 0; depth < RENAME_MAX_DEPTH; depth++) {
		if (dir == src)
			return 1;
		if (dir == EXT2_ROOT_INO)
			return 0;
		if ((error = ext2_get_dir(fs, dir, &ip)) != 0)
			return error;
		if ((error = ext2_dir_lookup(fs, &ip, "..", 2, &loc)) != 0)
			return error == -ENOENT ? -EIO : error;
		dir = loc.l_ino;
	}
	return -EIO;			/* a ".." loop */
}

/* Check a name for rename: a real entry name, not "." or "..". */
static int
rename_name(const char *name, size_t *lenp)
{
	int error = ext2_name_check_new(name, lenp);

	return error == -EEXIST ? -EINVAL : error;
}

/* May the existing target tp be replaced by sp?  0 or -E*. */
static int
rename_check_target(struct ext2_fs *fs, struct ext2_inode *sp,
    struct ext2_inode *tp)
{
	int error;

	if (EXT2_ISDIR(sp->i_d.i_mode)) {
		if (!EXT2_ISDIR(tp->i_d.i_mode))
			return -ENOTDIR;
		if ((error = ext2_dir_empty(fs, tp)) != 1)
			return error == 0 ? -ENOTEMPTY : error;
	} else if (EXT2_ISDIR(tp->i_d.i_mode))
		return -EISDIR;
	return 0;
}

/* Point the moved directory sp's ".." at its new parent. */
static int
rename_reparent(struct ext2_fs *fs, struct ext2_inode *sp, uint32_t ndir)
{
	struct ext2_dirloc loc;
	int error;

	if ((error = ext2_dir_lookup(fs, sp, "..", 2, &loc)) != 0)
		return error == -ENOENT ? -EIO : error;
	return ext2_dir_retarget(fs, sp, &loc, ndir,
	    ext2_dir_ftype(fs, EXT2_S_IFDIR));
}

struct rename_args {
	struct ext2_inode	 od, ndbuf, *nd, sp, tp;
	size_t			 olen, nlen;
	int			 target, srcdir, moved;
};

/* Validate everything before the first change. */
static int
rename_prepare(struct ext2_fs *fs, struct rename_args *a, uint32_t odir,
    const char *oname, uint32_t ndir, const char *nname)
{
	struct ext2_dirloc loc;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if ((error = rename_name(oname, &a->olen)) != 0 ||
	    (error = rename_name(nname, &a->nlen)) != 0)
		return error;
	if ((error = ext2_get_dir(fs, odir, &a->od)) != 0)
		return error;
	a->nd = &a->od;
	if (ndir != odir && (error = ext2_get_dir(fs, ndir,
	    a->nd = &a->ndbuf)) != 0)
		return error;
	if ((error = ext2_dir_lookup(fs, &a->od, oname, a->olen, &loc)) != 0)
		return error;
	if ((error = ext2_iget(fs, loc.l_ino, &a->sp)) != 0)
		return error;
	a->srcdir = EXT2_ISDIR(a->sp.i_d.i_mode);
	a->moved = a->srcdir && odir != ndir;
	if (a->moved && (error = rename_inside(fs, loc.l_ino, ndir)) != 0)
		return error == 1 ? -EINVAL : error;
	error = ext2_dir_lookup(fs, a->nd, nname, a->nlen, &loc);
	if (error == -ENOENT) {
		a->target = 0;
		return a->moved && a->nd->i_d.i_links_count >= EXT2_LINK_MAX ?
		    -EMLINK : 0;
	}
	if (error != 0)
		return error;
	a->target = 1;
	if (loc.l_ino == a->sp.i_ino)
		return 1;		/* the same file: nothing to do */
	if ((error = ext2_iget(fs, loc.l_ino, &a->tp)) != 0)
		return error;
	return rename_check_target(fs, &a->sp, &a->tp);
}

/* Enter sp under the new name, replacing the target if there is one. */
static int
rename_enter(struct ext2_fs *fs, struct rename_args *a, const char *nname)
{
	unsigned int ft = ext2_dir_ftype(fs, a->sp.i_d.i_mode);
	struct ext2_dirloc loc;
	int error;

	if (!a->target)
		return ext2_dir_add(fs, a->nd, nname, a->nlen, a->sp.i_ino, ft);
	if ((error = ext2_dir_lookup(fs, a->nd, nname, a->nlen, &loc)) != 0)
		return error;
	return ext2_dir_retarget(fs, a->nd, &loc, a->sp.i_ino, ft);
}

int
ext2_rename(struct ext2_fs *fs, uint32_t odir, const char *oname,
    uint32_t ndir, const char *nname)
{
	struct rename_args a;
	struct ext2_dirloc loc;
	int error;

	if ((error = rename_prepare(fs, &a, odir, oname, ndir, nname)) != 0)
		return error == 1 ? 0 : error;
	if ((error = rename_enter(fs, &a, nname)) != 0) {
		ext2_iput(fs, a.nd);	/* it may have grown all the same */
		return error;
	}
	/* Look again: the addition may have moved entries about. */
	if ((error = ext2_dir_lookup(fs, &a.od, oname, a.olen, &loc)) != 0 ||
	    (error = ext2_dir_remove(fs, &a.od, &loc)) != 0)
		return error;
	if (a.moved) {
		if ((error = rename_reparent(fs, &a.sp, ndir)) != 0)
			return error;
		a.od.i_d.i_links_count--;
		a.nd->i_d.i_links_count++;
	}
	if (a.target && EXT2_ISDIR(a.tp.i_d.i_mode))
		a.nd->i_d.i_links_count--;
	ext2_itouch(fs, &a.od, EXT2_TOUCH_M | EXT2_TOUCH_C);
	ext2_itouch(fs, a.nd, EXT2_TOUCH_M | EXT2_TOUCH_C);
	ext2_itouch(fs, &a.sp, EXT2_TOUCH_C);
	if ((error = ext2_iput(fs, &a.od)) != 0 ||
	    (a.nd != &a.od && (error = ext2_iput(fs, a.nd)) != 0) ||
	    (error = ext2_iput(fs, &a.sp)) != 0)
		return error;
	return a.target ? ext2_inode_unref(fs, &a.tp) : 0;
}
