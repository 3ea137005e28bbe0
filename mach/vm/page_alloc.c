/*
 * page_alloc.c -- physical frame allocator over a bitmap (see
 * page_alloc.h).  Called by the VM system for single frames and by the
 * device interface for DMA runs.  Searches go a 64-bit word at a time, and
 * single-frame searches start at a hint below which every word is full, so
 * taking a frame costs a few word reads even on a machine with millions of
 * frames.
 */
#include "kern/klib.h"
#include "kern/lock.h"
#include "vm/page_alloc.h"

#define PA_FULL		UINT64_MAX

/* Bits [lo, hi) of a word, 0 <= lo < hi <= 64. */
static uint64_t
pa_mask(unsigned lo, unsigned hi)
{
	uint64_t m = hi == 64 ? PA_FULL : (1ULL << hi) - 1;

	return m & ~((1ULL << lo) - 1);
}

/* Bits set in x; gcc's builtin would need libgcc on plain x86_64. */
static unsigned
pa_popcount(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (x * 0x0101010101010101ULL) >> 56;
}

/*
 * The first index in [i0, i1) whose frame is in use (used) or free
 * (!used), or i1 if there is none.
 */
static uint64_t
pa_find(const struct page_alloc *pa, uint64_t i0, uint64_t i1, bool used)
{
	uint64_t w, x;
	unsigned lo, hi;

	while (i0 < i1) {
		w = i0 / 64;
		lo = i0 % 64;
		hi = i1 - w * 64 >= 64 ? 64 : i1 - w * 64;
		x = (used ? pa->bitmap[w] : ~pa->bitmap[w]) & pa_mask(lo, hi);
		if (x != 0)
			return w * 64 + __builtin_ctzll(x);
		i0 = (w + 1) * 64;
	}
	return i1;
}

/* Set or clear bits [i0, i1); return how many changed. */
static uint64_t
pa_set(struct page_alloc *pa, uint64_t i0, uint64_t i1, bool used)
{
	uint64_t w, m, changed = 0;
	unsigned lo, hi;

	while (i0 < i1) {
		w = i0 / 64;
		lo = i0 % 64;
		hi = i1 - w * 64 >= 64 ? 64 : i1 - w * 64;
		m = pa_mask(lo, hi);
		changed += pa_popcount((used ? ~pa->bitmap[w] : pa->bitmap[w]) &
		    m);
		if (used)
			pa->bitmap[w] |= m;
		else
			pa->bitmap[w] &= ~m;
		i0 = (w + 1) * 64;
	}
	return changed;
}

/* Clip [pfn, pfn + count) to the covered range, as indexes. */
static bool
pa_clip(const struct page_alloc *pa, uint64_t pfn, uint64_t count,
    uint64_t *i0, uint64_t *i1)
{
	uint64_t end = count > UINT64_MAX - pfn ? UINT64_MAX : pfn + count;

	if (count == 0 || end <= pa->base_pfn ||
	    (pfn >= pa->base_pfn && pfn - pa->base_pfn >= pa->npages))
		return false;
	*i0 = pfn < pa->base_pfn ? 0 : pfn - pa->base_pfn;
	*i1 = MIN(end - pa->base_pfn, pa->npages);
	return true;
}

void
page_alloc_init(struct page_alloc *pa, uint64_t base_pfn, uint64_t npages,
    uint64_t *bitmap)
{
	pa->lock = (struct spinlock)SPINLOCK_INIT;
	pa->base_pfn = base_pfn;
	pa->npages = npages;
	pa->nwords = PAGE_ALLOC_WORDS(npages);
	pa->bitmap = bitmap;
	pa->nfree = 0;
	pa->hint = pa->nwords;
	memset(bitmap, 0xff, pa->nwords * sizeof(uint64_t));
}

