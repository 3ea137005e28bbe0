/*
 * pci_test.c -- host unit tests of the PCI library (translators/pci/pci.c)
 * over a simulated configuration space: mechanism #1 addresses, scanning
 * with multi-function devices, find by id, BAR decoding and sizing (I/O,
 * 32- and 64-bit memory, unimplemented and malformed BARs), hostile
 * capability lists (loops, pointers into the header) and the command
 * register.  Exits 0 when every check holds.
 */
#include <stdio.h>
#include <string.h>
#include "pci.h"
#include "../../../tests/userlib/host_check.h"

/* One simulated function: its registers and, per BAR, the size mask. */
struct sim_fn {
	uint8_t		bus, dev, fn;
	uint8_t		cfg[PCI_CFG_SIZE];
	uint32_t	bar_mask[PCI_NBARS];	/* bits that stick */
	unsigned	writes;
};

static struct sim_fn sim[8];
static unsigned nsim;

static struct sim_fn *
sim_at(uint8_t bus, uint8_t dev, uint8_t fn)
{
	for (unsigned i = 0; i < nsim; i++)
		if (sim[i].bus == bus && sim[i].dev == dev && sim[i].fn == fn)
			return &sim[i];
	return NULL;
}

static uint32_t
sim_read(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	struct sim_fn *f = sim_at(bus, dev, fn);
	uint32_t v;

	(void)ctx;
	CHECK((off & 3) == 0);
	if (f == NULL)
		return 0xFFFFFFFFu;
	memcpy(&v, f->cfg + off, 4);
	return v;
}

static void
sim_write(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off,
    uint32_t val)
{
	struct sim_fn *f = sim_at(bus, dev, fn);
	unsigned bar;
	uint32_t keep;

	(void)ctx;
	CHECK((off & 3) == 0);
	if (f == NULL)
		return;
	f->writes++;
	if (off >= PCI_BAR0 && off < PCI_BAR0 + 4 * PCI_NBARS) {
		bar = (off - PCI_BAR0) / 4;
		memcpy(&keep, f->cfg + off, 4);
		keep &= ~f->bar_mask[bar];	/* the read-only type bits */
		val = (val & f->bar_mask[bar]) | keep;
	} else if (off == PCI_COMMAND) {
		uint32_t old;

		memcpy(&old, f->cfg + off, 4);
		/* status bits are write-one-to-clear */
		val = (val & 0xFFFF) | ((old >> 16) & ~(val >> 16)) << 16;
	}
	memcpy(f->cfg + off, &val, 4);
}

static const struct pci_access sim_access = { sim_read, sim_write, NULL };

static void
put16(struct sim_fn *f, uint8_t off, uint16_t v)
{
	memcpy(f->cfg + off, &v, 2);
}

static void
put32(struct sim_fn *f, uint8_t off, uint32_t v)
{
	memcpy(f->cfg + off, &v, 4);
}

static struct sim_fn *
sim_add(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t vendor, uint16_t id)
{
	struct sim_fn *f = &sim[nsim++];

	memset(f, 0, sizeof(*f));
	f->bus = bus;
	f->dev = dev;
	f->fn = fn;
	put16(f, PCI_VENDOR_ID, vendor);
	put16(f, PCI_DEVICE_ID, id);
	return f;
}

/* A bus like QEMU's pc machine: host bridge, a multi-function PIIX, and a
 * virtio disk with an I/O BAR, a 64-bit memory BAR and capabilities. */
static struct sim_fn *
sim_build(void)
{
	struct sim_fn *vd;

	nsim = 0;
	sim_add(0, 0, 0, 0x8086, 0x1237);
	sim_add(0, 1, 0, 0x8086, 0x7000)->cfg[PCI_HEADER_TYPE] = 0x80;
	sim_add(0, 1, 1, 0x8086, 0x7010);
	sim_add(0, 1, 3, 0x8086, 0x7113);
	sim_add(0, 2, 5, 0xdead, 0xbeef);	/* fn 5 of a single-fn dev */
	vd = sim_add(0, 4, 0, 0x1af4, 0x1001);
	put32(vd, PCI_BAR0, 0xc001);
	vd->bar_mask[0] = 0xffffffc0;		/* 64 ports */
	put32(vd, PCI_BAR0 + 4, 0xfebf0000);
	vd->bar_mask[1] = 0xfffff000;		/* 4 KiB, 32-bit */
	put32(vd, PCI_BAR0 + 16, 0xfe00000c);	/* 64-bit prefetchable */
	put32(vd, PCI_BAR0 + 20, 0x00000001);
	vd->bar_mask[4] = 0xffffc000;		/* 16 KiB */
	vd->bar_mask[5] = 0xffffffff;
	put16(vd, PCI_STATUS, PCI_STATUS_CAPS);
	vd->cfg[PCI_CAP_PTR] = 0x98;
	vd->cfg[0x98] = PCI_CAP_ID_MSIX;
	vd->cfg[0x99] = 0x84;
	vd->cfg[0x84] = PCI_CAP_ID_VENDOR;
	vd->cfg[0x85] = 0x70;
	vd->cfg[0x70] = PCI_CAP_ID_VENDOR;
	vd->cfg[0x71] = 0x00;
	vd->cfg[PCI_INTR_PIN] = 1;
	vd->cfg[PCI_INTR_LINE] = 11;
	sim_add(3, 0, 0, 0x1af4, 0x1001);	/* a second one, on bus 3 */
	return vd;
}

