/*
 * disk.h -- the ext2 on-disk format: superblock, group descriptor, inode,
 * directory entry, htree and extended-attribute layouts and their constants.
 * Included by every engine file.  All fields are little-endian; Whorl runs
 * only on little-endian machines, so structures are copied with memcpy.
 */
#ifndef EXT2_DISK_H
#define EXT2_DISK_H

#include <stdint.h>

#define EXT2_SUPER_OFFSET	1024
#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_ROOT_INO		2
#define EXT2_GOOD_OLD_FIRST_INO	11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15
#define EXT2_NAME_LEN		255
#define EXT2_LINK_MAX		65000
#define EXT2_VALID_FS		0x0001

/* Features: compat (ignorable), incompat (refuse), ro_compat (read-only). */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES	0x0002
#define EXT2_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INODE	0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT2_FEATURE_INCOMPAT_RECOVER		0x0004
#define EXT2_FEATURE_INCOMPAT_FLEX_BG		0x0200
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_RO_COMPAT_DIR_NLINK	0x0020
#define EXT2_FEATURE_RO_COMPAT_EXTRA_ISIZE	0x0040

#define EXT2_INCOMPAT_SUPP	(EXT2_FEATURE_INCOMPAT_FILETYPE | \
				 EXT2_FEATURE_INCOMPAT_FLEX_BG)
#define EXT2_RO_COMPAT_SUPP	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
				 EXT2_FEATURE_RO_COMPAT_LARGE_FILE | \
				 EXT2_FEATURE_RO_COMPAT_DIR_NLINK | \
				 EXT2_FEATURE_RO_COMPAT_EXTRA_ISIZE)

/* s_flags: how dir_index hashes treat bytes above 0x7f. */
#define EXT2_FLAGS_SIGNED_HASH		0x0001
#define EXT2_FLAGS_UNSIGNED_HASH	0x0002

struct ext2_dsuper {
	uint32_t	s_inodes_count;
	uint32_t	s_blocks_count;
	uint32_t	s_r_blocks_count;
	uint32_t	s_free_blocks_count;
	uint32_t	s_free_inodes_count;
	uint32_t	s_first_data_block;
	uint32_t	s_log_block_size;
	uint32_t	s_log_frag_size;
	uint32_t	s_blocks_per_group;
	uint32_t	s_frags_per_group;
	uint32_t	s_inodes_per_group;
	uint32_t	s_mtime;
	uint32_t	s_wtime;
	uint16_t	s_mnt_count;
	int16_t		s_max_mnt_count;
	uint16_t	s_magic;
	uint16_t	s_state;
	uint16_t	s_errors;
	uint16_t	s_minor_rev_level;
	uint32_t	s_lastcheck;
	uint32_t	s_checkinterval;
	uint32_t	s_creator_os;
	uint32_t	s_rev_level;
	uint16_t	s_def_resuid;
	uint16_t	s_def_resgid;
	uint32_t	s_first_ino;
	uint16_t	s_inode_size;
	uint16_t	s_block_group_nr;
	uint32_t	s_feature_compat;
	uint32_t	s_feature_incompat;
	uint32_t	s_feature_ro_compat;
	uint8_t		s_uuid[16];
	char		s_volume_name[16];
	char		s_last_mounted[64];
	uint32_t	s_algorithm_usage_bitmap;
	uint8_t		s_prealloc_blocks;
	uint8_t		s_prealloc_dir_blocks;
	uint16_t	s_reserved_gdt_blocks;
	uint8_t		s_journal_uuid[16];
	uint32_t	s_journal_inum;
	uint32_t	s_journal_dev;
	uint32_t	s_last_orphan;
	uint32_t	s_hash_seed[4];
	uint8_t		s_def_hash_version;
	uint8_t		s_jnl_backup_type;
	uint16_t	s_desc_size;
	uint32_t	s_default_mount_opts;
	uint32_t	s_first_meta_bg;
	uint32_t	s_mkfs_time;
	uint32_t	s_jnl_blocks[17];
	uint32_t	s_blocks_count_hi;
	uint32_t	s_r_blocks_count_hi;
	uint32_t	s_free_blocks_hi;
	uint16_t	s_min_extra_isize;
	uint16_t	s_want_extra_isize;
	uint32_t	s_flags;
	uint8_t		s_rest[1024 - 356];
};

