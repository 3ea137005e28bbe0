/*
 * e1000.c -- the e1000 driver task: one Intel 82540EM (8086:100e, QEMU's
 * `-device e1000`).  Its registers are memory BAR 0, mapped through the
 * kernel's "mem" device (device_map, then vm_map); the MAC address comes
 * from the EEPROM (EERD) and is written to receive address 0; legacy
 * receive and transmit descriptor rings (e1000_ring.c) and one 2 KiB
 * buffer per descriptor live in DMA memory; interrupt causes are read
 * from ICR.  Sent descriptors are reclaimed on the next send, so TXDW is
 * unmasked only while the transmit ring is full.  Client bytes are copied into our buffers: the device never
 * sees client memory.  The device interface and frame delivery are the
 * network library's (netdev/).
 */
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/gnumach.h>
#include <mach/mach_port.h>
#include <device/device.h>
#include <device/device_types.h>
#include <whorl/ports.h>
#include "netdev.h"
#include "netframe.h"
#include "e1000_ring.h"

#define E1K_VENDOR	0x8086
#define E1K_82540EM	0x100e
#define E1K_NDESC	256
#define E1K_BUF		2048

#define E1K_CTRL	0x0000
#define E1K_STATUS	0x0008
#define E1K_EERD	0x0014
#define E1K_ICR		0x00C0
#define E1K_IMS		0x00D0
#define E1K_IMC		0x00D8
#define E1K_RCTL	0x0100
#define E1K_TCTL	0x0400
#define E1K_TIPG	0x0410
#define E1K_RDBAL	0x2800
#define E1K_RDBAH	0x2804
#define E1K_RDLEN	0x2808
#define E1K_RDH		0x2810
#define E1K_RDT		0x2818
#define E1K_TDBAL	0x3800
#define E1K_TDBAH	0x3804
#define E1K_TDLEN	0x3808
#define E1K_TDH		0x3810
#define E1K_TDT		0x3818
#define E1K_MTA		0x5200
#define E1K_RAL		0x5400
#define E1K_RAH		0x5404

#define CTRL_SLU	(1u << 6)	/* set link up */
#define CTRL_RST	(1u << 26)
#define STATUS_LU	(1u << 1)
#define EERD_START	1u
#define EERD_DONE	(1u << 4)	/* 8254x except 82541/82547 */
#define RCTL_EN		(1u << 1)
#define RCTL_BAM	(1u << 15)	/* broadcasts too */
#define RCTL_SECRC	(1u << 26)	/* strip the FCS */
#define TCTL_EN		(1u << 1)
#define TCTL_PSP	(1u << 3)	/* pad short frames */
#define TCTL_CT		(0x10u << 4)
#define TCTL_COLD	(0x40u << 12)
#define TIPG_82540	(10u | 8u << 10 | 6u << 20)
#define RAH_AV		(1u << 31)
#define ICR_TXDW	0x01
#define ICR_LSC		0x04
#define ICR_RXDMT0	0x10
#define ICR_RXO		0x40
#define ICR_RXT0	0x80

static struct e1k {
	volatile uint32_t	*regs;
	struct e1k_ring		 rx, tx;
	volatile struct e1k_rx_desc *rxd;
	struct e1k_tx_desc	*txd;
	char			*rxbuf, *txbuf;
	uint64_t		 pa;	/* of the DMA block */
} ek;

static inline uint32_t
rd(unsigned reg)
{
	return ek.regs[reg / 4];
}

static inline void
wr(unsigned reg, uint32_t v)
{
	ek.regs[reg / 4] = v;
}

/* One 16-bit EEPROM word (-1 if the EEPROM does not answer). */
static int
e1k_eeprom(unsigned word)
{
	uint32_t v;

	wr(E1K_EERD, EERD_START | word << 8);
	for (int i = 0; i < 100000; i++)
		if ((v = rd(E1K_EERD)) & EERD_DONE)
			return v >> 16;
	return -1;
}

