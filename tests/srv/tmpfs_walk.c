/*
 * tmpfs_walk.c -- dir_lookup of translators/lib's file-system layer on
 * tmpfs: several components in one request, `.', `..' and repeated
 * slashes, relative symlinks followed inside the walk (32, then ELOOP),
 * absolute ones and `..' above the root answered with retries, O_NOLINK
 * and O_NOTRANS, and an active translator (tmpfs's own control port
 * attached to a node) answered with its root.  tmpfs_walk.boot.
 */
#include "fs_client.h"

static mach_port_t control, root;

/* Read the file name names from dir as a string. */
static const char *
cat(mach_port_t dir, const char *name)
{
	static char buf[128];
	mach_port_t f;

	buf[0] = '\0';
	if (fsc_open(dir, name, FS_O_READ, 0, &f) != 0)
		return "(lookup failed)";
	if (fsc_get(f, buf, sizeof(buf), 0) != 0)
		strcpy(buf, "(read failed)");
	fsc_close(f);
	return buf;
}

static void
setup(void)
{
	mach_port_t f;

	CHECK(dir_mkdir(root, "a", 0755) == 0);
	CHECK(fsc_open(root, "a", FS_O_READ, 0, &f) == 0);
	CHECK(dir_mkdir(f, "b", 0755) == 0);
	fsc_close(f);
	CHECK(fsc_open(root, "a/b", FS_O_READ, 0, &f) == 0);
	CHECK(dir_mkdir(f, "c", 0755) == 0);
	fsc_close(f);
	CHECK(fsc_open(root, "a/b/c/f", FS_O_CREAT | FS_O_WRITE, 0644,
	    &f) == 0);
	CHECK(fsc_put(f, "deep", -1) == 0);
	fsc_close(f);
}

static void
test_components(void)
{
	CHECK_STR(cat(root, "a/b/c/f"), "deep");
	CHECK_STR(cat(root, "a//b/./c/../c/f"), "deep");
	CHECK_STR(cat(root, "/a/b/c/f"), "deep");
	CHECK_STR(cat(root, "../../a/b/c/f"), "deep");	/* top root */
	CHECK(fsc_try(root, "a/b/c/f/", FS_O_READ) == 0 ||
	    fsc_try(root, "a/b/c/f/", FS_O_READ) == ENOTDIR);
	CHECK(fsc_try(root, "a/b/x/f", FS_O_READ) == ENOENT);
	CHECK(fsc_try(root, "a/b/c/f/g", FS_O_READ) == ENOTDIR);
	CHECK(fsc_try(root, "", FS_O_READ) == 0);
	CHECK(fsc_try(root, "a/b/c", FS_O_READ | FS_O_DIRECTORY) == 0);
}

static void
test_symlinks(void)
{
	char name[16], target[16], longt[1000];
	mach_port_t a, f;
	retry_type retry;
	string_t rest;
	int i;

	CHECK(fsc_open(root, "a", FS_O_READ, 0, &a) == 0);
	CHECK(fsc_symlink(a, "l1", "b/c") == 0);
	CHECK(fsc_symlink(a, "l1", "b/c") == EEXIST);
	CHECK_STR(cat(root, "a/l1/f"), "deep");
	CHECK(fsc_symlink(root, "up", "a/b/../b/c/../../l1/f") == 0);
	CHECK_STR(cat(root, "up"), "deep");
	/* 32 links in a chain are followed, 33 are ELOOP. */
	for (i = 0; i < 32; i++) {
		snprintf(name, sizeof(name), "ch%d", i);
		if (i == 31)
			strcpy(target, "a/b/c/f");
		else
			snprintf(target, sizeof(target), "ch%d", i + 1);
		CHECK(fsc_symlink(root, name, target) == 0);
	}
	CHECK_STR(cat(root, "ch0"), "deep");
	CHECK(fsc_symlink(root, "ch_more", "ch0") == 0);
	CHECK(fsc_try(root, "ch_more", FS_O_READ) == ELOOP);
	CHECK(fsc_symlink(root, "loop", "loop") == 0);
	CHECK(fsc_try(root, "loop", FS_O_READ) == ELOOP);
	CHECK(fsc_try(root, "loop/x", FS_O_READ) == ELOOP);
	/* O_NOLINK opens the link itself; it reads as its target. */
	CHECK(fsc_open(a, "l1", FS_O_READ | FS_O_NOLINK, 0, &f) == 0);
	{
		char buf[32];
		io_statbuf_t st;

		CHECK(fsc_get(f, buf, sizeof(buf), 0) == 0 &&
		    strcmp(buf, "b/c") == 0);
		CHECK(io_stat(f, &st) == 0 && S_ISLNK(st.st_mode));
	}
	fsc_close(f);
	CHECK(fsc_try(root, "a/l1/f", FS_O_READ | FS_O_NOLINK) == 0);
	/* An absolute target: only the client knows its root. */
	CHECK(fsc_symlink(root, "abs", "/x/y") == 0);
	CHECK(dir_lookup(root, "abs/z", FS_O_READ, 0, &retry, rest, &f) ==
	    0 && retry == FS_RETRY_MAGICAL);
	CHECK_STR(rest, "/x/y/z");
	CHECK(dir_lookup(root, "a/../abs", FS_O_READ, 0, &retry, rest, &f) ==
	    0 && retry == FS_RETRY_MAGICAL);
	CHECK_STR(rest, "/x/y");
	/* A target too long to join with the rest. */
	memset(longt, 'l', sizeof(longt) - 1);
	longt[sizeof(longt) - 1] = '\0';
	CHECK(fsc_symlink(root, "long", longt) == 0);
	memset(longt, 'r', 100);
	longt[0] = 'l', longt[1] = 'o', longt[2] = 'n', longt[3] = 'g';
	longt[4] = '/';
	longt[100] = '\0';
	CHECK(fsc_try(root, longt, FS_O_READ) == ENAMETOOLONG);
	fsc_close(a);
}

