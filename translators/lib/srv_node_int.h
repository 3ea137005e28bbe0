/*
 * srv_node_int.h -- what srv_node.c and srv_node_io.c share inside the
 * single-node helper.
 */
#ifndef SRV_NODE_INT_H
#define SRV_NODE_INT_H

#include "srv_node.h"

extern const struct srv_class srv_node_control_class;
extern const struct srv_class srv_protid_class;

/* MIG's demultiplexers of the protocols the helper answers. */
int	io_server(mach_msg_header_t *, mach_msg_header_t *);
int	fs_server(mach_msg_header_t *, mach_msg_header_t *);
int	fsys_server(mach_msg_header_t *, mach_msg_header_t *);

int	srv_protid_create(struct srv_open *o, mach_port_t *namep);
int	srv_node_open(struct srv_node *n, int flags, const uint32_t *uids,
	    size_t nuids, mach_port_t *namep);

#endif