static int
e1k_tx(const void *frame, uint32_t len)
{
	int i;

	e1k_tx_reclaim(&ek.tx, ek.txd);
	if (e1k_tx_free(&ek.tx) == 0) {
		/* Ask for TXDW, then look again in case it came first. */
		wr(E1K_IMS, ICR_TXDW);
		if (e1k_tx_reclaim(&ek.tx, ek.txd) == 0)
			return D_WOULD_BLOCK;
	}
	memcpy(ek.txbuf + (size_t)ek.tx.tail * E1K_BUF, frame, len);
	i = e1k_tx_post(&ek.tx, ek.txd, ek.pa + 2 * 4096 +
	    (uint64_t)(E1K_NDESC + ek.tx.tail) * E1K_BUF, len);
	if (i < 0)
		return D_IO_ERROR;
	wr(E1K_TDT, ek.tx.tail);
	return D_SUCCESS;
}

/* Deliver every received frame, then give the descriptors back. */
static void
e1k_rx(void)
{
	unsigned len, last = 0;
	bool any = false;
	int i;

	while ((i = e1k_rx_next(&ek.rx, ek.rxd, E1K_BUF, &len)) >= 0) {
		if (netframe_ok(len))
			netdev_input(ek.rxbuf + (size_t)i * E1K_BUF, len);
		else
			netdev.nrx_lost++;
		last = e1k_rx_done(&ek.rx, ek.rxd, i);
		any = true;
	}
	if (any)
		wr(E1K_RDT, last);
}

static void
e1k_intr(void)
{
	uint32_t icr = rd(E1K_ICR);	/* reading clears: lowers the line */

	if (icr & (ICR_RXT0 | ICR_RXO | ICR_RXDMT0))
		e1k_rx();
	if ((icr & ICR_TXDW) && e1k_tx_reclaim(&ek.tx, ek.txd) != 0)
		wr(E1K_IMC, ICR_TXDW);	/* until the ring is full again */
}

static bool
e1k_link_up(void)
{
	return (rd(E1K_STATUS) & STATUS_LU) != 0;
}

static const struct netdev_hw e1k_hw = {
	"e1000", e1k_tx, e1k_intr, e1k_link_up
};

/* BAR 0 through the kernel's "mem" device, uncached, not inherited. */
static int
e1k_map(mach_port_t kmaster, const struct pci_bar *bar)
{
	mach_port_t self = mach_task_self(), mem, pager;
	vm_address_t va = 0;
	int error = -1;

	if (bar->kind == PCI_BAR_IO || bar->size < 0x10000 ||
	    bar->size > 0x100000 || device_open(kmaster, D_READ | D_WRITE,
	    "mem", &mem) != 0)
		return -1;
	if (device_map(mem, VM_PROT_READ | VM_PROT_WRITE, bar->base,
	    bar->size, &pager, 0) == 0) {
		if (vm_map(self, &va, bar->size, 0, TRUE, pager, 0, FALSE,
		    VM_PROT_READ | VM_PROT_WRITE, VM_PROT_READ | VM_PROT_WRITE,
		    VM_INHERIT_NONE) == 0) {
			ek.regs = (volatile uint32_t *)va;
			error = 0;
		}
		mach_port_deallocate(self, pager);
	}
	mach_port_deallocate(self, mem);
	return error;
}

/* Both descriptor rings and a buffer per descriptor in one DMA block;
 * every receive descriptor points at its buffer. */
