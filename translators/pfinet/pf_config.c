/*
 * pf_config.c -- pfinet's configuration: options on the command line
 * (--interface=NAME --address=A --netmask=M --gateway=G --dhcp,
 * --master=bootstrap: open the interface through the bootstrap port, not
 * the kernel's device master, as the frame-path test's wire does; and the
 * decimal task ports the boot script names) and the same words through
 * fsys_get_options/fsys_set_options on the server port, with the other
 * fsys routines a server port answers.  Called from pf_main.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/task_special_ports.h>

#include "pf.h"
#include "pf_config.h"
#include "fs_types.h"
#include "fsys_S.h"

#define PF_OPTIONS_MAX	1024

struct pf_config pf_config;

/* A dotted quad, nothing else.  EINVAL. */
int
pf_parse_ipv4(const char *s, struct in_addr *a)
{
	uint32_t v = 0, part;
	int i, digits;

	for (i = 0; i < 4; i++) {
		for (part = 0, digits = 0; *s >= '0' && *s <= '9'; s++) {
			part = part * 10 + (uint32_t)(*s - '0');
			if (++digits > 3 || part > 255)
				return EINVAL;
		}
		if (digits == 0 || *s != (i == 3 ? '\0' : '.'))
			return EINVAL;
		s++;
		v = v << 8 | part;
	}
	a->s_addr = htonl(v);
	return 0;
}

/* One option word into c.  EINVAL for an unknown word or bad value. */
static int
pf_config_word(struct pf_config *c, const char *w)
{
	if (strncmp(w, "--interface=", 12) == 0) {
		if (strlen(w + 12) >= sizeof(c->ifname))
			return EINVAL;
		strcpy(c->ifname, w + 12);
		return 0;
	}
	if (strncmp(w, "--address=", 10) == 0) {
		c->have_addr = 1;
		return pf_parse_ipv4(w + 10, &c->addr);
	}
	if (strncmp(w, "--netmask=", 10) == 0)
		return pf_parse_ipv4(w + 10, &c->mask);
	if (strncmp(w, "--gateway=", 10) == 0)
		return pf_parse_ipv4(w + 10, &c->gw);
	if (strcmp(w, "--master=bootstrap") == 0) {
		c->master_boot = 1;
		return 0;
	}
	if (strcmp(w, "--dhcp") == 0) {
		c->dhcp = 1;
		return 0;
	}
	return EINVAL;
}

/* Give the configuration to the interface, if a NIC is attached. */
int
pf_config_apply(void)
{
	struct pfinet_if *ifp = pf_nic_if();
	int error = 0;

	if (ifp == NULL)
		return 0;
	if (pf_config.have_addr)
		error = pfinet_if_set_ipv4(ifp, &pf_config.addr,
		    &pf_config.mask, &pf_config.gw);
	if (error == 0 && pf_config.gw.s_addr != 0)
		error = pfinet_if_set_default(ifp);
	if (error == 0 && pf_config.dhcp)
		error = pfinet_if_dhcp_start(ifp);
	return error;
}

/* The command line: option words and the task ports to serve. */
int
pf_config_args(int argc, char **argv, mach_port_t *clients, int max,
    int *nclients)
{
	extern mach_port_t __whorl_device_master;
	mach_port_t master = __whorl_device_master;
	int i, error;

	*nclients = 0;
	for (i = 1; i < argc; i++) {
		if (argv[i][0] >= '1' && argv[i][0] <= '9') {
			if (*nclients == max)
				return E2BIG;
			clients[(*nclients)++] = strtoul(argv[i], NULL, 10);
			continue;
		}
		if ((error = pf_config_word(&pf_config, argv[i])) != 0) {
			fprintf(stderr, "pfinet: bad option %s\n", argv[i]);
			return error;
		}
	}
	if (pf_config.master_boot)
		task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT,
		    &master);
	if (pf_config.ifname[0] != '\0' &&
	    (error = pf_nic_attach(master, pf_config.ifname)) != 0)
		return error;
	return pf_config_apply();
}

static int
pf_is_server_port(srv_port_t p)
{
	return p != NULL && p->class == &pf_server_class;
}

/* Append word (and its NUL) to buf; ENOBUFS when it does not fit. */
static int
pf_put_word(char *buf, size_t size, size_t *len, const char *word)
{
	size_t n = strlen(word) + 1;

	if (*len + n > size)
		return ENOBUFS;
	memcpy(buf + *len, word, n);
	*len += n;
	return 0;
}

