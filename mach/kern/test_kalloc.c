/*
 * test_kalloc.c -- host test of the kernel heap under AddressSanitizer:
 * a random kalloc/kfree and cache workload checked against a model
 * (contents, alignment, per-cache counts), out-of-memory handling, the
 * empty-slab reserve, a leak check through kmem_stats, and KASSERTs on
 * double and bogus frees (in child processes).
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/host_test.h"

/* The page supplier: counts what is out and checks what comes back. */
#define TABLE	(1 << 16)
static struct { void *p; size_t n; } pages[TABLE];
static uint64_t pages_out;
static bool pages_fail;

static void *
pages_get(size_t n)
{
	void *p;
	unsigned h;

	if (pages_fail || n == 0)
		return NULL;
	p = aligned_alloc(KMEM_PAGE_SIZE, n * KMEM_PAGE_SIZE);
	if (p == NULL)
		return NULL;
	for (h = ((uintptr_t)p >> 12) % TABLE; pages[h].p != NULL;
	    h = (h + 1) % TABLE)
		continue;
	pages[h].p = p;
	pages[h].n = n;
	pages_out += n;
	return p;
}

static void
pages_put(void *p, size_t n)
{
	unsigned h;

	for (h = ((uintptr_t)p >> 12) % TABLE; pages[h].p != p;
	    h = (h + 1) % TABLE)
		if (pages[h].p == NULL) {
			CHECKF(0, "pages_put of unknown %p", p);
			return;
		}
	CHECK(pages[h].n == n);
	pages_out -= n;
	/* Re-insert the rest of the cluster after deleting this slot. */
	pages[h].p = NULL;
	for (h = (h + 1) % TABLE; pages[h].p != NULL; h = (h + 1) % TABLE) {
		void *q = pages[h].p;
		size_t m = pages[h].n;
		unsigned k;

		pages[h].p = NULL;
		for (k = ((uintptr_t)q >> 12) % TABLE; pages[k].p != NULL;
		    k = (k + 1) % TABLE)
			continue;
		pages[k].p = q;
		pages[k].n = m;
	}
	free(p);
}

static uint64_t
stat_objects(const char *name)
{
	struct kmem_stats st;

	kmem_stats(&st);
	for (unsigned i = 0; i < st.ncaches; i++)
		if (strcmp(st.cache[i].name, name) == 0)
			return st.cache[i].objects;
	return UINT64_MAX;
}

/* A live object of the model. */
struct obj {
	unsigned char	*p;
	size_t		 size;
	unsigned char	 fill;
	int		 cache;		/* -1: kalloc */
};

#define NOBJ	4000
#define NCACHE	3

static struct kmem_cache *caches[NCACHE];
static const size_t cache_size[NCACHE] = { 24, 200, 1000 };
static const size_t cache_align[NCACHE] = { 8, 64, 256 };

static bool
filled(const struct obj *o)
{
	for (size_t i = 0; i < o->size; i++)
		if (o->p[i] != o->fill)
			return false;
	return true;
}

static size_t
random_size(void)
{
	switch (test_below(8)) {
	case 0:		return 2049 + test_below(20000);
	case 1:		return 1 << test_below(12);
	default:	return 1 + test_below(test_below(2) ? 64 : 2048);
	}
}

static void
obj_new(struct obj *o)
{
	int c = test_below(5) == 0 ? (int)test_below(NCACHE) : -1;

	o->cache = c;
	o->size = c >= 0 ? cache_size[c] : random_size();
	o->p = c >= 0 ? kmem_cache_alloc(caches[c]) :
	    test_below(4) ? kalloc(o->size) : kzalloc(o->size);
	CHECK(o->p != NULL);
	if (o->p == NULL)
		return;
	CHECK((uintptr_t)o->p % (c >= 0 ? cache_align[c] : 16) == 0);
	o->fill = test_rand();
	memset(o->p, o->fill, o->size);
}

static void
obj_free(struct obj *o)
{
	CHECK(filled(o));
	if (o->cache >= 0)
		kmem_cache_free(caches[o->cache], o->p);
	else
		kfree(o->p);
	o->p = NULL;
}

static void
test_random(void)
{
	static struct obj objs[NOBJ];
	clock_t t0 = clock();
	unsigned long ops = 0;
	unsigned i, live = 0;

	for (int c = 0; c < NCACHE; c++) {
		caches[c] = kmem_cache_create("test-cache", cache_size[c],
		    cache_align[c]);
		CHECK(caches[c] != NULL);
	}
	for (int round = 0; round < 300000; round++) {
		i = test_below(NOBJ);
		if (objs[i].p == NULL) {
			obj_new(&objs[i]);
			live += objs[i].p != NULL;
		} else {
			obj_free(&objs[i]);
			live--;
		}
		ops++;
		if (round % 50000 == 0) {
			uint64_t n = 0;
			struct kmem_stats st;

			kmem_stats(&st);
			for (unsigned k = 0; k < st.ncaches; k++)
				if (strcmp(st.cache[k].name, "kmem_cache"))
					n += st.cache[k].objects;
			CHECK(n + st.large_allocs == live);
			CHECK(st.pages_in_use == pages_out);
		}
	}
	for (i = 0; i < NOBJ; i++)
		if (objs[i].p != NULL)
			obj_free(&objs[i]);
	for (int c = 0; c < NCACHE; c++)
		kmem_cache_destroy(caches[c]);
	printf("%lu random operations in %.2f s\n", ops,
	    (double)(clock() - t0) / CLOCKS_PER_SEC);
}

