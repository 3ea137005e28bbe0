#!/usr/bin/env python3
# disk-image.py -- the virtio disk of tests/drivers/virtio_blk: `make FILE`
# writes a known pattern into every sector; `check FILE` verifies, after
# QEMU exited, that the sectors the guest wrote hold the guest's pattern
# and every other byte is the original one (no request corrupted the disk).
# Keep the patterns and ranges in step with tests/drivers/virtio_blk.c.
import sys

SECTORS = 16384                                 # 8 MiB
WRITTEN = [(1000, 8), (2000, 600), (SECTORS - 1, 1)]


def pattern_a(sector):
    return bytes(((sector * 31) + i) % 251 for i in range(512))


def pattern_b(sector):
    return bytes((sector * 17 + i * 3 + 0x5A) & 0xFF for i in range(512))


def written(sector):
    return any(s <= sector < s + n for s, n in WRITTEN)


def make(path):
    with open(path, "wb") as f:
        for s in range(SECTORS):
            f.write(pattern_a(s))


def check(path):
    data = open(path, "rb").read()
    if len(data) != SECTORS * 512:
        print("disk-image: size %d, not %d" % (len(data), SECTORS * 512))
        return 1
    bad = 0
    for s in range(SECTORS):
        want = pattern_b(s) if written(s) else pattern_a(s)
        if data[s * 512:(s + 1) * 512] != want:
            if bad < 5:
                print("disk-image: sector %d is wrong" % s)
            bad += 1
    if bad:
        print("disk-image: %d sectors wrong" % bad)
        return 1
    print("disk-image: all %d sectors as expected" % SECTORS)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "check"):
        sys.exit("usage: disk-image.py make|check FILE")
    if sys.argv[1] == "make":
        make(sys.argv[2])
        sys.exit(0)
    sys.exit(check(sys.argv[2]))
