/*
 * tutil.h -- helpers shared by the ext2 engine's host tests, fuzzer and
 * benchmark: an image file as a block device, path walking, running
 * e2fsprogs commands.  Host-only; never linked into the translator.
 */
#ifndef TUTIL_H
#define TUTIL_H

#include <stdint.h>

#include "../ext2.h"

struct tu_image {
	int			fd;
	struct ext2_bdev	dev;
	uint64_t		reads, writes;
};

int	tu_open(struct tu_image *, const char *);
void	tu_close(struct tu_image *);
int	tu_mount(struct tu_image *, const char *, unsigned int,
	    struct ext2_fs **);
int	tu_walk(struct ext2_fs *, const char *, uint32_t *);
int	tu_parent(struct ext2_fs *, const char *, uint32_t *, const char **);
int	tu_sh(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*tu_tmpdir(void);
void	tu_rmtree(const char *);
const char *tu_errname(int);
int	tu_errnum(const char *);

#endif /* TUTIL_H */
