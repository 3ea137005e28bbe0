/*
 * host.h -- the host object: its two ports (host, privileged host) and
 * the mach_host RPCs (time, info, version, reboot).
 */
#ifndef KERN_HOST_H
#define KERN_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/host_info.h>
#include <mach/time_value.h>
#include <mach/machine.h>

struct ipc_port;

struct host {
	struct ipc_port	*host_self;	/* [I] */
	struct ipc_port	*host_priv;	/* [I] */
	int64_t		 boot_epoch;	/* [I] seconds since 1970 at boot */
};

extern struct host realhost;

void		host_init(void);
void		host_stats_init(void);
void		host_clock_tick(bool user);
uint64_t	host_mapped_time_pa(void);
struct host_load_info;
void		host_load_info(struct host_load_info *);
kern_return_t	host_get_time(struct host *, time_value_t *);
kern_return_t	host_get_time64(struct host *, time_value64_t *);
kern_return_t	host_get_uptime64(struct host *, time_value64_t *);
kern_return_t	host_reboot(struct host *, int options);
kern_return_t	host_info(struct host *, int flavor, integer_t *info,
		    mach_msg_type_number_t *count);
kern_return_t	host_get_kernel_version(struct host *, char *version);

#endif
