/*
 * kalloc.c -- slab caches and kalloc (see kalloc.h), used by every kernel
 * subsystem that needs memory.  A slab is one page: a 64-byte header, then
 * objects.  The header's bitmap says which objects are allocated, so a free
 * finds its slab by rounding the address down to the page and can check
 * that the object was really handed out.  Blocks above KALLOC_MAX_SMALL are
 * whole pages with a 16-byte header at the start.
 */
#include "kern/klib.h"
#include "kern/lock.h"
#include "kern/kalloc.h"

#define KMEM_SLAB_MAGIC		0x51ab51abU
#define KMEM_LARGE_MAGIC	0x1a76e000U
#define KMEM_DEAD_MAGIC		0xdeadfee1U
#define KMEM_SLAB_HDR		64
#define KMEM_LARGE_HDR		16
#define KMEM_MAX_OBJS		256	/* bits in a slab header's bitmap */
#define KMEM_MIN_SIZE		16
#define KMEM_NCLASSES		8	/* kalloc classes 16 ... 2048 */

/* The head of every slab page.  All fields under its cache's lock. */
struct kmem_slab {
	uint32_t		 magic;
	uint16_t		 nfree;
	uint16_t		 pad;
	struct kmem_cache	*cache;
	struct kmem_slab	*next;
	struct kmem_slab	*prev;
	uint64_t		 used[KMEM_MAX_OBJS / 64];
};

/* The head of a large block. */
struct kmem_large {
	uint32_t		 magic;
	uint32_t		 pad;
	uint64_t		 npages;
};

/*
 * Under AddressSanitizer (host tests) free objects are poisoned, so a test
 * that touches freed memory or overruns an object fails on the spot.
 */
#if defined(HOST_TEST) && defined(__SANITIZE_ADDRESS__)
void	__asan_poison_memory_region(void const volatile *, size_t);
void	__asan_unpoison_memory_region(void const volatile *, size_t);
#define KMEM_POISON(p, n)	__asan_poison_memory_region((p), (n))
#define KMEM_UNPOISON(p, n)	__asan_unpoison_memory_region((p), (n))
#else
#define KMEM_POISON(p, n)	((void)(p), (void)(n))
#define KMEM_UNPOISON(p, n)	((void)(p), (void)(n))
#endif

_Static_assert(sizeof(struct kmem_slab) == KMEM_SLAB_HDR, "slab header");
_Static_assert(sizeof(struct kmem_large) == KMEM_LARGE_HDR, "large header");

/*
 * Locks: [I] immutable after creation, [c] the cache's lock, [g] kmem_lock.
 */
struct kmem_cache {
	struct spinlock		 lock;
	char			 name[KMEM_NAME_MAX];	/* [I] */
	size_t			 size;		/* [I] object stride */
	unsigned		 first;		/* [I] first object's offset */
	unsigned		 per_slab;	/* [I] objects in a slab */
	struct kmem_slab	*partial;	/* [c] some objects free */
	struct kmem_slab	*full;		/* [c] no object free */
	struct kmem_slab	*empty;		/* [c] every object free */
	unsigned		 nempty;	/* [c] */
	uint64_t		 nslabs;	/* [c] */
	uint64_t		 in_use;	/* [c] objects allocated */
	bool			 builtin;	/* [I] never destroyed */
	struct kmem_cache	*next;		/* [g] all caches */
};

static struct spinlock	  kmem_lock = SPINLOCK_INIT;
static void		*(*kmem_pages_get)(size_t);	/* [I] */
static void		 (*kmem_pages_put)(void *, size_t);	/* [I] */
static struct kmem_cache *kmem_caches;			/* [g] */
static uint64_t		  kmem_large_allocs;		/* [g] */
static uint64_t		  kmem_large_pages;		/* [g] */
static struct kmem_cache  kmem_cache_cache;	/* holds struct kmem_cache */
static struct kmem_cache  kalloc_caches[KMEM_NCLASSES];

/* The list a slab belongs on, by how many objects it has free. */
static struct kmem_slab **
kmem_slab_list(struct kmem_cache *c, struct kmem_slab *s)
{
	if (s->nfree == c->per_slab)
		return &c->empty;
	return s->nfree == 0 ? &c->full : &c->partial;
}

