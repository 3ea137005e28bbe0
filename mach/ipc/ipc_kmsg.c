/*
 * ipc_kmsg.c -- turning a user message into a kernel message and back.
 * Copyin validates the header and every body descriptor before it trusts
 * a byte, takes the rights and out-of-line memory out of the sender, and
 * rewrites dispositions to the types the receiver will see (ABI.md).
 * Copyout gives them to the receiver.  Destroy releases whatever a kernel
 * message still holds.  Called by mach_msg.c and the kernel object server.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/lock.h"
#include "kern/task_limit.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_space.h"
#include "vm/vm_map.h"
#include "vm/vm_copy.h"

#define OOL_PORTS_MAX	65536

/* One body item: a type descriptor and what follows it. */
struct kmsg_item {
	uint8_t		*desc;
	uint32_t	 name, size, number;
	bool		 inl, dealloc;
	uint8_t		*data;		/* inline data, or the 8-byte pointer */
	uint64_t	 bytes;		/* payload size */
	uint64_t	 span;		/* body bytes after the descriptor */
};

/*
 * Buffers between a slab's largest and two pages (every reply of the
 * kernel server, whose buffer holds the largest reply; a 4 KiB inline
 * message) come from the page allocator, which costs a kernel RPC about
 * 550 instructions each way: a few freed ones are kept for the next.
 */
#define KMSG_SPARE_ALLOC	(2 * KMEM_PAGE_SIZE - 64)
#define KMSG_SPARE_MAX		4

static struct spinlock kmsg_spare_lock = SPINLOCK_INIT;	/* leaf */
static void *kmsg_spare[KMSG_SPARE_MAX];
static unsigned kmsg_nspare;

static bool
kmsg_is_spare_size(uint32_t alloc)
{
	return alloc > KALLOC_MAX_SMALL && alloc <= KMSG_SPARE_ALLOC;
}

static void kmsg_buffer_free(void *b, uint32_t alloc);

/*
 * Fill the spares at the first use, once: when no message is in flight
 * every spare is back, so the kernel's counts of heap objects and free
 * pages (tests/lib/kstats.c) come back to where they were.
 */
static void
kmsg_spare_fill(void)
{
	static bool filled;
	bool fill;
	void *b;

	if (filled)
		return;
	spin_lock(&kmsg_spare_lock);
	fill = !filled;
	filled = true;
	spin_unlock(&kmsg_spare_lock);
	for (int i = 0; fill && i < KMSG_SPARE_MAX; i++)
		if ((b = kalloc(KMSG_SPARE_ALLOC)) != NULL)
			kmsg_buffer_free(b, KMSG_SPARE_ALLOC);
}

static void *
kmsg_buffer_alloc(uint32_t alloc)
{
	void *b = NULL;

	if (!kmsg_is_spare_size(alloc))
		return kalloc(alloc);
	kmsg_spare_fill();
	spin_lock(&kmsg_spare_lock);
	if (kmsg_nspare > 0)
		b = kmsg_spare[--kmsg_nspare];
	spin_unlock(&kmsg_spare_lock);
	return b != NULL ? b : kalloc(KMSG_SPARE_ALLOC);
}

static void
kmsg_buffer_free(void *b, uint32_t alloc)
{
	if (kmsg_is_spare_size(alloc)) {
		spin_lock(&kmsg_spare_lock);
		if (kmsg_nspare < KMSG_SPARE_MAX) {
			kmsg_spare[kmsg_nspare++] = b;
			b = NULL;
		}
		spin_unlock(&kmsg_spare_lock);
	}
	kfree(b);
}

struct ipc_kmsg *
ipc_kmsg_alloc(uint32_t size)
{
	struct ipc_kmsg *k;
	uint32_t alloc = offsetof(struct ipc_kmsg, hdr) + size;

	if ((k = kmsg_buffer_alloc(alloc)) == NULL)
		return NULL;
	k->next = NULL;
	k->seqno = 0;
	k->alloc = alloc;
	k->ledger = NULL;
	k->charged_bytes = k->charged_pages = 0;
	return k;
}

void
ipc_kmsg_free(struct ipc_kmsg *k)
{
	task_limit_kmsg_free(k);
	kmsg_buffer_free(k, k->alloc);
}

static uint8_t *
kmsg_body(struct ipc_kmsg *k, uint64_t *len)
{
	*len = k->hdr.msgh_size - sizeof(mach_msg_header_t);
	return (uint8_t *)(&k->hdr + 1);
}

