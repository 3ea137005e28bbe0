/*
 * fs_types.h -- the C types of Whorl's file protocols (fs_types.defs):
 * the stat and statfs records, the retry kinds of dir_lookup and
 * fsys_getroot, the readiness bits of io_select and the open-mode bits.
 * Included by MIG's stubs, by clients and by servers.
 */
#ifndef _WHORL_FS_TYPES_H_
#define _WHORL_FS_TYPES_H_

#include <stdint.h>
#include <mach/std_types.h>

typedef mach_port_t io_t;
typedef mach_port_t file_t;
typedef mach_port_t fsys_t;
typedef mach_port_t file_arg_t;
typedef mach_port_t reply_port_t;
typedef char *data_t;
typedef const char *const_data_t;
typedef int32_t retry_type;
typedef uint32_t *idarray_t;
typedef const uint32_t *const_idarray_t;
typedef char string_t[1024];
typedef const char *const_string_t;

/* What io_stat answers: 20 signed 64-bit words, all sizes in bytes. */
struct io_statbuf {
	int64_t st_dev;		/* file system id */
	int64_t st_ino;		/* node number in it */
	int64_t st_mode;	/* S_IF* type and permission bits */
	int64_t st_nlink;
	int64_t st_uid;
	int64_t st_gid;
	int64_t st_rdev;	/* device number of a device node */
	int64_t st_size;
	int64_t st_blksize;	/* preferred transfer size */
	int64_t st_blocks;	/* 512-byte blocks held */
	int64_t st_atime_sec, st_atime_nsec;
	int64_t st_mtime_sec, st_mtime_nsec;
	int64_t st_ctime_sec, st_ctime_nsec;
	int64_t st_author;	/* Hurd's author: the uid that wrote it */
	int64_t st_flags;
	int64_t st_spare[2];
};
typedef struct io_statbuf io_statbuf_t;

/* What file_statfs answers. */
struct fsys_statfsbuf {
	int64_t f_type;		/* a magic number naming the kind of fs */
	int64_t f_bsize;
	int64_t f_blocks, f_bfree, f_bavail;
	int64_t f_files, f_ffree;
	int64_t f_fsid;
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flag;
	int64_t f_spare;
};
typedef struct fsys_statfsbuf fsys_statfsbuf_t;

struct fs_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;	/* FS_UTIME_NOW: the server's clock */
};
typedef struct fs_timespec timespec_t;
#define FS_UTIME_NOW	(-1)
#define FS_UTIME_OMIT	(-2)

/* dir_lookup and fsys_getroot: what the client does next. */
#define FS_RETRY_NORMAL		1	/* go on at result with retry_name */
#define FS_RETRY_REAUTH		2	/* the same, after io_reauthenticate */
#define FS_RETRY_MAGICAL	3	/* retry_name names a client-side port */

/* io_select: the readiness bits asked and answered. */
#define IO_SELECT_READ		0x01
#define IO_SELECT_WRITE		0x02
#define IO_SELECT_URG		0x04

/*
 * Open modes (io_get_openmodes and friends, dir_lookup's flags): Whorl's
 * own values, the Hurd's layout.  O_READ and O_WRITE are separate bits.
 */
#define FS_O_READ	0x0001
#define FS_O_WRITE	0x0002
#define FS_O_EXEC	0x0004
#define FS_O_NOLINK	0x0008	/* do not follow a final symlink */
#define FS_O_NOTRANS	0x0010	/* do not start the node's translator */
#define FS_O_CREAT	0x0020
#define FS_O_EXCL	0x0040
#define FS_O_TRUNC	0x0080
#define FS_O_APPEND	0x0100	/* the modes io_set_*_openmodes may change */
#define FS_O_NONBLOCK	0x0200
#define FS_O_ASYNC	0x0400
#define FS_O_FSYNC	0x0800
#define FS_O_DIRECTORY	0x1000
#define FS_O_SETTABLE	(FS_O_APPEND | FS_O_NONBLOCK | FS_O_ASYNC | \
			 FS_O_FSYNC)

/* Directory entries in a dir_readdir batch, each 8-byte aligned. */
struct fs_dirent {
	uint64_t d_ino;
	uint16_t d_reclen;	/* bytes to the next entry */
	uint8_t d_type;		/* DT_* as in BSD */
	uint8_t d_namlen;	/* without the terminating NUL */
	char d_name[];		/* NUL-terminated */
};

/* file_set_active's flags. */
#define FS_TRANS_REPLACE	0x1	/* replace an attached translator */

/* fsys_goaway's flags. */
#define FSYS_GOAWAY_NOWAIT	0x1	/* answer before exiting */
#define FSYS_GOAWAY_NOSYNC	0x2	/* do not write back first */
#define FSYS_GOAWAY_FORCE	0x4	/* even if ports are in use */

#endif
