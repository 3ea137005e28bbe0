/*
 * abi_layout.c -- prints the size, alignment and field offsets of every
 * ABI structure and the value of every ABI constant, one per line.
 * tests/abi/gnumach-compare.sh builds it twice, against GNU Mach's headers
 * and against Whorl's, and requires the two outputs to be identical.  It
 * uses no libc header (-nostdinc) so that neither build can pick up a
 * header from the machine by mistake.
 */
#include <stddef.h>
#include <stdint.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/mig_errors.h>
#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/exception.h>
#include <mach/thread_switch.h>
#include <mach/machine/mach_i386_types.h>
#include <device/device_types.h>

extern int	printf(const char *, ...);

#define T(type) \
	printf("type %s size %lu align %lu\n", #type, \
	    (unsigned long)sizeof(type), (unsigned long)_Alignof(type))
#define F(type, field) \
	printf("field %s.%s offset %lu size %lu\n", #type, #field, \
	    (unsigned long)offsetof(type, field), \
	    (unsigned long)sizeof(((type *)0)->field))
#define C(name) \
	printf("const %s %lld size %lu\n", #name, (long long)(name), \
	    (unsigned long)sizeof(name))
#define V(expr) \
	printf("expr %s %lld\n", #expr, (long long)(expr))

/* The raw 8 bytes of a type descriptor with one field set. */
static unsigned long long
raw(mach_msg_type_t t)
{
	union {
		mach_msg_type_t		t;
		unsigned long long	w;
	} u;

	u.t = t;
	return u.w;
}

#define D(field, value) do {						\
	mach_msg_type_t t_ = { 0 };					\
	t_.field = value;						\
	printf("descriptor %s=%s raw %016llx\n", #field, #value, raw(t_)); \
} while (0)

static void
types(void)
{
	T(boolean_t); T(kern_return_t); T(natural_t); T(integer_t);
	T(long_natural_t); T(long_integer_t); T(vm_offset_t); T(vm_size_t);
	T(vm_address_t); T(pointer_t); T(rpc_vm_size_t); T(rpc_uintptr_t);
	T(rpc_phys_addr_t); T(rpc_long_natural_t); T(rpc_long_integer_t);
	T(mach_port_t); T(mach_port_name_t); T(mach_port_right_t);
	T(mach_port_type_t); T(mach_port_urefs_t); T(mach_port_delta_t);
	T(mach_port_seqno_t); T(mach_port_mscount_t); T(mach_port_msgcount_t);
	T(mach_port_rights_t); T(mach_msg_bits_t); T(mach_msg_size_t);
	T(mach_msg_seqno_t); T(mach_msg_id_t); T(mach_msg_timeout_t);
	T(mach_msg_type_name_t); T(mach_msg_type_size_t);
	T(mach_msg_type_number_t); T(mach_msg_option_t); T(mach_msg_return_t);
	T(vm_prot_t); T(vm_inherit_t); T(task_t); T(thread_t); T(host_t);
	T(task_info_data_t); T(thread_info_data_t); T(host_info_data_t);
	T(thread_state_data_t); T(kernel_version_t); T(cpu_type_t);
	T(cpu_subtype_t); T(memory_object_t); T(time_value_t);
	T(rpc_time_value_t); T(time_value64_t); T(mapped_time_value_t);
	T(vm_statistics_data_t); T(struct pmap_statistics);
	T(device_t); T(dev_mode_t); T(dev_name_t); T(dev_flavor_t);
	T(dev_status_data_t); T(io_buf_ptr_t); T(io_buf_ptr_inband_t);
	T(recnum_t); T(rpc_recnum_t); T(io_return_t); T(io_buf_vec_t);
	T(rpc_io_buf_vec_t); T(descriptor_t); T(io_port_t); T(io_perm_t);
}

static void
messages(void)
{
	T(mach_msg_header_t);
	F(mach_msg_header_t, msgh_bits);
	F(mach_msg_header_t, msgh_size);
	F(mach_msg_header_t, msgh_remote_port);
	F(mach_msg_header_t, msgh_local_port);
	F(mach_msg_header_t, msgh_protected_payload);
	F(mach_msg_header_t, msgh_seqno);
	F(mach_msg_header_t, msgh_id);
	T(mach_msg_user_header_t);
	T(mach_msg_type_t);
	F(mach_msg_type_t, msgt_number);
	T(mach_msg_type_long_t);
	F(mach_msg_type_long_t, msgtl_header);
	F(mach_msg_type_long_t, msgtl_number);
	T(mach_port_name_inlined_t);
	F(mach_port_name_inlined_t, name);
	D(msgt_name, 0xff);
	D(msgt_size, 0xffff);
	D(msgt_unused, 0x1f);
	D(msgt_inline, 1);
	D(msgt_longform, 1);
	D(msgt_deallocate, 1);
	D(msgt_number, 0xffffffff);
	T(mig_reply_header_t);
	F(mig_reply_header_t, Head);
	F(mig_reply_header_t, RetCodeType);
	F(mig_reply_header_t, RetCode);
}

static void
notifications(void)
{
	T(mach_port_deleted_notification_t);
	F(mach_port_deleted_notification_t, not_type);
	F(mach_port_deleted_notification_t, not_port);
	T(mach_msg_accepted_notification_t);
	F(mach_msg_accepted_notification_t, not_type);
	F(mach_msg_accepted_notification_t, not_port);
	T(mach_port_destroyed_notification_t);
	F(mach_port_destroyed_notification_t, not_type);
	F(mach_port_destroyed_notification_t, not_port);
	T(mach_no_senders_notification_t);
	F(mach_no_senders_notification_t, not_type);
	F(mach_no_senders_notification_t, not_count);
	T(mach_send_once_notification_t);
	T(mach_dead_name_notification_t);
	F(mach_dead_name_notification_t, not_type);
	F(mach_dead_name_notification_t, not_port);
}

static void
ports(void)
{
	T(mach_port_status_t);
	F(mach_port_status_t, mps_pset);
	F(mach_port_status_t, mps_seqno);
	F(mach_port_status_t, mps_mscount);
	F(mach_port_status_t, mps_qlimit);
	F(mach_port_status_t, mps_msgcount);
	F(mach_port_status_t, mps_sorights);
	F(mach_port_status_t, mps_srights);
	F(mach_port_status_t, mps_pdrequest);
	F(mach_port_status_t, mps_nsrequest);
}

static void
thread_states(void)
{
	T(struct i386_thread_state);
	F(struct i386_thread_state, r8);
	F(struct i386_thread_state, r9);
	F(struct i386_thread_state, r10);
	F(struct i386_thread_state, r11);
	F(struct i386_thread_state, r12);
	F(struct i386_thread_state, r13);
	F(struct i386_thread_state, r14);
	F(struct i386_thread_state, r15);
	F(struct i386_thread_state, rdi);
	F(struct i386_thread_state, rsi);
	F(struct i386_thread_state, rbp);
	F(struct i386_thread_state, rsp);
	F(struct i386_thread_state, rbx);
	F(struct i386_thread_state, rdx);
	F(struct i386_thread_state, rcx);
	F(struct i386_thread_state, rax);
	F(struct i386_thread_state, rip);
	F(struct i386_thread_state, cs);
	F(struct i386_thread_state, rfl);
	F(struct i386_thread_state, ursp);
	F(struct i386_thread_state, ss);
	T(struct i386_float_state);
	F(struct i386_float_state, fpkind);
	F(struct i386_float_state, initialized);
	F(struct i386_float_state, hw_state);
	F(struct i386_float_state, exc_status);
	T(struct i386_xfloat_state);
	F(struct i386_xfloat_state, fpkind);
	F(struct i386_xfloat_state, initialized);
	F(struct i386_xfloat_state, exc_status);
	F(struct i386_xfloat_state, fp_save_kind);
	V(offsetof(struct i386_xfloat_state, hw_state));
	T(struct i386_fsgs_base_state);
	F(struct i386_fsgs_base_state, fs_base);
	F(struct i386_fsgs_base_state, gs_base);
	T(struct i386_debug_state);
	T(struct i386_isa_port_map_state);
	T(struct i386_v86_assist_state);
	T(struct v86_interrupt_table);
	T(struct i386_fp_save);
	F(struct i386_fp_save, fp_eip);
	F(struct i386_fp_save, fp_dp);
	F(struct i386_fp_save, fp_unused_4);
	T(struct i386_fp_regs);
	T(struct i386_xfp_xstate_header);
	T(struct i386_xfp_save);
	F(struct i386_xfp_save, fp_mxcsr);
	F(struct i386_xfp_save, fp_reg_word);
	F(struct i386_xfp_save, fp_xreg_word);
	F(struct i386_xfp_save, padding);
	F(struct i386_xfp_save, header);
	V(offsetof(struct i386_xfp_save, extended));
}

static void
infos(void)
{
	T(struct task_basic_info);
	F(struct task_basic_info, suspend_count);
	F(struct task_basic_info, base_priority);
	F(struct task_basic_info, virtual_size);
	F(struct task_basic_info, resident_size);
	F(struct task_basic_info, user_time);
	F(struct task_basic_info, system_time);
	F(struct task_basic_info, creation_time);
	F(struct task_basic_info, user_time64);
	F(struct task_basic_info, system_time64);
	F(struct task_basic_info, creation_time64);
	T(struct task_events_info);
	F(struct task_events_info, faults);
	F(struct task_events_info, messages_received);
	T(struct task_thread_times_info);
	F(struct task_thread_times_info, user_time);
	F(struct task_thread_times_info, system_time);
	F(struct task_thread_times_info, user_time64);
	F(struct task_thread_times_info, system_time64);
	T(struct thread_basic_info);
	F(struct thread_basic_info, user_time);
	F(struct thread_basic_info, system_time);
	F(struct thread_basic_info, cpu_usage);
	F(struct thread_basic_info, base_priority);
	F(struct thread_basic_info, cur_priority);
	F(struct thread_basic_info, run_state);
	F(struct thread_basic_info, flags);
	F(struct thread_basic_info, suspend_count);
	F(struct thread_basic_info, sleep_time);
	F(struct thread_basic_info, creation_time);
	F(struct thread_basic_info, user_time64);
	F(struct thread_basic_info, system_time64);
	F(struct thread_basic_info, creation_time64);
	T(struct thread_sched_info);
	F(struct thread_sched_info, policy);
	F(struct thread_sched_info, depressed);
	F(struct thread_sched_info, last_processor);
	T(struct host_basic_info);
	F(struct host_basic_info, max_cpus);
	F(struct host_basic_info, avail_cpus);
	F(struct host_basic_info, memory_size);
	F(struct host_basic_info, cpu_type);
	F(struct host_basic_info, cpu_subtype);
	T(struct host_sched_info);
	T(struct host_load_info);
	F(struct host_load_info, mach_factor);
	F(time_value_t, seconds);
	F(time_value_t, microseconds);
	F(time_value64_t, seconds);
	F(time_value64_t, nanoseconds);
	F(mapped_time_value_t, seconds);
	F(mapped_time_value_t, microseconds);
	F(mapped_time_value_t, check_seconds);
	F(mapped_time_value_t, time_value);
	F(mapped_time_value_t, check_seconds64);
	F(mapped_time_value_t, uptime_value);
	F(mapped_time_value_t, check_upseconds64);
	F(struct vm_statistics, hits);
}

static void
macros(void)
{
	V(MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE));
	V(MACH_MSGH_BITS_REMOTE(0x80001513U));
	V(MACH_MSGH_BITS_LOCAL(0x80001513U));
	V(MACH_MSGH_BITS_PORTS(0x80001513U));
	V(MACH_MSGH_BITS_OTHER(0x80001513U));
	V(MACH_PORT_TYPE(MACH_PORT_RIGHT_DEAD_NAME));
	V(MACH_PORT_VALID((mach_port_t)5));
	V(MACH_PORT_VALID(MACH_PORT_DEAD));
	V(MACH_MSG_TYPE_PORT_ANY(MACH_MSG_TYPE_PORT_NAME));
	V(MACH_MSG_TYPE_PORT_ANY(MACH_MSG_TYPE_MAKE_SEND_ONCE));
	V(MACH_MSG_TYPE_PORT_ANY_SEND(MACH_MSG_TYPE_MOVE_RECEIVE));
	V(MACH_MSG_TYPE_PORT_ANY_RIGHT(MACH_MSG_TYPE_COPY_SEND));
}

