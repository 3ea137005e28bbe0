/*
 * pfinet_if.c -- network interfaces: an Ethernet interface per NIC with
 * frame-in (pfinet_if_input, called by the driver's glue) and frame-out
 * (the driver's output callback, called by lwIP), addresses, MTU, link
 * state and the DHCP client.  Loopback is lwIP's own (LWIP_HAVE_LOOPIF).
 */
#include <errno.h>
#include <string.h>

#include "pfinet_internal.h"
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/mld6.h"
#include "lwip/netif.h"
#include "lwip/prot/ethernet.h"


#define PFINET_MAX_IFS		4
#define PFINET_MTU_MIN		576
#define PFINET_MTU_MAX		9000
#define PFINET_FRAME_MAX	(PFINET_MTU_MAX + SIZEOF_ETH_HDR + 4)

struct pfinet_if {
	struct netif	  pi_netif;
	int		  pi_inuse;
	void		(*pi_output)(void *, const void *, size_t);
	void		 *pi_arg;
	uint8_t		  pi_frame[PFINET_FRAME_MAX];
};

static struct pfinet_if pfinet_ifs[PFINET_MAX_IFS];

/* lwIP's link output: flatten the pbuf chain and hand it to the driver. */
static err_t
pfinet_if_linkoutput(struct netif *nif, struct pbuf *p)
{
	struct pfinet_if *pi = nif->state;

	if (p->tot_len > sizeof(pi->pi_frame))
		return ERR_BUF;
	pbuf_copy_partial(p, pi->pi_frame, p->tot_len, 0);
	pi->pi_output(pi->pi_arg, pi->pi_frame, p->tot_len);
	return ERR_OK;
}

static err_t
pfinet_if_netif_init(struct netif *nif)
{
	struct pfinet_if *pi = nif->state;

	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->output = etharp_output;
	nif->output_ip6 = ethip6_output;
	nif->linkoutput = pfinet_if_linkoutput;
	nif->hwaddr_len = ETH_HWADDR_LEN;
	nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
	    NETIF_FLAG_ETHERNET | NETIF_FLAG_MLD6;
	(void)pi;
	return ERR_OK;
}

/*
 * Add an Ethernet interface, up, with its IPv6 link-local address (used
 * at once: duplicate detection is skipped).  Returns EINVAL for a bad
 * MTU or missing output, ENOSPC when all interface slots are taken.
 */
int
pfinet_if_add_ether(const struct pfinet_if_ether *cfg, struct pfinet_if **ip)
{
	struct pfinet_if *pi = NULL;
	unsigned int mtu;
	size_t i;

	if (cfg == NULL || cfg->output == NULL || ip == NULL)
		return EINVAL;
	mtu = cfg->mtu == 0 ? 1500 : cfg->mtu;
	if (mtu < PFINET_MTU_MIN || mtu > PFINET_MTU_MAX)
		return EINVAL;
	for (i = 0; i < PFINET_MAX_IFS && pi == NULL; i++)
		if (!pfinet_ifs[i].pi_inuse)
			pi = &pfinet_ifs[i];
	if (pi == NULL)
		return ENOSPC;
	pfinet_enter();
	pfinet_cyclic_start();
	memset(pi, 0, sizeof(*pi));
	pi->pi_inuse = 1;
	pi->pi_output = cfg->output;
	pi->pi_arg = cfg->arg;
	memcpy(pi->pi_netif.hwaddr, cfg->mac, ETH_HWADDR_LEN);
	netif_add(&pi->pi_netif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4,
	    pi, pfinet_if_netif_init, netif_input);
	pi->pi_netif.mtu = (u16_t)mtu;
	pi->pi_netif.mtu6 = (u16_t)mtu;
	netif_create_ip6_linklocal_address(&pi->pi_netif, 1);
	netif_ip6_addr_set_state(&pi->pi_netif, 0, IP6_ADDR_PREFERRED);
	netif_set_link_up(&pi->pi_netif);
	netif_set_up(&pi->pi_netif);
	*ip = pi;
	pfinet_leave();
	return 0;
}

/*
 * Frame-in: the start of every received packet's path.  The frame is
 * copied into pool pbufs (so the driver may reuse its buffer) and given
 * to lwIP's Ethernet input, which dispatches by EtherType to ARP, IPv4
 * or IPv6 and on to TCP, UDP or ICMP.  Returns EINVAL for a frame that
 * cannot be Ethernet and ENOBUFS when the pool is empty (the frame is
 * dropped: back-pressure).
 */
