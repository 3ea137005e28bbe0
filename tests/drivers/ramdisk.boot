module: tests/drivers/ramdisk.img ramdisk.img '$(rd=ramdisk-create)'
module: tests/drivers/ramdisk.elf ramdisk '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '${rd}' 1048576 '$(task-create)' '$(task-resume)'
