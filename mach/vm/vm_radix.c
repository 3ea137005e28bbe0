/*
 * vm_radix.c -- a memory object's pages by index (see vm_radix.h).  Leaf
 * slots hold a physical address, 0 for none (frame 0 is reserved at boot
 * and never handed out); inner slots hold child nodes.  A walk frees the
 * nodes it leaves empty, so a tree holds no more nodes than its pages
 * need.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "vm/vm_radix.h"

struct vm_radix_node {
	uintptr_t	slot[VM_RADIX_FANOUT];
};

static struct kmem_cache *node_cache;

void
vm_radix_init(void)
{
	node_cache = kmem_cache_create("vm_radix_node",
	    sizeof(struct vm_radix_node), 64);
}

/* An empty tree able to index npages pages (at least one level). */
void
vm_radix_create(struct vm_radix *t, uint64_t npages)
{
	t->root = NULL;
	t->height = 1;
	while (t->height < 10 &&
	    (npages - 1) >> (VM_RADIX_BITS * t->height) != 0)
		t->height++;
}

static unsigned
slot_of(uint64_t index, unsigned level)
{
	return (index >> (VM_RADIX_BITS * level)) & (VM_RADIX_FANOUT - 1);
}

static bool
index_fits(const struct vm_radix *t, uint64_t index)
{
	return (index >> (VM_RADIX_BITS * t->height)) == 0;
}

/* The physical address of page index, or 0 if it is not there. */
uint64_t
vm_radix_lookup(const struct vm_radix *t, uint64_t index)
{
	struct vm_radix_node *n = t->root;
	unsigned level;

	if (!index_fits(t, index))
		return 0;
	for (level = t->height - 1; n != NULL && level > 0; level--)
		n = (struct vm_radix_node *)n->slot[slot_of(index, level)];
	if (n == NULL)
		return 0;
	return n->slot[slot_of(index, 0)];
}

static struct vm_radix_node *
node_alloc(void)
{
	struct vm_radix_node *n = kmem_cache_alloc(node_cache);

	if (n != NULL)
		memset(n, 0, sizeof(*n));
	return n;
}

/*
 * Set page index to pa (page aligned), replacing what was there.  Returns
 * 0, or -1 when a node cannot be allocated (the tree is unchanged but for
 * empty nodes, which the next walk frees).
 */
int
vm_radix_insert(struct vm_radix *t, uint64_t index, uint64_t pa)
{
	void **link = &t->root;
	struct vm_radix_node *n;
	unsigned level;

	KASSERT(index_fits(t, index) && pa != 0 &&
	    (pa & (KMEM_PAGE_SIZE - 1)) == 0);
	for (level = t->height; ; level--) {
		if (*link == NULL && (*link = node_alloc()) == NULL)
			return -1;
		n = *link;
		if (level == 1)
			break;
		link = (void **)&n->slot[slot_of(index, level - 1)];
	}
	n->slot[slot_of(index, 0)] = pa;
	return 0;
}

struct walk {
	uint64_t		 first, end;
	vm_radix_visit_t	*visit;
	void			*arg;
};

/*
 * Visit the pages under n (covering indices from base, level levels
 * tall) that lie in [w->first, w->end).  Returns whether n is now empty.
 */
static bool
walk_node(struct vm_radix_node *n, unsigned level, uint64_t base,
    const struct walk *w)
{
	uint64_t span = 1ul << (VM_RADIX_BITS * (level - 1));
	bool empty = true;

	for (unsigned i = 0; i < VM_RADIX_FANOUT; i++) {
		uint64_t lo = base + i * span, pa;

		if (n->slot[i] != 0 && lo < w->end && lo + span > w->first) {
			if (level > 1) {
				struct vm_radix_node *c = (void *)n->slot[i];

				if (walk_node(c, level - 1, lo, w)) {
					kmem_cache_free(node_cache, c);
					n->slot[i] = 0;
				}
			} else {
				pa = n->slot[i];
				w->visit(lo, &pa, w->arg);
				n->slot[i] = pa;
			}
		}
		empty = empty && n->slot[i] == 0;
	}
	return empty;
}

/*
 * Visit every page with an index in [first, end), in order.  Nodes left
 * empty (by the visits or by a failed insert) are freed.
 */
void
vm_radix_walk(struct vm_radix *t, uint64_t first, uint64_t end,
    vm_radix_visit_t *visit, void *arg)
{
	struct walk w = { first, end, visit, arg };

	if (t->root != NULL && first < end &&
	    walk_node(t->root, t->height, 0, &w)) {
		kmem_cache_free(node_cache, t->root);
		t->root = NULL;
	}
}
