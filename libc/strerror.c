/*
 * strerror.c -- error messages for every kind of code a Whorl call can
 * return: errno values (libc/include/whorl/errno.h), kern_return_t, mach_msg
 * and MIG codes, and device D_* codes.  Part of libc/; replaces newlib's
 * strerror and _strerror_r (so perror and strerror_r use it too).  Host
 * tested by libc/test-errno.c.
 */
#include <stddef.h>
#include <whorl/errno.h>
#include <whorl/strerror.h>

struct libc_error {
	int		 code;
	const char	*name;
	const char	*text;
};

#define E(name, text)	{ name, #name, text }

static const struct libc_error libc_errno_table[] = {
	E(EPERM, "Operation not permitted"),
	E(ENOENT, "No such file or directory"),
	E(ESRCH, "No such process"),
	E(EINTR, "Interrupted call"),
	E(EIO, "Input/output error"),
	E(ENXIO, "No such device or address"),
	E(E2BIG, "Argument list too long"),
	E(ENOEXEC, "Not an executable format"),
	E(EBADF, "Bad file descriptor"),
	E(ECHILD, "No child process"),
	E(EDEADLK, "Deadlock avoided"),
	E(ENOMEM, "Out of memory"),
	E(EACCES, "Permission denied"),
	E(EFAULT, "Bad address"),
	E(ENOTBLK, "Not a block device"),
	E(EBUSY, "Resource busy"),
	E(EEXIST, "File exists"),
	E(EXDEV, "Link across devices"),
	E(ENODEV, "Operation not supported by device"),
	E(ENOTDIR, "Not a directory"),
	E(EISDIR, "Is a directory"),
	E(EINVAL, "Invalid argument"),
	E(ENFILE, "Too many open files in the system"),
	E(EMFILE, "Too many open files"),
	E(ENOTTY, "Not a terminal"),
	E(ETXTBSY, "Text file busy"),
	E(EFBIG, "File too large"),
	E(ENOSPC, "No space left on device"),
	E(ESPIPE, "Seek on a pipe or socket"),
	E(EROFS, "Read-only file system"),
	E(EMLINK, "Too many links"),
	E(EPIPE, "Broken pipe"),
	E(EDOM, "Argument out of domain"),
	E(ERANGE, "Result out of range"),
	E(EAGAIN, "Resource temporarily unavailable"),
	E(EINPROGRESS, "Operation now in progress"),
	E(EALREADY, "Operation already in progress"),
	E(ENOTSOCK, "Not a socket"),
	E(EDESTADDRREQ, "Destination address required"),
	E(EMSGSIZE, "Message too long"),
	E(EPROTOTYPE, "Wrong protocol type for socket"),
	E(ENOPROTOOPT, "Protocol option not available"),
	E(EPROTONOSUPPORT, "Protocol not supported"),
	E(ESOCKTNOSUPPORT, "Socket type not supported"),
	E(EOPNOTSUPP, "Operation not supported"),
	E(EPFNOSUPPORT, "Protocol family not supported"),
	E(EAFNOSUPPORT, "Address family not supported"),
	E(EADDRINUSE, "Address in use"),
	E(EADDRNOTAVAIL, "Address not available"),
	E(ENETDOWN, "Network is down"),
	E(ENETUNREACH, "Network unreachable"),
	E(ENETRESET, "Connection dropped by network reset"),
	E(ECONNABORTED, "Connection aborted"),
	E(ECONNRESET, "Connection reset by peer"),
	E(ENOBUFS, "No buffer space"),
	E(EISCONN, "Socket already connected"),
	E(ENOTCONN, "Socket not connected"),
	E(ESHUTDOWN, "Socket already shut down"),
	E(ETOOMANYREFS, "Too many references"),
	E(ETIMEDOUT, "Timed out"),
	E(ECONNREFUSED, "Connection refused"),
	E(ELOOP, "Too many symbolic links"),
	E(ENAMETOOLONG, "File name too long"),
	E(EHOSTDOWN, "Host is down"),
	E(EHOSTUNREACH, "No route to host"),
	E(ENOTEMPTY, "Directory not empty"),
	E(EPROCLIM, "Too many processes"),
	E(EUSERS, "Too many users"),
	E(EDQUOT, "Disk quota exceeded"),
	E(ESTALE, "Stale file handle"),
	E(EREMOTE, "Object is remote"),
	E(EBADRPC, "Bad RPC structure"),
	E(ERPCMISMATCH, "Wrong RPC version"),
	E(EPROGUNAVAIL, "RPC program not available"),
	E(EPROGMISMATCH, "Wrong RPC program version"),
	E(EPROCUNAVAIL, "Bad procedure for RPC program"),
	E(ENOLCK, "No locks available"),
	E(ENOSYS, "Function not implemented"),
	E(EFTYPE, "Wrong file type or format"),
	E(EAUTH, "Authentication error"),
	E(ENEEDAUTH, "Authenticator needed"),
	E(ELIBEXEC, "Cannot execute a shared library"),
	E(EBACKGROUND, "Not allowed for a background process"),
	E(EDIED, "Translator died"),
	E(EILSEQ, "Invalid byte sequence"),
	E(EBADMSG, "Bad message"),
	E(EIDRM, "Identifier removed"),
	E(EMULTIHOP, "Multihop attempted"),
	E(ENODATA, "No data available"),
	E(ENOLINK, "Link has been severed"),
	E(ENOMSG, "No message of the wanted type"),
	E(ENOSR, "Out of stream resources"),
	E(ENOSTR, "Not a stream"),
	E(EOVERFLOW, "Value too large for its type"),
	E(EPROTO, "Protocol error"),
	E(ETIME, "Timer expired"),
	E(ENOTSUP, "Not supported"),
	E(ECANCELED, "Operation canceled"),
	E(EOWNERDEAD, "Owner of the lock died"),
	E(ENOTRECOVERABLE, "State not recoverable"),
};

