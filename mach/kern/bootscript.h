/*
 * bootscript.h -- the boot-script language of GNU Mach boot modules.  The
 * kernel's boot code feeds it the command line of every GRUB module, then
 * runs the script through callbacks that create, load and resume tasks.
 * This file is pure logic; all kernel objects stay opaque pointers.
 *
 * The language, as GNU Mach defines it and as Whorl keeps it:
 *
 * - Each module's command line is one line of the script.  Words are
 *   separated by spaces or tabs; a newline ends the line.  A line that is
 *   blank or whose first word starts with '#' does nothing.  GRUB has
 *   already removed the quotes that protect `$' from its own parser.
 * - The first word is the program's name, argv[0], taken as written.
 * - `${name}' inside any later word is replaced by the variable's value:
 *   a string is inserted as it is (spaces included, the word is not split
 *   again); a port or a task is inserted as a send right into this line's
 *   task and replaced by the decimal name of that right.  A word may mix
 *   text and several ${...}.  Every such word becomes one argv entry, even
 *   if it expands to "".
 * - A word `$(fn)' calls a builtin and never becomes an argv entry:
 *     task-create         create this line's task (suspended); the line
 *                         is loaded and given its argv only if it has one
 *     task-resume         resume the task once every line is loaded
 *     prompt-task-resume  the same, after the console user presses return
 *     ramdisk-create      make the module's memory a block device (rd0,
 *                         rd1, ... in line order); its value is the
 *                         device's name, a string: `$(root=ramdisk-
 *                         create)' sets ${root} to "rd0".  Such a line
 *                         has no task.
 *   `$(var=task-create)' also stores the new task in the variable var;
 *   `$(a=b=task-create)' stores it in both.  `$(var=other)' makes var an
 *   alias of the variable other.
 * - Variables come from the script's own assignments first, then from the
 *   kernel (ops->lookup): host-port, device-port, kernel-task (ports),
 *   kernel-command-line, boot-args, root-device and every FOO=BAR word of
 *   the kernel command line (strings).
 *
 * Order: all lines are parsed first, so a line may use a variable that a
 * later line assigns (GNU Hurd's own script gives ext2fs ${exec-task}
 * before the exec line creates it).  Then bootscript_run creates every
 * ramdisk and task in line order, then expands each line's words (inserting rights in
 * word order) and loads its program, then resumes the tasks that asked for
 * it, in line order.
 *
 * Errors never stop the boot: a line that is malformed, names an unknown
 * variable or function, or whose callbacks fail, is reported and skipped
 * (its task, if created, destroyed); the other lines go on.  A line that
 * uses a variable assigned by a skipped line fails in turn.
 *
 * Where Whorl differs from GNU Mach, to be clearer and safer:
 * - GNU Mach splits `${a}b' into two arguments and copies `x$(f)' as
 *   text; Whorl makes `${a}b' one word and rejects `$(' inside a word.
 * - GNU Mach treats $(name) for a non-builtin as a no-op; Whorl rejects it.
 * - GNU Mach lets a later assignment silently replace a variable, runs
 *   task-create twice per line if asked, and accepts task-resume on a line
 *   with no task; Whorl rejects all three.
 * - A failing line costs that module, not the whole boot.
 */
#ifndef KERN_BOOTSCRIPT_H
#define KERN_BOOTSCRIPT_H

#include "kern/klib.h"

#define BOOTSCRIPT_MAX_LINES	32	/* modules */
#define BOOTSCRIPT_LINE_MAX	1024	/* bytes of a line, NUL included */
#define BOOTSCRIPT_MAX_WORDS	64	/* argv entries of a line */
#define BOOTSCRIPT_MAX_VARS	64	/* variables the script assigns */
#define BOOTSCRIPT_NAME_MAX	64	/* bytes of a variable name */
#define BOOTSCRIPT_ARGS_MAX	4096	/* bytes of a line's expanded argv */
#define BOOTSCRIPT_WHY_MAX	128	/* bytes of an error message */

enum bootscript_kind {
	BOOTSCRIPT_STR = 1,	/* str */
	BOOTSCRIPT_PORT,	/* obj: a kernel port */
	BOOTSCRIPT_TASK,	/* obj: a task; its task port is inserted */
};

struct bootscript_value {
	enum bootscript_kind	 kind;
	const char		*str;
	void			*obj;
};

/*
 * What the kernel supplies.  `module' is the line's index, in the order
 * lines were added.  Functions returning int return 0 on success; any
 * other value fails that line.
 */
struct bootscript_ops {
	/* Fill *v with a kernel variable; false if there is none. */
	bool	(*lookup)(void *ctx, const char *name,
		    struct bootscript_value *v);
	/* Create a suspended, empty task named name. */
	int	(*task_create)(void *ctx, unsigned module, const char *name,
		    void **task);
	/* Give task a send right for v (a port or a task); its name. */
	int	(*insert_right)(void *ctx, void *task,
		    const struct bootscript_value *v, uint32_t *name);
	/* Load the module's program into task with argv (argv[argc] is
	 * NULL; the strings live only until exec returns). */
	int	(*exec)(void *ctx, unsigned module, void *task, int argc,
		    char **argv);
	/* Resume task, first waiting for the user if prompt. */
	int	(*task_resume)(void *ctx, unsigned module, void *task,
		    bool prompt);
	/* Terminate a task whose line failed. */
	void	(*task_destroy)(void *ctx, void *task);
	/* Report that a line failed and why. */
	void	(*error)(void *ctx, unsigned module, const char *name,
		    const char *why);
	/* Make the module's memory a ramdisk; its device name. */
	int	(*ramdisk_create)(void *ctx, unsigned module,
		    const char **name);
};

/* Private to bootscript.c; here so the caller can provide the storage. */
struct bootscript_line {
	char		 text[BOOTSCRIPT_LINE_MAX];	/* words, NUL-ended */
	uint16_t	 word[BOOTSCRIPT_MAX_WORDS];	/* argv templates */
	unsigned	 nwords;
	int		 state;
	bool		 create;
	bool		 ramdisk;
	int		 resume;
	const char	*rdname;	/* the ramdisk's device name */
	void		*task;
	char		 why[BOOTSCRIPT_WHY_MAX];
};

struct bootscript_var {
	const char	*name;
	const char	*alias;		/* NULL: the task (or ramdisk) of
					   line `line' */
	bool		 ramdisk;
	unsigned	 line;
};

struct bootscript {
	unsigned		nlines;
	unsigned		nvars;
	struct bootscript_line	line[BOOTSCRIPT_MAX_LINES];
	struct bootscript_var	var[BOOTSCRIPT_MAX_VARS];
	char			args[BOOTSCRIPT_ARGS_MAX];
	char		       *argv[BOOTSCRIPT_MAX_WORDS + 1];
};

void	bootscript_init(struct bootscript *bs);

/*
 * Parse one module's line (which need not stay valid afterwards) into the
 * script as the next module.  Returns 0, or -1 with *why (if why != NULL)
 * saying what is wrong; the line then still takes its module index and
 * bootscript_run reports it.  Past BOOTSCRIPT_MAX_LINES lines every call
 * fails without taking an index.
 */
int	bootscript_add_line(struct bootscript *bs, const char *text,
	    const char **why);

/*
 * Create, load and resume the script's tasks as described above.  Every
 * failed line, parse failures included, is reported through ops->error.
 * Returns the number of failed lines.  Call once per script.
 */
unsigned bootscript_run(struct bootscript *bs,
	    const struct bootscript_ops *ops, void *ctx);

#endif /* KERN_BOOTSCRIPT_H */
