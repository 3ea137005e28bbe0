/*
 * vring.c -- the legacy split virtqueue (vring.h): layout, posting chains
 * to the available ring and taking them back from the used ring.  The
 * driver's only concurrency is with the device, ordered by the fences.
 */
#include <string.h>
#include "vring.h"

static size_t
vring_align(size_t x)
{
	return (x + VRING_ALIGN - 1) & ~(size_t)(VRING_ALIGN - 1);
}

size_t
vring_size(unsigned num)
{
	if (num == 0 || num > 32768 || (num & (num - 1)) != 0)
		return 0;
	return vring_align(sizeof(struct vring_desc) * num +
	    sizeof(uint16_t) * (3 + num)) +
	    vring_align(sizeof(uint16_t) * 3 +
	    sizeof(struct vring_used_elem) * num);
}

bool
vring_init(struct vring *vr, unsigned num, void *mem)
{
	char *p = mem;

	if (vring_size(num) == 0 || ((uintptr_t)mem & (VRING_ALIGN - 1)) != 0)
		return false;
	vr->num = num;
	vr->desc = (struct vring_desc *)p;
	vr->avail = (struct vring_avail *)(p + sizeof(struct vring_desc) * num);
	vr->used = (struct vring_used *)(p + vring_align(
	    sizeof(struct vring_desc) * num + sizeof(uint16_t) * (3 + num)));
	vr->last_used = 0;
	for (unsigned i = 0; i < num; i++)
		vr->desc[i].next = (i + 1) % num;
	vr->free_head = 0;
	vr->nfree = num;
	vr->bad = false;
	return true;
}

int
vring_post(struct vring *vr, const struct vring_buf *b, unsigned n)
{
	uint16_t head = vr->free_head, d = head;

	if (n == 0 || n > VRING_MAX_CHAIN || n > vr->nfree)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		vr->desc[d].addr = b[i].pa;
		vr->desc[d].len = b[i].len;
		vr->desc[d].flags = (b[i].write ? VRING_DESC_F_WRITE : 0) |
		    (i + 1 < n ? VRING_DESC_F_NEXT : 0);
		if (i + 1 < n)
			d = vr->desc[d].next;
	}
	vr->free_head = vr->desc[d].next;
	vr->nfree -= n;
	vr->avail->ring[vr->avail->idx % vr->num] = head;
	__atomic_thread_fence(__ATOMIC_RELEASE);	/* ring before idx */
	vr->avail->idx++;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* idx before notify */
	return head;
}

/* Give the chain at head back to the free list; false if it is not one. */
static bool
vring_free_chain(struct vring *vr, uint16_t head)
{
	uint16_t d = head, n = 1;

	while (vr->desc[d].flags & VRING_DESC_F_NEXT) {
		if (++n > VRING_MAX_CHAIN)
			return false;
		d = vr->desc[d].next % vr->num;
	}
	if (n > vr->num - vr->nfree)
		return false;
	vr->desc[d].next = vr->free_head;
	vr->desc[d].flags = 0;
	vr->free_head = head;
	vr->nfree += n;
	return true;
}

bool
vring_take_used(struct vring *vr, int *head, uint32_t *len)
{
	struct vring_used_elem e;

	*head = -1;
	if (vr->used->idx == vr->last_used)
		return false;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);	/* idx before entry */
	e.id = vr->used->ring[vr->last_used % vr->num].id;
	e.len = vr->used->ring[vr->last_used % vr->num].len;
	vr->last_used++;
	if (e.id >= vr->num || !vring_free_chain(vr, e.id)) {
		vr->bad = true;
		return false;
	}
	*head = e.id;
	*len = e.len;
	return true;
}