/* Decode the item at off; false if it runs past the body. */
static bool
item_decode(uint8_t *body, uint64_t len, uint64_t off, struct kmsg_item *it)
{
	uint32_t bits;

	if (len - off < 8)
		return false;
	__builtin_memcpy(&bits, body + off, 4);
	__builtin_memcpy(&it->number, body + off + 4, 4);
	it->name = bits & 0xff;
	it->size = (bits >> 8) & 0xffff;
	it->inl = (bits >> 29) & 1;
	it->dealloc = (bits >> 31) & 1;
	it->bytes = ((uint64_t)it->number * it->size + 7) / 8;
	it->span = it->inl ? ROUND_UP(it->bytes, 8) : 8;
	if (it->span > len - off - 8)
		return false;
	it->desc = body + off;
	it->data = body + off + 8;
	return true;
}

/* Out-of-line rights are 4-byte names in user space, 8-byte ports inside. */
static void
item_set_size(struct kmsg_item *it, uint32_t size)
{
	uint32_t bits;

	__builtin_memcpy(&bits, it->desc, 4);
	bits = (bits & ~0xffff00u) | (size << 8);
	__builtin_memcpy(it->desc, &bits, 4);
	it->size = size;
}

static void
item_set_name(struct kmsg_item *it, uint32_t name)
{
	uint32_t bits;

	__builtin_memcpy(&bits, it->desc, 4);
	bits = (bits & ~0xffu) | name;
	__builtin_memcpy(it->desc, &bits, 4);
	it->name = name;
}

static uint64_t
slot_get(const uint8_t *p)
{
	uint64_t v;

	__builtin_memcpy(&v, p, 8);
	return v;
}

static void
slot_put(uint8_t *p, uint64_t v)
{
	__builtin_memcpy(p, &v, 8);
}

static bool
is_port(uint32_t name)
{
	return MACH_MSG_TYPE_PORT_ANY(name);
}

/*
 * Release what one kernel-form item holds and clear its slots.  Inline
 * data holds nothing (and may be empty: its "slot" is the next item).
 */
static void
item_destroy(struct kmsg_item *it)
{
	if (is_port(it->name) && it->inl) {
		for (uint32_t i = 0; i < it->number; i++) {
			ipc_right_drop((struct ipc_port *)slot_get(it->data +
			    8 * i), it->name);
			slot_put(it->data + 8 * i, 0);
		}
	} else if (is_port(it->name)) {
		struct ipc_port **ports = (void *)slot_get(it->data);

		for (uint32_t i = 0; ports != NULL && i < it->number; i++)
			ipc_right_drop(ports[i], it->name);
		kfree(ports);
		slot_put(it->data, 0);
	} else if (!it->inl) {
		vm_copy_discard((struct vm_copy *)slot_get(it->data));
		slot_put(it->data, 0);
	}
}

/* Destroy the items of a kernel-form body that start before `end'. */
static void
body_destroy(struct ipc_kmsg *k, uint64_t end)
{
	uint64_t len, off = 0;
	uint8_t *body = kmsg_body(k, &len);
	struct kmsg_item it;

	while (off < end && item_decode(body, len, off, &it)) {
		item_destroy(&it);
		off += 8 + it.span;
	}
}

/* Release everything a kernel message holds, and the message. */
void
ipc_kmsg_destroy(struct ipc_kmsg *k)
{
	mach_msg_bits_t bits = k->hdr.msgh_bits;

	ipc_right_drop(ipc_kmsg_dest(k), MACH_MSGH_BITS_REMOTE(bits));
	ipc_right_drop(ipc_kmsg_reply(k), MACH_MSGH_BITS_LOCAL(bits));
	if (bits & MACH_MSGH_BITS_COMPLEX)
		body_destroy(k, k->hdr.msgh_size);
	ipc_kmsg_free(k);
}

static bool
is_send_disposition(mach_msg_type_name_t d)
{
	return d >= MACH_MSG_TYPE_MOVE_SEND && d <= MACH_MSG_TYPE_MAKE_SEND_ONCE;
}

/*
 * Take the header's rights out of space s: the destination (which must
 * name a send or send-once right, or a receive right to make one from) and
 * the optional reply right.  Returns MACH_MSG_SUCCESS,
 * MACH_SEND_INVALID_HEADER, MACH_SEND_INVALID_DEST or
 * MACH_SEND_INVALID_REPLY; on failure the space is as it was.
 */
