/*
 * sys/statvfs.h -- Whorl's statvfs (newlib has none), filled from the
 * fs protocol's file_statfs (libc/file.c).
 */
#ifndef _SYS_STATVFS_H
#define _SYS_STATVFS_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct statvfs {
	unsigned long f_bsize;		/* preferred transfer size */
	unsigned long f_frsize;		/* the unit of f_blocks */
	fsblkcnt_t f_blocks, f_bfree, f_bavail;
	fsfilcnt_t f_files, f_ffree, f_favail;
	unsigned long f_fsid;
	unsigned long f_flag;		/* ST_* */
	unsigned long f_namemax;
};

#define ST_RDONLY	1
#define ST_NOSUID	2

int	statvfs(const char *__restrict, struct statvfs *__restrict);
int	fstatvfs(int, struct statvfs *);

#ifdef __cplusplus
}
#endif
#endif
