/*
 * pci.h -- PCI configuration space for user-space drivers: find a device
 * by bus/device/function or by vendor and device id, size its BARs, walk
 * its capability list and turn on decoding and bus mastering.  Every
 * access goes through a struct pci_access, so the logic runs on the
 * host's unit tests over a simulated configuration space, and on Whorl
 * over configuration mechanism #1 (pci_cf8.c: I/O ports 0xCF8/0xCFC).
 */
#ifndef PCI_H
#define PCI_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_MAX_BUS		256
#define PCI_MAX_DEV		32
#define PCI_MAX_FN		8
#define PCI_NBARS		6
#define PCI_CFG_SIZE		256

/* Configuration header (type 0) offsets. */
#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define PCI_STATUS		0x06
#define PCI_CLASS_REV		0x08
#define PCI_HEADER_TYPE		0x0E
#define PCI_BAR0		0x10
#define PCI_SUBSYS_ID		0x2E
#define PCI_CAP_PTR		0x34
#define PCI_INTR_LINE		0x3C
#define PCI_INTR_PIN		0x3D

#define PCI_COMMAND_IO		0x0001
#define PCI_COMMAND_MEMORY	0x0002
#define PCI_COMMAND_MASTER	0x0004
#define PCI_COMMAND_INTX_OFF	0x0400
#define PCI_STATUS_CAPS		0x0010
#define PCI_HEADER_MULTIFN	0x80
#define PCI_HEADER_KIND		0x7F
#define PCI_VENDOR_NONE		0xFFFF
#define PCI_INTR_LINE_NONE	0xFF

#define PCI_CAP_FIRST		0x40	/* capabilities live above the header */
#define PCI_CAP_ID_VENDOR	0x09
#define PCI_CAP_ID_MSIX		0x11

/* How configuration space is reached: 32-bit aligned reads and writes. */
struct pci_access {
	uint32_t (*read32)(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn,
		    uint8_t off);
	void	 (*write32)(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn,
		    uint8_t off, uint32_t val);
	void	  *ctx;
};

/* One function on the bus, as pci_find or pci_scan found it. */
struct pci_dev {
	const struct pci_access	*acc;
	uint8_t			 bus, dev, fn;
	uint16_t		 vendor, device;
	uint32_t		 class_rev;	/* class << 8 | revision */
	uint8_t			 header;	/* header type, multifn off */
};

enum pci_bar_kind {
	PCI_BAR_NONE = 0,	/* unimplemented, or the upper half of a
				   64-bit BAR */
	PCI_BAR_IO,
	PCI_BAR_MEM32,
	PCI_BAR_MEM64,
};

struct pci_bar {
	enum pci_bar_kind	kind;
	bool			prefetch;
	uint64_t		base;	/* bus address */
	uint64_t		size;	/* bytes; 0 when kind is NONE */
};

uint8_t		pci_read8(const struct pci_dev *, uint8_t off);
uint16_t	pci_read16(const struct pci_dev *, uint8_t off);
uint32_t	pci_read32(const struct pci_dev *, uint8_t off);
void		pci_write16(const struct pci_dev *, uint8_t off, uint16_t);
void		pci_write32(const struct pci_dev *, uint8_t off, uint32_t);

/* Fill *d for bus:dev.fn; false when no function answers there. */
bool	pci_probe(const struct pci_access *, uint8_t bus, uint8_t dev,
	    uint8_t fn, struct pci_dev *d);

/*
 * Call fn for every function present, in bus/device/function order,
 * until it returns false.  Functions other than 0 are probed only on
 * multi-function devices.  Returns how many functions fn was given.
 */
unsigned pci_scan(const struct pci_access *,
	    bool (*fn)(const struct pci_dev *, void *arg), void *arg);

/* The index'th (from 0) function with this vendor and device id. */
bool	pci_find(const struct pci_access *, uint16_t vendor,
	    uint16_t device, unsigned index, struct pci_dev *d);

/*
 * Decode a BAR from its value and the value read back after all ones
 * were written (lo/hi: for a 64-bit BAR, hi is the next register).
 * Pure; the host tests check it directly.  Returns false for a value
 * no BAR can hold (reserved memory type, or a size that is not a power
 * of two).
 */
bool	pci_bar_decode(uint32_t val, uint32_t mask, uint32_t val_hi,
	    uint32_t mask_hi, struct pci_bar *b);

/*
 * Read and size BAR index of a type-0 header.  Decoding is turned off in
 * the command register while the BAR holds all ones, then restored.
 * false for an index out of range, an upper half, or a bad BAR.
 */
bool	pci_bar(const struct pci_dev *, unsigned index, struct pci_bar *b);

/*
 * The offset of the first capability with this id after offset `after'
 * (0: from the start of the list), or 0 when there is none.  A list that
 * points into the header, past the end or in a loop ends the walk.
 */
uint8_t	pci_cap_find(const struct pci_dev *, uint8_t id, uint8_t after);

/* Set bits (PCI_COMMAND_*) in the command register; the new value. */
uint16_t pci_enable(const struct pci_dev *, uint16_t bits);

/* The legacy interrupt line the firmware routed, or PCI_INTR_LINE_NONE. */
uint8_t	pci_intr_line(const struct pci_dev *);

/* Configuration mechanism #1 (pci_cf8.c): needs I/O ports 0xCF8-0xCFF. */
extern const struct pci_access pci_cf8_access;
uint32_t pci_cf8_address(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off);

#endif