struct ext2_dgroup {
	uint32_t	bg_block_bitmap;
	uint32_t	bg_inode_bitmap;
	uint32_t	bg_inode_table;
	uint16_t	bg_free_blocks_count;
	uint16_t	bg_free_inodes_count;
	uint16_t	bg_used_dirs_count;
	uint16_t	bg_flags;
	uint32_t	bg_reserved[3];
};

/* The first 128 bytes of every inode; larger inodes carry more after it. */
struct ext2_dinode {
	uint16_t	i_mode;
	uint16_t	i_uid;
	uint32_t	i_size;
	uint32_t	i_atime;
	uint32_t	i_ctime;
	uint32_t	i_mtime;
	uint32_t	i_dtime;
	uint16_t	i_gid;
	uint16_t	i_links_count;
	uint32_t	i_blocks;
	uint32_t	i_flags;
	uint32_t	i_osd1;
	uint32_t	i_block[EXT2_N_BLOCKS];
	uint32_t	i_generation;
	uint32_t	i_file_acl;
	uint32_t	i_size_high;
	uint32_t	i_faddr;
	uint16_t	i_blocks_hi;
	uint16_t	i_file_acl_high;
	uint16_t	i_uid_high;
	uint16_t	i_gid_high;
	uint16_t	i_checksum_lo;
	uint16_t	i_reserved;
};

/* In large inodes, right after struct ext2_dinode. */
#define EXT2_EXTRA_ISIZE_OFF	128
#define EXT2_WANT_EXTRA_ISIZE	32

/* Inode flags the engine cares about. */
#define EXT2_INDEX_FL		0x00001000
#define EXT2_EXTENTS_FL		0x00080000
#define EXT2_INLINE_DATA_FL	0x10000000
#define EXT2_HUGE_FILE_FL	0x00040000

/* Mode bits, independent of the host's <sys/stat.h>. */
#define EXT2_S_IFMT	0170000
#define EXT2_S_IFSOCK	0140000
#define EXT2_S_IFLNK	0120000
#define EXT2_S_IFREG	0100000
#define EXT2_S_IFBLK	0060000
#define EXT2_S_IFDIR	0040000
#define EXT2_S_IFCHR	0020000
#define EXT2_S_IFIFO	0010000

/* Directory entries (filetype form; without it name_len is 16 bits). */
struct ext2_ddirent {
	uint32_t	inode;
	uint16_t	rec_len;
	uint8_t		name_len;
	uint8_t		file_type;
};
#define EXT2_DIRENT_HDR		8
#define EXT2_DIRENT_LEN(n)	((EXT2_DIRENT_HDR + (n) + 3) & ~3u)

#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7

/* dir_index: the root block after "." and "..", and index entries. */
struct ext2_dx_root_info {
	uint32_t	reserved_zero;
	uint8_t		hash_version;
	uint8_t		info_length;		/* 8 */
	uint8_t		indirect_levels;
	uint8_t		unused_flags;
};
struct ext2_dx_countlimit {
	uint16_t	limit;
	uint16_t	count;
};
struct ext2_dx_entry {
	uint32_t	hash;
	uint32_t	block;
};
#define EXT2_HASH_LEGACY		0
#define EXT2_HASH_HALF_MD4		1
#define EXT2_HASH_TEA			2
#define EXT2_HASH_LEGACY_UNSIGNED	3
#define EXT2_HASH_HALF_MD4_UNSIGNED	4
#define EXT2_HASH_TEA_UNSIGNED		5

/* Extended attributes: a block header, then entries; in-inode a magic. */
#define EXT2_XATTR_MAGIC	0xEA020000
struct ext2_xattr_header {
	uint32_t	h_magic;
	uint32_t	h_refcount;
	uint32_t	h_blocks;
	uint32_t	h_hash;
	uint32_t	h_checksum;
	uint32_t	h_reserved[3];
};
struct ext2_xattr_entry {
	uint8_t		e_name_len;
	uint8_t		e_name_index;
	uint16_t	e_value_offs;
	uint32_t	e_value_inum;
	uint32_t	e_value_size;
	uint32_t	e_hash;
	/* the name follows, padded to 4 bytes */
};
#define EXT2_XATTR_ENTRY_LEN(n)	((16 + (n) + 3) & ~3u)
#define EXT2_XATTR_PAD(n)	(((n) + 3) & ~3u)

#endif /* EXT2_DISK_H */
