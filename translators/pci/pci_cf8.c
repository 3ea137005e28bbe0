/*
 * pci_cf8.c -- PCI configuration mechanism #1 on a PC: the address goes
 * to I/O port 0xCF8, the dword comes and goes through 0xCFC.  The task
 * needs those ports (i386_io_perm_create on the device master, then
 * i386_io_perm_modify).  Not thread-safe: one driver thread at a time.
 */
#include "pci.h"

#define PCI_CF8_ADDR	0xCF8
#define PCI_CF8_DATA	0xCFC

static uint32_t
pci_cf8_read32(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	uint32_t v;

	(void)ctx;
	__asm__ volatile("outl %0, %w1" :: "a"(pci_cf8_address(bus, dev, fn,
	    off)), "Nd"(PCI_CF8_ADDR));
	__asm__ volatile("inl %w1, %0" : "=a"(v) : "Nd"(PCI_CF8_DATA));
	return v;
}

static void
pci_cf8_write32(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off,
    uint32_t val)
{
	(void)ctx;
	__asm__ volatile("outl %0, %w1" :: "a"(pci_cf8_address(bus, dev, fn,
	    off)), "Nd"(PCI_CF8_ADDR));
	__asm__ volatile("outl %0, %w1" :: "a"(val), "Nd"(PCI_CF8_DATA));
}

const struct pci_access pci_cf8_access = {
	.read32 = pci_cf8_read32,
	.write32 = pci_cf8_write32,
	.ctx = 0,
};
