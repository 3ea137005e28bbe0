/*
 * whorl/errno.h -- Whorl's errno values.  Included by newlib's <sys/errno.h>
 * (ports/newlib/patches/0001-errno-whorl-values.patch) in place of newlib's
 * own numbers, by libc/strerror.c and by host tests.  Every value is
 * 0x40000000 | n, the numbering GNU Hurd uses; see docs/errno.md.
 */
#ifndef _WHORL_ERRNO_H_
#define _WHORL_ERRNO_H_

#define _WHORL_ERRNO_BASE	0x40000000
#define _WHORL_ERRNO(n)		(_WHORL_ERRNO_BASE | (n))

#define EPERM		_WHORL_ERRNO(1) /* Operation not permitted */
#define ENOENT		_WHORL_ERRNO(2) /* No such file or directory */
#define ESRCH		_WHORL_ERRNO(3) /* No such process */
#define EINTR		_WHORL_ERRNO(4) /* Interrupted call */
#define EIO		_WHORL_ERRNO(5) /* Input/output error */
#define ENXIO		_WHORL_ERRNO(6) /* No such device or address */
#define E2BIG		_WHORL_ERRNO(7) /* Argument list too long */
#define ENOEXEC		_WHORL_ERRNO(8) /* Not an executable format */
#define EBADF		_WHORL_ERRNO(9) /* Bad file descriptor */
#define ECHILD		_WHORL_ERRNO(10) /* No child process */
#define EDEADLK		_WHORL_ERRNO(11) /* Deadlock avoided */
#define ENOMEM		_WHORL_ERRNO(12) /* Out of memory */
#define EACCES		_WHORL_ERRNO(13) /* Permission denied */
#define EFAULT		_WHORL_ERRNO(14) /* Bad address */
#define ENOTBLK		_WHORL_ERRNO(15) /* Not a block device */
#define EBUSY		_WHORL_ERRNO(16) /* Resource busy */
#define EEXIST		_WHORL_ERRNO(17) /* File exists */
#define EXDEV		_WHORL_ERRNO(18) /* Link across devices */
#define ENODEV		_WHORL_ERRNO(19) /* Not supported by device */
#define ENOTDIR		_WHORL_ERRNO(20) /* Not a directory */
#define EISDIR		_WHORL_ERRNO(21) /* Is a directory */
#define EINVAL		_WHORL_ERRNO(22) /* Invalid argument */
#define ENFILE		_WHORL_ERRNO(23) /* Too many open files in system */
#define EMFILE		_WHORL_ERRNO(24) /* Too many open files */
#define ENOTTY		_WHORL_ERRNO(25) /* Not a terminal */
#define ETXTBSY		_WHORL_ERRNO(26) /* Text file busy */
#define EFBIG		_WHORL_ERRNO(27) /* File too large */
#define ENOSPC		_WHORL_ERRNO(28) /* No space left on device */
#define ESPIPE		_WHORL_ERRNO(29) /* Seek on a pipe or socket */
#define EROFS		_WHORL_ERRNO(30) /* Read-only file system */
#define EMLINK		_WHORL_ERRNO(31) /* Too many links */
#define EPIPE		_WHORL_ERRNO(32) /* Broken pipe */
#define EDOM		_WHORL_ERRNO(33) /* Argument out of domain */
#define ERANGE		_WHORL_ERRNO(34) /* Result out of range */
#define EAGAIN		_WHORL_ERRNO(35) /* Try again later */
#define EWOULDBLOCK	EAGAIN /* Operation would block */
#define EINPROGRESS	_WHORL_ERRNO(36) /* Operation now in progress */
#define EALREADY	_WHORL_ERRNO(37) /* Operation already in progress */
#define ENOTSOCK	_WHORL_ERRNO(38) /* Not a socket */
#define EDESTADDRREQ	_WHORL_ERRNO(39) /* Destination address required */
#define EMSGSIZE	_WHORL_ERRNO(40) /* Message too long */
#define EPROTOTYPE	_WHORL_ERRNO(41) /* Wrong protocol type for socket */
#define ENOPROTOOPT	_WHORL_ERRNO(42) /* Protocol option not available */
#define EPROTONOSUPPORT	_WHORL_ERRNO(43) /* Protocol not supported */
#define ESOCKTNOSUPPORT	_WHORL_ERRNO(44) /* Socket type not supported */
#define EOPNOTSUPP	_WHORL_ERRNO(45) /* Operation not supported */
#define EPFNOSUPPORT	_WHORL_ERRNO(46) /* Protocol family not supported */
#define EAFNOSUPPORT	_WHORL_ERRNO(47) /* Address family not supported */
#define EADDRINUSE	_WHORL_ERRNO(48) /* Address in use */
#define EADDRNOTAVAIL	_WHORL_ERRNO(49) /* Address not available */
#define ENETDOWN	_WHORL_ERRNO(50) /* Network is down */
#define ENETUNREACH	_WHORL_ERRNO(51) /* Network unreachable */
#define ENETRESET	_WHORL_ERRNO(52) /* Dropped by network reset */
#define ECONNABORTED	_WHORL_ERRNO(53) /* Connection aborted */
#define ECONNRESET	_WHORL_ERRNO(54) /* Connection reset by peer */
#define ENOBUFS		_WHORL_ERRNO(55) /* No buffer space */
#define EISCONN		_WHORL_ERRNO(56) /* Socket already connected */
#define ENOTCONN	_WHORL_ERRNO(57) /* Socket not connected */
#define ESHUTDOWN	_WHORL_ERRNO(58) /* Socket already shut down */
#define ETOOMANYREFS	_WHORL_ERRNO(59) /* Too many references */
#define ETIMEDOUT	_WHORL_ERRNO(60) /* Timed out */
#define ECONNREFUSED	_WHORL_ERRNO(61) /* Connection refused */
#define ELOOP		_WHORL_ERRNO(62) /* Too many symbolic links */
#define ENAMETOOLONG	_WHORL_ERRNO(63) /* File name too long */
#define EHOSTDOWN	_WHORL_ERRNO(64) /* Host is down */
#define EHOSTUNREACH	_WHORL_ERRNO(65) /* No route to host */
#define ENOTEMPTY	_WHORL_ERRNO(66) /* Directory not empty */
#define EPROCLIM	_WHORL_ERRNO(67) /* Too many processes */
#define EUSERS		_WHORL_ERRNO(68) /* Too many users */
#define EDQUOT		_WHORL_ERRNO(69) /* Disk quota exceeded */
#define ESTALE		_WHORL_ERRNO(70) /* Stale file handle */
#define EREMOTE		_WHORL_ERRNO(71) /* Object is remote */
#define EBADRPC		_WHORL_ERRNO(72) /* Bad RPC structure */
#define ERPCMISMATCH	_WHORL_ERRNO(73) /* Wrong RPC version */
#define EPROGUNAVAIL	_WHORL_ERRNO(74) /* RPC program not available */
#define EPROGMISMATCH	_WHORL_ERRNO(75) /* Wrong RPC program version */
#define EPROCUNAVAIL	_WHORL_ERRNO(76) /* Bad procedure for RPC program */
#define ENOLCK		_WHORL_ERRNO(77) /* No locks available */
#define ENOSYS		_WHORL_ERRNO(78) /* Function not implemented */
#define EFTYPE		_WHORL_ERRNO(79) /* Wrong file type or format */
#define EAUTH		_WHORL_ERRNO(80) /* Authentication error */
#define ENEEDAUTH	_WHORL_ERRNO(81) /* Authenticator needed */
#define ELIBEXEC	_WHORL_ERRNO(83) /* Cannot exec a shared library */
#define EBACKGROUND	_WHORL_ERRNO(100) /* Not for a background process */
#define EDIED		_WHORL_ERRNO(101) /* Translator died */
#define EILSEQ		_WHORL_ERRNO(106) /* Invalid byte sequence */
#define EBADMSG		_WHORL_ERRNO(107) /* Bad message */
#define EIDRM		_WHORL_ERRNO(108) /* Identifier removed */
#define EMULTIHOP	_WHORL_ERRNO(109) /* Multihop attempted */
#define ENODATA		_WHORL_ERRNO(110) /* No data available */
#define ENOLINK		_WHORL_ERRNO(111) /* Link has been severed */
#define ENOMSG		_WHORL_ERRNO(112) /* No message of the wanted type */
#define ENOSR		_WHORL_ERRNO(113) /* Out of stream resources */
#define ENOSTR		_WHORL_ERRNO(114) /* Not a stream */
#define EOVERFLOW	_WHORL_ERRNO(115) /* Value too large for its type */
#define EPROTO		_WHORL_ERRNO(116) /* Protocol error */
#define ETIME		_WHORL_ERRNO(117) /* Timer expired */
#define ENOTSUP		_WHORL_ERRNO(118) /* Not supported */
#define ECANCELED	_WHORL_ERRNO(119) /* Operation canceled */
#define EOWNERDEAD	_WHORL_ERRNO(120) /* Owner of the lock died */
#define ENOTRECOVERABLE	_WHORL_ERRNO(121) /* State not recoverable */

/* newlib's name for the first value free for a program's own use. */
#define __ELASTERROR	_WHORL_ERRNO(2000)

#endif /* _WHORL_ERRNO_H_ */