void
page_alloc_add_free(struct page_alloc *pa, uint64_t pfn, uint64_t count)
{
	uint64_t i0, i1;

	spin_lock(&pa->lock);
	if (pa_clip(pa, pfn, count, &i0, &i1)) {
		pa->nfree += pa_set(pa, i0, i1, false);
		pa->hint = MIN(pa->hint, i0 / 64);
	}
	spin_unlock(&pa->lock);
}

void
page_alloc_reserve(struct page_alloc *pa, uint64_t pfn, uint64_t count)
{
	uint64_t i0, i1;

	spin_lock(&pa->lock);
	if (pa_clip(pa, pfn, count, &i0, &i1))
		pa->nfree -= pa_set(pa, i0, i1, true);
	spin_unlock(&pa->lock);
}

bool
page_alloc_one(struct page_alloc *pa, uint64_t *pfn)
{
	uint64_t w, bit;
	bool found = false;

	spin_lock(&pa->lock);
	for (w = pa->hint; pa->nfree > 0 && w < pa->nwords; w++) {
		if (pa->bitmap[w] == PA_FULL)
			continue;
		bit = __builtin_ctzll(~pa->bitmap[w]);
		pa->bitmap[w] |= 1ULL << bit;
		pa->nfree--;
		*pfn = pa->base_pfn + w * 64 + bit;
		found = true;
		break;
	}
	KASSERT(found || pa->nfree == 0);
	pa->hint = w;
	spin_unlock(&pa->lock);
	return found;
}

/* Find a run for page_alloc_contig; the lock is held.  Returns an index. */
static bool
pa_find_run(struct page_alloc *pa, uint64_t count, uint64_t align,
    uint64_t limit, uint64_t *index)
{
	uint64_t i, c, u;

	i = pa_find(pa, pa->hint * 64, limit, false);
	while (i < limit) {
		c = ROUND_UP(pa->base_pfn + i, align) - pa->base_pfn;
		if (c >= limit || count > limit - c)
			return false;
		u = pa_find(pa, c, c + count, true);
		if (u == c + count) {
			*index = c;
			return true;
		}
		i = pa_find(pa, u + 1, limit, false);
	}
	return false;
}

bool
page_alloc_contig(struct page_alloc *pa, uint64_t count, uint64_t align_pages,
    uint64_t max_pfn, uint64_t *pfn)
{
	uint64_t limit, index;
	bool found = false;

	if (align_pages == 0)
		align_pages = 1;
	/* Alignments beyond 2^40 frames (4 PiB) cannot be met; refuse them
	 * before ROUND_UP could overflow. */
	if (count == 0 || align_pages > (1ULL << 40) ||
	    max_pfn <= pa->base_pfn)
		return false;
	limit = MIN(max_pfn - pa->base_pfn, pa->npages);
	spin_lock(&pa->lock);
	if (count <= pa->nfree && pa_find_run(pa, count, align_pages, limit,
	    &index)) {
		pa_set(pa, index, index + count, true);
		pa->nfree -= count;
		*pfn = pa->base_pfn + index;
		found = true;
	}
	spin_unlock(&pa->lock);
	return found;
}

int
page_alloc_free(struct page_alloc *pa, uint64_t pfn, uint64_t count)
{
	uint64_t i0;
	int error = -1;

	if (count == 0 || pfn < pa->base_pfn ||
	    pfn - pa->base_pfn >= pa->npages ||
	    count > pa->npages - (pfn - pa->base_pfn))
		return -1;
	i0 = pfn - pa->base_pfn;
	spin_lock(&pa->lock);
	if (pa_find(pa, i0, i0 + count, false) == i0 + count) {
		pa_set(pa, i0, i0 + count, false);
		pa->nfree += count;
		pa->hint = MIN(pa->hint, i0 / 64);
		error = 0;
	}
	spin_unlock(&pa->lock);
	return error;
}

uint64_t
page_alloc_free_count(struct page_alloc *pa)
{
	uint64_t n;

	spin_lock(&pa->lock);
	n = pa->nfree;
	spin_unlock(&pa->lock);
	return n;
}