static void
kmem_slab_unlink(struct kmem_cache *c, struct kmem_slab *s)
{
	struct kmem_slab **head = kmem_slab_list(c, s);

	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		*head = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
	if (head == &c->empty)
		c->nempty--;
}

static void
kmem_slab_push(struct kmem_cache *c, struct kmem_slab *s)
{
	struct kmem_slab **head = kmem_slab_list(c, s);

	s->prev = NULL;
	s->next = *head;
	if (*head != NULL)
		(*head)->prev = s;
	*head = s;
	if (head == &c->empty)
		c->nempty++;
}

/* Fill in a cache; false if objects of that size cannot fit a slab. */
static bool
kmem_cache_setup(struct kmem_cache *c, const char *name, size_t size,
    size_t align)
{
	size_t n;

	if (align == 0)
		align = 8;
	if (size == 0 || (align & (align - 1)) != 0 || align > 1024 ||
	    size > KMEM_PAGE_SIZE)
		return false;
	memset(c, 0, sizeof(*c));
	c->lock = (struct spinlock)SPINLOCK_INIT;
	n = strnlen(name, KMEM_NAME_MAX - 1);
	memcpy(c->name, name, n);
	c->size = ROUND_UP(MAX(size, (size_t)KMEM_MIN_SIZE), align);
	c->first = ROUND_UP(KMEM_SLAB_HDR, align);
	if (c->first + c->size > KMEM_PAGE_SIZE)
		return false;
	c->per_slab = MIN((KMEM_PAGE_SIZE - c->first) / c->size,
	    KMEM_MAX_OBJS);
	return true;
}

static void
kmem_cache_link(struct kmem_cache *c)
{
	spin_lock(&kmem_lock);
	c->next = kmem_caches;
	kmem_caches = c;
	spin_unlock(&kmem_lock);
}

void
kmem_init(void *(*pages_get)(size_t), void (*pages_put)(void *, size_t))
{
	char name[KMEM_NAME_MAX] = "kalloc-";
	unsigned i, v, n, d;
	bool ok;

	KASSERT(pages_get != NULL && pages_put != NULL);
	kmem_pages_get = pages_get;
	kmem_pages_put = pages_put;
	kmem_caches = NULL;
	kmem_large_allocs = kmem_large_pages = 0;
	ok = kmem_cache_setup(&kmem_cache_cache, "kmem_cache",
	    sizeof(struct kmem_cache), 0);
	KASSERT(ok);
	kmem_cache_cache.builtin = true;
	kmem_cache_link(&kmem_cache_cache);
	for (i = 0; i < KMEM_NCLASSES; i++) {
		/* Names kalloc-16 ... kalloc-2048. */
		v = KMEM_MIN_SIZE << i;
		n = 7;
		for (d = 1000; d > 0; d /= 10)
			if (v >= d || d == 1)
				name[n++] = '0' + v / d % 10;
		name[n] = '\0';
		ok = kmem_cache_setup(&kalloc_caches[i], name, v, 16);
		KASSERT(ok);
		kalloc_caches[i].builtin = true;
		kmem_cache_link(&kalloc_caches[i]);
	}
}

struct kmem_cache *
kmem_cache_create(const char *name, size_t size, size_t align)
{
	struct kmem_cache tmp, *c;

	KASSERT(kmem_pages_get != NULL);
	if (name == NULL || !kmem_cache_setup(&tmp, name, size, align))
		return NULL;
	c = kmem_cache_alloc(&kmem_cache_cache);
	if (c == NULL)
		return NULL;
	*c = tmp;
	kmem_cache_link(c);
	return c;
}

/* Release the empty slabs beyond keep; the cache lock is held. */
static struct kmem_slab *
kmem_cache_trim(struct kmem_cache *c, unsigned keep)
{
	struct kmem_slab *s, *out = NULL;

	while (c->nempty > keep) {
		s = c->empty;
		kmem_slab_unlink(c, s);
		c->nslabs--;
		s->magic = KMEM_DEAD_MAGIC;
		s->next = out;
		out = s;
	}
	return out;
}