static int
e1k_dma(mach_port_t host)
{
	size_t size = 2 * 4096 + 2 * (size_t)E1K_NDESC * E1K_BUF;
	vm_address_t va = 0;
	rpc_phys_addr_t pa;

	if (!e1k_ring_init(&ek.rx, E1K_NDESC) ||
	    !e1k_ring_init(&ek.tx, E1K_NDESC) ||
	    vm_allocate_contiguous(host, mach_task_self(), &va, &pa, size, 0,
	    0, 4096) != 0)
		return -1;
	memset((void *)va, 0, 2 * 4096);
	ek.pa = pa;
	ek.rxd = (volatile struct e1k_rx_desc *)va;
	ek.txd = (struct e1k_tx_desc *)(va + 4096);
	ek.rxbuf = (char *)va + 2 * 4096;
	ek.txbuf = ek.rxbuf + (size_t)E1K_NDESC * E1K_BUF;
	for (unsigned i = 0; i < E1K_NDESC; i++)
		ek.rxd[i].addr = pa + 2 * 4096 + (uint64_t)i * E1K_BUF;
	return 0;
}

/* Reset, read the address from the EEPROM into receive address 0. */
static int
e1k_reset(void)
{
	int w;

	wr(E1K_IMC, ~0u);
	wr(E1K_CTRL, rd(E1K_CTRL) | CTRL_RST);
	for (int i = 0; (rd(E1K_CTRL) & CTRL_RST) != 0; i++)
		if (i > 1000000)
			return -1;
	wr(E1K_IMC, ~0u);
	(void)rd(E1K_ICR);
	for (unsigned i = 0; i < 3; i++) {
		if ((w = e1k_eeprom(i)) < 0)
			return -1;
		netdev.mac[2 * i] = w & 0xFF;
		netdev.mac[2 * i + 1] = w >> 8;
	}
	wr(E1K_RAL, netdev.mac[0] | netdev.mac[1] << 8 | netdev.mac[2] << 16 |
	    (uint32_t)netdev.mac[3] << 24);
	wr(E1K_RAH, netdev.mac[4] | netdev.mac[5] << 8 | RAH_AV);
	for (unsigned i = 0; i < 128; i++)
		wr(E1K_MTA + 4 * i, 0);
	wr(E1K_CTRL, rd(E1K_CTRL) | CTRL_SLU);
	return 0;
}

/* Give the device both rings, enable receive and transmit, unmask. */
static void
e1k_start(void)
{
	uint64_t pa = ek.pa;

	wr(E1K_RDBAL, (uint32_t)pa);
	wr(E1K_RDBAH, (uint32_t)(pa >> 32));
	wr(E1K_RDLEN, E1K_NDESC * sizeof(struct e1k_rx_desc));
	wr(E1K_RDH, 0);
	wr(E1K_RDT, E1K_NDESC - 1);
	wr(E1K_TDBAL, (uint32_t)(pa + 4096));
	wr(E1K_TDBAH, (uint32_t)((pa + 4096) >> 32));
	wr(E1K_TDLEN, E1K_NDESC * sizeof(struct e1k_tx_desc));
	wr(E1K_TDH, 0);
	wr(E1K_TDT, 0);
	wr(E1K_TIPG, TIPG_82540);
	wr(E1K_TCTL, TCTL_EN | TCTL_PSP | TCTL_CT | TCTL_COLD);
	wr(E1K_RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC);	/* 2 KiB buffers */
	wr(E1K_IMS, ICR_RXT0 | ICR_RXO | ICR_RXDMT0 | ICR_LSC);
}

int
main(void)
{
	mach_port_t host = __whorl_host_priv, kmaster = __whorl_device_master;
	struct pci_bar bar;
	const char *why = NULL;

	netdev.hw = &e1k_hw;
	if (host == MACH_PORT_NULL || kmaster == MACH_PORT_NULL)
		why = "needs --host-priv-port and --device-master-port";
	else if (netdev_pci_find(kmaster, E1K_VENDOR, E1K_82540EM, 0,
	    &bar) != 0 || e1k_map(kmaster, &bar) != 0)
		why = "no 82540EM with a memory BAR we can map";
	else if (e1k_dma(host) != 0)
		why = "no DMA memory";
	else if (e1k_reset() != 0)
		why = "the device did not reset or has no EEPROM";
	if (why != NULL) {
		drv_log("e1000: %s\n", why);
		return 1;
	}
	e1k_start();
	netdev_run(host, kmaster);
}
