/*
 * page_alloc.h -- the physical frame allocator: one bit per frame over a
 * bitmap the caller provides (set = in use).  The VM system takes single
 * frames from it; device support takes contiguous, aligned runs for DMA.
 * Each call takes the allocator's spin lock.
 */
#ifndef VM_PAGE_ALLOC_H
#define VM_PAGE_ALLOC_H

#include "kern/klib.h"
#include "kern/lock.h"

/*
 * Locks: [I] immutable after page_alloc_init, [l] under lock.
 */
struct page_alloc {
	struct spinlock	 lock;
	uint64_t	 base_pfn;	/* [I] first frame covered */
	uint64_t	 npages;	/* [I] frames covered */
	uint64_t	 nwords;	/* [I] 64-bit words in bitmap */
	uint64_t	*bitmap;	/* [l] bit i = frame base_pfn + i used */
	uint64_t	 nfree;		/* [l] clear bits */
	uint64_t	 hint;		/* [l] every word below it is full */
};

/* Words of bitmap needed for npages frames. */
#define PAGE_ALLOC_WORDS(npages)	(((npages) + 63) / 64)

/*
 * Cover frames [base_pfn, base_pfn + npages) with bitmap, which must hold
 * PAGE_ALLOC_WORDS(npages) words.  Every frame starts in use.
 */
void	 page_alloc_init(struct page_alloc *pa, uint64_t base_pfn,
	    uint64_t npages, uint64_t *bitmap);

/*
 * Mark [pfn, pfn + count) free or in use, clipped to the covered range;
 * frames already in that state are left alone.  For the boot code that
 * turns the firmware memory map into free frames and reserves the kernel,
 * modules and page tables.
 */
void	 page_alloc_add_free(struct page_alloc *pa, uint64_t pfn,
	    uint64_t count);
void	 page_alloc_reserve(struct page_alloc *pa, uint64_t pfn,
	    uint64_t count);

/* Take one free frame, the lowest free one, into *pfn. */
bool	 page_alloc_one(struct page_alloc *pa, uint64_t *pfn);

/*
 * Take count contiguous free frames whose first frame number is a multiple
 * of align_pages (0 or 1: any) and whose last frame is below max_pfn
 * (exclusive; UINT64_MAX: no limit).  Returns false if there is none.
 */
bool	 page_alloc_contig(struct page_alloc *pa, uint64_t count,
	    uint64_t align_pages, uint64_t max_pfn, uint64_t *pfn);

/*
 * Give back [pfn, pfn + count).  Returns 0, or -1 and changes nothing if
 * the range is empty, leaves the covered range, or holds a free frame.
 */
int	 page_alloc_free(struct page_alloc *pa, uint64_t pfn, uint64_t count);

uint64_t page_alloc_free_count(struct page_alloc *pa);

#endif /* VM_PAGE_ALLOC_H */
