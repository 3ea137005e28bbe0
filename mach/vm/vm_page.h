/*
 * vm_page.h -- physical pages for the rest of the kernel: single pages for
 * page tables, anonymous memory and the heap, contiguous runs for DMA.
 * Backed by vm/page_alloc.c over a bitmap sized from the boot memory map.
 */
#ifndef VM_VM_PAGE_H
#define VM_VM_PAGE_H

#include <stdint.h>
#include <stdbool.h>
#include "kern/bootinfo.h"

void	 vm_page_bootstrap(const struct boot_info *);
int	 vm_page_alloc_pa(uint64_t *pa);		/* 0 or -1 */
void	 vm_page_free_pa(uint64_t pa);
void	 vm_page_ref(uint64_t pa);
void	 vm_page_unref(uint64_t pa);
unsigned vm_page_refs(uint64_t pa);
bool	 vm_page_is_ram(uint64_t pa);
int	 vm_page_alloc_contig(uint64_t npages, uint64_t *pa);
int	 vm_page_alloc_contig_in(uint64_t npages, uint64_t align_pages,
	    uint64_t pmin, uint64_t pmax, uint64_t *pa);
void	 vm_page_free_contig(uint64_t pa, uint64_t npages);
uint64_t vm_page_free_count(void);
uint64_t vm_page_total_count(void);
uint64_t vm_page_phys_end(void);

#endif