/*
 * Mach's codes, by number: their names belong to mach/include, which user
 * programs may not include, so the table spells the values out (see
 * ../shared/ABI.md and docs/errno.md).
 */
#define K(code, name, text)	{ code, name, text }

static const struct libc_error libc_mach_table[] = {
	K(0, "KERN_SUCCESS", "Success"),
	K(1, "KERN_INVALID_ADDRESS", "Invalid address"),
	K(2, "KERN_PROTECTION_FAILURE", "Protection failure"),
	K(3, "KERN_NO_SPACE", "No space in the address range"),
	K(4, "KERN_INVALID_ARGUMENT", "Invalid argument to a kernel call"),
	K(5, "KERN_FAILURE", "Kernel call failed"),
	K(6, "KERN_RESOURCE_SHORTAGE", "Kernel resource shortage"),
	K(7, "KERN_NOT_RECEIVER", "Not the receiver of the port"),
	K(8, "KERN_NO_ACCESS", "Access not allowed"),
	K(9, "KERN_MEMORY_FAILURE", "Memory object destroyed"),
	K(10, "KERN_MEMORY_ERROR", "Memory object could not supply data"),
	K(12, "KERN_NOT_IN_SET", "Receive right not in a port set"),
	K(13, "KERN_NAME_EXISTS", "Port name already in use"),
	K(14, "KERN_ABORTED", "Kernel operation aborted"),
	K(15, "KERN_INVALID_NAME", "Name denotes no right"),
	K(16, "KERN_INVALID_TASK", "Not an active task"),
	K(17, "KERN_INVALID_RIGHT", "Wrong kind of right"),
	K(18, "KERN_INVALID_VALUE", "Value out of range"),
	K(19, "KERN_UREFS_OVERFLOW", "Too many user references"),
	K(20, "KERN_INVALID_CAPABILITY", "Invalid port capability"),
	K(21, "KERN_RIGHT_EXISTS", "Right already held under another name"),
	K(22, "KERN_INVALID_HOST", "Not a host port"),
	K(23, "KERN_MEMORY_PRESENT", "Memory already present"),
	K(24, "KERN_WRITE_PROTECTION_FAILURE", "Write to a notify page"),
	K(26, "KERN_TERMINATED", "Object terminated"),
	K(27, "KERN_TIMEDOUT", "Kernel operation timed out"),
	K(28, "KERN_INTERRUPTED", "Kernel operation interrupted"),
	K(0x10000001, "MACH_SEND_IN_PROGRESS", "Send in progress"),
	K(0x10000002, "MACH_SEND_INVALID_DATA", "Bad message data to send"),
	K(0x10000003, "MACH_SEND_INVALID_DEST", "Bad destination port"),
	K(0x10000004, "MACH_SEND_TIMED_OUT", "Send timed out"),
	K(0x10000005, "MACH_SEND_WILL_NOTIFY", "Send will notify"),
	K(0x10000006, "MACH_SEND_NOTIFY_IN_PROGRESS", "Send notify pending"),
	K(0x10000007, "MACH_SEND_INTERRUPTED", "Send interrupted"),
	K(0x10000008, "MACH_SEND_MSG_TOO_SMALL", "Message to send too small"),
	K(0x10000009, "MACH_SEND_INVALID_REPLY", "Bad reply port"),
	K(0x1000000a, "MACH_SEND_INVALID_RIGHT", "Bad port right in message"),
	K(0x1000000b, "MACH_SEND_INVALID_NOTIFY", "Bad notify port"),
	K(0x1000000c, "MACH_SEND_INVALID_MEMORY", "Bad out-of-line memory"),
	K(0x1000000d, "MACH_SEND_NO_BUFFER", "No kernel buffer for message"),
	K(0x1000000e, "MACH_SEND_NO_NOTIFY", "No notification possible"),
	K(0x1000000f, "MACH_SEND_INVALID_TYPE", "Bad type in message"),
	K(0x10000010, "MACH_SEND_INVALID_HEADER", "Bad message header"),
	K(0x10004001, "MACH_RCV_IN_PROGRESS", "Receive in progress"),
	K(0x10004002, "MACH_RCV_INVALID_NAME", "Bad receive port name"),
	K(0x10004003, "MACH_RCV_TIMED_OUT", "Receive timed out"),
	K(0x10004004, "MACH_RCV_TOO_LARGE", "Message too large for buffer"),
	K(0x10004005, "MACH_RCV_INTERRUPTED", "Receive interrupted"),
	K(0x10004006, "MACH_RCV_PORT_CHANGED", "Port moved into a set"),
	K(0x10004007, "MACH_RCV_INVALID_NOTIFY", "Bad notify port on receive"),
	K(0x10004008, "MACH_RCV_INVALID_DATA", "Bad receive buffer"),
	K(0x10004009, "MACH_RCV_PORT_DIED", "Port died during receive"),
	K(0x1000400a, "MACH_RCV_IN_SET", "Port is in a set"),
	K(0x1000400b, "MACH_RCV_HEADER_ERROR", "Bad received header"),
	K(0x1000400c, "MACH_RCV_BODY_ERROR", "Error receiving message body"),
	K(-300, "MIG_TYPE_ERROR", "Wrong type in RPC"),
	K(-301, "MIG_REPLY_MISMATCH", "Reply does not match request"),
	K(-302, "MIG_REMOTE_ERROR", "Server found an error"),
	K(-303, "MIG_BAD_ID", "Unknown RPC"),
	K(-304, "MIG_BAD_ARGUMENTS", "Bad RPC arguments"),
	K(-305, "MIG_NO_REPLY", "No reply expected"),
	K(-306, "MIG_EXCEPTION", "Server raised an exception"),
	K(-307, "MIG_ARRAY_TOO_LARGE", "Array too large for RPC"),
	K(-308, "MIG_SERVER_DIED", "Server died"),
	K(-309, "MIG_DESTROY_REQUEST", "Request to be destroyed"),
	K(2500, "D_IO_ERROR", "Device I/O error"),
	K(2501, "D_WOULD_BLOCK", "Device operation would block"),
	K(2502, "D_NO_SUCH_DEVICE", "No such device"),
	K(2503, "D_ALREADY_OPEN", "Device already open"),
	K(2504, "D_DEVICE_DOWN", "Device is down"),
	K(2505, "D_INVALID_OPERATION", "Invalid device operation"),
	K(2506, "D_INVALID_RECNUM", "Invalid device record number"),
	K(2507, "D_INVALID_SIZE", "Invalid device I/O size"),
	K(2508, "D_NO_MEMORY", "No memory for device I/O"),
	K(2509, "D_READ_ONLY", "Device is read-only"),
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * mach_msg may or a few bits into a MACH_SEND or MACH_RCV code to say which
 * space ran short (IPC or VM, user or kernel); they do not change the name.
 */
#define LIBC_MACH_MSG_BASE	0x10000000u
#define LIBC_MACH_MSG_SPACES	0x00003c00u

static const struct libc_error *
libc_strerror_find(int code)
{
	const struct libc_error *t;
	unsigned int v = (unsigned int)code;
	size_t i, n;

	if ((v & 0xffff0000u) == LIBC_MACH_MSG_BASE)
		v &= ~LIBC_MACH_MSG_SPACES;
	if ((v & 0xc0000000u) == _WHORL_ERRNO_BASE) {
		t = libc_errno_table;
		n = NELEM(libc_errno_table);
	} else {
		t = libc_mach_table;
		n = NELEM(libc_mach_table);
	}
	for (i = 0; i < n; i++)
		if ((unsigned int)t[i].code == v)
			return &t[i];
	return NULL;
}

/* The symbolic name of a code ("ENOENT", "MIG_BAD_ID"), or NULL. */
const char *
libc_strerror_name(int code)
{
	const struct libc_error *e;

	e = libc_strerror_find(code);
	return e == NULL ? NULL : e->name;
}

/* The message for a code, or NULL when the code is unknown. */
const char *
libc_strerror_text(int code)
{
	const struct libc_error *e;

	e = libc_strerror_find(code);
	return e == NULL ? NULL : e->text;
}

/* "Unknown error 0x...": written by hand so strerror needs no stdio. */
static char *
libc_strerror_unknown(int code, char *buf, size_t len)
{
	static const char prefix[] = "Unknown error 0x";
	static const char digits[] = "0123456789abcdef";
	unsigned int v = (unsigned int)code;
	size_t i;
	int shift;

	if (len < sizeof(prefix) + 8)
		return (char *)"Unknown error";
	for (i = 0; prefix[i] != '\0'; i++)
		buf[i] = prefix[i];
	for (shift = 28; shift >= 0; shift -= 4)
		buf[i++] = digits[(v >> shift) & 0xf];
	buf[i] = '\0';
	return buf;
}

char *
strerror(int code)
{
	static char buf[32];
	const char *text;

	text = libc_strerror_text(code);
	if (text != NULL)
		return (char *)text;
	return libc_strerror_unknown(code, buf, sizeof(buf));
}

/*
 * newlib's reentrant form, which its perror, strerror_r and printf's %m
 * call; defining it here keeps newlib's own strerror.o out of the link.
 * Like newlib's, it returns "" for an unknown code and leaves *errptr
 * alone.  The first argument is newlib's struct _reent, unused.
 */
char *
_strerror_r(void *reent, int code, int internal, int *errptr)
{
	const char *text;

	(void)reent;
	(void)internal;
	(void)errptr;
	text = libc_strerror_text(code);
	return (char *)(text != NULL ? text : "");
}