static bool
count_fn(const struct pci_dev *d, void *arg)
{
	(void)d;
	return ++*(unsigned *)arg < 100;
}

static bool
stop_at_two(const struct pci_dev *d, void *arg)
{
	(void)d;
	return ++*(unsigned *)arg < 2;
}

static void
test_address(void)
{
	CHECK(pci_cf8_address(0, 0, 0, 0) == 0x80000000u);
	CHECK(pci_cf8_address(1, 2, 3, 0x3f) == 0x8001133cu);
	CHECK(pci_cf8_address(255, 31, 7, 0xff) == 0x80fffffcu);
	CHECK(pci_cf8_address(0, 32, 8, 0) == 0x80000000u);	/* masked */
}

static void
test_scan_find(void)
{
	struct pci_dev d;
	unsigned n = 0;

	sim_build();
	/* 0:0.0, 0:1.0, 0:1.1, 0:1.3, 0:4.0, 3:0.0; not 0:2.5. */
	CHECK(pci_scan(&sim_access, count_fn, &n) == 6 && n == 6);
	n = 0;
	CHECK(pci_scan(&sim_access, stop_at_two, &n) == 2);
	CHECK(pci_find(&sim_access, 0x1af4, 0x1001, 0, &d));
	CHECK(d.bus == 0 && d.dev == 4 && d.fn == 0 && d.header == 0);
	CHECK(pci_find(&sim_access, 0x1af4, 0x1001, 1, &d) && d.bus == 3);
	CHECK(!pci_find(&sim_access, 0x1af4, 0x1001, 2, &d));
	CHECK(pci_find(&sim_access, 0x8086, 0x7113, 0, &d) && d.fn == 3);
	CHECK(!pci_find(&sim_access, 0xdead, 0xbeef, 0, &d));
	CHECK(!pci_probe(&sim_access, 0, 32, 0, &d));
	CHECK(!pci_probe(&sim_access, 0, 0, 8, &d));
}

static void
test_bar_decode(void)
{
	struct pci_bar b;

	CHECK(pci_bar_decode(0xc001, 0xffffffc1, 0, 0, &b));
	CHECK(b.kind == PCI_BAR_IO && b.base == 0xc000 && b.size == 64);
	CHECK(pci_bar_decode(0xc041, 0x0000ffe1, 0, 0, &b));	/* 16-bit */
	CHECK(b.kind == PCI_BAR_IO && b.size == 32);
	CHECK(pci_bar_decode(0xfebf0000, 0xfffff000, 0, 0, &b));
	CHECK(b.kind == PCI_BAR_MEM32 && b.size == 4096 && !b.prefetch);
	CHECK(pci_bar_decode(0xfe00000c, 0xffffc00c, 1, 0xffffffff, &b));
	CHECK(b.kind == PCI_BAR_MEM64 && b.prefetch &&
	    b.base == 0x1fe000000ull && b.size == 16384);
	CHECK(pci_bar_decode(0x0000000c, 0x0000000c, 0, 0xfffffffc, &b));
	CHECK(b.size == 0x400000000ull);		/* 16 GiB */
	CHECK(pci_bar_decode(0, 0, 0, 0, &b) && b.kind == PCI_BAR_NONE);
	CHECK(pci_bar_decode(1, 1, 0, 0, &b) && b.kind == PCI_BAR_NONE);
	CHECK(!pci_bar_decode(0x2, 0xfffff002, 0, 0, &b));	/* reserved */
	CHECK(!pci_bar_decode(0x6, 0xfffff006, 0, 0, &b));	/* reserved */
	CHECK(!pci_bar_decode(0, 0xffff7000, 0, 0, &b));	/* holes */
	CHECK(b.kind == PCI_BAR_NONE && b.size == 0);
	CHECK(!pci_bar_decode(0x800, 0xfffff000, 0, 0, &b));	/* misaligned */
}

