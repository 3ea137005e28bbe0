#!/usr/bin/env python3
# mig_layout.py -- turn a MIG client stub file (<name>User.c) into a C
# program that prints, for every routine, its message id and the layout of
# its request and reply: size, each member's offset and size, and the raw
# bytes of each type descriptor MIG checks or sends.  Members and
# descriptors are numbered, not named, so that parameter names may differ.
# Used by tests/abi/gnumach-compare.sh on GNU Mach's and Whorl's stubs,
# and by tests/abi/mig-compile.sh on server stubs (--server: no message id,
# the includes copied from the stub file) to compare the kernel's with a
# user server's.
#
#   mig_layout.py <name>User.c <name>.h > layout.c
#   mig_layout.py --server <name>Server.c > layout.c
import re
import sys

ROUTINE = re.compile(r'^/\* (Simple)?[Rr]outine (\w+) \*/$', re.M)
STRUCT = re.compile(r'typedef struct \{\n(.*?)\n\t\} (Request|Reply);', re.S)
DESC = re.compile(
    r'\tconst (mach_msg_type(?:_long)?_t) (\w+) = \{\n(.*?)\n\t\};', re.S)
ID = re.compile(r'InP->Head\.msgh_id = (\d+);')
MEMBER = re.compile(r'^\s*(.+?)\s+\**(\w+)(\[[^\]]*\])*;$')


def members(body):
    """Member names in order; an anonymous union (an array that may also
    travel out of line) counts as its first member."""
    names = []
    depth = 0
    for line in body.split('\n'):
        if line.strip() == 'union {':
            depth += 1
            first = True
            continue
        if line.strip() == '};':
            depth -= 1
            continue
        m = MEMBER.match(line)
        if not m:
            sys.exit('mig_layout: cannot parse member: %r' % line)
        if depth == 0 or first:
            names.append(m.group(2))
        if depth > 0:
            first = False
    return names


def routine(name, text, server):
    out = ['static void', 'r_%s(void)' % name, '{']
    structs = STRUCT.findall(text)
    for body, kind in structs:
        out.append('\ttypedef struct {\n%s\n\t} %s;' % (body, kind))
    descs = DESC.findall(text)
    for ctype, dname, init in descs:
        out.append('\tconst %s %s = {\n%s\n\t};' % (ctype, dname, init))
    if not server:
        ids = ID.findall(text)
        if len(ids) != 1:
            sys.exit('mig_layout: %s: no message id' % name)
        out.append('\tP("%s id %s\\n");' % (name, ids[0]))
    for body, kind in structs:
        out.append('\tP("%s %s size %%lu\\n", (unsigned long)sizeof(%s));'
                   % (name, kind, kind))
        for i, m in enumerate(members(body)):
            out.append('\tP("%s %s member %d offset %%lu size %%lu\\n", '
                       '(unsigned long)offsetof(%s, %s), '
                       '(unsigned long)sizeof(((%s *)0)->%s));'
                       % (name, kind, i, kind, m, kind, m))
    for i, (ctype, dname, init) in enumerate(descs):
        out.append('\tP("%s descriptor %d %%016llx\\n", raw(&%s, sizeof(%s)));'
                   % (name, i, dname, dname))
    out.append('}')
    return '\n'.join(out)


def main():
    server = sys.argv[1] == '--server'
    args = sys.argv[2:] if server else sys.argv[1:]
    src = open(args[0]).read()
    marks = list(ROUTINE.finditer(src))
    if not marks:
        sys.exit('mig_layout: no routines in %s' % args[0])
    print('#include <stddef.h>')
    print('#include <stdint.h>')
    print('#include <mach/message.h>')
    print('#include <mach/mig_errors.h>')
    if server:
        for line in src[:marks[0].start()].split('\n'):
            if line.startswith('#include'):
                print(line)
    else:
        print('#include "%s"' % args[1])
    print('extern int printf(const char *, ...);')
    print('#define P printf')
    print('static unsigned long long')
    print('raw(const void *p, unsigned long n)')
    print('{')
    print('\tunsigned long long w = 0;')
    print('\t__builtin_memcpy(&w, p, n < 8 ? n : 8);')
    print('\treturn w;')
    print('}')
    names = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(src)
        name = m.group(2)
        names.append(name)
        print(routine(name, src[m.end():end], server))
    print('int\nmain(void)\n{')
    for name in names:
        print('\tr_%s();' % name)
    print('\treturn 0;\n}')


main()
