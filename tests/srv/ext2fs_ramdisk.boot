module: tests/srv/ext2fs_ramdisk.img ext2fs_ramdisk.img '$(rd=ramdisk-create)'
module: tests/srv/ext2fs_ramdisk.elf ext2fs_ramdisk '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/ext2fs/ext2fs.elf ext2fs '--device-master-port=${device-port}' '${rd}' '${client}' '$(task-create)' '$(task-resume)'