/* Hand trimmed slabs back, with no lock held. */
static void
kmem_slabs_put(struct kmem_slab *s)
{
	struct kmem_slab *next;

	for (; s != NULL; s = next) {
		next = s->next;
		KMEM_UNPOISON(s, KMEM_PAGE_SIZE);
		kmem_pages_put(s, 1);
	}
}

void
kmem_cache_destroy(struct kmem_cache *c)
{
	struct kmem_cache **pp;
	struct kmem_slab *dead;

	KASSERT(c != NULL && !c->builtin);
	spin_lock(&c->lock);
	KASSERT(c->in_use == 0);
	dead = kmem_cache_trim(c, 0);
	spin_unlock(&c->lock);
	kmem_slabs_put(dead);
	spin_lock(&kmem_lock);
	for (pp = &kmem_caches; *pp != c; pp = &(*pp)->next)
		KASSERT(*pp != NULL);
	*pp = c->next;
	spin_unlock(&kmem_lock);
	kmem_cache_free(&kmem_cache_cache, c);
}

/* Turn a fresh page into an empty slab of c; the cache lock is held. */
static void
kmem_slab_init(struct kmem_cache *c, struct kmem_slab *s)
{
	memset(s, 0, sizeof(*s));
	s->magic = KMEM_SLAB_MAGIC;
	s->cache = c;
	s->nfree = c->per_slab;
	KMEM_POISON((char *)s + KMEM_SLAB_HDR, KMEM_PAGE_SIZE - KMEM_SLAB_HDR);
	kmem_slab_push(c, s);
	c->nslabs++;
}

/* Take the first free object of a slab with one; the cache lock is held. */
static void *
kmem_slab_take(struct kmem_cache *c, struct kmem_slab *s)
{
	unsigned w, bit;
	char *p;

	for (w = 0; s->used[w] == UINT64_MAX; w++)
		KASSERT(w + 1 < KMEM_MAX_OBJS / 64);
	bit = __builtin_ctzll(~s->used[w]);
	KASSERT(w * 64 + bit < c->per_slab);
	kmem_slab_unlink(c, s);
	s->used[w] |= 1ULL << bit;
	s->nfree--;
	kmem_slab_push(c, s);
	c->in_use++;
	p = (char *)s + c->first + (w * 64 + bit) * c->size;
	KMEM_UNPOISON(p, c->size);
	return p;
}

void *
kmem_cache_alloc(struct kmem_cache *c)
{
	struct kmem_slab *s;
	void *page;

	spin_lock(&c->lock);
	while ((s = c->partial != NULL ? c->partial : c->empty) == NULL) {
		/* Take the page without the lock; another CPU may win. */
		spin_unlock(&c->lock);
		page = kmem_pages_get(1);
		if (page == NULL)
			return NULL;
		spin_lock(&c->lock);
		kmem_slab_init(c, page);
	}
	page = kmem_slab_take(c, s);
	spin_unlock(&c->lock);
	return page;
}

/* The slab holding p, or NULL if p's page is not a slab. */
static struct kmem_slab *
kmem_slab_of(const void *p)
{
	struct kmem_slab *s;

	s = (struct kmem_slab *)((uintptr_t)p & ~(uintptr_t)(KMEM_PAGE_SIZE -
	    1));
	return s->magic == KMEM_SLAB_MAGIC ? s : NULL;
}

void
kmem_cache_free(struct kmem_cache *c, void *p)
{
	struct kmem_slab *s, *dead;
	uintptr_t off;
	unsigned i;

	s = kmem_slab_of(p);
	KASSERT(s != NULL && s->cache == c);
	off = (uintptr_t)p - (uintptr_t)s;
	KASSERT(off >= c->first && (off - c->first) % c->size == 0);
	i = (off - c->first) / c->size;
	KASSERT(i < c->per_slab);
	spin_lock(&c->lock);
	KASSERT((s->used[i / 64] & (1ULL << i % 64)) != 0);	/* double free */
	kmem_slab_unlink(c, s);
	s->used[i / 64] &= ~(1ULL << i % 64);
	s->nfree++;
	KMEM_POISON(p, c->size);
	kmem_slab_push(c, s);
	c->in_use--;
	dead = kmem_cache_trim(c, KMEM_EMPTY_RESERVE);
	spin_unlock(&c->lock);
	kmem_slabs_put(dead);
}