int
pfinet_if_input(struct pfinet_if *pi, const void *frame, size_t len)
{
	struct pbuf *p;
	int error = 0;

	if (pi == NULL || frame == NULL || len < SIZEOF_ETH_HDR ||
	    len > (size_t)pi->pi_netif.mtu + SIZEOF_ETH_HDR + 4)
		return EINVAL;
	pfinet_enter();
	p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (p == NULL) {
		error = ENOBUFS;
		goto out;
	}
	pbuf_take(p, frame, (u16_t)len);
	if (pi->pi_netif.input(p, &pi->pi_netif) != ERR_OK)
		pbuf_free(p);
out:
	pfinet_leave();
	return error;
}

/* Static IPv4 configuration; a zero address removes it. */
int
pfinet_if_set_ipv4(struct pfinet_if *pi, const struct in_addr *addr,
    const struct in_addr *mask, const struct in_addr *gw)
{
	ip4_addr_t a, m, g;

	if (pi == NULL || addr == NULL || mask == NULL)
		return EINVAL;
	a.addr = addr->s_addr;
	m.addr = mask->s_addr;
	g.addr = gw != NULL ? gw->s_addr : 0;
	if (!ip4_addr_isany_val(m) && !ip4_addr_netmask_valid(m.addr))
		return EINVAL;
	pfinet_enter();
	netif_set_addr(&pi->pi_netif, &a, &m, &g);
	pfinet_leave();
	return 0;
}

/* The IPv4 configuration now in force (static or from DHCP). */
int
pfinet_if_get_ipv4(struct pfinet_if *pi, struct in_addr *addr,
    struct in_addr *mask, struct in_addr *gw)
{
	if (pi == NULL)
		return EINVAL;
	if (ip4_addr_isany_val(*netif_ip4_addr(&pi->pi_netif)))
		return EAGAIN;
	if (addr != NULL)
		addr->s_addr = netif_ip4_addr(&pi->pi_netif)->addr;
	if (mask != NULL)
		mask->s_addr = netif_ip4_netmask(&pi->pi_netif)->addr;
	if (gw != NULL)
		gw->s_addr = netif_ip4_gw(&pi->pi_netif)->addr;
	return 0;
}

/* Add a static IPv6 address (on-link /64), usable at once. */
int
pfinet_if_add_ipv6(struct pfinet_if *pi, const struct in6_addr *addr)
{
	ip6_addr_t a;
	s8_t idx;
	err_t err;

	if (pi == NULL || addr == NULL)
		return EINVAL;
	memcpy(a.addr, addr, 16);
	ip6_addr_clear_zone(&a);
	pfinet_enter();
	err = netif_add_ip6_address(&pi->pi_netif, &a, &idx);
	if (err == ERR_OK)
		netif_ip6_addr_set_state(&pi->pi_netif, idx,
		    IP6_ADDR_PREFERRED);
	pfinet_leave();
	return err == ERR_OK ? 0 : ENOSPC;
}

/* Address number index (0 is link-local); ENOENT if none there. */
int
pfinet_if_get_ipv6(struct pfinet_if *pi, int index, struct in6_addr *addr)
{
	if (pi == NULL || addr == NULL || index < 0 ||
	    index >= LWIP_IPV6_NUM_ADDRESSES)
		return EINVAL;
	if (!ip6_addr_isvalid(netif_ip6_addr_state(&pi->pi_netif, index)))
		return ENOENT;
	memcpy(addr, netif_ip6_addr(&pi->pi_netif, index)->addr, 16);
	return 0;
}

int
pfinet_if_set_default(struct pfinet_if *pi)
{
	if (pi == NULL)
		return EINVAL;
	pfinet_enter();
	netif_set_default(&pi->pi_netif);
	pfinet_leave();
	return 0;
}

int
pfinet_if_set_mtu(struct pfinet_if *pi, unsigned int mtu)
{
	if (pi == NULL || mtu < PFINET_MTU_MIN || mtu > PFINET_MTU_MAX)
		return EINVAL;
	pi->pi_netif.mtu = (u16_t)mtu;
	pi->pi_netif.mtu6 = (u16_t)mtu;
	return 0;
}

int
pfinet_if_set_link(struct pfinet_if *pi, int up)
{
	if (pi == NULL)
		return EINVAL;
	pfinet_enter();
	if (up)
		netif_set_link_up(&pi->pi_netif);
	else
		netif_set_link_down(&pi->pi_netif);
	pfinet_leave();
	return 0;
}

/* Start the DHCP client; pfinet_if_get_ipv4 says when it has a lease. */
int
pfinet_if_dhcp_start(struct pfinet_if *pi)
{
	err_t err;

	if (pi == NULL)
		return EINVAL;
	pfinet_enter();
	err = dhcp_start(&pi->pi_netif);
	pfinet_leave();
	return pfinet_err(err);
}

int
pfinet_if_dhcp_stop(struct pfinet_if *pi)
{
	if (pi == NULL)
		return EINVAL;
	pfinet_enter();
	dhcp_release_and_stop(&pi->pi_netif);
	pfinet_leave();
	return 0;
}
