/*
 * tmpfs_node.c -- tmpfs's nodes in memory (tmpfs.h): a table by number,
 * directories as lists of entries, file contents in one growing buffer,
 * every byte charged against the size limit (ENOSPC).  A node lives
 * while it has a name or the layer holds it.  Called by tmpfs.c with
 * the layer's lock held; returns 0 or a positive errno.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "tmpfs.h"

struct tmp_node *
tmpfs_node(struct tmpfs *t, uint64_t ino)
{
	return ino != 0 && ino < t->nnodes ? t->nodes[ino] : NULL;
}

void
tmpfs_touch(struct tmp_node *n, int m, int c)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (m) {
		n->mtime[0] = ts.tv_sec;
		n->mtime[1] = ts.tv_nsec;
	}
	if (c) {
		n->ctime[0] = ts.tv_sec;
		n->ctime[1] = ts.tv_nsec;
	}
}

/* Charge (or with a negative n give back) bytes.  ENOSPC. */
static int
tmpfs_charge(struct tmpfs *t, int64_t n)
{
	if (n > 0 && (uint64_t)n > t->limit - t->used)
		return ENOSPC;
	t->used += n;
	return 0;
}

/* A free number, growing the table.  ENOSPC ENOMEM. */
static int
tmpfs_slot(struct tmpfs *t, uint64_t *ino)
{
	struct tmp_node **nt;
	uint64_t i, n;

	for (i = t->next_free; i < t->nnodes; i++)
		if (t->nodes[i] == NULL) {
			*ino = t->next_free = i;
			return 0;
		}
	if (t->nnodes >= TMPFS_MAX_NODES)
		return ENOSPC;
	n = t->nnodes * 2;
	nt = realloc(t->nodes, n * sizeof(*nt));
	if (nt == NULL)
		return ENOMEM;
	memset(nt + t->nnodes, 0, (n - t->nnodes) * sizeof(*nt));
	t->nodes = nt;
	*ino = t->next_free = t->nnodes;
	t->nnodes = n;
	return 0;
}

/* A new node of mode (no name yet).  ENOSPC ENOMEM. */
static int
tmpfs_new(struct tmpfs *t, uint32_t mode, uint32_t uid, uint32_t gid,
    struct tmp_node **np)
{
	struct tmp_node *n;
	uint64_t ino;
	int error;

	if ((error = tmpfs_charge(t, TMPFS_NODE_COST)) != 0)
		return error;
	if ((error = tmpfs_slot(t, &ino)) != 0 ||
	    (n = calloc(1, sizeof(*n))) == NULL) {
		tmpfs_charge(t, -TMPFS_NODE_COST);
		return error != 0 ? error : ENOMEM;
	}
	n->ino = ino;
	n->mode = mode;
	n->uid = uid;
	n->gid = gid;
	tmpfs_touch(n, 1, 1);
	n->atime[0] = n->mtime[0];
	n->atime[1] = n->mtime[1];
	t->nodes[ino] = n;
	*np = n;
	return 0;
}

/* Free n if it has no name and no holder. */
static void
tmpfs_maybe_free(struct tmpfs *t, struct tmp_node *n)
{
	if (n->nlink != 0 || n->holds != 0)
		return;
	tmpfs_charge(t, -(int64_t)(TMPFS_NODE_COST + n->cap + n->translen));
	t->nodes[n->ino] = NULL;
	if (n->ino < t->next_free)
		t->next_free = n->ino;
	free(n->data);
	free(n->trans);
	free(n);
}

int
tmpfs_init(struct tmpfs *t, uint64_t limit)
{
	struct tmp_node *root;
	int error;

	memset(t, 0, sizeof(*t));
	t->limit = limit;
	t->nnodes = 64;
	t->next_free = 1;
	t->nodes = calloc(t->nnodes, sizeof(*t->nodes));
	if (t->nodes == NULL)
		return ENOMEM;
	error = tmpfs_new(t, S_IFDIR | 01777, 0, 0, &root);
	if (error == 0) {
		root->nlink = 2;
		root->parent = root->ino;
	}
	return error;
}

/* The directory dir's node.  ENOENT ENOTDIR. */
static int
tmpfs_dir(struct tmpfs *t, uint64_t dir, struct tmp_node **dp)
{
	*dp = tmpfs_node(t, dir);
	if (*dp == NULL)
		return ENOENT;
	return S_ISDIR((*dp)->mode) ? 0 : ENOTDIR;
}

