/*
 * sys/socket.h -- the socket types and constants of Whorl's socket
 * protocol (translators/defs/socket.defs, docs/protocols.md "socket"),
 * for pfinet and its tests until libc has its own sockets header, which
 * must keep these values: they travel in socket RPCs.  Values are those
 * of the Hurd (4.4BSD); a sockaddr has no length byte (the length
 * travels beside it).
 */
#ifndef PFINET_SYS_SOCKET_H
#define PFINET_SYS_SOCKET_H

#include <stdint.h>
#include <sys/types.h>

typedef uint32_t socklen_t;
typedef uint16_t sa_family_t;

struct sockaddr {
	sa_family_t	sa_family;
	char		sa_data[14];
};

struct sockaddr_storage {
	sa_family_t	ss_family;
	char		__ss_pad[126];
} __attribute__((aligned(8)));

struct linger {
	int	l_onoff;
	int	l_linger;
};

#define AF_UNSPEC	0
#define AF_LOCAL	1
#define AF_UNIX		AF_LOCAL
#define AF_INET		2
#define AF_INET6	26
#define PF_UNSPEC	AF_UNSPEC
#define PF_LOCAL	AF_LOCAL
#define PF_INET		AF_INET
#define PF_INET6	AF_INET6

#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3

#define SOL_SOCKET	0xffff
#define SO_DEBUG	0x0001
#define SO_ACCEPTCONN	0x0002
#define SO_REUSEADDR	0x0004
#define SO_KEEPALIVE	0x0008
#define SO_DONTROUTE	0x0010
#define SO_BROADCAST	0x0020
#define SO_LINGER	0x0080
#define SO_OOBINLINE	0x0100
#define SO_REUSEPORT	0x0200
#define SO_SNDBUF	0x1001
#define SO_RCVBUF	0x1002
#define SO_SNDLOWAT	0x1003
#define SO_RCVLOWAT	0x1004
#define SO_SNDTIMEO	0x1005
#define SO_RCVTIMEO	0x1006
#define SO_ERROR	0x1007
#define SO_TYPE		0x1008

#define MSG_OOB		0x0001
#define MSG_PEEK	0x0002
#define MSG_DONTROUTE	0x0004
#define MSG_EOR		0x0008
#define MSG_TRUNC	0x0010
#define MSG_CTRUNC	0x0020
#define MSG_WAITALL	0x0040
#define MSG_DONTWAIT	0x0080
#define MSG_NOSIGNAL	0x0400
#define MSG_MORE	0x8000

#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

#define SOMAXCONN	128

#endif
