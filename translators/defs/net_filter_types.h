/*
 * net_filter_types.h -- C types of net_filter.defs: a filter program is
 * an array of 16-bit words (GNU Mach's device/net_status.h).
 */
#ifndef NET_FILTER_TYPES_H
#define NET_FILTER_TYPES_H

typedef unsigned short	filter_t;
typedef filter_t	*filter_array_t;
typedef char		net_frame_t[1514];

#endif