/* The entry named name in d, and the link to it in *prevp. */
static struct tmp_dirent *
tmpfs_find(struct tmp_node *d, const char *name, struct tmp_dirent ***prevp)
{
	struct tmp_dirent **pp, *e;

	for (pp = &d->entries; (e = *pp) != NULL; pp = &e->next)
		if (strcmp(e->name, name) == 0)
			break;
	if (prevp != NULL)
		*prevp = pp;
	return e;
}

int
tmpfs_lookup(struct tmpfs *t, uint64_t dir, const char *name, uint64_t *ino)
{
	struct tmp_dirent *e;
	struct tmp_node *d;
	int error;

	if ((error = tmpfs_dir(t, dir, &d)) != 0)
		return error;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		*ino = name[1] ? d->parent : d->ino;
		return 0;
	}
	if ((e = tmpfs_find(d, name, NULL)) == NULL)
		return ENOENT;
	*ino = e->ino;
	return 0;
}

/* Add an entry name -> n in d.  ENOSPC ENOMEM. */
static int
tmpfs_enter(struct tmpfs *t, struct tmp_node *d, const char *name,
    struct tmp_node *n)
{
	size_t len = strlen(name) + 1;
	struct tmp_dirent *e;
	int error;

	if ((error = tmpfs_charge(t, sizeof(*e) + len)) != 0)
		return error;
	if ((e = malloc(sizeof(*e) + len)) == NULL) {
		tmpfs_charge(t, -(int64_t)(sizeof(*e) + len));
		return ENOMEM;
	}
	memcpy(e->name, name, len);
	e->ino = n->ino;
	e->next = d->entries;
	d->entries = e;
	n->nlink++;
	if (S_ISDIR(n->mode)) {
		d->nlink++;
		n->parent = d->ino;
	}
	tmpfs_touch(d, 1, 1);
	tmpfs_touch(n, 0, 1);
	return 0;
}

/* Take the entry at *pp out of d (its node may go). */
static void
tmpfs_drop(struct tmpfs *t, struct tmp_node *d, struct tmp_dirent **pp)
{
	struct tmp_dirent *e = *pp;
	struct tmp_node *n = tmpfs_node(t, e->ino);

	*pp = e->next;
	tmpfs_charge(t, -(int64_t)(sizeof(*e) + strlen(e->name) + 1));
	free(e);
	tmpfs_touch(d, 1, 1);
	if (n == NULL)
		return;
	tmpfs_touch(n, 0, 1);
	if (S_ISDIR(n->mode)) {
		d->nlink--;
		n->nlink = 0;		/* its "." goes with it */
	} else
		n->nlink--;
	tmpfs_maybe_free(t, n);
}

/* Resize n's buffer to hold cap bytes, charging the difference. */
static int
tmpfs_reserve(struct tmpfs *t, struct tmp_node *n, size_t want)
{
	size_t cap = n->cap ? n->cap : 64;
	char *p;
	int error;

	if (want <= n->cap)
		return 0;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	if ((error = tmpfs_charge(t, cap - n->cap)) != 0) {
		cap = want;	/* exactly what is needed, at the limit */
		if ((error = tmpfs_charge(t, cap - n->cap)) != 0)
			return error;
	}
	if ((p = realloc(n->data, cap)) == NULL) {
		tmpfs_charge(t, -(int64_t)(cap - n->cap));
		return ENOMEM;
	}
	memset(p + n->cap, 0, cap - n->cap);
	n->data = p;
	n->cap = cap;
	return 0;
}

/*
 * A new node named name in dir: a file or directory of mode, or with
 * target a symlink.  EEXIST ENOENT ENOTDIR ENOSPC ENOMEM.
 */
int
tmpfs_make(struct tmpfs *t, uint64_t dir, const char *name, uint32_t mode,
    uint32_t uid, uint32_t gid, const char *target, uint64_t *ino)
{
	struct tmp_node *d, *n;
	size_t len = target != NULL ? strlen(target) : 0;
	int error;

	if ((error = tmpfs_dir(t, dir, &d)) != 0)
		return error;
	if (d->nlink == 0)
		return ENOENT;		/* removed while open */
	if (tmpfs_find(d, name, NULL) != NULL || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0)
		return EEXIST;
	if ((error = tmpfs_new(t, mode, uid, gid, &n)) != 0)
		return error;
	if (target != NULL && (error = tmpfs_reserve(t, n, len)) == 0) {
		memcpy(n->data, target, len);
		n->size = len;
	}
	if (S_ISDIR(mode))
		n->nlink = 1;		/* its own "." */
	if (error == 0)
		error = tmpfs_enter(t, d, name, n);
	if (error != 0) {
		n->nlink = 0;
		tmpfs_maybe_free(t, n);
		return error;
	}
	*ino = n->ino;
	return 0;
}

