/*
 * fs_node.c -- the file-system layer's node cache and opens (fs_layer.h): a
 * node is cached, keyed by its number, while anything holds it (an open,
 * a walk); the backend hears of it through hold/release.  Opens
 * (peropens) carry the file pointer and modes, ports (protids) the
 * identity.  Everything here runs with fs->lock held, except the port
 * class's clean, which takes it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>

#include "fs_layer.h"

static void fs_protid_clean(struct srv_port *);

const struct srv_class fs_protid_class = { "fs-protid", fs_protid_clean };

/* The protid of an io/fs request port, or NULL (EOPNOTSUPP). */
struct fs_protid *
fs_protid_of(struct srv_port *p)
{
	return p != NULL && p->class == &fs_protid_class ?
	    (struct fs_protid *)p : NULL;
}

/* Node ino from the cache or the backend, with a reference.  ENOMEM. */
int
fs_node_get(struct fs *fs, uint64_t ino, struct fs_node **npp)
{
	struct fs_node **head = &fs->hash[ino % FS_HASH], *np;
	int error;

	for (np = *head; np != NULL; np = np->next)
		if (np->ino == ino) {
			np->refs++;
			*npp = np;
			return 0;
		}
	np = calloc(1, sizeof(*np));
	if (np == NULL)
		return ENOMEM;
	if (fs->ops->hold != NULL && (error = fs->ops->hold(fs, ino)) != 0) {
		free(np);
		return error;
	}
	np->ino = ino;
	np->refs = 1;
	np->next = *head;
	*head = np;
	fs->nodes++;
	*npp = np;
	return 0;
}

void
fs_node_ref(struct fs_node *np)
{
	np->refs++;
}

/* Drop a reference; the last one leaves the cache (and the backend). */
void
fs_node_put(struct fs *fs, struct fs_node *np)
{
	struct fs_node **pp;

	if (--np->refs != 0)
		return;
	for (pp = &fs->hash[np->ino % FS_HASH]; *pp != np; pp = &(*pp)->next)
		;
	*pp = np->next;
	fs->nodes--;
	if (np->active != MACH_PORT_NULL)
		mach_port_deallocate(mach_task_self(), np->active);
	if (fs->ops->release != NULL)
		fs->ops->release(fs, np->ino);
	free(np);
}

int
fs_node_stat(struct fs *fs, struct fs_node *np, struct io_statbuf *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = fs->control->name;
	return fs->ops->stat(fs, np->ino, st);
}

/* A port on peropen po (taking a reference to it), for id. */
static int
fs_protid_create(struct fs *fs, struct fs_peropen *po,
    const struct fs_identity *id, mach_port_t *namep)
{
	struct fs_protid *pr;
	int error;

	error = srv_port_create(&fs->bucket, &fs_protid_class, sizeof(*pr),
	    &pr);
	if (error != 0)
		return error;
	pr->fs = fs;
	pr->id = *id;
	pr->po = po;
	po->refs++;
	po->np->opens++;
	error = srv_port_make_send(&pr->port, namep);
	if (error != 0) {
		/* Undo by hand: clean would take fs->lock, which we hold. */
		po->refs--;
		po->np->opens--;
		pr->po = NULL;
		srv_port_destroy(&pr->port);
	}
	srv_port_release(&pr->port);
	return error;
}

/*
 * Open np with modes for id, as a new open and port in *namep (to
 * MOVE_SEND); root_parent (consumed on success) is `..' above the
 * root.  The caller has checked permission.  ENOMEM.
 */
int
fs_open_node(struct fs *fs, struct fs_node *np, int modes,
    const struct fs_identity *id, mach_port_t root_parent,
    mach_port_t *namep)
{
	struct fs_peropen *po;
	int error;

	po = calloc(1, sizeof(*po));
	if (po == NULL)
		return ENOMEM;
	po->np = np;
	po->modes = modes & (FS_O_READ | FS_O_WRITE | FS_O_EXEC |
	    FS_O_SETTABLE);
	po->root_parent = root_parent;
	fs_node_ref(np);
	error = fs_protid_create(fs, po, id, namep);
	if (error != 0) {
		fs_node_put(fs, np);
		free(po);
	}
	return error;
}

/* Duplicate a port: same open, same identity (io_duplicate). */
int
fs_protid_dup(struct fs_protid *pr, const struct fs_identity *id,
    mach_port_t *namep)
{
	return fs_protid_create(pr->fs, pr->po, id, namep);
}

static void
fs_protid_clean(struct srv_port *p)
{
	struct fs_protid *pr = (struct fs_protid *)p;
	struct fs_peropen *po = pr->po;
	struct fs *fs = pr->fs;

	if (po == NULL)
		return;
	pthread_mutex_lock(&fs->lock);
	po->np->opens--;
	if (--po->refs == 0) {
		fs_node_put(fs, po->np);
		if (po->root_parent != MACH_PORT_NULL)
			mach_port_deallocate(mach_task_self(),
			    po->root_parent);
		free(po);
	}
	pthread_mutex_unlock(&fs->lock);
}
