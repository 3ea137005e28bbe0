/*
 * sys/dirent.h -- Whorl's directory streams, included by newlib's
 * <dirent.h> (whose own sys/dirent.h is an #error on a bare target).
 * readdir reads the fs protocol's dir_readdir in batches (libc/dir.c).
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

struct dirent {
	ino_t d_ino;
	off_t d_off;			/* the entry number after this one */
	unsigned short d_reclen;
	unsigned char d_type;		/* DT_* */
	unsigned char d_namlen;
	char d_name[256];
};

typedef struct __whorl_dir DIR;

#ifdef __cplusplus
}
#endif
#endif
