/*
 * netinet/in.h -- Internet addresses for Whorl's socket protocol (see
 * sys/socket.h beside this file: pfinet's own until libc has one).
 */
#ifndef PFINET_NETINET_IN_H
#define PFINET_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>

typedef uint16_t in_port_t;
typedef uint32_t in_addr_t;

struct in_addr {
	in_addr_t	s_addr;		/* network order */
};

struct sockaddr_in {
	sa_family_t	sin_family;
	in_port_t	sin_port;	/* network order */
	struct in_addr	sin_addr;
	unsigned char	sin_zero[8];
};

struct in6_addr {
	union {
		uint8_t		__u6_addr8[16];
		uint16_t	__u6_addr16[8];
		uint32_t	__u6_addr32[4];
	} __in6_u;
};
#define s6_addr		__in6_u.__u6_addr8

struct sockaddr_in6 {
	sa_family_t	sin6_family;
	in_port_t	sin6_port;
	uint32_t	sin6_flowinfo;
	struct in6_addr	sin6_addr;
	uint32_t	sin6_scope_id;
};

#define IPPROTO_IP	0
#define IPPROTO_ICMP	1
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17
#define IPPROTO_IPV6	41
#define IPPROTO_ICMPV6	58
#define IPPROTO_RAW	255

#define IPV6_V6ONLY	27

#define INADDR_ANY		((in_addr_t)0x00000000)
#define INADDR_BROADCAST	((in_addr_t)0xffffffff)
#define INADDR_LOOPBACK		((in_addr_t)0x7f000001)

#define INET_ADDRSTRLEN		16
#define INET6_ADDRSTRLEN	46

#define htons(x)	__builtin_bswap16((uint16_t)(x))
#define ntohs(x)	__builtin_bswap16((uint16_t)(x))
#define htonl(x)	__builtin_bswap32((uint32_t)(x))
#define ntohl(x)	__builtin_bswap32((uint32_t)(x))

#endif
