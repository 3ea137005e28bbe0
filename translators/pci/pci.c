/*
 * pci.c -- PCI configuration logic for user-space drivers (pci.h): probe,
 * scan, find, BAR sizing, capability walks and the command register.
 * Reaches configuration space only through the caller's pci_access, so
 * the host unit tests (tests/pci_test.c) drive it over a simulated bus.
 */
#include "pci.h"

#define PCI_CAP_MAX_WALK	48	/* (256 - 64) / 4 entries at most */

uint32_t
pci_cf8_address(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)(dev & 31) << 11 |
	    (uint32_t)(fn & 7) << 8 | (off & 0xFC);
}

uint32_t
pci_read32(const struct pci_dev *d, uint8_t off)
{
	return d->acc->read32(d->acc->ctx, d->bus, d->dev, d->fn, off & 0xFC);
}

uint16_t
pci_read16(const struct pci_dev *d, uint8_t off)
{
	return pci_read32(d, off) >> ((off & 2) * 8);
}

uint8_t
pci_read8(const struct pci_dev *d, uint8_t off)
{
	return pci_read32(d, off) >> ((off & 3) * 8);
}

void
pci_write32(const struct pci_dev *d, uint8_t off, uint32_t val)
{
	d->acc->write32(d->acc->ctx, d->bus, d->dev, d->fn, off & 0xFC, val);
}

/*
 * A 16-bit write is a read-modify-write of the dword.  The command and
 * status registers share one: status bits are write-one-to-clear, so the
 * status half is written as zero rather than as read.
 */
void
pci_write16(const struct pci_dev *d, uint8_t off, uint16_t val)
{
	uint32_t v = pci_read32(d, off);
	unsigned shift = (off & 2) * 8;

	if ((off & 0xFC) == PCI_COMMAND)
		v &= 0x0000FFFFu;
	v = (v & ~(0xFFFFu << shift)) | (uint32_t)val << shift;
	pci_write32(d, off, v);
}

bool
pci_probe(const struct pci_access *acc, uint8_t bus, uint8_t dev, uint8_t fn,
    struct pci_dev *d)
{
	uint32_t id;

	if (dev >= PCI_MAX_DEV || fn >= PCI_MAX_FN)
		return false;
	d->acc = acc;
	d->bus = bus;
	d->dev = dev;
	d->fn = fn;
	id = pci_read32(d, PCI_VENDOR_ID);
	d->vendor = id & 0xFFFF;
	d->device = id >> 16;
	if (d->vendor == PCI_VENDOR_NONE || d->vendor == 0)
		return false;
	d->class_rev = pci_read32(d, PCI_CLASS_REV);
	d->header = pci_read8(d, PCI_HEADER_TYPE);
	return true;
}

unsigned
pci_scan(const struct pci_access *acc,
    bool (*fn)(const struct pci_dev *, void *arg), void *arg)
{
	struct pci_dev d;
	unsigned bus, dev, f, n = 0, nfn;

	for (bus = 0; bus < PCI_MAX_BUS; bus++) {
		for (dev = 0; dev < PCI_MAX_DEV; dev++) {
			if (!pci_probe(acc, bus, dev, 0, &d))
				continue;
			nfn = (d.header & PCI_HEADER_MULTIFN) ? PCI_MAX_FN : 1;
			for (f = 0; f < nfn; f++) {
				if (f > 0 && !pci_probe(acc, bus, dev, f, &d))
					continue;
				d.header &= PCI_HEADER_KIND;
				n++;
				if (!fn(&d, arg))
					return n;
			}
		}
	}
	return n;
}

struct pci_find_arg {
	uint16_t	 vendor, device;
	unsigned	 index;
	bool		 found;
	struct pci_dev	*out;
};

static bool
pci_find_one(const struct pci_dev *d, void *arg)
{
	struct pci_find_arg *a = arg;

	if (d->vendor != a->vendor || d->device != a->device)
		return true;
	if (a->index-- > 0)
		return true;
	*a->out = *d;
	a->found = true;
	return false;
}

bool
pci_find(const struct pci_access *acc, uint16_t vendor, uint16_t device,
    unsigned index, struct pci_dev *d)
{
	struct pci_find_arg a = { vendor, device, index, false, d };

	pci_scan(acc, pci_find_one, &a);
	return a.found;
}

