#include "ext2_int.h"
int ext2_dx_lookup(struct ext2_fs *fs, struct ext2_inode *ip, const char *n, size_t l, struct ext2_dirloc *loc) { (void)fs;(void)ip;(void)n;(void)l;(void)loc; return EXT2_DX_FALLBACK; }
int ext2_dx_add(struct ext2_fs *fs, struct ext2_inode *ip, const char *n, size_t l, uint32_t i, unsigned int f) { (void)fs;(void)ip;(void)n;(void)l;(void)i;(void)f; return EXT2_DX_FALLBACK; }
