/*
 * pfinet_addr.c -- conversions between the socket API's sockaddr and
 * lwIP's ip_addr_t, and from lwIP's err_t to errno values.  Called by
 * the socket layer (pfinet_sock.c, pfinet_tcp.c, pfinet_udp.c).
 */
#include <errno.h>
#include <string.h>

#include "pfinet_internal.h"
#include "lwip/err.h"
#include "lwip/netif.h"


/*
 * Read a sockaddr of the socket's family into an address and port.
 * Returns EINVAL for a short length, EAFNOSUPPORT for a wrong family.
 */
int
pfinet_addr_from(int domain, const struct sockaddr *sa, socklen_t len,
    ip_addr_t *ip, uint16_t *port)
{
	const struct sockaddr_in *sin;
	const struct sockaddr_in6 *sin6;

	if (sa == NULL || len < (socklen_t)sizeof(sa_family_t))
		return EINVAL;
	if (sa->sa_family != domain)
		return EAFNOSUPPORT;
	if (domain == AF_INET) {
		if (len < (socklen_t)sizeof(*sin))
			return EINVAL;
		sin = (const struct sockaddr_in *)sa;
		ip_addr_set_zero_ip4(ip);
		ip_2_ip4(ip)->addr = sin->sin_addr.s_addr;
		*port = lwip_ntohs(sin->sin_port);
		return 0;
	}
	if (len < (socklen_t)sizeof(*sin6))
		return EINVAL;
	sin6 = (const struct sockaddr_in6 *)sa;
	ip_addr_set_zero_ip6(ip);
	memcpy(ip_2_ip6(ip)->addr, &sin6->sin6_addr, 16);
	ip6_addr_clear_zone(ip_2_ip6(ip));
	if (ip6_addr_has_scope(ip_2_ip6(ip), IP6_UNKNOWN))
		ip6_addr_assign_zone(ip_2_ip6(ip), IP6_UNKNOWN,
		    netif_get_by_index((u8_t)sin6->sin6_scope_id));
	*port = lwip_ntohs(sin6->sin6_port);
	return 0;
}

/*
 * Write an address and port as a sockaddr of the given family, cut to
 * *len bytes; *len becomes the full size, as getsockname(2) does.
 */
int
pfinet_addr_to(int domain, const ip_addr_t *ip, uint16_t port,
    struct sockaddr *sa, socklen_t *len)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	const void *src;
	socklen_t n;

	if (sa == NULL || len == NULL)
		return EINVAL;
	if (domain == AF_INET) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = lwip_htons(port);
		if (ip != NULL && IP_IS_V4(ip))
			sin.sin_addr.s_addr = ip_2_ip4(ip)->addr;
		src = &sin;
		n = sizeof(sin);
	} else {
		memset(&sin6, 0, sizeof(sin6));
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = lwip_htons(port);
		if (ip != NULL && IP_IS_V6(ip)) {
			memcpy(&sin6.sin6_addr, ip_2_ip6(ip)->addr, 16);
			sin6.sin6_scope_id = ip6_addr_zone(ip_2_ip6(ip));
		}
		src = &sin6;
		n = sizeof(sin6);
	}
	memcpy(sa, src, *len < n ? *len : n);
	*len = n;
	return 0;
}

/* Is ip the any-address or one of this engine's own addresses? */
int
pfinet_addr_is_local(const ip_addr_t *ip)
{
	struct netif *nif;
	int i;

	if (ip_addr_isany(ip))
		return 1;
	NETIF_FOREACH(nif) {
		if (IP_IS_V4(ip) &&
		    ip4_addr_cmp(ip_2_ip4(ip), netif_ip4_addr(nif)))
			return 1;
		if (!IP_IS_V6(ip))
			continue;
		for (i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++)
			if (ip6_addr_isvalid(netif_ip6_addr_state(nif, i)) &&
			    ip6_addr_cmp_zoneless(ip_2_ip6(ip),
			    netif_ip6_addr(nif, i)))
				return 1;
	}
	return 0;
}

/* An lwIP error as an errno value. */
int
pfinet_err(int err)
{
	switch (err) {
	case ERR_OK:
		return 0;
	case ERR_MEM:
	case ERR_BUF:
		return ENOBUFS;
	case ERR_TIMEOUT:
		return ETIMEDOUT;
	case ERR_RTE:
		return ENETUNREACH;
	case ERR_INPROGRESS:
		return EINPROGRESS;
	case ERR_WOULDBLOCK:
		return EAGAIN;
	case ERR_USE:
		return EADDRINUSE;
	case ERR_ALREADY:
		return EALREADY;
	case ERR_ISCONN:
		return EISCONN;
	case ERR_CONN:
		return ENOTCONN;
	case ERR_IF:
		return ENETDOWN;
	case ERR_ABRT:
		return ECONNABORTED;
	case ERR_RST:
		return ECONNRESET;
	case ERR_CLSD:
		return ENOTCONN;
	default:
		return EINVAL;
	}
}
