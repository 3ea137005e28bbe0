/*
 * socket_types.h -- the C side of socket.defs' and socket_reply.defs'
 * types: a sockaddr's bytes (at most 128) and an option's value (at
 * most 64).  See docs/protocols.md ("socket").
 */
#ifndef _WHORL_SOCKET_TYPES_H_
#define _WHORL_SOCKET_TYPES_H_

#define SOCKET_ADDR_MAX		128
#define SOCKET_OPT_MAX		64

/* Pointers, as data_t is: a caller passes a sockaddr of any size up to
   the bound, and an out argument's buffer holds the bound. */
typedef char *sockaddr_t;
typedef char *sockopt_t;

#endif