/* A file with no name (dir_mkfile): freed unless the layer holds it. */
int
tmpfs_mkfile(struct tmpfs *t, uint32_t mode, uint32_t uid, uint32_t gid,
    uint64_t *ino)
{
	struct tmp_node *n;
	int error;

	if ((error = tmpfs_new(t, mode, uid, gid, &n)) != 0)
		return error;
	*ino = n->ino;
	return 0;
}

/* The empty regular file ino becomes a symlink to target.  EINVAL. */
int
tmpfs_symlink(struct tmpfs *t, uint64_t ino, const char *target)
{
	struct tmp_node *n = tmpfs_node(t, ino);
	size_t len = strlen(target);
	int error;

	if (n == NULL || !S_ISREG(n->mode) || n->size != 0 || len == 0)
		return EINVAL;
	if ((error = tmpfs_reserve(t, n, len)) != 0)
		return error;
	memcpy(n->data, target, len);
	n->size = len;
	n->mode = S_IFLNK | 0777;
	tmpfs_touch(n, 1, 1);
	return 0;
}

int
tmpfs_link(struct tmpfs *t, uint64_t dir, const char *name, uint64_t ino)
{
	struct tmp_node *d, *n = tmpfs_node(t, ino);
	int error;

	if ((error = tmpfs_dir(t, dir, &d)) != 0)
		return error;
	if (n == NULL || d->nlink == 0)
		return ENOENT;
	if (S_ISDIR(n->mode))
		return EPERM;
	if (n->nlink >= 0xffff)
		return EMLINK;
	if (tmpfs_find(d, name, NULL) != NULL)
		return EEXIST;
	return tmpfs_enter(t, d, name, n);
}

/* Unlink (isdir 0) or rmdir name in dir. */
int
tmpfs_remove(struct tmpfs *t, uint64_t dir, const char *name, int isdir)
{
	struct tmp_dirent *e, **pp;
	struct tmp_node *d, *n;
	int error;

	if ((error = tmpfs_dir(t, dir, &d)) != 0)
		return error;
	if ((e = tmpfs_find(d, name, &pp)) == NULL)
		return ENOENT;
	n = tmpfs_node(t, e->ino);
	if (isdir && !S_ISDIR(n->mode))
		return ENOTDIR;
	if (!isdir && S_ISDIR(n->mode))
		return EISDIR;
	if (isdir && n->entries != NULL)
		return ENOTEMPTY;
	tmpfs_drop(t, d, pp);
	return 0;
}

/* Is dir ino an ancestor of (or equal to) dir of? */
static int
tmpfs_above(struct tmpfs *t, uint64_t ino, uint64_t of)
{
	struct tmp_node *n;
	int depth;

	for (depth = 0; depth < 100000; depth++) {
		if (of == ino)
			return 1;
		if (of == TMPFS_ROOT || (n = tmpfs_node(t, of)) == NULL)
			return 0;
		of = n->parent;
	}
	return 1;
}

/* Can n replace the node m (the target name's)?  0 or the error. */
static int
tmpfs_replaceable(struct tmp_node *n, struct tmp_node *m)
{
	if (S_ISDIR(n->mode) && !S_ISDIR(m->mode))
		return ENOTDIR;
	if (!S_ISDIR(n->mode) && S_ISDIR(m->mode))
		return EISDIR;
	if (S_ISDIR(m->mode) && m->entries != NULL)
		return ENOTEMPTY;
	return 0;
}

/* A detached entry name -> ino, charged.  ENOSPC ENOMEM. */
static int
tmpfs_dirent_new(struct tmpfs *t, const char *name, uint64_t ino,
    struct tmp_dirent **ep)
{
	size_t len = strlen(name) + 1;
	int error;

	if ((error = tmpfs_charge(t, sizeof(**ep) + len)) != 0)
		return error;
	if ((*ep = malloc(sizeof(**ep) + len)) == NULL) {
		tmpfs_charge(t, -(int64_t)(sizeof(**ep) + len));
		return ENOMEM;
	}
	memcpy((*ep)->name, name, len);
	(*ep)->ino = ino;
	return 0;
}