bool
pci_bar_decode(uint32_t val, uint32_t mask, uint32_t val_hi,
    uint32_t mask_hi, struct pci_bar *b)
{
	uint64_t m;

	b->kind = PCI_BAR_NONE;
	b->prefetch = false;
	b->base = b->size = 0;
	if (val & 1) {					/* I/O space */
		m = mask & 0xFFFFFFFCu;
		if (m == 0)
			return true;			/* unimplemented */
		m |= 0xFFFF0000u;	/* many devices decode only 16 bits */
		b->kind = PCI_BAR_IO;
		b->base = val & 0xFFFFFFFCu;
		b->size = (uint32_t)(~m + 1);
	} else {
		if (((val >> 1) & 3) == 1 || ((val >> 1) & 3) == 3)
			return false;			/* reserved types */
		m = mask & 0xFFFFFFF0u;
		b->kind = ((val >> 1) & 3) == 2 ? PCI_BAR_MEM64 : PCI_BAR_MEM32;
		b->prefetch = (val & 8) != 0;
		b->base = val & 0xFFFFFFF0u;
		if (b->kind == PCI_BAR_MEM64) {
			m |= (uint64_t)mask_hi << 32;
			b->base |= (uint64_t)val_hi << 32;
		} else
			m |= 0xFFFFFFFF00000000ull;
		if (m == 0xFFFFFFFF00000000ull || m == 0) {
			b->kind = PCI_BAR_NONE;		/* unimplemented */
			b->base = 0;
			return true;
		}
		b->size = ~m + 1;
	}
	if ((b->size & (b->size - 1)) != 0 || (b->base & (b->size - 1)) != 0) {
		b->kind = PCI_BAR_NONE;
		b->base = b->size = 0;
		return false;
	}
	return true;
}

/* Write all ones to the BAR at off and read back what sticks; restore. */
static uint32_t
pci_bar_mask(const struct pci_dev *d, uint8_t off, uint32_t val)
{
	uint32_t mask;

	pci_write32(d, off, 0xFFFFFFFFu);
	mask = pci_read32(d, off);
	pci_write32(d, off, val);
	return mask;
}

bool
pci_bar(const struct pci_dev *d, unsigned index, struct pci_bar *b)
{
	uint8_t off = PCI_BAR0 + 4 * index;
	uint32_t val, mask, hi = 0, mask_hi = 0;
	uint16_t cmd;
	bool ok;

	if (index >= PCI_NBARS || (d->header & PCI_HEADER_KIND) != 0)
		return false;
	val = pci_read32(d, off);
	if ((val & 7) == 4 && index + 1 == PCI_NBARS)
		return false;		/* a 64-bit BAR cannot start at 5 */
	cmd = pci_read16(d, PCI_COMMAND);
	pci_write16(d, PCI_COMMAND,
	    cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	mask = pci_bar_mask(d, off, val);
	if ((val & 7) == 4) {
		hi = pci_read32(d, off + 4);
		mask_hi = pci_bar_mask(d, off + 4, hi);
	}
	pci_write16(d, PCI_COMMAND, cmd);
	ok = pci_bar_decode(val, mask, hi, mask_hi, b);
	return ok && b->kind != PCI_BAR_NONE;
}

uint8_t
pci_cap_find(const struct pci_dev *d, uint8_t id, uint8_t after)
{
	uint8_t off;
	unsigned n;

	if ((pci_read16(d, PCI_STATUS) & PCI_STATUS_CAPS) == 0)
		return 0;
	off = after == 0 ? pci_read8(d, PCI_CAP_PTR) :
	    pci_read8(d, after + 1);
	for (n = 0; n < PCI_CAP_MAX_WALK; n++) {
		off &= 0xFC;
		if (off < PCI_CAP_FIRST)
			return 0;	/* the end (0), or a bad pointer */
		if (pci_read8(d, off) == id)
			return off;
		off = pci_read8(d, off + 1);
	}
	return 0;			/* a loop */
}

uint16_t
pci_enable(const struct pci_dev *d, uint16_t bits)
{
	uint16_t cmd = pci_read16(d, PCI_COMMAND) | bits;

	pci_write16(d, PCI_COMMAND, cmd);
	return pci_read16(d, PCI_COMMAND);
}

uint8_t
pci_intr_line(const struct pci_dev *d)
{
	if (pci_read8(d, PCI_INTR_PIN) == 0)
		return PCI_INTR_LINE_NONE;	/* no INTx pin */
	return pci_read8(d, PCI_INTR_LINE);
}
