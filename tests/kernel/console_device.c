/*
 * console_device.c -- the kernel console as a device: device_open through
 * the device master port the boot script gave us, device_write, and
 * device_read of the input the test runner types (console_device.input)
 * once it sees "TEST INPUT", and the inband forms of both.
 */
#include "test.h"
#include <mach/mach.h>
#include <device/device.h>
#include <device/device_types.h>

int
main(int argc, char **argv)
{
	static const char text[] = "console_device: written by device_write\n";
	static const io_buf_ptr_inband_t itext =
	    "console_device: and by device_write_inband\n";
	const unsigned ilen = 43;
	mach_port_t master = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) :
	    MACH_PORT_NULL;
	mach_port_t dev, none;
	io_buf_ptr_t data;
	mach_msg_type_number_t n;
	int written = 0;
	char line[16];
	io_buf_ptr_inband_t inband;
	unsigned got = 0;

	CHECK(MACH_PORT_VALID(master));
	CHECK(device_open(master, D_READ | D_WRITE, "nosuch", &none) ==
	    D_NO_SUCH_DEVICE);
	CHECK(device_open(mach_task_self(), D_WRITE, "console", &none) != 0);
	CHECK(device_open(master, D_READ | D_WRITE, "console", &dev) == 0);
	CHECK(device_write(dev, 0, 0, (io_buf_ptr_t)text, sizeof(text) - 1,
	    &written) == 0 && written == sizeof(text) - 1);
	CHECK(device_write_inband(dev, 0, 0, itext, ilen, &written) == 0 &&
	    written == (int)ilen && itext[ilen - 1] == '\n');
	CHECK(device_write_inband(none = dev + 1000, 0, 0, itext, 1, &written) ==
	    MACH_SEND_INVALID_DEST);
	test_printf("console_device: TEST INPUT\n");
	while (got < 5) {
		CHECK(device_read(dev, 0, 0, 5 - got, &data, &n) == 0);
		for (unsigned i = 0; i < n && got < sizeof(line) - 1; i++)
			line[got++] = data[i];
		vm_deallocate(mach_task_self(), (vm_address_t)data, n);
	}
	line[got] = '\0';
	test_printf("console_device: read \"%s\"\n", line);
	CHECK(line[0] == 'w' && line[4] == 'l');
	CHECK(device_read_inband(dev, 0, 0, 0, inband, &n) == D_INVALID_SIZE);
	for (got = 0; got < 5; got += n)
		CHECK(device_read_inband(dev, 0, 0, 5 - got, inband + got, &n) ==
		    0 && n >= 1 && n <= 5 - got);
	inband[got] = '\0';
	test_printf("console_device: read inband \"%s\"\n", inband);
	CHECK(inband[0] == ' ' && inband[1] == 'm' && inband[4] == 'h');
	CHECK(device_close(dev) == 0);
	return 0;
}
