/*
 * pmap.h -- the machine-dependent half of virtual memory: x86_64 4-level
 * page tables.  The kernel sees all physical memory through the direct map;
 * each task's pmap shares the kernel half (PML4 slots 256-511).
 */
#ifndef MACHINE_PMAP_H
#define MACHINE_PMAP_H

#include <stdint.h>
#include <stdbool.h>

struct task_limit;

#define PAGE_SHIFT	12
#define PAGE_SIZE	4096ul
#define PAGE_MASK	(PAGE_SIZE - 1)
#define DIRECT_MAP_BASE	0xFFFF800000000000ul
#define KERNEL_VMA	0xFFFFFFFF80000000ul
#define USER_MIN	0x1000ul
#define USER_MAX	0x00007FFFFFFFF000ul	/* first address above user space */

/* [uaddr, uaddr + len) lies inside user space, without wrapping. */
static inline bool
user_range_ok(uint64_t uaddr, uint64_t len)
{
	return uaddr >= USER_MIN && uaddr <= USER_MAX &&
	    len <= USER_MAX - uaddr;
}

static inline void *
phys_to_virt(uint64_t pa)
{
	return (void *)(pa + DIRECT_MAP_BASE);
}

static inline uint64_t
virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DIRECT_MAP_BASE;
}

/* Protections, as Mach's vm_prot_t. */
#define PMAP_PROT_READ	1
#define PMAP_PROT_WRITE	2
#define PMAP_PROT_EXEC	4
#define PMAP_PROT_NOCACHE 8	/* device memory: cache disabled */

struct pmap {
	uint64_t	 pml4_pa;	/* [I] */
	uint64_t	*pml4;		/* [I] direct-map address */
	uint64_t	 table_pages;	/* page-table pages held */
	struct task_limit *ledger;	/* pays for them, or NULL */
};

void	pmap_bootstrap(uint64_t phys_end);
bool	pmap_direct_mapped(uint64_t pa, uint64_t len);
int	pmap_kenter(uint64_t va, uint64_t pa);
void	pmap_kremove(uint64_t va);
void	pmap_kernel_prot(uint64_t va, char out[4]);
struct pmap *pmap_kernel(void);
int	pmap_init(struct pmap *);		/* 0 or -1 (no memory) */
void	pmap_destroy(struct pmap *);
int	pmap_enter(struct pmap *, uint64_t va, uint64_t pa, int prot);
void	pmap_remove(struct pmap *, uint64_t va);
void	pmap_protect(struct pmap *, uint64_t va, int prot);
bool	pmap_extract(struct pmap *, uint64_t va, uint64_t *pa);
bool	pmap_writable(struct pmap *, uint64_t va);
bool	pmap_lookup(struct pmap *, uint64_t va, uint64_t *pa, bool *writable);
void	pmap_activate(struct pmap *);

#endif /* MACHINE_PMAP_H */