mach_msg_return_t
ipc_kmsg_copyin_header(struct ipc_kmsg *k, struct ipc_space *s)
{
	mach_msg_bits_t bits = k->hdr.msgh_bits;
	mach_msg_type_name_t rdisp = MACH_MSGH_BITS_REMOTE(bits);
	mach_msg_type_name_t ldisp = MACH_MSGH_BITS_LOCAL(bits);
	mach_port_name_t dname = (mach_port_name_t)ipc_kmsg_slot(k, KMSG_REMOTE);
	mach_port_name_t rname = (mach_port_name_t)ipc_kmsg_slot(k, KMSG_LOCAL);
	struct ipc_port *dest, *reply = NULL;
	mach_msg_type_name_t dtype, rtype = 0;
	mach_msg_return_t mr;

	if (!is_send_disposition(rdisp) ||
	    (MACH_PORT_NAME_VALID(rname) && !is_send_disposition(ldisp)))
		return MACH_SEND_INVALID_HEADER;
	spin_lock(&s->lock);
	mr = ipc_right_copyin_dest(s, dname, rdisp, &dest, &dtype);
	if (mr != MACH_MSG_SUCCESS) {
		spin_unlock(&s->lock);
		return MACH_SEND_INVALID_DEST;
	}
	if (MACH_PORT_NAME_VALID(rname)) {
		mr = ipc_right_copyin(s, rname, ldisp, &reply, &rtype);
		if (mr != MACH_MSG_SUCCESS) {
			mach_port_name_t back;

			ipc_right_copyout(s, dest, dtype, &back);
			spin_unlock(&s->lock);
			return MACH_SEND_INVALID_REPLY;
		}
	} else if (rname == MACH_PORT_NAME_DEAD) {
		reply = IPC_PORT_DEAD;
		rtype = ipc_right_result_type(ldisp);
	}
	spin_unlock(&s->lock);
	ipc_kmsg_set_slot(k, KMSG_REMOTE, (uint64_t)dest);
	ipc_kmsg_set_slot(k, KMSG_LOCAL, (uint64_t)reply);
	/*
	 * A sender sets the dispositions and COMPLEX, nothing else: the
	 * circular bit and the other kernel-internal and unused ones are
	 * cleared (GNU Mach clears CIRCULAR, and never reads the others).
	 */
	k->hdr.msgh_bits = (bits & MACH_MSGH_BITS_COMPLEX) |
	    MACH_MSGH_BITS(dtype, rtype);
	return MACH_MSG_SUCCESS;
}

/* Give the header's rights back to the sender (a send that failed). */
void
ipc_kmsg_undo_header(struct ipc_kmsg *k, struct ipc_space *s)
{
	mach_msg_bits_t bits = k->hdr.msgh_bits;
	mach_port_name_t name;

	spin_lock(&s->lock);
	ipc_right_copyout(s, ipc_kmsg_dest(k), MACH_MSGH_BITS_REMOTE(bits),
	    &name);
	ipc_right_copyout(s, ipc_kmsg_reply(k), MACH_MSGH_BITS_LOCAL(bits),
	    &name);
	spin_unlock(&s->lock);
	ipc_kmsg_set_slot(k, KMSG_REMOTE, 0);
	ipc_kmsg_set_slot(k, KMSG_LOCAL, 0);
}

/* Inline rights: names become referenced ports, in place. */
static mach_msg_return_t
copyin_port_array(struct ipc_space *s, struct kmsg_item *it)
{
	mach_msg_type_name_t disp = it->name, type = 0;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	uint32_t i;

	if (it->size != 64)
		return MACH_SEND_INVALID_TYPE;
	spin_lock(&s->lock);
	for (i = 0; i < it->number; i++) {
		mach_port_name_t name = (uint32_t)slot_get(it->data + 8 * i);
		struct ipc_port *p = NULL;

		if (name == MACH_PORT_NAME_DEAD)
			p = IPC_PORT_DEAD;
		else if (name != MACH_PORT_NAME_NULL &&
		    (mr = ipc_right_copyin(s, name, disp, &p, &type)) !=
		    MACH_MSG_SUCCESS)
			break;
		slot_put(it->data + 8 * i, (uint64_t)p);
	}
	spin_unlock(&s->lock);
	item_set_name(it, ipc_right_result_type(disp));
	if (mr == MACH_MSG_SUCCESS)
		return mr;
	/* A failed item gives back what it took and holds nothing. */
	for (uint32_t j = 0; j < it->number; j++) {
		if (j < i)
			ipc_right_drop((struct ipc_port *)slot_get(it->data +
			    8 * j), it->name);
		slot_put(it->data + 8 * j, 0);
	}
	return MACH_SEND_INVALID_RIGHT;
}

