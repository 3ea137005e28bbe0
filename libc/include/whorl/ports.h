/*
 * whorl/ports.h -- the privileged ports a program was handed at start-up.
 * The boot script passes them as leading options (--host-priv-port=N,
 * --device-master-port=N, Hurd's names); libc/start.c takes them out of
 * argv and keeps them here.  MACH_PORT_NULL when the task was given none.
 */
#ifndef _WHORL_PORTS_H_
#define _WHORL_PORTS_H_

#include <mach/port.h>

/* Send right to the privileged host port (host_reboot, ...). */
extern mach_port_t	__whorl_host_priv;
/* Send right to the device master port (device_open). */
extern mach_port_t	__whorl_device_master;

#endif /* _WHORL_PORTS_H_ */
