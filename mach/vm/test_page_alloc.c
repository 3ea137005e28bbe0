/*
 * test_page_alloc.c -- host test of the frame allocator: fixed cases, a
 * randomized run against a byte-per-frame model (single frames, aligned
 * contiguous runs under a limit, frees, double frees), and the cost of
 * single-frame allocation on a 24 GiB machine (6M frames).
 */
#include <string.h>
#include <time.h>
#include "kern/klib.h"
#include "vm/page_alloc.h"
#include "kern/host_test.h"

static void
test_fixed(void)
{
	uint64_t bm[PAGE_ALLOC_WORDS(200)], pfn = 0;
	struct page_alloc pa;

	page_alloc_init(&pa, 1000, 200, bm);
	CHECK(page_alloc_free_count(&pa) == 0);
	CHECK(!page_alloc_one(&pa, &pfn));
	page_alloc_add_free(&pa, 900, 150);		/* clipped: 1000..1049 */
	CHECK(page_alloc_free_count(&pa) == 50);
	page_alloc_add_free(&pa, 1040, 1000);		/* 1050..1199 new */
	CHECK(page_alloc_free_count(&pa) == 200);
	page_alloc_add_free(&pa, 0, 999);		/* below: nothing */
	page_alloc_add_free(&pa, 1200, 5);		/* above: nothing */
	page_alloc_add_free(&pa, UINT64_MAX - 3, 10);	/* wraps: nothing */
	CHECK(page_alloc_free_count(&pa) == 200);
	page_alloc_reserve(&pa, 1000, 10);
	page_alloc_reserve(&pa, 1005, 10);
	CHECK(page_alloc_free_count(&pa) == 185);
	CHECK(page_alloc_one(&pa, &pfn) && pfn == 1015);
	CHECK(page_alloc_one(&pa, &pfn) && pfn == 1016);
	CHECK(page_alloc_free(&pa, 1015, 1) == 0);
	CHECK(page_alloc_free(&pa, 1015, 1) == -1);	/* double free */
	CHECK(page_alloc_free(&pa, 1014, 3) == -1);	/* 1015 is free */
	CHECK(page_alloc_free(&pa, 999, 1) == -1);
	CHECK(page_alloc_free(&pa, 1199, 2) == -1);
	CHECK(page_alloc_free(&pa, 1100, 0) == -1);
	CHECK(page_alloc_free(&pa, UINT64_MAX, 2) == -1);
	CHECK(page_alloc_free_count(&pa) == 184);
	CHECK(page_alloc_one(&pa, &pfn) && pfn == 1015);

	/* Contiguous: alignment is of the frame number itself. */
	CHECK(page_alloc_contig(&pa, 16, 16, UINT64_MAX, &pfn) &&
	    pfn == 1024);
	CHECK(page_alloc_contig(&pa, 4, 4, 1024, &pfn) && pfn == 1020);
	CHECK(!page_alloc_contig(&pa, 8, 8, 1039, &pfn));
	CHECK(page_alloc_contig(&pa, 3, 0, 1100, &pfn) && pfn == 1017);
	CHECK(!page_alloc_contig(&pa, 0, 1, UINT64_MAX, &pfn));
	CHECK(!page_alloc_contig(&pa, 201, 1, UINT64_MAX, &pfn));
	CHECK(!page_alloc_contig(&pa, 1, 1, 1000, &pfn));
	CHECK(!page_alloc_contig(&pa, 1, 1ULL << 50, UINT64_MAX, &pfn));
	CHECK(page_alloc_contig(&pa, 100, 1, UINT64_MAX, &pfn) &&
	    pfn == 1040);
	CHECK(page_alloc_free(&pa, 1040, 100) == 0);
	CHECK(page_alloc_free(&pa, 1024, 16) == 0);
	CHECK(page_alloc_free_count(&pa) == 184 - 1 - 4 - 3);

	/* Drain it, then nothing more. */
	while (page_alloc_one(&pa, &pfn))
		continue;
	CHECK(page_alloc_free_count(&pa) == 0);
	CHECK(!page_alloc_contig(&pa, 1, 1, UINT64_MAX, &pfn));
}

/* The model: one byte per frame, 1 = in use. */
struct model {
	uint64_t	 base, n, nfree;
	unsigned char	*used;
};

static bool
model_run_free(const struct model *m, uint64_t i, uint64_t count)
{
	for (uint64_t k = i; k < i + count; k++)
		if (m->used[k])
			return false;
	return true;
}

/* The lowest aligned free run the model knows of, if any. */
static bool
model_contig(const struct model *m, uint64_t count, uint64_t align,
    uint64_t max, uint64_t *pfn)
{
	uint64_t a = align ? align : 1, p;

	for (p = ROUND_UP(m->base, a); p + count <= MIN(max, m->base + m->n);
	    p += a)
		if (model_run_free(m, p - m->base, count)) {
			*pfn = p;
			return true;
		}
	return false;
}

static void
model_set(struct model *m, uint64_t i, uint64_t count, unsigned char v)
{
	for (uint64_t k = i; k < i + count; k++) {
		if (m->used[k] != v)
			m->nfree += v ? -1 : 1;
		m->used[k] = v;
	}
}