/* Names of an out-of-line array into ports; unfilled slots stay NULL. */
static mach_msg_return_t
copyin_names(struct ipc_space *s, mach_msg_type_name_t disp,
    const mach_port_name_t *names, struct ipc_port **ports, uint64_t n)
{
	mach_msg_type_name_t type;
	uint64_t i;

	spin_lock(&s->lock);
	for (i = 0; i < n; i++) {
		if (names[i] == MACH_PORT_NAME_DEAD)
			ports[i] = IPC_PORT_DEAD;
		else if (names[i] != MACH_PORT_NAME_NULL &&
		    ipc_right_copyin(s, names[i], disp, &ports[i], &type) !=
		    MACH_MSG_SUCCESS)
			break;
	}
	spin_unlock(&s->lock);
	return i == n ? MACH_MSG_SUCCESS : MACH_SEND_INVALID_RIGHT;
}

/*
 * Out-of-line rights: the user's array of 4-byte names becomes a kernel
 * array of ports.  The array is in the message before any right moves, so
 * that destroying the item after a failure releases what was taken.
 */
static mach_msg_return_t
copyin_ool_ports(struct ipc_space *s, struct vm_map *map,
    struct kmsg_item *it)
{
	mach_msg_type_name_t disp = it->name;
	uint64_t addr = slot_get(it->data), n = it->number;
	mach_port_name_t *names;
	struct ipc_port **ports;
	mach_msg_return_t mr;

	slot_put(it->data, 0);
	item_set_name(it, ipc_right_result_type(disp));
	item_set_size(it, 8 * sizeof(struct ipc_port *));	/* kernel form */
	if (n == 0)
		return MACH_MSG_SUCCESS;
	if (n > OOL_PORTS_MAX)
		return MACH_SEND_INVALID_TYPE;
	if ((ports = kzalloc(n * sizeof(*ports))) == NULL)
		return MACH_SEND_NO_BUFFER;
	slot_put(it->data, (uint64_t)ports);
	if ((names = kalloc(n * sizeof(*names))) == NULL) {
		item_destroy(it);
		return MACH_SEND_NO_BUFFER;
	}
	if (vm_copyin(map, addr, names, n * sizeof(*names)) != KERN_SUCCESS)
		mr = MACH_SEND_INVALID_MEMORY;
	else
		mr = copyin_names(s, disp, names, ports, n);
	kfree(names);
	if (mr != MACH_MSG_SUCCESS) {
		/* A failed item gives back what it took and holds nothing. */
		item_destroy(it);
		return mr;
	}
	if (it->dealloc)
		vm_map_remove(map, addr, addr + n * sizeof(*names));
	return mr;
}

/* Out-of-line data: copied into pages the receiver will be given. */
static mach_msg_return_t
copyin_ool_memory(struct vm_map *map, struct kmsg_item *it)
{
	uint64_t addr = slot_get(it->data);
	struct vm_copy *copy = NULL;
	kern_return_t kr;

	slot_put(it->data, 0);
	if (it->bytes == 0)
		return MACH_MSG_SUCCESS;
	kr = vm_copy_in(map, addr, it->bytes, &copy);
	if (kr != KERN_SUCCESS)
		return kr == KERN_RESOURCE_SHORTAGE ? MACH_SEND_NO_BUFFER :
		    MACH_SEND_INVALID_MEMORY;
	slot_put(it->data, (uint64_t)copy);
	if (it->dealloc)
		vm_map_remove(map, addr, addr + it->bytes);
	return MACH_MSG_SUCCESS;
}

static mach_msg_return_t
copyin_item(struct ipc_space *s, struct vm_map *map, struct kmsg_item *it)
{
	if (is_port(it->name))
		return it->inl ? copyin_port_array(s, it) :
		    copyin_ool_ports(s, map, it);
	if (!it->inl)
		return copyin_ool_memory(map, it);
	return MACH_MSG_SUCCESS;
}

