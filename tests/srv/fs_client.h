/*
 * fs_client.h -- what the tests of translators/lib's file-system layer
 * share (tests/srv/tmpfs_*.c): a root port for a chosen identity
 * through the control port the server handed us, lookups that answer
 * only opens (a retry is reported), small reads and writes, symlinks
 * made the Hurd's way.  Programs built with x86_64-whorl-gcc.
 */
#ifndef SRV_FS_CLIENT_H
#define SRV_FS_CLIENT_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client.h"

/* A lookup answered with a retry: not an error code anyone uses. */
#define FSC_RETRY	0x7e7e7e7e

/* The root directory for uid/gid, opened with flags: the port or NULL. */
static inline mach_port_t
fsc_root(mach_port_t control, uint32_t uid, uint32_t gid, int flags)
{
	uint32_t uids[1] = { uid }, gids[1] = { gid };
	mach_port_t root = MACH_PORT_NULL;
	retry_type retry;
	string_t name;

	if (fsys_getroot(control, MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND,
	    uids, 1, gids, 1, flags, &retry, name, &root) != 0)
		return MACH_PORT_NULL;
	return root;
}

/* dir_lookup that wants an open here: 0, an errno, or FSC_RETRY. */
static inline kern_return_t
fsc_open(mach_port_t dir, const char *name, int flags, uint32_t mode,
    mach_port_t *p)
{
	retry_type retry;
	string_t rest;
	kern_return_t kr;

	*p = MACH_PORT_NULL;
	kr = dir_lookup(dir, (char *)name, flags, mode, &retry, rest, p);
	if (kr == 0 && (retry != FS_RETRY_NORMAL || rest[0] != '\0')) {
		if (MACH_PORT_VALID(*p))
			mach_port_deallocate(mach_task_self(), *p);
		*p = MACH_PORT_NULL;
		return FSC_RETRY;
	}
	return kr;
}

/* Open, and close at once: the lookup's result code. */
static inline kern_return_t
fsc_try(mach_port_t dir, const char *name, int flags)
{
	mach_port_t p;
	kern_return_t kr = fsc_open(dir, name, flags, 0644, &p);

	if (MACH_PORT_VALID(p))
		mach_port_deallocate(mach_task_self(), p);
	return kr;
}

static inline void
fsc_close(mach_port_t p)
{
	if (MACH_PORT_VALID(p))
		mach_port_deallocate(mach_task_self(), p);
}

/* Write s at offset (-1: the file pointer): the error. */
static inline kern_return_t
fsc_put(mach_port_t io, const char *s, int64_t offset)
{
	uint64_t amount = 0;
	kern_return_t kr = io_write(io, (char *)s, strlen(s), offset,
	    &amount);

	return kr == 0 && amount != strlen(s) ? EIO : kr;
}

/* Read up to size-1 bytes at offset into buf as a string: the error. */
static inline kern_return_t
fsc_get(mach_port_t io, char *buf, size_t size, int64_t offset)
{
	data_t data = buf;
	mach_msg_type_number_t cnt = size - 1;
	kern_return_t kr = io_read(io, &data, &cnt, offset, size - 1);

	if (kr != 0)
		return kr;
	if (data != buf) {
		memcpy(buf, data, cnt < size - 1 ? cnt : size - 1);
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	}
	buf[cnt < size - 1 ? cnt : size - 1] = '\0';
	return 0;
}

/* Make name in dir a symlink to target (the Hurd's way): the error. */
static inline kern_return_t
fsc_symlink(mach_port_t dir, const char *name, const char *target)
{
	char rec[1100];
	size_t len = sizeof("/hurd/symlink") + strlen(target) + 1;
	mach_port_t p;
	kern_return_t kr;

	kr = fsc_open(dir, name, FS_O_CREAT | FS_O_EXCL | FS_O_NOLINK |
	    FS_O_WRITE, 0777, &p);
	if (kr != 0)
		return kr;
	memcpy(rec, "/hurd/symlink", sizeof("/hurd/symlink"));
	strcpy(rec + sizeof("/hurd/symlink"), target);
	kr = file_set_translator(p, 0, rec, len);
	fsc_close(p);
	return kr;
}

/* The size io_stat gives, or -1. */
static inline int64_t
fsc_size(mach_port_t io)
{
	io_statbuf_t st;

	return io_stat(io, &st) == 0 ? st.st_size : -1;
}

#endif
