/*
 * pf_config.h -- pfinet's configuration: the command line and
 * fsys_get_options/fsys_set_options on the server port (pf_config.c).
 */
#ifndef PF_CONFIG_H
#define PF_CONFIG_H

#include <mach/port.h>
#include <netinet/in.h>

struct pf_config {
	char		ifname[32];	/* "" : no NIC */
	struct in_addr	addr, mask, gw;
	int		have_addr;
	int		dhcp;
	int		master_boot;	/* --master=bootstrap */
};

extern struct pf_config pf_config;

int	pf_config_args(int argc, char **argv, mach_port_t *clients,
	    int max, int *nclients);
int	pf_config_apply(void);
int	pf_parse_ipv4(const char *s, struct in_addr *a);

#endif
