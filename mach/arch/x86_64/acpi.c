/*
 * acpi.c -- just enough ACPI to stop a PC: the RSDP, the RSDT or XSDT,
 * the FADT (PM1 control blocks, the reset register) and the \_S5 sleep
 * type, read from the DSDT's AML.  machine_reboot and machine_halt
 * (machine/cpu.h, called by host_reboot) use it, with the keyboard
 * controller and a triple fault behind it for machines without ACPI.
 * Tables are read through the direct map; one outside it is ignored.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "machine/cpu.h"
#include "machine/pmap.h"

struct acpi_sdt {
	char		sig[4];
	uint32_t	len;
	uint8_t		rev, csum;
	char		oem[6], oem_table[8];
	uint32_t	oem_rev, creator, creator_rev;
} __attribute__((packed));

/* FADT fields, by byte offset (ACPI 6, table 5.9). */
#define FADT_DSDT		40
#define FADT_SMI_CMD		48
#define FADT_ACPI_ENABLE	52
#define FADT_PM1A_CNT		64
#define FADT_PM1B_CNT		68
#define FADT_FLAGS		112
#define FADT_RESET_REG		116	/* generic address, 12 bytes */
#define FADT_RESET_VALUE	128
#define FADT_X_DSDT		140
#define FADT_RESET_REG_SUP	(1u << 10)

#define PM1_SCI_EN		0x0001
#define PM1_SLP_TYP_SHIFT	10
#define PM1_SLP_TYP		(7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN		(1u << 13)

#define GAS_MEMORY		0
#define GAS_IO			1
#define GAS_PCI			2

static struct {
	bool		found;		/* a valid FADT */
	uint16_t	pm1a_cnt, pm1b_cnt;
	uint32_t	smi_cmd;
	uint8_t		acpi_enable;
	bool		s5;		/* \_S5 found in the DSDT */
	uint16_t	slp_typa, slp_typb;
	bool		reset;		/* the reset register is supported */
	uint8_t		reset_space, reset_value;
	uint64_t	reset_addr;
} acpi;

static uint64_t
rd(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = (v << 8) | p[n];
	return v;
}

static bool
sum_ok(const uint8_t *p, uint64_t len)
{
	uint8_t s = 0;

	while (len-- > 0)
		s += *p++;
	return s == 0;
}

/* The table at pa with signature sig, checked, or NULL. */
static const uint8_t *
acpi_table(uint64_t pa, const char *sig)
{
	const struct acpi_sdt *h;

	if (pa == 0 || !pmap_direct_mapped(pa, sizeof(*h)))
		return NULL;
	h = phys_to_virt(pa);
	if (memcmp(h->sig, sig, 4) != 0 || h->len < sizeof(*h) ||
	    h->len > (1u << 20) || !pmap_direct_mapped(pa, h->len) ||
	    !sum_ok((const uint8_t *)h, h->len))
		return NULL;
	return (const uint8_t *)h;
}

static const uint8_t *
rsdp_scan(uint64_t pa, uint64_t len)
{
	for (uint64_t off = 0; off + 36 <= len; off += 16) {
		const uint8_t *p = phys_to_virt(pa + off);

		if (memcmp(p, "RSD PTR ", 8) == 0 && sum_ok(p, 20))
			return p;
	}
	return NULL;
}

/* The RSDP: in the first KiB of the EBDA, or in the BIOS area. */
static const uint8_t *
rsdp_find(void)
{
	const uint8_t *r = NULL;
	uint64_t ebda = (uint64_t)*(const uint16_t *)phys_to_virt(0x40e) << 4;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		r = rsdp_scan(ebda, 1024);
	return r != NULL ? r : rsdp_scan(0xe0000, 0x20000);
}

/* The FADT, through the XSDT (ACPI 2+) or the RSDT. */
static const uint8_t *
fadt_find(void)
{
	const uint8_t *rsdp = rsdp_find(), *root = NULL, *t;
	int width = 8;

	if (rsdp == NULL)
		return NULL;
	if (rsdp[15] >= 2 && sum_ok(rsdp, 36))	/* the ACPI 2 RSDP */
		root = acpi_table(rd(rsdp + 24, 8), "XSDT");
	if (root == NULL) {
		root = acpi_table(rd(rsdp + 16, 4), "RSDT");
		width = 4;
	}
	if (root == NULL)
		return NULL;
	for (uint32_t off = 36; off + width <= rd(root + 4, 4); off += width)
		if ((t = acpi_table(rd(root + off, width), "FACP")) != NULL)
			return t;
	return NULL;
}

/* One sleep-type value of the _S5_ package: BytePrefix n, Zero, One. */
static bool
aml_small(const uint8_t **pp, const uint8_t *end, uint16_t *v)
{
	const uint8_t *p = *pp;

	if (p < end && *p == 0x0a && p + 1 < end) {
		*v = p[1];
		*pp = p + 2;
	} else if (p < end && (*p == 0x00 || *p == 0x01)) {
		*v = *p;
		*pp = p + 1;
	} else {
		return false;
	}
	return true;
}

