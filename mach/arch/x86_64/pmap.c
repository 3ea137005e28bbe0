/*
 * pmap.c -- x86_64 page tables.  pmap_bootstrap replaces the boot tables
 * with the kernel's own (direct map of all RAM in 2 MiB pages, the kernel
 * image at KERNEL_VMA); task pmaps map 4 KiB user pages and share the
 * kernel half.  Page-table pages come from vm_page_alloc.
 * Callers (vm/vm_map.c) hold the map lock of the task.
 */
#include "kern/klib.h"
#include "kern/lock.h"
#include "kern/task_limit.h"
#include "vm/vm_page.h"
#include "machine/cpu.h"
#include "machine/pmap.h"

#define PTE_P		(1ul << 0)
#define PTE_W		(1ul << 1)
#define PTE_U		(1ul << 2)
#define PTE_PWT		(1ul << 3)
#define PTE_PCD		(1ul << 4)
#define PTE_PS		(1ul << 7)
#define PTE_G		(1ul << 8)
#define PTE_NX		(1ul << 63)
#define PTE_ADDR	0x000FFFFFFFFFF000ul
#define LARGE_PAGE	(2ul << 20)

static struct pmap kernel_pmap;
static uint64_t direct_end;	/* [I] end of the direct map's physical range */

static uint64_t *
table_va(uint64_t entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

static uint64_t
table_alloc(struct pmap *p)
{
	uint64_t pa;

	if (!task_limit_charge(p->ledger, TL_PAGE_TABLES, 1))
		return 0;
	if (vm_page_alloc_pa(&pa) != 0) {
		task_limit_uncharge(p->ledger, TL_PAGE_TABLES, 1);
		return 0;
	}
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	p->table_pages++;
	return pa;
}

/* The entry slot for va at the given level (3 = PDPT ... 0 = PT). */
static uint64_t *
pmap_walk(struct pmap *p, uint64_t va, bool create, uint64_t flags)
{
	uint64_t *table = p->pml4;
	int shift;

	for (shift = 39; shift > 12; shift -= 9) {
		uint64_t *e = &table[(va >> shift) & 511];

		if ((*e & PTE_P) == 0) {
			uint64_t pa;

			if (!create || (pa = table_alloc(p)) == 0)
				return NULL;
			*e = pa | flags;
		}
		table = table_va(*e);
	}
	return &table[(va >> 12) & 511];
}

extern char _text_start[], _rodata_start[], _data_start[];

/*
 * The kernel image's protections: text read-only and executable, rodata
 * read-only, everything else (the boot code's page, data, bss, the boot
 * stack) writable and never executable.  CR0.WP makes read-only hold for
 * the kernel too.
 */
static uint64_t
pmap_image_bits(uint64_t va)
{
	if (va >= (uint64_t)_text_start && va < (uint64_t)_rodata_start)
		return 0;
	if (va >= (uint64_t)_rodata_start && va < (uint64_t)_data_start)
		return PTE_NX;
	return PTE_W | PTE_NX;
}

/*
 * The direct map's view of the kernel's text and rodata is read-only too,
 * or it would be a writable alias of them: the 2 MiB pages over them
 * become 4 KiB ones.  Still on the boot tables, which map the first GiB.
 */
static void
pmap_direct_protect_image(void)
{
	uint64_t lo = virt_to_phys(_text_start), hi = virt_to_phys(_data_start);

	for (uint64_t big = ROUND_DOWN(lo, LARGE_PAGE); big < hi;
	    big += LARGE_PAGE) {
		uint64_t va = DIRECT_MAP_BASE + big, pt_pa, *pdpt, *pd, *pt;

		pdpt = table_va(kernel_pmap.pml4[(va >> 39) & 511]);
		pd = table_va(pdpt[(va >> 30) & 511]);
		if ((pt_pa = table_alloc(&kernel_pmap)) == 0)
			panic("pmap: no memory for kernel image tables");
		pt = phys_to_virt(pt_pa);
		for (int i = 0; i < 512; i++) {
			uint64_t pa = big + (uint64_t)i * PAGE_SIZE;

			pt[i] = pa | PTE_P | PTE_G | PTE_NX |
			    (pa >= lo && pa < hi ? 0 : PTE_W);
		}
		pd[(va >> 21) & 511] = pt_pa | PTE_P | PTE_W;
	}
}

void
pmap_bootstrap(uint64_t phys_end)
{
	extern char _kernel_end[];
	uint64_t pa, kend, *pdpt, *pd;

	kernel_pmap.pml4_pa = table_alloc(&kernel_pmap);
	kernel_pmap.pml4 = phys_to_virt(kernel_pmap.pml4_pa);
	if (kernel_pmap.pml4_pa == 0)
		panic("pmap: no memory for kernel page tables");

	/* Direct map of all physical memory, 2 MiB pages. */
	for (pa = 0; pa < ROUND_UP(phys_end, LARGE_PAGE); pa += LARGE_PAGE) {
		uint64_t va = DIRECT_MAP_BASE + pa;
		uint64_t *e = &kernel_pmap.pml4[(va >> 39) & 511];

		if ((*e & PTE_P) == 0)
			*e = table_alloc(&kernel_pmap) | PTE_P | PTE_W;
		pdpt = table_va(*e);
		e = &pdpt[(va >> 30) & 511];
		if ((*e & PTE_P) == 0)
			*e = table_alloc(&kernel_pmap) | PTE_P | PTE_W;
		pd = table_va(*e);
		pd[(va >> 21) & 511] = pa | PTE_P | PTE_W | PTE_PS | PTE_G |
		    PTE_NX;
	}
	direct_end = ROUND_UP(phys_end, LARGE_PAGE);
	pmap_direct_protect_image();
	/* Kernel image: 4 KiB pages from its physical start. */
	kend = virt_to_phys(_kernel_end);
	for (pa = 0; pa < kend; pa += PAGE_SIZE) {
		uint64_t *pte = pmap_walk(&kernel_pmap, KERNEL_VMA + pa, true,
		    PTE_P | PTE_W);

		if (pte == NULL)
			panic("pmap: no memory for kernel image tables");
		*pte = pa | PTE_P | PTE_G | pmap_image_bits(KERNEL_VMA + pa);
	}
	/* Every kernel-half PML4 slot exists now, so tasks can share them. */
	for (int i = 256; i < 512; i++)
		if ((kernel_pmap.pml4[i] & PTE_P) == 0)
			kernel_pmap.pml4[i] = table_alloc(&kernel_pmap) |
			    PTE_P | PTE_W;
	write_cr3(kernel_pmap.pml4_pa);
}

/* Can the kernel reach [pa, pa + len) through the direct map? */
bool
pmap_direct_mapped(uint64_t pa, uint64_t len)
{
	return pa < direct_end && len <= direct_end - pa;
}

/*
 * The kernel's own 4 KiB mappings outside the image (kernel stacks, see
 * thread_md.c): writable, not executable, global.  The page tables come
 * under PML4 slots every task shares, so the mapping is everywhere.  The
 * TLB is flushed on this CPU only.  0 or -1 (no memory for tables).
 */
int
pmap_kenter(uint64_t va, uint64_t pa)
{
	uint64_t *pte = pmap_walk(&kernel_pmap, va, true, PTE_P | PTE_W);

	ASSERT_ONE_CPU();
	if (pte == NULL)
		return -1;
	*pte = pa | PTE_P | PTE_W | PTE_G | PTE_NX;
	invlpg(va);
	return 0;
}

/* The kernel's page-directory entry over va, or NULL. */
static uint64_t *
kernel_pde(uint64_t va)
{
	uint64_t *table = kernel_pmap.pml4;

	for (int shift = 39; shift > 21; shift -= 9) {
		uint64_t e = table[(va >> shift) & 511];

		if ((e & PTE_P) == 0 || (e & PTE_PS))
			return NULL;
		table = table_va(e);
	}
	return &table[(va >> 21) & 511];
}

/*
 * Undo pmap_kenter.  The page table goes with its last mapping: kernel
 * stacks come and go, and otherwise the tables for the most stacks ever
 * alive at once (a page per 2 MiB of them) would stay allocated for good.
 * invlpg drops the TLB entry and the cached directory entry over va.
 */
void
pmap_kremove(uint64_t va)
{
	uint64_t *pde = kernel_pde(va), *pt, pa;

	ASSERT_ONE_CPU();
	if (pde == NULL || (*pde & PTE_P) == 0 || (*pde & PTE_PS))
		return;
	pt = table_va(*pde);
	pt[(va >> 12) & 511] = 0;
	invlpg(va);
	for (int i = 0; i < 512; i++)
		if (pt[i] & PTE_P)
			return;
	pa = *pde & PTE_ADDR;
	*pde = 0;
	invlpg(va);
	vm_page_free_pa(pa);
	task_limit_uncharge(kernel_pmap.ledger, TL_PAGE_TABLES, 1);
	kernel_pmap.table_pages--;
}

/* "rwx" for how the kernel sees va ('-' where not), for the self-check. */
void
pmap_kernel_prot(uint64_t va, char out[4])
{
	uint64_t *table = kernel_pmap.pml4, e = 0;
	int shift;

	for (shift = 39; shift >= 12; shift -= 9) {
		e = table[(va >> shift) & 511];
		if ((e & PTE_P) == 0 || ((shift == 30 || shift == 21) &&
		    (e & PTE_PS)))
			break;
		table = table_va(e);
	}
	out[0] = (e & PTE_P) ? 'r' : '-';
	out[1] = (e & PTE_P) && (e & PTE_W) ? 'w' : '-';
	out[2] = (e & PTE_P) && !(e & PTE_NX) ? 'x' : '-';
	out[3] = '\0';
}

struct pmap *
pmap_kernel(void)
{
	return &kernel_pmap;
}

int
pmap_init(struct pmap *p)
{
	p->table_pages = 0;
	p->ledger = NULL;		/* the PML4 is the task's, free */
	p->pml4_pa = table_alloc(p);
	if (p->pml4_pa == 0)
		return -1;
	p->pml4 = phys_to_virt(p->pml4_pa);
	memcpy(&p->pml4[256], &kernel_pmap.pml4[256], 256 * sizeof(uint64_t));
	return 0;
}

static void
table_free(struct pmap *p, uint64_t entry, int level)
{
	uint64_t *t = table_va(entry);

	if (level > 0)
		for (int i = 0; i < 512; i++)
			if (t[i] & PTE_P)
				table_free(p, t[i], level - 1);
	vm_page_free_pa(entry & PTE_ADDR);
	task_limit_uncharge(p->ledger, TL_PAGE_TABLES, 1);
	p->table_pages--;
}

/* Free the user half's page tables (not the pages they map) and the PML4. */
void
pmap_destroy(struct pmap *p)
{
	if (read_cr3() == p->pml4_pa)
		write_cr3(kernel_pmap.pml4_pa);
	for (int i = 0; i < 256; i++)
		if (p->pml4[i] & PTE_P)
			table_free(p, p->pml4[i], 2);
	vm_page_free_pa(p->pml4_pa);
	p->table_pages--;
	KASSERT(p->table_pages == 0);
}

static uint64_t
pte_bits(int prot)
{
	uint64_t bits = PTE_P | PTE_U;

	if (prot & PMAP_PROT_WRITE)
		bits |= PTE_W;
	if ((prot & PMAP_PROT_EXEC) == 0)
		bits |= PTE_NX;
	if (prot & PMAP_PROT_NOCACHE)
		bits |= PTE_PCD | PTE_PWT;
	return bits;
}

int
pmap_enter(struct pmap *p, uint64_t va, uint64_t pa, int prot)
{
	uint64_t *pte = pmap_walk(p, va, true, PTE_P | PTE_W | PTE_U);

	ASSERT_ONE_CPU();		/* a replaced page: no TLB shootdown */
	if (pte == NULL)
		return -1;
	*pte = pa | pte_bits(prot);
	invlpg(va);
	return 0;
}

void
pmap_remove(struct pmap *p, uint64_t va)
{
	uint64_t *pte = pmap_walk(p, va, false, 0);

	ASSERT_ONE_CPU();		/* no TLB shootdown */
	if (pte != NULL && (*pte & PTE_P)) {
		*pte = 0;
		invlpg(va);
	}
}

void
pmap_protect(struct pmap *p, uint64_t va, int prot)
{
	uint64_t *pte = pmap_walk(p, va, false, 0);

	ASSERT_ONE_CPU();		/* no TLB shootdown */
	if (pte != NULL && (*pte & PTE_P)) {
		*pte = (*pte & PTE_ADDR) | pte_bits(prot);
		invlpg(va);
	}
}

bool
pmap_extract(struct pmap *p, uint64_t va, uint64_t *pa)
{
	uint64_t *pte = pmap_walk(p, va, false, 0);

	if (pte == NULL || (*pte & PTE_P) == 0)
		return false;
	*pa = (*pte & PTE_ADDR) | (va & PAGE_MASK);
	return true;
}

void
pmap_activate(struct pmap *p)
{
	if (read_cr3() != p->pml4_pa)
		write_cr3(p->pml4_pa);
}

/* One walk: pa of va, and whether it is writable; false if unmapped. */
bool
pmap_lookup(struct pmap *p, uint64_t va, uint64_t *pa, bool *writable)
{
	uint64_t *pte = pmap_walk(p, va, false, 0);

	if (pte == NULL || (*pte & PTE_P) == 0)
		return false;
	*pa = (*pte & PTE_ADDR) | (va & PAGE_MASK);
	*writable = (*pte & PTE_W) != 0;
	return true;
}

/* Is va mapped writable?  (Copy-on-write pages are mapped read-only.) */
bool
pmap_writable(struct pmap *p, uint64_t va)
{
	uint64_t *pte = pmap_walk(p, va, false, 0);

	return pte != NULL && (*pte & PTE_P) && (*pte & PTE_W);
}
