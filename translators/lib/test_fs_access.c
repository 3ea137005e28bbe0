/*
 * test_fs_access.c -- host test of the file-system layer's access
 * checks (fs_access.c): owner, group and other bits against identities
 * with several uids and gids, root's bypass (but not of a file no one
 * may execute), ownership for chmod/chown, and identity limits; then
 * every mode, identity and request against a plain model.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fs_layer.h"

static int failures;

#define CHECK(c) do { if (!(c)) { failures++; \
	printf("check failed: %s (line %d)\n", #c, __LINE__); } } while (0)

static struct io_statbuf
node(uint32_t mode, uint32_t uid, uint32_t gid)
{
	struct io_statbuf st;

	memset(&st, 0, sizeof(st));
	st.st_mode = mode;
	st.st_uid = uid;
	st.st_gid = gid;
	return st;
}

static struct fs_identity
who(uint32_t uid, uint32_t gid, uint32_t gid2)
{
	struct fs_identity id;
	uint32_t gids[2] = { gid, gid2 };

	fs_identity_set(&id, &uid, 1, gids, 2);
	return id;
}

static void
test_cases(void)
{
	struct io_statbuf f = node(0100640, 10, 20), x = node(0100644, 10, 20);
	struct io_statbuf d = node(0040700, 10, 20);
	struct fs_identity owner = who(10, 99, 99), member = who(11, 30, 20);
	struct fs_identity other = who(12, 30, 31), root = who(0, 0, 0);
	uint32_t many[FS_IDS_MAX + 1] = { 0 };
	struct fs_identity id;

	CHECK(fs_access(&owner, &f, FS_ACC_READ | FS_ACC_WRITE) == 0);
	CHECK(fs_access(&owner, &f, FS_ACC_EXEC) == EACCES);
	CHECK(fs_access(&member, &f, FS_ACC_READ) == 0);
	CHECK(fs_access(&member, &f, FS_ACC_WRITE) == EACCES);
	CHECK(fs_access(&other, &f, FS_ACC_READ) == EACCES);
	CHECK(fs_access(&root, &f, FS_ACC_READ | FS_ACC_WRITE) == 0);
	CHECK(fs_access(&root, &x, FS_ACC_EXEC) == EACCES);
	CHECK(fs_access(&root, &d, FS_ACC_EXEC) == 0);
	CHECK(fs_access(&member, &d, FS_ACC_EXEC) == EACCES);
	CHECK(fs_is_owner(&owner, &f) && fs_is_owner(&root, &f));
	CHECK(!fs_is_owner(&member, &f));
	CHECK(fs_in_group(&member, 20) && !fs_in_group(&other, 20));
	CHECK(fs_identity_set(&id, many, FS_IDS_MAX + 1, many, 1) == EINVAL);
	CHECK(fs_identity_set(&id, many, 0, many, 0) == 0 &&
	    fs_access(&id, &f, FS_ACC_READ) == EACCES && !fs_is_root(&id));
	/* The owner's bits decide even when the group's would allow. */
	f = node(0100070, 10, 20);
	id = who(10, 20, 20);
	CHECK(fs_access(&id, &f, FS_ACC_READ) == EACCES);
}

/* The model: POSIX's rule written plainly. */
static int
model(uint32_t mode, int uid, int gid, int want)
{
	int bits;

	if (uid == 0)
		return (want & FS_ACC_EXEC) && !(mode & 0040000) &&
		    !(mode & 0111) ? EACCES : 0;
	if (uid == 10)
		bits = mode >> 6 & 7;
	else if (gid == 20)
		bits = mode >> 3 & 7;
	else
		bits = mode & 7;
	return (want & ~bits) ? EACCES : 0;
}

static void
test_all(void)
{
	static const int uids[] = { 0, 10, 11 }, gids[] = { 20, 21 };
	uint32_t mode, type;
	int u, g, want, n = 0;

	for (type = 0; type < 2; type++)
		for (mode = 0; mode < 01000; mode++)
			for (u = 0; u < 3; u++)
				for (g = 0; g < 2; g++)
					for (want = 0; want < 8; want++) {
		struct io_statbuf st = node((type ? 0040000 : 0100000) | mode,
		    10, 20);
		struct fs_identity id = who(uids[u], gids[g], gids[g]);

		CHECK(fs_access(&id, &st, want) ==
		    model(st.st_mode, uids[u], gids[g], want));
		n++;
	}
	printf("test_fs_access: %d cases against the model\n", n);
}

int
main(void)
{
	test_cases();
	test_all();
	printf("test_fs_access: %s\n", failures ? "FAIL" : "PASS");
	return failures != 0;
}
