/*
 * vm_map.h -- a task's address space: a sorted list of entries, each a
 * range of a memory object (vm_object.h) at some offset, with a
 * protection and an inheritance, over the machine's pmap.  Pages enter
 * the pmap on first touch (vm_fault.c).
 */
#ifndef VM_VM_MAP_H
#define VM_VM_MAP_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>
#include <mach/vm_inherit.h>
#include "kern/lock.h"
#include "machine/pmap.h"
#include "machine/cpu.h"

struct vm_object;

/*
 * [m] the map's lock; [m+o] the map's lock and the object's to change,
 * either to read (an object reads its mappings under its own lock).
 */
struct vm_map_entry {
	uint64_t		 start, end;	/* [m+o] page aligned */
	vm_prot_t		 prot;		/* [m] */
	vm_prot_t		 max_prot;	/* [m] */
	int			 inherit;	/* [m] VM_INHERIT_* */
	struct vm_object	*object;	/* [I] holds a reference */
	uint64_t		 offset;	/* [m+o] object offset of start */
	struct vm_map		*map;		/* [I] */
	struct vm_map_entry	*next;		/* [m] */
	struct vm_map_entry	*obj_next;	/* [o] the object's mappings */
};

struct vm_map {
	struct spinlock		 lock;
	uint32_t		 refs;		/* [atomic] the task's and RPCs' */
	struct pmap		 pmap;		/* [I] */
	struct vm_map_entry	*entries;	/* [m] sorted by start */
	uint64_t		 resident;	/* [atomic] pages mapped */
	uint64_t		 wired;		/* [m] bytes vm_wire asked for */
	bool			 wire_future;	/* [m] vm_wire_all FUTURE */
	uint64_t		 size_cur_limit; /* [m] vm_set_size_limit */
	uint64_t		 size_max_limit; /* [m] vm_set_size_limit */
};

struct vm_map	*vm_map_create(void);
void		 vm_map_reference(struct vm_map *);
void		 vm_map_deallocate(struct vm_map *);
kern_return_t	 vm_map_enter(struct vm_map *, uint64_t *addr, uint64_t size,
		    bool anywhere, vm_prot_t prot);
kern_return_t	 vm_map_enter_pages(struct vm_map *, uint64_t *addr,
		    const uint64_t *pages, uint64_t npages, vm_prot_t prot);
kern_return_t	 vm_map_remove(struct vm_map *, uint64_t start, uint64_t end);
kern_return_t	 vm_map_protect(struct vm_map *, uint64_t start, uint64_t end,
		    vm_prot_t prot);
kern_return_t	 vm_map_enter_aligned(struct vm_map *, uint64_t *addr,
		    uint64_t size, uint64_t mask, bool anywhere, vm_prot_t prot,
		    vm_prot_t max_prot, int inherit);
kern_return_t	 vm_map_set_attr(struct vm_map *, uint64_t start, uint64_t end,
		    bool set_max, vm_prot_t prot, int inherit, bool inheritance);
kern_return_t	 vm_map_region(struct vm_map *, uint64_t *addr, uint64_t *size,
		    vm_prot_t *prot, vm_prot_t *max_prot, int *inherit,
		    bool *shared, uint64_t *offset);
vm_prot_t	 vm_map_page_prot(uint64_t pa, vm_prot_t prot);
struct vm_map_entry *vm_map_lookup(struct vm_map *, uint64_t addr);

/* vm_fault.c */
kern_return_t	 vm_fault(struct vm_map *, uint64_t addr, vm_prot_t access);

/* What vm_statistics reports beside the page counts (vm_fault.c). */
struct vm_fault_stats {
	uint64_t	 faults;
	uint64_t	 zero_fills;
	uint64_t	 cow_faults;
};
extern struct vm_fault_stats vm_fault_stats;	/* [a] */

/* vm_copyio.c: the kernel's access to user memory. */
kern_return_t	 vm_copyin(struct vm_map *, uint64_t uaddr, void *kbuf,
		    uint64_t len);
kern_return_t	 vm_copyout(struct vm_map *, const void *kbuf, uint64_t uaddr,
		    uint64_t len);
kern_return_t	 vm_copyin_str(struct vm_map *, uint64_t uaddr, char *kbuf,
		    uint64_t max, uint64_t *len);

/*
 * The same with the current task's memory, which the CPU reaches directly
 * (copy.S resolves faults): for the trap and RPC fast paths, which know
 * whose memory they touch.  vm_copyin and vm_copyout use them too.
 */
static inline kern_return_t
vm_copyin_current(uint64_t uaddr, void *kbuf, uint64_t len)
{
	return user_range_ok(uaddr, len) &&
	    copy_from_user(kbuf, (const void *)uaddr, len) == 0 ?
	    KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

static inline kern_return_t
vm_copyout_current(const void *kbuf, uint64_t uaddr, uint64_t len)
{
	return user_range_ok(uaddr, len) &&
	    copy_to_user((void *)uaddr, kbuf, len) == 0 ?
	    KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

uint64_t	 vm_map_size(struct vm_map *);
kern_return_t	 vm_map_share_page(struct vm_map *, uint64_t va, uint64_t *pa);
kern_return_t	 vm_map_enter_object(struct vm_map *, uint64_t *addr,
		    uint64_t size, uint64_t mask, bool anywhere,
		    struct vm_object *, uint64_t offset, vm_prot_t prot,
		    vm_prot_t max_prot, int inherit);
kern_return_t	 vm_map_fork(struct vm_map *parent, struct vm_map *child);
void		 vm_init(void);

#endif