/* Does one receive right of the item close a cycle through dest? */
static bool
item_circular(struct kmsg_item *it, struct ipc_port *dest)
{
	struct ipc_port **ports = (void *)slot_get(it->data);
	bool circular = false;

	for (uint32_t i = 0; i < it->number; i++) {
		struct ipc_port *p = it->inl ?
		    (struct ipc_port *)slot_get(it->data + 8 * i) : ports[i];

		if (IPC_PORT_VALID(p))
			circular |= ipc_port_check_circularity(p, dest);
	}
	return circular;
}

/*
 * Mark the message circular when a receive right in it would end up,
 * through a chain of ports in transit, inside its own queue; sending such
 * a message destroys it (mach_msg_deliver), as GNU Mach does.
 */
static void
body_check_circular(struct ipc_kmsg *k)
{
	uint64_t len, off = 0;
	uint8_t *body = kmsg_body(k, &len);
	struct kmsg_item it;
	bool circular = false;

	while (off < len && item_decode(body, len, off, &it)) {
		if (it.name == MACH_MSG_TYPE_PORT_RECEIVE &&
		    (it.inl || slot_get(it.data) != 0))
			circular |= item_circular(&it, ipc_kmsg_dest(k));
		off += 8 + it.span;
	}
	if (circular)
		k->hdr.msgh_bits |= MACH_MSGH_BITS_CIRCULAR;
}

/*
 * What the kernel will hold for a user-form body's out-of-line port
 * arrays (bytes) and memory (pages), added to *bytes and *pages, for the
 * sender's ledger to pay before anything is taken (kern/task_limit.c).
 * Descriptors copyin refuses anyway are not counted.
 */
void
ipc_kmsg_body_cost(struct ipc_kmsg *k, uint64_t *bytesp, uint64_t *pagesp)
{
	uint64_t len, off = 0, bytes = 0, pages = 0, addr;
	uint8_t *body = kmsg_body(k, &len);
	struct kmsg_item it;
	int items = 0;

	while (off < len && ++items <= IPC_KMSG_MAX_ITEMS &&
	    item_decode(body, len, off, &it)) {
		addr = it.inl ? 0 : slot_get(it.data);
		if (!it.inl && is_port(it.name) && it.number <= OOL_PORTS_MAX)
			bytes += (uint64_t)it.number * sizeof(struct ipc_port *);
		else if (!it.inl && !is_port(it.name) && it.bytes != 0 &&
		    user_range_ok(addr, it.bytes))
			pages += (ROUND_UP(addr + it.bytes, PAGE_SIZE) -
			    ROUND_DOWN(addr, PAGE_SIZE)) / PAGE_SIZE;
		off += 8 + it.span;
	}
	*bytesp += bytes;
	*pagesp += pages;
}

/*
 * Take the body's rights and out-of-line memory from the sender.  Returns
 * MACH_MSG_SUCCESS, or MACH_SEND_INVALID_TYPE / _RIGHT / _MEMORY /
 * MACH_SEND_MSG_TOO_SMALL (a descriptor runs past the end) /
 * MACH_SEND_NO_BUFFER; on failure everything taken so far is destroyed (a
 * failing item releases its own part) and the body holds nothing.  On
 * success MACH_MSGH_BITS_CIRCULAR may be set (body_check_circular).
 */
mach_msg_return_t
ipc_kmsg_copyin_body(struct ipc_kmsg *k, struct ipc_space *s,
    struct vm_map *map)
{
	uint64_t len, off = 0;
	uint8_t *body = kmsg_body(k, &len);
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	struct kmsg_item it;
	int items = 0;

	while (off < len) {
		if (++items > IPC_KMSG_MAX_ITEMS || !item_decode(body, len, off,
		    &it)) {
			mr = MACH_SEND_MSG_TOO_SMALL;
			break;
		}
		mr = copyin_item(s, map, &it);
		if (mr != MACH_MSG_SUCCESS)
			break;		/* the item cleaned up after itself */
		off += 8 + it.span;
	}
	if (mr != MACH_MSG_SUCCESS) {
		body_destroy(k, off);
		k->hdr.msgh_bits &= ~MACH_MSGH_BITS_COMPLEX;
	} else {
		body_check_circular(k);
	}
	return mr;
}

/* An out-of-line array of rights: names written to new user memory. */
static bool
copyout_ool_ports(struct ipc_space *s, struct vm_map *map,
    struct kmsg_item *it)
{
	struct ipc_port **ports = (void *)slot_get(it->data);
	uint64_t n = it->number, addr = 0;
	mach_port_name_t *names = NULL;
	bool ok = true;