static void
pf_quad(char *out, size_t size, const char *name, struct in_addr a)
{
	uint32_t v = ntohl(a.s_addr);

	snprintf(out, size, "--%s=%u.%u.%u.%u", name, v >> 24,
	    (v >> 16) & 255, (v >> 8) & 255, v & 255);
}

kern_return_t
S_fsys_get_options(srv_port_t fsys, data_t *options,
    mach_msg_type_number_t *optionsCnt)
{
	char w[64];
	size_t len = 0;
	int error = 0;

	if (!pf_is_server_port(fsys))
		return EOPNOTSUPP;
	if (pf_config.ifname[0] != '\0') {
		snprintf(w, sizeof(w), "--interface=%s", pf_config.ifname);
		error = pf_put_word(*options, *optionsCnt, &len, w);
	}
	if (error == 0 && pf_config.have_addr) {
		pf_quad(w, sizeof(w), "address", pf_config.addr);
		error = pf_put_word(*options, *optionsCnt, &len, w);
		pf_quad(w, sizeof(w), "netmask", pf_config.mask);
		if (error == 0)
			error = pf_put_word(*options, *optionsCnt, &len, w);
		pf_quad(w, sizeof(w), "gateway", pf_config.gw);
		if (error == 0)
			error = pf_put_word(*options, *optionsCnt, &len, w);
	}
	if (error == 0 && pf_config.dhcp)
		error = pf_put_word(*options, *optionsCnt, &len, "--dhcp");
	*optionsCnt = len;
	return error;
}

/*
 * Words separated by NULs (argz), all checked before any is taken; an
 * interface cannot be renamed once attached.
 */
kern_return_t
S_fsys_set_options(srv_port_t fsys, const_data_t options,
    mach_msg_type_number_t optionsCnt, int32_t do_children)
{
	struct pf_config c = pf_config;
	char buf[PF_OPTIONS_MAX + 1];
	size_t at;
	int error = 0;

	(void)do_children;
	if (!pf_is_server_port(fsys))
		return EOPNOTSUPP;
	if (optionsCnt > PF_OPTIONS_MAX)
		return E2BIG;
	memcpy(buf, options, optionsCnt);
	buf[optionsCnt] = '\0';
	for (at = 0; error == 0 && at < optionsCnt; at += strlen(buf + at) + 1)
		if (buf[at] != '\0')
			error = pf_config_word(&c, buf + at);
	if (error == 0 && strcmp(c.ifname, pf_config.ifname) != 0)
		error = EBUSY;
	if (error != 0)
		return error;
	pf_config = c;
	error = pf_config_apply();
	if (error == 0)
		pf_free_in(options, optionsCnt);
	return error;
}

kern_return_t
S_fsys_startup(mach_port_t bootstrap, int32_t openflags,
    mach_port_t control_port, mach_port_t *realnode,
    mach_msg_type_name_t *realnodePoly)
{
	(void)bootstrap;
	(void)openflags;
	(void)control_port;
	(void)realnode;
	(void)realnodePoly;
	return EOPNOTSUPP;
}

kern_return_t
S_fsys_getroot(srv_port_t fsys, mach_port_t dotdot, const_idarray_t uids,
    mach_msg_type_number_t uidsCnt, const_idarray_t gids,
    mach_msg_type_number_t gidsCnt, int32_t flags, retry_type *do_retry,
    string_t retry_name, mach_port_t *file, mach_msg_type_name_t *filePoly)
{
	(void)fsys; (void)dotdot; (void)uids; (void)uidsCnt; (void)gids;
	(void)gidsCnt; (void)flags; (void)do_retry; (void)retry_name;
	(void)file; (void)filePoly;
	return EOPNOTSUPP;
}

/* pfinet keeps no state to give back: it refuses to go away. */
kern_return_t
S_fsys_goaway(srv_port_t fsys, int32_t flags)
{
	(void)flags;
	return pf_is_server_port(fsys) ? EBUSY : EOPNOTSUPP;
}

kern_return_t
S_fsys_syncfs(srv_port_t fsys, int32_t wait, int32_t do_children)
{
	(void)wait;
	(void)do_children;
	return pf_is_server_port(fsys) ? 0 : EOPNOTSUPP;
}