/*
 * Rename oname in odir to nname in ndir, replacing a target of the same
 * kind, in one step (callers hold the lock: no one sees it half done).
 * ENOENT ENOTDIR EISDIR ENOTEMPTY EINVAL (a directory into itself).
 */
int
tmpfs_rename(struct tmpfs *t, uint64_t odir, const char *oname,
    uint64_t ndir, const char *nname)
{
	struct tmp_dirent *e, *te, *ne, **opp, **tpp;
	struct tmp_node *d, *nd, *n;
	int error;

	if ((error = tmpfs_dir(t, odir, &d)) != 0 ||
	    (error = tmpfs_dir(t, ndir, &nd)) != 0)
		return error;
	if ((e = tmpfs_find(d, oname, NULL)) == NULL || nd->nlink == 0)
		return ENOENT;
	n = tmpfs_node(t, e->ino);
	if (S_ISDIR(n->mode) && tmpfs_above(t, n->ino, ndir))
		return EINVAL;
	te = tmpfs_find(nd, nname, &tpp);
	if (te != NULL && te->ino == n->ino)
		return 0;
	if (te != NULL &&
	    (error = tmpfs_replaceable(n, tmpfs_node(t, te->ino))) != 0)
		return error;
	if ((error = tmpfs_dirent_new(t, nname, n->ino, &ne)) != 0)
		return error;
	if (te != NULL)
		tmpfs_drop(t, nd, tpp);
	e = tmpfs_find(d, oname, &opp);
	*opp = e->next;
	tmpfs_charge(t, -(int64_t)(sizeof(*e) + strlen(e->name) + 1));
	free(e);
	ne->next = nd->entries;
	nd->entries = ne;
	if (S_ISDIR(n->mode)) {
		d->nlink--;
		nd->nlink++;
		n->parent = nd->ino;
	}
	tmpfs_touch(d, 1, 1);
	tmpfs_touch(nd, 1, 1);
	tmpfs_touch(n, 0, 1);
	return 0;
}

int
tmpfs_read(struct tmpfs *t, uint64_t ino, uint64_t off, void *buf,
    size_t len, size_t *done)
{
	struct tmp_node *n = tmpfs_node(t, ino);

	if (n == NULL)
		return ENOENT;
	if (!S_ISREG(n->mode))
		return S_ISDIR(n->mode) ? EISDIR : EINVAL;
	*done = off >= n->size ? 0 : (len < n->size - off ? len :
	    n->size - off);
	if (*done != 0)
		memcpy(buf, n->data + off, *done);
	return 0;
}

int
tmpfs_write(struct tmpfs *t, uint64_t ino, uint64_t off, const void *buf,
    size_t len, size_t *done)
{
	struct tmp_node *n = tmpfs_node(t, ino);
	int error;

	if (n == NULL)
		return ENOENT;
	if (!S_ISREG(n->mode))
		return EINVAL;
	if (off > t->limit || len > t->limit - off)
		return off > INT64_MAX - len ? EFBIG : ENOSPC;
	if ((error = tmpfs_reserve(t, n, off + len)) != 0)
		return error;
	memcpy(n->data + off, buf, len);
	if (off + len > n->size)
		n->size = off + len;
	tmpfs_touch(n, 1, 1);
	*done = len;
	return 0;
}

int
tmpfs_truncate(struct tmpfs *t, uint64_t ino, uint64_t size)
{
	struct tmp_node *n = tmpfs_node(t, ino);
	int error;

	if (n == NULL)
		return ENOENT;
	if (!S_ISREG(n->mode))
		return EINVAL;
	if (size > t->limit)
		return size > INT64_MAX ? EFBIG : ENOSPC;
	if (size > n->size && (error = tmpfs_reserve(t, n, size)) != 0)
		return error;
	if (size < n->size)
		memset(n->data + size, 0, n->size - size);
	n->size = size;
	tmpfs_touch(n, 1, 1);
	return 0;
}

void
tmpfs_hold(struct tmpfs *t, uint64_t ino)
{
	struct tmp_node *n = tmpfs_node(t, ino);

	if (n != NULL)
		n->holds++;
}

void
tmpfs_release(struct tmpfs *t, uint64_t ino)
{
	struct tmp_node *n = tmpfs_node(t, ino);

	if (n != NULL && n->holds != 0) {
		n->holds--;
		tmpfs_maybe_free(t, n);
	}
}