	if (ports == NULL)
		goto out;
	names = kalloc(n * sizeof(*names));
	spin_lock(&s->lock);
	for (uint64_t i = 0; i < n; i++) {
		mach_port_name_t name = MACH_PORT_NAME_NULL;

		if (names == NULL)
			ipc_right_drop(ports[i], it->name);
		else
			ok &= ipc_right_copyout(s, ports[i], it->name, &name) ==
			    MACH_MSG_SUCCESS;
		if (names != NULL)
			names[i] = name;
	}
	spin_unlock(&s->lock);
	if (names == NULL || vm_map_enter(map, &addr, n * sizeof(*names), true,
	    VM_PROT_READ | VM_PROT_WRITE) != KERN_SUCCESS ||
	    vm_copyout(map, names, addr, n * sizeof(*names)) != KERN_SUCCESS) {
		ok = false;
		addr = 0;
	}
	kfree(names);
	kfree(ports);
out:
	slot_put(it->data, addr);
	item_set_size(it, 8 * sizeof(mach_port_name_t));
	return ok;
}

/* Give the receiver one item's rights and memory; false on a failure. */
static bool
copyout_item(struct ipc_space *s, struct vm_map *map, struct kmsg_item *it)
{
	mach_port_name_t name;
	bool ok = true;

	if (is_port(it->name) && it->inl) {
		spin_lock(&s->lock);
		for (uint32_t i = 0; i < it->number; i++) {
			struct ipc_port *p = (void *)slot_get(it->data + 8 * i);

			ok &= ipc_right_copyout(s, p, it->name, &name) ==
			    MACH_MSG_SUCCESS;
			slot_put(it->data + 8 * i, name);
		}
		spin_unlock(&s->lock);
	} else if (is_port(it->name)) {
		ok = copyout_ool_ports(s, map, it);
	} else if (!it->inl) {
		struct vm_copy *c = (void *)slot_get(it->data);
		uint64_t addr = 0;

		if (c != NULL && vm_copy_out(map, c, &addr) != KERN_SUCCESS) {
			vm_copy_discard(c);
			ok = false;
		}
		slot_put(it->data, addr);
	}
	return ok;
}

/* Copy out the header: the reply right, the destination's local name. */
static void
copyout_header(struct ipc_kmsg *k, struct ipc_space *s)
{
	mach_msg_bits_t bits = k->hdr.msgh_bits;
	mach_msg_type_name_t dtype = MACH_MSGH_BITS_REMOTE(bits);
	mach_msg_type_name_t rtype = MACH_MSGH_BITS_LOCAL(bits);
	struct ipc_port *dest = ipc_kmsg_dest(k);
	mach_port_name_t rname, dname = MACH_PORT_NAME_NULL;

	uint64_t local;
	mach_msg_type_name_t ltype = dtype;

	spin_lock(&s->lock);
	ipc_right_copyout(s, ipc_kmsg_reply(k), rtype, &rname);
	spin_lock(&dest->lock);
	if (dest->receiver == s)
		dname = dest->receiver_name;
	local = dname;
	if (dest->has_payload) {
		local = dest->payload;
		ltype = MACH_MSG_TYPE_PROTECTED_PAYLOAD;
	}
	spin_unlock(&dest->lock);
	spin_unlock(&s->lock);
	ipc_right_consume(dest, dtype);		/* the send right is used up */
	ipc_kmsg_set_slot(k, KMSG_REMOTE, rname);
	ipc_kmsg_set_slot(k, KMSG_LOCAL, local);
	k->hdr.msgh_bits = MACH_MSGH_BITS_OTHER(bits) |
	    MACH_MSGH_BITS(rtype, ltype);
	k->hdr.msgh_seqno = k->seqno;
}

/*
 * Turn a kernel message into the receiver's form in place.  Returns
 * MACH_MSG_SUCCESS, or MACH_RCV_BODY_ERROR when some right or memory could
 * not be given (it is destroyed and its slot reads MACH_PORT_NAME_NULL / 0).
 */