/* Slab boundaries, classes, and the empty-slab reserve. */
static void
test_fixed(void)
{
	void *p[600];
	struct kmem_stats st;
	struct kmem_cache *c;

	CHECK(kalloc(0) == NULL);
	kfree(NULL);
	CHECK(kmem_cache_create("zero", 0, 0) == NULL);
	CHECK(kmem_cache_create("huge", 5000, 0) == NULL);
	CHECK(kmem_cache_create("badalign", 16, 24) == NULL);
	CHECK(kmem_cache_create(NULL, 16, 0) == NULL);
	CHECK(kalloc(SIZE_MAX) == NULL);
	CHECK(kalloc(SIZE_MAX - 4096) == NULL);

	for (int i = 0; i < 600; i++)
		CHECK((p[i] = kalloc(16)) != NULL);
	CHECK(stat_objects("kalloc-16") == 600);
	CHECK(stat_objects("kalloc-2048") == 0);
	for (int i = 0; i < 600; i++)
		kfree(p[i]);
	CHECK(stat_objects("kalloc-16") == 0);
	kmem_stats(&st);
	CHECK(st.pages_in_use <= KMEM_EMPTY_RESERVE * st.ncaches);
	CHECK(st.pages_in_use == pages_out);

	c = kmem_cache_create("a-name-longer-than-the-limit", 4000, 0);
	CHECK(c != NULL);
	kmem_stats(&st);
	CHECK(strcmp(st.cache[0].name, "a-name-longer-than-the-") == 0);
	CHECK((p[0] = kmem_cache_alloc(c)) != NULL &&
	    (p[1] = kmem_cache_alloc(c)) != NULL);
	CHECK(stat_objects("a-name-longer-than-the-") == 2);
	memset(p[0], 1, 4000);
	kmem_cache_free(c, p[0]);
	kmem_cache_free(c, p[1]);
	kmem_cache_destroy(c);

	/* kzalloc really zeroes, also over recycled memory. */
	p[0] = kalloc(100);
	memset(p[0], 0xee, 100);
	kfree(p[0]);
	p[0] = kzalloc(100);
	for (int i = 0; i < 100; i++)
		CHECK(((unsigned char *)p[0])[i] == 0);
	kfree(p[0]);
}

/* Out of pages: allocations fail cleanly and the heap stays usable. */
static void
test_oom(void)
{
	void *p[300];
	int n;

	kmem_reap();
	pages_fail = true;
	CHECK(kalloc(5000) == NULL);
	CHECK(kalloc(512) == NULL);
	CHECK(kmem_cache_create("oom", 64, 0) == NULL);
	pages_fail = false;
	for (n = 0; n < 300; n++)
		p[n] = kalloc(512);
	pages_fail = true;
	p[0] = (kfree(p[0]), kalloc(512));	/* a slot is free: served */
	CHECK(p[0] != NULL);
	pages_fail = false;
	for (n = 0; n < 300; n++)
		kfree(p[n]);
}

/*
 * Run fn in a child; it must die of an assertion (SIGABRT), or of an
 * AddressSanitizer report (exit status 1) where the kernel could only have
 * caught it by luck: freed large blocks go back to the page supplier.
 */
static void
must_abort(void (*fn)(void), const char *what)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(2);		/* the assertion message is expected */
		fn();
		_exit(0);
	}
	CHECKF(pid > 0 && waitpid(pid, &status, 0) == pid &&
	    ((WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) ||
	    (WIFEXITED(status) && WEXITSTATUS(status) != 0)),
	    "%s was not caught", what);
}

static void
double_free(void)
{
	void *p = kalloc(64), *q = kalloc(64);

	kfree(p);
	kfree(p);
	(void)q;
}

static void
interior_free(void)
{
	char *p = kalloc(64);

	kfree(p + 8);
}

static void
large_double_free(void)
{
	char *p = kalloc(10000), *q = kalloc(10000);

	(void)q;
	kfree(p);
	kfree(p);
}

static void
large_interior_free(void)
{
	char *p = kalloc(10000);

	kfree(p + 4096);
}

static void
wrong_cache(void)
{
	struct kmem_cache *a = kmem_cache_create("a", 32, 0);
	struct kmem_cache *b = kmem_cache_create("b", 32, 0);

	kmem_cache_free(b, kmem_cache_alloc(a));
}

static void
destroy_busy(void)
{
	struct kmem_cache *a = kmem_cache_create("a", 32, 0);

	(void)kmem_cache_alloc(a);
	kmem_cache_destroy(a);
}

int
main(void)
{
	struct kmem_stats st;

	test_seed();
	kmem_init(pages_get, pages_put);
	test_fixed();
	test_oom();
	test_random();

	/* Leak check: nothing allocated, and reaped, nothing held. */
	kmem_stats(&st);
	for (unsigned i = 0; i < st.ncaches; i++)
		CHECKF(st.cache[i].objects == 0, "%s leaks %lu",
		    st.cache[i].name, st.cache[i].objects);
	CHECK(st.large_allocs == 0 && st.large_pages == 0);
	CHECK(st.ncaches == 9);
	kmem_reap();
	kmem_stats(&st);
	CHECK(st.pages_in_use == 0 && pages_out == 0);

	must_abort(double_free, "double free");
	must_abort(interior_free, "free of an interior pointer");
	must_abort(large_double_free, "double free of a large block");
	must_abort(large_interior_free, "free inside a large block");
	must_abort(wrong_cache, "free to the wrong cache");
	must_abort(destroy_busy, "destroying a cache in use");
	return test_done("test_kalloc");
}
