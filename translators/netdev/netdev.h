/*
 * netdev.h -- the network driver library: what virtio-net and e1000
 * share.  A driver task finds its PCI function, takes its registers, DMA
 * memory and interrupt, fills in struct netdev_hw and calls netdev_run;
 * the library serves the device interface on "eth0" (netops.c) and
 * dispatches interrupts to the hardware code, which hands every received
 * frame to netdev_input.  Single-threaded.
 */
#ifndef NETDEV_H
#define NETDEV_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/port.h>
#include "pci.h"
#include "drvtask.h"	/* drv_log, drv_io_perm */
#include "drvstart.h"	/* NETDEV_READY_ID: master sent to bootstrap */

#define NETDEV_NAME	"eth0"		/* the one name device_open knows */
#define NETDEV_TX_WAIT_MS 2000		/* a full TX ring must drain by then */

/* The hardware half of a driver. */
struct netdev_hw {
	const char *name;
	/* Queue one checked frame (NETF_MIN..NETF_MAX bytes): D_SUCCESS,
	 * D_WOULD_BLOCK when the ring is full, D_IO_ERROR if broken. */
	int	(*tx)(const void *frame, uint32_t len);
	/* The device interrupted: read its cause (which lowers the line),
	 * reclaim sent frames, netdev_input each received one. */
	void	(*intr)(void);
	bool	(*link_up)(void);
};

struct netdev {
	const struct netdev_hw *hw;
	uint8_t		 mac[6];
	uint8_t		 irq;
	bool		 broken;	/* the device failed us: no more I/O */
	mach_port_t	 irq_dev;	/* the kernel's "irq" device */
	mach_port_t	 irq_port;	/* receives its notifications */
	mach_port_t	 master;	/* our device master (receive) */
	mach_port_t	 device;	/* "eth0" (receive) */
	mach_port_t	 portset;	/* master, device and irq_port */
	mach_port_t	 rcv_port;	/* where net_rcv_msg goes, or null */
	uint64_t	 ntx, nrx, nrx_lost, nirq;
};

extern struct netdev netdev;

/* The first function vendor:device, its BAR bar (decoding and bus
 * mastering on) and its interrupt line; the configuration ports are
 * given back before it returns.  0 or -1. */
int	netdev_pci_find(mach_port_t kmaster, uint16_t vendor, uint16_t device,
	    unsigned bar, struct pci_bar *b);
/* Register netdev.irq, make the ports, give up host and master rights,
 * announce the master to the bootstrap port and serve forever. */
void	netdev_run(mach_port_t host, mach_port_t kmaster)
	    __attribute__((noreturn));
/* A received frame for the registered port (dropped if none). */
void	netdev_input(const void *frame, uint32_t len);
/* Send a checked frame, waiting (handling interrupts) while the ring is
 * full. */
int	netdev_output(const void *frame, uint32_t len);

#endif
