/*
 * heap.c -- sbrk for newlib's malloc.  The heap is one reserved region:
 * the first call maps HEAP_RESERVE bytes of zero-fill memory right after
 * the program's `end` (or anywhere, if something already lies there), so
 * that no later vm_allocate(anywhere) can land in the heap's way.  Memory
 * is only backed by pages when touched; shrinking the break gives the
 * pages back by mapping fresh zero-fill memory over them.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>

#define HEAP_RESERVE	(1ul << 30)	/* 1 GiB of address space */
#define PAGE_SIZE	4096ul
#define PAGE_ROUND(x)	(((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

extern char end[];

/* [heap_base, heap_limit) is reserved; the break is heap_brk. */
static uintptr_t heap_base, heap_brk, heap_limit;

static int
heap_reserve(void)
{
	vm_address_t a = PAGE_ROUND((uintptr_t)end);

	if (vm_allocate(mach_task_self(), &a, HEAP_RESERVE, FALSE) != 0 &&
	    vm_allocate(mach_task_self(), &a, HEAP_RESERVE, TRUE) != 0)
		return -1;
	heap_base = heap_brk = a;
	heap_limit = a + HEAP_RESERVE;
	return 0;
}

/*
 * Give back the whole pages between the new and the old break: replace
 * them with fresh zero-fill memory.  If the range cannot be remapped
 * (another thread's vm_allocate took it), the heap ends there.
 */
static void
heap_release(uintptr_t from, uintptr_t to)
{
	vm_address_t a = PAGE_ROUND(from);

	to = PAGE_ROUND(to);
	if (a >= to)
		return;
	vm_deallocate(mach_task_self(), a, to - a);
	if (vm_allocate(mach_task_self(), &a, to - a, FALSE) != 0)
		heap_limit = PAGE_ROUND(from);
}

/* newlib's _sbrk_r calls sbrk (MISSING_SYSCALL_NAMES); so do programs. */
void *
sbrk(ptrdiff_t incr)
{
	uintptr_t old;

	if (heap_base == 0 && heap_reserve() != 0) {
		errno = ENOMEM;
		return (void *)-1;
	}
	old = heap_brk;
	if ((incr > 0 && (uintptr_t)incr > heap_limit - old) ||
	    (incr < 0 && (uintptr_t)-incr > old - heap_base)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_brk = old + incr;
	if (incr < 0)
		heap_release(heap_brk, old);
	return (void *)old;
}