static void
test_bar_sizing(void)
{
	struct sim_fn *vd = sim_build();
	struct pci_dev d;
	struct pci_bar b;
	uint32_t v;

	put16(vd, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
	CHECK(pci_probe(&sim_access, 0, 4, 0, &d));
	CHECK(pci_bar(&d, 0, &b) && b.kind == PCI_BAR_IO && b.base == 0xc000 &&
	    b.size == 64);
	CHECK(pci_bar(&d, 1, &b) && b.kind == PCI_BAR_MEM32 &&
	    b.base == 0xfebf0000 && b.size == 4096);
	CHECK(!pci_bar(&d, 2, &b) && b.kind == PCI_BAR_NONE);
	CHECK(pci_bar(&d, 4, &b) && b.kind == PCI_BAR_MEM64 &&
	    b.base == 0x1fe000000ull && b.size == 16384);
	CHECK(!pci_bar(&d, 6, &b));
	/* The BARs and the command register are back as they were. */
	memcpy(&v, vd->cfg + PCI_BAR0, 4);
	CHECK(v == 0xc001);
	memcpy(&v, vd->cfg + PCI_BAR0 + 20, 4);
	CHECK(v == 1);
	CHECK(pci_read16(&d, PCI_COMMAND) ==
	    (PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	/* A 64-bit type in BAR 5 has no upper half. */
	put32(vd, PCI_BAR0 + 20, 0x4);
	CHECK(!pci_bar(&d, 5, &b));
	/* Not a type-0 header: no BARs. */
	d.header = 1;
	CHECK(!pci_bar(&d, 0, &b));
}

static void
test_caps(void)
{
	struct sim_fn *vd = sim_build();
	struct pci_dev d;

	CHECK(pci_probe(&sim_access, 0, 4, 0, &d));
	CHECK(pci_cap_find(&d, PCI_CAP_ID_MSIX, 0) == 0x98);
	CHECK(pci_cap_find(&d, PCI_CAP_ID_VENDOR, 0) == 0x84);
	CHECK(pci_cap_find(&d, PCI_CAP_ID_VENDOR, 0x84) == 0x70);
	CHECK(pci_cap_find(&d, PCI_CAP_ID_VENDOR, 0x70) == 0);
	CHECK(pci_cap_find(&d, 0x05, 0) == 0);
	vd->cfg[0x71] = 0x98;				/* a loop */
	CHECK(pci_cap_find(&d, 0x05, 0) == 0);
	vd->cfg[0x71] = 0x10;				/* into the header */
	CHECK(pci_cap_find(&d, 0x05, 0) == 0);
	vd->cfg[0x71] = 0xff;				/* low bits ignored */
	vd->cfg[0xfc] = 0x05;
	CHECK(pci_cap_find(&d, 0x05, 0) == 0xfc);
	put16(vd, PCI_STATUS, 0);			/* no list at all */
	CHECK(pci_cap_find(&d, PCI_CAP_ID_MSIX, 0) == 0);
}

static void
test_command(void)
{
	struct sim_fn *vd = sim_build();
	struct pci_dev d;

	put16(vd, PCI_STATUS, PCI_STATUS_CAPS | 0x8000);  /* parity error */
	CHECK(pci_probe(&sim_access, 0, 4, 0, &d));
	CHECK(pci_enable(&d, PCI_COMMAND_IO | PCI_COMMAND_MASTER) ==
	    (PCI_COMMAND_IO | PCI_COMMAND_MASTER));
	CHECK(pci_read16(&d, PCI_STATUS) == (PCI_STATUS_CAPS | 0x8000));
	CHECK(pci_intr_line(&d) == 11);
	vd->cfg[PCI_INTR_PIN] = 0;
	CHECK(pci_intr_line(&d) == PCI_INTR_LINE_NONE);
	CHECK(pci_read8(&d, PCI_CAP_PTR) == 0x98);
	CHECK(pci_read16(&d, PCI_DEVICE_ID) == 0x1001);
}

int
main(void)
{
	test_address();
	test_scan_find();
	test_bar_decode();
	test_bar_sizing();
	test_caps();
	test_command();
	if (failures != 0) {
		printf("pci_test: %d checks failed\n", failures);
		return 1;
	}
	printf("pci_test: all checks passed\n");
	return 0;
}
