/*
 * vm_page.c -- feeds the frame allocator (page_alloc.c) from the boot
 * memory map: usable ranges become free, the kernel image, the boot
 * modules and the allocator's own bitmap stay reserved.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "vm/page_alloc.h"
#include "vm/vm_page.h"
#include "machine/pmap.h"

#define BOOT_LOW_LIMIT	(1ul << 30)	/* mapped by the boot page tables */

static struct page_alloc frames;
static uint16_t *page_refs;	/* [a] mappings and copies holding a frame */
static uint64_t phys_end;
static struct boot_range ram[BOOT_MAX_RANGES];	/* [I] usable RAM */
static int nram;
static uint64_t total_pages;

static bool
overlaps_reserved(const struct boot_info *bi, uint64_t s, uint64_t e)
{
	for (int i = 0; i < bi->nreserved; i++)
		if (s < bi->reserved[i].end && bi->reserved[i].start < e)
			return true;
	return false;
}

/* A page-aligned spot of len bytes in low usable RAM, clear of everything. */
static uint64_t
find_bitmap_home(const struct boot_info *bi, uint64_t len)
{
	for (int i = 0; i < bi->nranges; i++) {
		uint64_t s = ROUND_UP(MAX(bi->ranges[i].start, 0x100000ul),
		    PAGE_SIZE);

		for (; s + len <= MIN(bi->ranges[i].end, BOOT_LOW_LIMIT);
		    s += PAGE_SIZE)
			if (!overlaps_reserved(bi, s, s + len))
				return s;
	}
	panic("vm_page: no room for the frame bitmap");
}

void
vm_page_bootstrap(const struct boot_info *bi)
{
	uint64_t npages, words, len, home;

	for (int i = 0; i < bi->nranges; i++) {
		phys_end = MAX(phys_end, bi->ranges[i].end);
		ram[nram++] = bi->ranges[i];
	}
	npages = phys_end >> PAGE_SHIFT;
	words = (npages + 63) / 64;
	len = ROUND_UP(words * sizeof(uint64_t) + npages * sizeof(uint16_t),
	    PAGE_SIZE);
	home = find_bitmap_home(bi, len);
	memset(phys_to_virt(home), 0, len);
	page_alloc_init(&frames, 0, npages, phys_to_virt(home));
	page_refs = (uint16_t *)((char *)phys_to_virt(home) +
	    words * sizeof(uint64_t));
	for (int i = 0; i < bi->nranges; i++) {
		uint64_t s = ROUND_UP(bi->ranges[i].start, PAGE_SIZE);
		uint64_t e = ROUND_DOWN(bi->ranges[i].end, PAGE_SIZE);

		if (s < e)
			page_alloc_add_free(&frames, s >> PAGE_SHIFT,
			    (e - s) >> PAGE_SHIFT);
	}
	for (int i = 0; i < bi->nreserved; i++) {
		uint64_t s = ROUND_DOWN(bi->reserved[i].start, PAGE_SIZE);
		uint64_t e = ROUND_UP(bi->reserved[i].end, PAGE_SIZE);

		page_alloc_reserve(&frames, s >> PAGE_SHIFT,
		    (e - s) >> PAGE_SHIFT);
	}
	page_alloc_reserve(&frames, home >> PAGE_SHIFT, len >> PAGE_SHIFT);
	total_pages = page_alloc_free_count(&frames);
}

/* One frame, with one reference (vm_page_unref frees it). */
int
vm_page_alloc_pa(uint64_t *pa)
{
	uint64_t pfn;

	if (!page_alloc_one(&frames, &pfn))
		return -1;
	page_refs[pfn] = 1;
	*pa = pfn << PAGE_SHIFT;
	return 0;
}

void
vm_page_free_pa(uint64_t pa)
{
	page_refs[pa >> PAGE_SHIFT] = 0;
	if (page_alloc_free(&frames, pa >> PAGE_SHIFT, 1) != 0)
		panic("vm_page: bad free of frame %lx", pa);
}

/*
 * References of user pages: a map's mapping or a message's copy each hold
 * one; a page with more than one is shared copy-on-write.
 */
void
vm_page_ref(uint64_t pa)
{
	uint16_t n = __atomic_add_fetch(&page_refs[pa >> PAGE_SHIFT], 1,
	    __ATOMIC_RELAXED);

	KASSERT(n > 1);
}

void
vm_page_unref(uint64_t pa)
{
	if (__atomic_sub_fetch(&page_refs[pa >> PAGE_SHIFT], 1,
	    __ATOMIC_ACQ_REL) == 0 &&
	    page_alloc_free(&frames, pa >> PAGE_SHIFT, 1) != 0)
		panic("vm_page: bad free of frame %lx", pa);
}

unsigned
vm_page_refs(uint64_t pa)
{
	if ((pa >> PAGE_SHIFT) >= (phys_end >> PAGE_SHIFT))
		return 1;		/* device memory: never shared */
	return __atomic_load_n(&page_refs[pa >> PAGE_SHIFT], __ATOMIC_ACQUIRE);
}

/* Is pa memory the frame allocator hands out (not a device's)? */
bool
vm_page_is_ram(uint64_t pa)
{
	for (int i = 0; i < nram; i++)
		if (pa >= ram[i].start && pa < ram[i].end)
			return true;
	return false;
}

int
vm_page_alloc_contig(uint64_t npages, uint64_t *pa)
{
	uint64_t pfn;

	if (!page_alloc_contig(&frames, npages, 1, phys_end >> PAGE_SHIFT,
	    &pfn))
		return -1;
	*pa = pfn << PAGE_SHIFT;
	return 0;
}

/*
 * Contiguous frames below pmax (0: anywhere), aligned, at or above pmin.
 * The frame allocator searches from the bottom, so a range found below
 * pmin is given back and refused: callers with a floor are rare (old ISA
 * DMA wants a ceiling).
 */
int
vm_page_alloc_contig_in(uint64_t npages, uint64_t align_pages, uint64_t pmin,
    uint64_t pmax, uint64_t *pa)
{
	uint64_t pfn, max = pmax == 0 ? phys_end >> PAGE_SHIFT :
	    MIN(pmax, phys_end) >> PAGE_SHIFT;

	if (!page_alloc_contig(&frames, npages, align_pages, max, &pfn))
		return -1;
	if ((pfn << PAGE_SHIFT) < pmin) {
		page_alloc_free(&frames, pfn, npages);
		return -1;
	}
	for (uint64_t i = 0; i < npages; i++)
		page_refs[pfn + i] = 1;		/* each frees on its own */
	*pa = pfn << PAGE_SHIFT;
	return 0;
}

void
vm_page_free_contig(uint64_t pa, uint64_t npages)
{
	if (page_alloc_free(&frames, pa >> PAGE_SHIFT, npages) != 0)
		panic("vm_page: bad free of %lu frames at %lx", npages, pa);
}

uint64_t
vm_page_free_count(void)
{
	return page_alloc_free_count(&frames);
}

uint64_t
vm_page_total_count(void)
{
	return total_pages;
}

uint64_t
vm_page_phys_end(void)
{
	return phys_end;
}