/* A root got with a dotdot: `..' above it is a retry to that port. */
static void
test_dotdot(void)
{
	uint32_t ids[1] = { 0 };
	mach_port_t up, r2, res;
	retry_type retry;
	string_t rest;

	CHECK(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &up) == 0);
	CHECK(mach_port_insert_right(mach_task_self(), up, up,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(fsys_getroot(control, up, MACH_MSG_TYPE_COPY_SEND, ids, 1,
	    ids, 1, FS_O_READ, &retry, rest, &r2) == 0);
	CHECK(dir_lookup(r2, "a/b/../../../x/y", FS_O_READ, 0, &retry, rest,
	    &res) == 0 && retry == FS_RETRY_REAUTH && res == up);
	CHECK_STR(rest, "../x/y");
	fsc_close(res);
	CHECK(dir_lookup(r2, "..", FS_O_READ, 0, &retry, rest, &res) == 0 &&
	    retry == FS_RETRY_REAUTH && res == up);
	CHECK_STR(rest, "..");
	fsc_close(res);
	/* A port opened below it keeps the same `..' above the root. */
	CHECK(fsc_open(r2, "a", FS_O_READ, 0, &res) == 0);
	{
		mach_port_t again;

		CHECK(dir_lookup(res, "../..", FS_O_READ, 0, &retry, rest,
		    &again) == 0 && retry == FS_RETRY_REAUTH && again == up);
		fsc_close(again);
	}
	fsc_close(res);
	fsc_close(r2);
	mach_port_mod_refs(mach_task_self(), up, MACH_PORT_RIGHT_RECEIVE, -1);
}

/* Our own control port attached to a node: lookups go to its root. */
static void
test_active(void)
{
	mach_port_t mnt, c, res;
	retry_type retry;
	string_t rest;

	CHECK(dir_mkdir(root, "mnt", 0755) == 0);
	CHECK(fsc_open(root, "mnt", FS_O_READ | FS_O_NOTRANS, 0, &mnt) == 0);
	CHECK(file_set_active(mnt, 0, control, MACH_MSG_TYPE_COPY_SEND) ==
	    0);
	CHECK(file_set_active(mnt, 0, control, MACH_MSG_TYPE_COPY_SEND) ==
	    EBUSY);
	CHECK(file_set_active(mnt, FS_TRANS_REPLACE, control,
	    MACH_MSG_TYPE_COPY_SEND) == 0);
	CHECK(file_get_translator_cntl(mnt, &c) == 0 && c == control);
	fsc_close(c);
	CHECK(dir_lookup(root, "mnt/a/b", FS_O_READ, 0, &retry, rest, &res) ==
	    0 && retry == FS_RETRY_NORMAL && MACH_PORT_VALID(res));
	CHECK_STR(rest, "a/b");
	/* res is the translator's root: the walk goes on there. */
	CHECK_STR(cat(res, "a/b/c/f"), "deep");
	fsc_close(res);
	CHECK(dir_lookup(root, "mnt", FS_O_READ, 0, &retry, rest, &res) ==
	    0 && retry == FS_RETRY_NORMAL && rest[0] == '\0');
	fsc_close(res);
	CHECK(fsc_try(root, "mnt", FS_O_READ | FS_O_NOTRANS) == 0);
	CHECK(dir_rmdir(root, "mnt") == EBUSY);
	CHECK(file_set_active(mnt, 0, MACH_PORT_NULL,
	    MACH_MSG_TYPE_COPY_SEND) == 0);
	CHECK(fsc_try(root, "mnt", FS_O_READ) == 0);
	fsc_close(mnt);
	CHECK(dir_rmdir(root, "mnt") == 0);
}

int
main(void)
{
	int before;

	control = client_control();
	CHECK(MACH_PORT_VALID(control));
	root = fsc_root(control, 0, 0, FS_O_READ);
	CHECK(MACH_PORT_VALID(root));
	before = client_objects(control);
	setup();
	test_components();
	test_symlinks();
	test_dotdot();
	test_active();
	CHECK(client_objects_settle(control, before) == before);
	return check_done();
}