static void
constants(void)
{
	C(D_READ);
	C(D_WRITE);
	C(D_NODELAY);
	C(D_NOWAIT);
	C(IO_INBAND_MAX);
	C(DEV_STATUS_MAX);
	C(DEV_GET_SIZE);
	C(DEV_GET_SIZE_DEVICE_SIZE);
	C(DEV_GET_SIZE_RECORD_SIZE);
	C(DEV_GET_SIZE_COUNT);
	C(DEV_GET_RECORDS);
	C(DEV_GET_RECORDS_DEVICE_RECORDS);
	C(DEV_GET_RECORDS_RECORD_SIZE);
	C(DEV_GET_RECORDS_COUNT);
	C(D_IO_QUEUED);
	C(D_SUCCESS);
	C(D_IO_ERROR);
	C(D_WOULD_BLOCK);
	C(D_NO_SUCH_DEVICE);
	C(D_ALREADY_OPEN);
	C(D_DEVICE_DOWN);
	C(D_INVALID_OPERATION);
	C(D_INVALID_RECNUM);
	C(D_INVALID_SIZE);
	C(D_NO_MEMORY);
	C(D_READ_ONLY);
	C(TRUE);
	C(FALSE);
	C(EXC_BAD_ACCESS);
	C(EXC_BAD_INSTRUCTION);
	C(EXC_ARITHMETIC);
	C(EXC_EMULATION);
	C(EXC_SOFTWARE);
	C(EXC_BREAKPOINT);
	C(HOST_INFO_MAX);
	C(KERNEL_VERSION_MAX);
	C(HOST_BASIC_INFO);
	C(HOST_PROCESSOR_SLOTS);
	C(HOST_SCHED_INFO);
	C(HOST_LOAD_INFO);
	C(HOST_BASIC_INFO_COUNT);
	C(HOST_SCHED_INFO_COUNT);
	C(HOST_LOAD_INFO_COUNT);
	C(KERN_SUCCESS);
	C(KERN_INVALID_ADDRESS);
	C(KERN_PROTECTION_FAILURE);
	C(KERN_NO_SPACE);
	C(KERN_INVALID_ARGUMENT);
	C(KERN_FAILURE);
	C(KERN_RESOURCE_SHORTAGE);
	C(KERN_NOT_RECEIVER);
	C(KERN_NO_ACCESS);
	C(KERN_MEMORY_FAILURE);
	C(KERN_MEMORY_ERROR);
	C(KERN_NOT_IN_SET);
	C(KERN_NAME_EXISTS);
	C(KERN_ABORTED);
	C(KERN_INVALID_NAME);
	C(KERN_INVALID_TASK);
	C(KERN_INVALID_RIGHT);
	C(KERN_INVALID_VALUE);
	C(KERN_UREFS_OVERFLOW);
	C(KERN_INVALID_CAPABILITY);
	C(KERN_RIGHT_EXISTS);
	C(KERN_INVALID_HOST);
	C(KERN_MEMORY_PRESENT);
	C(KERN_WRITE_PROTECTION_FAILURE);
	C(KERN_TERMINATED);
	C(KERN_TIMEDOUT);
	C(KERN_INTERRUPTED);
	C(CPU_TYPE_I386);
	C(CPU_TYPE_I486);
	C(CPU_TYPE_PENTIUM);
	C(CPU_TYPE_PENTIUMPRO);
	C(CPU_TYPE_X86_64);
	C(CPU_SUBTYPE_AT386);
	C(EXC_I386_INVOP);
	C(EXC_I386_DIV);
	C(EXC_I386_INTO);
	C(EXC_I386_NOEXT);
	C(EXC_I386_EXTOVR);
	C(EXC_I386_EXTERR);
	C(EXC_I386_EMERR);
	C(EXC_I386_BOUND);
	C(EXC_I386_SGL);
	C(EXC_I386_BPT);
	C(EXC_I386_DIVERR);
	C(EXC_I386_SGLSTP);
	C(EXC_I386_NMIFLT);
	C(EXC_I386_BPTFLT);
	C(EXC_I386_INTOFLT);
	C(EXC_I386_BOUNDFLT);
	C(EXC_I386_INVOPFLT);
	C(EXC_I386_NOEXTFLT);
	C(EXC_I386_DBLFLT);
	C(EXC_I386_EXTOVRFLT);
	C(EXC_I386_INVTSSFLT);
	C(EXC_I386_SEGNPFLT);
	C(EXC_I386_STKFLT);
	C(EXC_I386_GPFLT);
	C(EXC_I386_PGFLT);
	C(EXC_I386_EXTERRFLT);
	C(EXC_I386_ENOEXTFLT);
	C(EXC_I386_ENDPERR);
	C(XSAVE_XCOMP_BV_COMPACT);
	C(FPC_IE);
	C(FPC_IM);
	C(FPC_DE);
	C(FPC_DM);
	C(FPC_ZE);
	C(FPC_ZM);
	C(FPC_OE);
	C(FPC_OM);
	C(FPC_UE);
	C(FPC_PE);
	C(FPC_PC);
	C(FPC_PC_24);
	C(FPC_PC_53);
	C(FPC_PC_64);
	C(FPC_RC);
	C(FPC_RC_RN);
	C(FPC_RC_RD);
	C(FPC_RC_RU);
	C(FPC_RC_CHOP);
	C(FPC_IC);
	C(FPC_IC_PROJ);
	C(FPC_IC_AFF);
	C(FPS_IE);
	C(FPS_DE);
	C(FPS_ZE);
	C(FPS_OE);
	C(FPS_UE);
	C(FPS_PE);
	C(FPS_SF);
	C(FPS_ES);
	C(FPS_C0);
	C(FPS_C1);
	C(FPS_C2);
	C(FPS_TOS);
	C(FPS_TOS_SHIFT);
	C(FPS_C3);
	C(FPS_BUSY);
	C(i386_THREAD_STATE);
	C(i386_FLOAT_STATE);
	C(i386_ISA_PORT_MAP_STATE);
	C(i386_V86_ASSIST_STATE);
	C(i386_REGS_SEGS_STATE);
	C(i386_DEBUG_STATE);
	C(i386_FSGS_BASE_STATE);
	C(i386_XFLOAT_STATE);
	C(i386_THREAD_STATE_COUNT);
	C(FP_STATE_BYTES);
	C(i386_FLOAT_STATE_COUNT);
	C(PORT_MAP_BITS);
	C(i386_ISA_PORT_MAP_STATE_COUNT);
	C(i386_V86_ASSIST_STATE_COUNT);
	C(i386_DEBUG_STATE_COUNT);
	C(i386_FSGS_BASE_STATE_COUNT);
	C(MACH_MSG_TYPE_INTEGER_T);
	C(MEMORY_OBJECT_COPY_NONE);
	C(MEMORY_OBJECT_COPY_CALL);
	C(MEMORY_OBJECT_COPY_DELAY);
	C(MEMORY_OBJECT_COPY_TEMPORARY);
	C(MEMORY_OBJECT_RETURN_NONE);
	C(MEMORY_OBJECT_RETURN_DIRTY);
	C(MEMORY_OBJECT_RETURN_ALL);
	C(MEMORY_OBJECT_NULL);
	C(MACH_MSG_TIMEOUT_NONE);
	C(MACH_MSGH_BITS_ZERO);
	C(MACH_MSGH_BITS_REMOTE_MASK);
	C(MACH_MSGH_BITS_LOCAL_MASK);
	C(MACH_MSGH_BITS_COMPLEX);
	C(MACH_MSGH_BITS_CIRCULAR);
	C(MACH_MSGH_BITS_COMPLEX_PORTS);
	C(MACH_MSGH_BITS_COMPLEX_DATA);
	C(MACH_MSGH_BITS_MIGRATED);
	C(MACH_MSGH_BITS_UNUSED);
	C(MACH_MSGH_BITS_PORTS_MASK);
	C(MACH_MSG_SIZE_MAX);
	C(MACH_MSGH_KIND_NORMAL);
	C(MACH_MSG_TYPE_UNSTRUCTURED);
	C(MACH_MSG_TYPE_BIT);
	C(MACH_MSG_TYPE_BOOLEAN);
	C(MACH_MSG_TYPE_INTEGER_16);
	C(MACH_MSG_TYPE_INTEGER_32);
	C(MACH_MSG_TYPE_CHAR);
	C(MACH_MSG_TYPE_BYTE);
	C(MACH_MSG_TYPE_INTEGER_8);
	C(MACH_MSG_TYPE_REAL);
	C(MACH_MSG_TYPE_INTEGER_64);
	C(MACH_MSG_TYPE_STRING);
	C(MACH_MSG_TYPE_STRING_C);
	C(MACH_MSG_TYPE_PORT_NAME);
	C(MACH_MSG_TYPE_MOVE_RECEIVE);
	C(MACH_MSG_TYPE_MOVE_SEND);
	C(MACH_MSG_TYPE_MOVE_SEND_ONCE);
	C(MACH_MSG_TYPE_COPY_SEND);
	C(MACH_MSG_TYPE_MAKE_SEND);
	C(MACH_MSG_TYPE_MAKE_SEND_ONCE);
	C(MACH_MSG_TYPE_PROTECTED_PAYLOAD);
	C(MACH_MSG_TYPE_LAST);
	C(MACH_MSG_TYPE_PORT_RECEIVE);
	C(MACH_MSG_TYPE_PORT_SEND);
	C(MACH_MSG_TYPE_PORT_SEND_ONCE);
	C(MACH_MSG_TYPE_POLYMORPHIC);
	C(MACH_MSG_OPTION_NONE);
	C(MACH_SEND_MSG);
	C(MACH_RCV_MSG);
	C(MACH_SEND_TIMEOUT);
	C(MACH_SEND_NOTIFY);
	C(MACH_SEND_INTERRUPT);
	C(MACH_SEND_CANCEL);
	C(MACH_RCV_TIMEOUT);
	C(MACH_RCV_NOTIFY);
	C(MACH_RCV_INTERRUPT);
	C(MACH_RCV_LARGE);
	C(MACH_SEND_ALWAYS);
	C(MACH_MSG_USER_ALIGNMENT);
	C(MACH_MSG_SUCCESS);
	C(MACH_MSG_MASK);
	C(MACH_MSG_IPC_SPACE);
	C(MACH_MSG_VM_SPACE);
	C(MACH_MSG_IPC_KERNEL);
	C(MACH_MSG_VM_KERNEL);
	C(MACH_SEND_IN_PROGRESS);
	C(MACH_SEND_INVALID_DATA);
	C(MACH_SEND_INVALID_DEST);
	C(MACH_SEND_TIMED_OUT);
	C(MACH_SEND_WILL_NOTIFY);
	C(MACH_SEND_NOTIFY_IN_PROGRESS);
	C(MACH_SEND_INTERRUPTED);
	C(MACH_SEND_MSG_TOO_SMALL);
	C(MACH_SEND_INVALID_REPLY);
	C(MACH_SEND_INVALID_RIGHT);
	C(MACH_SEND_INVALID_NOTIFY);
	C(MACH_SEND_INVALID_MEMORY);
	C(MACH_SEND_NO_BUFFER);
	C(MACH_SEND_NO_NOTIFY);
	C(MACH_SEND_INVALID_TYPE);
	C(MACH_SEND_INVALID_HEADER);
	C(MACH_RCV_IN_PROGRESS);
	C(MACH_RCV_INVALID_NAME);
	C(MACH_RCV_TIMED_OUT);
	C(MACH_RCV_TOO_LARGE);
	C(MACH_RCV_INTERRUPTED);
	C(MACH_RCV_PORT_CHANGED);
	C(MACH_RCV_INVALID_NOTIFY);
	C(MACH_RCV_INVALID_DATA);
	C(MACH_RCV_PORT_DIED);
	C(MACH_RCV_IN_SET);
	C(MACH_RCV_HEADER_ERROR);
	C(MACH_RCV_BODY_ERROR);
	C(MIG_TYPE_ERROR);
	C(MIG_REPLY_MISMATCH);
	C(MIG_REMOTE_ERROR);
	C(MIG_BAD_ID);
	C(MIG_BAD_ARGUMENTS);
	C(MIG_NO_REPLY);
	C(MIG_EXCEPTION);
	C(MIG_ARRAY_TOO_LARGE);
	C(MIG_SERVER_DIED);
	C(MIG_DESTROY_REQUEST);
	C(MACH_NOTIFY_FIRST);
	C(MACH_NOTIFY_PORT_DELETED);
	C(MACH_NOTIFY_MSG_ACCEPTED);
	C(MACH_NOTIFY_PORT_DESTROYED);
	C(MACH_NOTIFY_NO_SENDERS);
	C(MACH_NOTIFY_SEND_ONCE);
	C(MACH_NOTIFY_DEAD_NAME);
	C(MACH_NOTIFY_LAST);
	C(POLICY_TIMESHARE);
	C(POLICY_FIXEDPRI);
	C(POLICY_LAST);
	C(MACH_PORT_NULL);
	C(MACH_PORT_DEAD);
	C(MACH_PORT_NAME_NULL);
	C(MACH_PORT_NAME_DEAD);
	C(MACH_PORT_RIGHT_SEND);
	C(MACH_PORT_RIGHT_RECEIVE);
	C(MACH_PORT_RIGHT_SEND_ONCE);
	C(MACH_PORT_RIGHT_PORT_SET);
	C(MACH_PORT_RIGHT_DEAD_NAME);
	C(MACH_PORT_RIGHT_NUMBER);
	C(MACH_PORT_TYPE_NONE);
	C(MACH_PORT_TYPE_SEND);
	C(MACH_PORT_TYPE_RECEIVE);
	C(MACH_PORT_TYPE_SEND_ONCE);
	C(MACH_PORT_TYPE_PORT_SET);
	C(MACH_PORT_TYPE_DEAD_NAME);
	C(MACH_PORT_TYPE_SEND_RECEIVE);
	C(MACH_PORT_TYPE_SEND_RIGHTS);
	C(MACH_PORT_TYPE_PORT_RIGHTS);
	C(MACH_PORT_TYPE_PORT_OR_DEAD);
	C(MACH_PORT_TYPE_ALL_RIGHTS);
	C(MACH_PORT_TYPE_DNREQUEST);
	C(MACH_PORT_TYPE_MAREQUEST);
	C(MACH_PORT_TYPE_COMPAT);
	C(MACH_PORT_QLIMIT_DEFAULT);
	C(MACH_PORT_QLIMIT_MAX);
	C(TASK_INFO_MAX);
	C(TASK_BASIC_INFO);
	C(TASK_BASIC_INFO_COUNT);
	C(TASK_EVENTS_INFO);
	C(TASK_EVENTS_INFO_COUNT);
	C(TASK_THREAD_TIMES_INFO);
	C(TASK_THREAD_TIMES_INFO_COUNT);
	C(TASK_KERNEL_PORT);
	C(TASK_EXCEPTION_PORT);
	C(TASK_BOOTSTRAP_PORT);
	C(THREAD_INFO_MAX);
	C(THREAD_BASIC_INFO);
	C(THREAD_BASIC_INFO_COUNT);
	C(TH_USAGE_SCALE);
	C(TH_STATE_RUNNING);
	C(TH_STATE_STOPPED);
	C(TH_STATE_WAITING);
	C(TH_STATE_UNINTERRUPTIBLE);
	C(TH_STATE_HALTED);
	C(TH_FLAGS_SWAPPED);
	C(TH_FLAGS_IDLE);
	C(THREAD_SCHED_INFO);
	C(THREAD_SCHED_INFO_COUNT);
	C(THREAD_KERNEL_PORT);
	C(THREAD_EXCEPTION_PORT);
	C(THREAD_STATE_MAX);
	C(THREAD_STATE_FLAVOR_LIST);
	C(SWITCH_OPTION_NONE);
	C(SWITCH_OPTION_DEPRESS);
	C(SWITCH_OPTION_WAIT);
	C(TIME_MICROS_MAX);
	C(TIME_NANOS_MAX);
	C(VM_INHERIT_SHARE);
	C(VM_INHERIT_COPY);
	C(VM_INHERIT_NONE);
	C(VM_INHERIT_DEFAULT);
	C(VM_PROT_NONE);
	C(VM_PROT_READ);
	C(VM_PROT_WRITE);
	C(VM_PROT_EXECUTE);
	C(VM_PROT_DEFAULT);
	C(VM_PROT_ALL);
	C(VM_PROT_NO_CHANGE);
	C(VM_PROT_NOTIFY);
}

int
main(void)
{
	types();
	messages();
	notifications();
	ports();
	thread_states();
	infos();
	macros();
	constants();
	return 0;
}