/*
 * \_S5_ in the DSDT: NameOp (0x08) "_S5_" PackageOp (0x12) PkgLength
 * NumElements, then SLP_TYPa and SLP_TYPb.
 */
static void
s5_find(const uint8_t *dsdt)
{
	const uint8_t *end = dsdt + rd(dsdt + 4, 4), *p;

	for (p = dsdt + 36; p + 5 < end; p++) {
		if (memcmp(p, "_S5_", 4) != 0 || p[4] != 0x12 ||
		    !(p[-1] == 0x08 || (p[-1] == '\\' && p[-2] == 0x08)))
			continue;
		p += 5;
		p += 1 + (*p >> 6) + 1;	/* PkgLength, NumElements */
		if (aml_small(&p, end, &acpi.slp_typa) &&
		    aml_small(&p, end, &acpi.slp_typb))
			acpi.s5 = true;
		return;
	}
}

static void
fadt_read(const uint8_t *f)
{
	uint32_t len = rd(f + 4, 4);
	const uint8_t *dsdt = NULL;

	acpi.found = true;
	acpi.smi_cmd = rd(f + FADT_SMI_CMD, 4);
	acpi.acpi_enable = f[FADT_ACPI_ENABLE];
	acpi.pm1a_cnt = rd(f + FADT_PM1A_CNT, 4);
	acpi.pm1b_cnt = rd(f + FADT_PM1B_CNT, 4);
	if (len > FADT_RESET_VALUE &&
	    (rd(f + FADT_FLAGS, 4) & FADT_RESET_REG_SUP)) {
		acpi.reset = true;
		acpi.reset_space = f[FADT_RESET_REG];
		acpi.reset_addr = rd(f + FADT_RESET_REG + 4, 8);
		acpi.reset_value = f[FADT_RESET_VALUE];
	}
	if (len >= FADT_X_DSDT + 8)
		dsdt = acpi_table(rd(f + FADT_X_DSDT, 8), "DSDT");
	if (dsdt == NULL)
		dsdt = acpi_table(rd(f + FADT_DSDT, 4), "DSDT");
	if (dsdt != NULL)
		s5_find(dsdt);
}

/* Read the tables once, at boot; say what was found. */
void
acpi_init(void)
{
	const uint8_t *f = fadt_find();

	if (f == NULL) {
		kprintf("whorl: acpi: no FADT\n");
		return;
	}
	fadt_read(f);
	kprintf("whorl: acpi: pm1a %#x pm1b %#x s5 %s (%u, %u) reset %s\n",
	    acpi.pm1a_cnt, acpi.pm1b_cnt, acpi.s5 ? "yes" : "no",
	    acpi.slp_typa, acpi.slp_typb, acpi.reset ? "register" : "none");
}

static void
io_delay(int n)
{
	while (n-- > 0)
		inb(0x80);
}

static void
pm1_sleep(uint16_t port, uint16_t typ)
{
	uint16_t v;

	if (port == 0)
		return;
	v = inw(port) & ~PM1_SLP_TYP;
	outw(port, v | (typ << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN);
}

/* Enter S5 (soft off) if ACPI says how; returns if it did not happen. */
void
acpi_poweroff(void)
{
	if (!acpi.found || !acpi.s5 || acpi.pm1a_cnt == 0)
		return;
	if ((inw(acpi.pm1a_cnt) & PM1_SCI_EN) == 0 && acpi.smi_cmd != 0 &&
	    acpi.acpi_enable != 0) {
		outb(acpi.smi_cmd, acpi.acpi_enable);
		for (int i = 0; i < 300 &&
		    (inw(acpi.pm1a_cnt) & PM1_SCI_EN) == 0; i++)
			io_delay(1000);
	}
	kprintf("whorl: acpi: entering S5\n");
	pm1_sleep(acpi.pm1a_cnt, acpi.slp_typa);
	pm1_sleep(acpi.pm1b_cnt, acpi.slp_typb);
	io_delay(100000);
}

/* Write the FADT's reset register, if it has one; returns if no reset. */
void
acpi_reset(void)
{
	uint64_t a = acpi.reset_addr;

	if (!acpi.reset)
		return;
	kprintf("whorl: acpi: reset register %#lx\n", a);
	if (acpi.reset_space == GAS_IO) {
		outb((uint16_t)a, acpi.reset_value);
	} else if (acpi.reset_space == GAS_MEMORY &&
	    pmap_direct_mapped(a, 1)) {
		*(volatile uint8_t *)phys_to_virt(a) = acpi.reset_value;
	} else if (acpi.reset_space == GAS_PCI) {
		/* Device in bits 47:32, function 31:16, offset 15:0. */
		outl(0xcf8, 0x80000000u | ((a >> 32) & 0x1f) << 11 |
		    ((a >> 16) & 7) << 8 | (a & 0xfc));
		outb(0xcfc + (a & 3), acpi.reset_value);
	}
	io_delay(100000);
}