static void
random_step(struct page_alloc *pa, struct model *m)
{
	uint64_t pfn = 0, want = 0, count, align, max;
	bool ok, mok;

	switch (test_below(10)) {
	case 0: case 1: case 2: case 3:
		ok = page_alloc_one(pa, &pfn);
		mok = model_contig(m, 1, 1, UINT64_MAX, &want);
		CHECK(ok == mok && (!ok || pfn == want));
		if (ok)
			model_set(m, pfn - m->base, 1, 1);
		break;
	case 4:
		count = 1 + test_below(test_below(4) ? 8 : 70);
		align = 1ULL << test_below(7);
		max = test_below(2) ? UINT64_MAX : m->base + test_below(m->n);
		ok = page_alloc_contig(pa, count, align, max, &pfn);
		mok = model_contig(m, count, align, max, &want);
		CHECKF(ok == mok && (!ok || pfn == want),
		    "contig %lu align %lu max %lu: %d %lu, model %d %lu",
		    count, align, max, ok, pfn, mok, want);
		if (ok)
			model_set(m, pfn - m->base, count, 1);
		break;
	case 5: case 6: case 7: case 8:
		pfn = m->base - 2 + test_below(m->n + 4);
		count = 1 + test_below(test_below(4) ? 2 : 40);
		mok = pfn >= m->base && pfn + count <= m->base + m->n;
		for (uint64_t k = pfn; mok && k < pfn + count; k++)
			mok = m->used[k - m->base];
		CHECK((page_alloc_free(pa, pfn, count) == 0) == mok);
		if (mok)
			model_set(m, pfn - m->base, count, 0);
		break;
	default:
		pfn = m->base - 10 + test_below(m->n + 20);
		count = test_below(50);
		if (test_below(2)) {
			page_alloc_add_free(pa, pfn, count);
		} else {
			page_alloc_reserve(pa, pfn, count);
		}
		for (uint64_t k = pfn; k < pfn + count; k++)
			if (k >= m->base && k < m->base + m->n)
				model_set(m, k - m->base, 1,
				    pa->bitmap[(k - m->base) / 64] >>
				    ((k - m->base) % 64) & 1);
		break;
	}
	CHECK(page_alloc_free_count(pa) == m->nfree);
}

static void
test_random(void)
{
	struct page_alloc pa;
	struct model m;
	uint64_t *bm;

	for (int round = 0; round < 20; round++) {
		m.base = test_below(3) ? test_below(1000) : (1ULL << 40) + 3;
		m.n = 1 + test_below(round < 10 ? 300 : 3000);
		m.nfree = 0;
		m.used = malloc(m.n);
		memset(m.used, 1, m.n);
		bm = malloc(PAGE_ALLOC_WORDS(m.n) * 8);
		page_alloc_init(&pa, m.base, m.n, bm);
		for (int i = 0; i < 4000; i++)
			random_step(&pa, &m);
		/* The bitmap itself must match the model, tail bits set. */
		for (uint64_t k = 0; k < PAGE_ALLOC_WORDS(m.n) * 64; k++)
			CHECK((bm[k / 64] >> (k % 64) & 1) ==
			    (k < m.n ? m.used[k] : 1));
		free(bm);
		free(m.used);
	}
}

/* Time single-frame allocation and free over 6M frames. */
static void
bench_large(void)
{
	const uint64_t n = 6u << 20;	/* 24 GiB of 4 KiB frames */
	uint64_t *bm = malloc(PAGE_ALLOC_WORDS(n) * 8), pfn, got = 0;
	struct page_alloc pa;
	clock_t t0;
	double s;

	page_alloc_init(&pa, 256, n, bm);
	page_alloc_add_free(&pa, 256, n);
	page_alloc_reserve(&pa, 256, 4096);	/* a kernel at the bottom */
	t0 = clock();
	while (page_alloc_one(&pa, &pfn))
		got++;
	s = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(got == n - 4096);
	printf("allocated %lu frames one by one: %.0f ns each\n", got,
	    s * 1e9 / got);
	/* Free every other frame, then take them back. */
	for (pfn = 256 + 4096; pfn < 256 + n; pfn += 2)
		CHECK(page_alloc_free(&pa, pfn, 1) == 0);
	t0 = clock();
	for (got = 0; page_alloc_one(&pa, &pfn); got++)
		continue;
	s = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("re-allocated %lu scattered frames: %.0f ns each\n", got,
	    s * 1e9 / got);
	/* Worst case for a run: every other frame free, so none of 2. */
	for (pfn = 256 + 4096; pfn < 256 + n; pfn += 2)
		CHECK(page_alloc_free(&pa, pfn, 1) == 0);
	t0 = clock();
	CHECK(!page_alloc_contig(&pa, 2, 1, UINT64_MAX, &pfn));
	printf("failed search for 2 contiguous frames among 3M scattered: "
	    "%.1f ms\n", (double)(clock() - t0) * 1e3 / CLOCKS_PER_SEC);
	while (page_alloc_one(&pa, &pfn))
		continue;
	CHECK(page_alloc_free(&pa, 256 + n - 1024, 1024) == 0);
	t0 = clock();
	CHECK(page_alloc_contig(&pa, 512, 512, UINT64_MAX, &pfn) &&
	    pfn == 256 + n - 1024 + 256);
	printf("contiguous 512 frames found in %.2f ms (6M-frame scan)\n",
	    (double)(clock() - t0) * 1e3 / CLOCKS_PER_SEC);
	free(bm);
}

int
main(void)
{
	test_seed();
	test_fixed();
	test_random();
	bench_large();
	return test_done("test_page_alloc");
}