mach_msg_return_t
ipc_kmsg_copyout(struct ipc_kmsg *k, struct ipc_space *s, struct vm_map *map)
{
	uint64_t len, off = 0;
	uint8_t *body;
	struct kmsg_item it;
	bool ok = true;

	copyout_header(k, s);
	if ((k->hdr.msgh_bits & MACH_MSGH_BITS_COMPLEX) == 0)
		return MACH_MSG_SUCCESS;
	body = kmsg_body(k, &len);
	while (off < len && item_decode(body, len, off, &it)) {
		ok &= copyout_item(s, map, &it);
		off += 8 + it.span;
	}
	return ok ? MACH_MSG_SUCCESS : MACH_RCV_BODY_ERROR;
}

/*
 * A message too large for the receiver's buffer (no MACH_RCV_LARGE):
 * as GNU Mach's ipc_kmsg_copyout_dest, only the header is given, with
 * the receiver's name for the destination (MACH_PORT_DEAD if it died,
 * null if the receive right is elsewhere now) and a null reply port;
 * every right and all memory the message carried are destroyed, so
 * their notifications fire.  The caller copies out the header.
 */
void
ipc_kmsg_copyout_dest(struct ipc_kmsg *k, struct ipc_space *s)
{
	mach_msg_bits_t bits = k->hdr.msgh_bits;
	struct ipc_port *dest = ipc_kmsg_dest(k), *reply = ipc_kmsg_reply(k);
	mach_port_name_t dname = MACH_PORT_NAME_DEAD, rname;

	spin_lock(&dest->lock);
	if (dest->active)
		dname = dest->receiver == s ? dest->receiver_name :
		    MACH_PORT_NAME_NULL;
	spin_unlock(&dest->lock);
	ipc_right_consume(dest, MACH_MSGH_BITS_REMOTE(bits));
	rname = reply == IPC_PORT_DEAD ? MACH_PORT_NAME_DEAD :
	    MACH_PORT_NAME_NULL;
	ipc_right_drop(reply, MACH_MSGH_BITS_LOCAL(bits));
	if (bits & MACH_MSGH_BITS_COMPLEX)
		body_destroy(k, k->hdr.msgh_size);
	ipc_kmsg_set_slot(k, KMSG_REMOTE, rname);
	ipc_kmsg_set_slot(k, KMSG_LOCAL, dname);
	k->hdr.msgh_bits = MACH_MSGH_BITS_OTHER(bits) | MACH_MSGH_BITS(
	    MACH_MSGH_BITS_LOCAL(bits), MACH_MSGH_BITS_REMOTE(bits));
	k->hdr.msgh_seqno = k->seqno;
}

/*
 * A send that failed after copyin (MACH_SEND_TIMED_OUT or
 * MACH_SEND_INTERRUPTED at a full queue) hands the message back to its
 * sender, as GNU Mach's pseudo-receive does: every right, the header's
 * included, and the out-of-line memory go back into the sender's space
 * and map, and the header keeps its order (destination remote, reply
 * local) with dispositions rewritten to the rights' types.  Returns 0, or
 * MACH_MSG_IPC_SPACE | MACH_MSG_VM_SPACE to or into the send's code when
 * something could not be given back (it is destroyed).
 */
mach_msg_return_t
ipc_kmsg_copyout_pseudo(struct ipc_kmsg *k, struct ipc_space *s,
    struct vm_map *map)
{
	mach_msg_bits_t bits = k->hdr.msgh_bits;
	mach_port_name_t dname, rname;
	uint64_t len, off = 0;
	uint8_t *body;
	struct kmsg_item it;
	bool ok = true;

	spin_lock(&s->lock);
	ok &= ipc_right_copyout(s, ipc_kmsg_dest(k),
	    MACH_MSGH_BITS_REMOTE(bits), &dname) == MACH_MSG_SUCCESS;
	ok &= ipc_right_copyout(s, ipc_kmsg_reply(k),
	    MACH_MSGH_BITS_LOCAL(bits), &rname) == MACH_MSG_SUCCESS;
	spin_unlock(&s->lock);
	ipc_kmsg_set_slot(k, KMSG_REMOTE, dname);
	ipc_kmsg_set_slot(k, KMSG_LOCAL, rname);
	if (bits & MACH_MSGH_BITS_COMPLEX) {
		body = kmsg_body(k, &len);
		while (off < len && item_decode(body, len, off, &it)) {
			ok &= copyout_item(s, map, &it);
			off += 8 + it.span;
		}
	}
	return ok ? 0 : MACH_MSG_IPC_SPACE | MACH_MSG_VM_SPACE;
}
