/*
 * null.c -- the null translator: one character device that swallows
 * every write and reads as end of file (--null, the default: /dev/null)
 * or as endless zeros (--zero: /dev/zero).  Built on translators/lib's
 * single-node helper; docs/servers.md walks through it.
 *
 * Usage: null [--null|--zero] [--test] [CLIENT-TASK]
 * Started on a node it does the fsys_startup handshake; else it hands
 * CLIENT-TASK (a task port name from the boot script) its control port.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <mach/mach_traps.h>

#include "srv_node.h"

struct null_dev {
	int zero;		/* read gives zeros, not end of file */
};

static int
null_read(struct srv_node *n, struct srv_open *o, int64_t offset,
    char *buf, size_t amount, size_t *got)
{
	struct null_dev *d = n->priv;

	(void)o, (void)offset;
	if (!d->zero) {
		*got = 0;
		return 0;
	}
	memset(buf, 0, amount);
	*got = amount;
	return 0;
}

static int
null_write(struct srv_node *n, struct srv_open *o, int64_t offset,
    const char *data, size_t len, size_t *taken)
{
	(void)n, (void)o, (void)offset, (void)data;
	*taken = len;
	return 0;
}

static int
null_readable(struct srv_node *n, struct srv_open *o, uint64_t *amount)
{
	struct null_dev *d = n->priv;

	(void)o;
	*amount = d->zero ? SRV_NODE_IO_MAX : 0;
	return 0;
}

/* Linux's numbers for the two devices: major 1, minor 3 and 5. */
static void
null_stat(struct srv_node *n, struct io_statbuf *st)
{
	struct null_dev *d = n->priv;

	st->st_rdev = d->zero ? 0x105 : 0x103;
	st->st_size = 0;
}

static int
null_get_options(struct srv_node *n, char *buf, size_t size, size_t *len)
{
	struct null_dev *d = n->priv;
	const char *opt = d->zero ? "--zero" : "--null";

	if (strlen(opt) + 1 > size)
		return ENOSPC;
	memcpy(buf, opt, strlen(opt) + 1);
	*len = strlen(opt) + 1;
	return 0;
}

/* One option word (argz), --null or --zero: the device changes kind. */
static int
null_set_options(struct srv_node *n, const char *argz, size_t len)
{
	struct null_dev *d = n->priv;

	if (len == sizeof("--zero") && memcmp(argz, "--zero", len) == 0)
		d->zero = 1;
	else if (len == sizeof("--null") &&
	    memcmp(argz, "--null", len) == 0)
		d->zero = 0;
	else
		return EINVAL;
	return 0;
}

static const struct srv_node_ops null_ops = {
	.read = null_read,
	.write = null_write,
	.readable = null_readable,
	.stat = null_stat,
	.get_options = null_get_options,
	.set_options = null_set_options,
};

int
main(int argc, char *argv[])
{
	static struct null_dev dev;
	static struct srv_node node;
	mach_port_t client = MACH_PORT_NULL;
	int i, error;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--zero") == 0)
			dev.zero = 1;
		else if (strcmp(argv[i], "--null") == 0)
			dev.zero = 0;
		else if (strcmp(argv[i], "--test") == 0)
			srv_test_enable();
		else if (argv[i][0] >= '1' && argv[i][0] <= '9')
			client = strtoul(argv[i], NULL, 10);
		else {
			fprintf(stderr, "null: unknown option %s\n", argv[i]);
			return 1;
		}
	}
	error = srv_node_init(&node, &null_ops, S_IFCHR | 0666,
	    SRV_NODE_MAX_WORKERS);
	node.priv = &dev;
	if (error == 0)
		error = srv_node_start(&node, client);
	if (error != 0) {
		fprintf(stderr, "null: cannot start: %s\n", strerror(error));
		fflush(stderr);
		return 1;
	}
	srv_bucket_run(&node.bucket);
	return 0;
}
