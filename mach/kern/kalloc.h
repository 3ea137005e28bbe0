/*
 * kalloc.h -- the kernel heap: object caches over one-page slabs, and
 * kalloc/kfree over power-of-two caches of 16 to 2048 bytes (bigger
 * requests take whole pages).  Memory comes from the page allocator through
 * the two functions given to kmem_init.  Every cache has its own lock.
 */
#ifndef KERN_KALLOC_H
#define KERN_KALLOC_H

#include "kern/klib.h"

#define KMEM_PAGE_SIZE		4096
#define KMEM_NAME_MAX		24	/* cache names, NUL included */
#define KMEM_STATS_MAX		32	/* caches kmem_stats reports */
#define KMEM_EMPTY_RESERVE	1	/* empty slabs a cache keeps */
#define KALLOC_MAX_SMALL	2048	/* largest size served by a slab */

struct kmem_cache;

/*
 * Set up the heap.  pages_get(n) returns n contiguous, page-aligned pages
 * of kernel memory (or NULL); pages_put(p, n) takes them back.  Call once,
 * before anything else here.
 */
void	 kmem_init(void *(*pages_get)(size_t n),
	    void (*pages_put)(void *p, size_t n));

/*
 * A cache of objects of size bytes aligned to align (0, or a power of two
 * up to 1024).  name is copied, truncated.  NULL if the object does not fit
 * a slab or memory is short.  kmem_cache_destroy requires every object
 * freed.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
	    size_t align);
void	 kmem_cache_destroy(struct kmem_cache *cache);

/* Objects are not zeroed.  NULL when out of memory. */
void	*kmem_cache_alloc(struct kmem_cache *cache);

/*
 * Give an object back to its cache.  KASSERTs that p is an object of this
 * cache and is allocated (catching double frees).
 */
void	 kmem_cache_free(struct kmem_cache *cache, void *p);

/*
 * kalloc: size bytes, 16-byte aligned, not zeroed (kzalloc: zeroed); NULL
 * for size 0 or out of memory.  kfree(NULL) does nothing; kfree of
 * anything kalloc or kmem_cache_alloc did not return, or of a freed
 * object, KASSERTs where it can tell.
 */
void	*kalloc(size_t size);
void	*kzalloc(size_t size);
void	 kfree(void *p);

/* Return every cache's empty slabs to the page allocator. */
void	 kmem_reap(void);

struct kmem_cache_stats {
	char		name[KMEM_NAME_MAX];
	size_t		size;		/* object stride in a slab */
	uint64_t	objects;	/* allocated objects */
	uint64_t	pages;		/* slabs held, empty ones included */
};

struct kmem_stats {
	uint64_t		pages_in_use;	/* slabs and large blocks */
	uint64_t		large_allocs;	/* live kalloc > 2048 blocks */
	uint64_t		large_pages;
	unsigned		ncaches;
	struct kmem_cache_stats	cache[KMEM_STATS_MAX];
};

/* A snapshot of the heap, for leak checks and the debugger. */
void	 kmem_stats(struct kmem_stats *st);

#endif /* KERN_KALLOC_H */