/* kalloc beyond the slab sizes: whole pages behind a small header. */
static void *
kalloc_large(size_t size)
{
	struct kmem_large *h;
	size_t npages;

	if (size > SIZE_MAX - KMEM_LARGE_HDR - KMEM_PAGE_SIZE)
		return NULL;
	npages = (size + KMEM_LARGE_HDR + KMEM_PAGE_SIZE - 1) / KMEM_PAGE_SIZE;
	h = kmem_pages_get(npages);
	if (h == NULL)
		return NULL;
	h->magic = KMEM_LARGE_MAGIC;
	h->npages = npages;
	spin_lock(&kmem_lock);
	kmem_large_allocs++;
	kmem_large_pages += npages;
	spin_unlock(&kmem_lock);
	return (char *)h + KMEM_LARGE_HDR;
}

void *
kalloc(size_t size)
{
	unsigned i;

	if (size == 0)
		return NULL;
	if (size > KALLOC_MAX_SMALL)
		return kalloc_large(size);
	for (i = 0; ((size_t)KMEM_MIN_SIZE << i) < size; i++)
		continue;
	return kmem_cache_alloc(&kalloc_caches[i]);
}

void *
kzalloc(size_t size)
{
	void *p = kalloc(size);

	if (p != NULL)
		memset(p, 0, size);
	return p;
}

void
kfree(void *p)
{
	struct kmem_large *h;
	struct kmem_slab *s;
	size_t npages;

	if (p == NULL)
		return;
	s = kmem_slab_of(p);
	if (s != NULL) {
		kmem_cache_free(s->cache, p);
		return;
	}
	h = (struct kmem_large *)((char *)p - KMEM_LARGE_HDR);
	KASSERT(((uintptr_t)h & (KMEM_PAGE_SIZE - 1)) == 0 &&
	    h->magic == KMEM_LARGE_MAGIC);
	npages = h->npages;
	h->magic = KMEM_DEAD_MAGIC;
	spin_lock(&kmem_lock);
	kmem_large_allocs--;
	kmem_large_pages -= npages;
	spin_unlock(&kmem_lock);
	kmem_pages_put(h, npages);
}

void
kmem_reap(void)
{
	struct kmem_cache *c;
	struct kmem_slab *dead = NULL, *s, *last;

	/* Collect under the locks, give back after: pages_put may lock. */
	spin_lock(&kmem_lock);
	for (c = kmem_caches; c != NULL; c = c->next) {
		spin_lock(&c->lock);
		s = kmem_cache_trim(c, 0);
		spin_unlock(&c->lock);
		for (last = s; last != NULL && last->next != NULL;
		    last = last->next)
			continue;
		if (last != NULL) {
			last->next = dead;
			dead = s;
		}
	}
	spin_unlock(&kmem_lock);
	kmem_slabs_put(dead);
}

void
kmem_stats(struct kmem_stats *st)
{
	struct kmem_cache_stats *cs;
	struct kmem_cache *c;

	memset(st, 0, sizeof(*st));
	spin_lock(&kmem_lock);
	st->large_allocs = kmem_large_allocs;
	st->large_pages = kmem_large_pages;
	st->pages_in_use = kmem_large_pages;
	for (c = kmem_caches; c != NULL; c = c->next) {
		spin_lock(&c->lock);
		st->pages_in_use += c->nslabs;
		if (st->ncaches < KMEM_STATS_MAX) {
			cs = &st->cache[st->ncaches++];
			memcpy(cs->name, c->name, sizeof(cs->name));
			cs->size = c->size;
			cs->objects = c->in_use;
			cs->pages = c->nslabs;
		}
		spin_unlock(&c->lock);
	}
	spin_unlock(&kmem_lock);
}
