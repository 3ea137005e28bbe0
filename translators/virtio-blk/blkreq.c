/*
 * blkreq.c -- the block request checks of blkreq.h.  Every comparison is
 * made so that no sum can overflow, whatever the client sent.
 */
#include "blkreq.h"

int
blk_check(uint64_t nsect, uint64_t recnum, int64_t bytes, uint64_t max)
{
	if (bytes <= 0 || (uint64_t)bytes > max ||
	    (bytes & (BLK_SECTOR - 1)) != 0)
		return BLK_INVALID_SIZE;
	if (recnum >= nsect)
		return BLK_INVALID_RECNUM;
	if ((uint64_t)bytes >> BLK_SECTOR_SHIFT > nsect - recnum)
		return BLK_INVALID_SIZE;
	return BLK_OK;
}

int
blk_check_prefix(uint64_t nsect, uint64_t recnum, int64_t bytes, uint64_t max)
{
	if (bytes <= 0 || (uint64_t)bytes > max || bytes > BLK_SECTOR)
		return BLK_INVALID_SIZE;
	if (recnum >= nsect)
		return BLK_INVALID_RECNUM;
	return BLK_OK;
}
