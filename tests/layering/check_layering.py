#!/usr/bin/env python3
"""Rejects an #include that goes against the layering of docs/development.md.

Each source folder may include its own files and those of the folders named
for it in LAYERS, and nothing else of the tree; the pure folders may include
no I/O library header at all. Run from anywhere: check_layering.py [ROOT].
Prints one line per violation, "path:line: folder may not include header
(allowed: ...)", and exits 1 when there is any.
"""
import os
import re
import sys

PURE = ['feeds', 'config', 'daemon/text', 'daemon/targets']

# folder -> the folders it may include (its own is always allowed). A
# subfolder of daemon/targets (one network family) may include the targets
# root and its own family, never another family.
LAYERS = {
    'feeds': [],
    'config': ['feeds'],
    'daemon/text': ['config', 'feeds'],
    'daemon/targets': ['daemon/text', 'config', 'feeds'],
    'daemon/base': ['config', 'feeds'],
    'daemon/watch': ['daemon/base', 'config', 'feeds'],
    'daemon/site': ['daemon/watch', 'daemon/postgres', 'daemon/base', 'config', 'feeds'],
    'daemon/serve': ['daemon/base', 'config', 'feeds'],
    'daemon/net': ['daemon/targets', 'daemon/base', 'config', 'feeds'],
    'daemon/postgres': ['daemon/base', 'config', 'feeds'],
    'daemon/outbox': ['daemon/targets', 'daemon/text', 'daemon/postgres', 'daemon/base', 'config', 'feeds'],
    'daemon/images': ['daemon/targets', 'daemon/text', 'daemon/base', 'config', 'feeds'],
    'daemon/announce': ['daemon/site', 'daemon/outbox', 'daemon/targets', 'daemon/text',
                        'daemon/base', 'config', 'feeds'],
    'daemon/delivery': ['daemon/outbox', 'daemon/net', 'daemon/targets', 'daemon/text',
                        'daemon/base', 'config', 'feeds'],
    'daemon/control': ['daemon/outbox', 'daemon/targets', 'daemon/base', 'config', 'feeds'],
    'daemon/cli': ['daemon/control', 'daemon/site', 'daemon/outbox', 'daemon/targets', 'daemon/base', 'config',
                   'feeds'],
    'daemon/console': ['daemon/outbox', 'daemon/targets', 'daemon/text', 'daemon/base', 'config', 'feeds'],
    'daemon/service': ['daemon/announce', 'daemon/images', 'daemon/delivery', 'daemon/control', 'daemon/serve',
                       'daemon/console',
                       'daemon/site', 'daemon/watch', 'daemon/outbox', 'daemon/net',
                       'daemon/targets', 'daemon/text', 'daemon/base', 'config', 'feeds'],
    # main.cc: the commands and the composition root.
    'daemon': ['daemon/cli', 'daemon/console', 'daemon/service', 'daemon/site', 'daemon/control', 'daemon/base',
               'config', 'feeds'],
}

# System headers of the I/O libraries, refused in the pure folders.
IO_HEADERS = re.compile(r"^(boost/asio(?!/ip/address)|boost/beast\.hpp|"
                        r"boost/beast/(?!core/detail/base64)|curl/|sqlite3\.h|systemd/|sys/socket\.h|"
                        r"sys/inotify\.h|sys/epoll\.h|netinet/|arpa/|zlib\.h|vips/)")

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def folder_of(path):
    """The LAYERS key a source path belongs to (a targets family maps to the
    targets root)."""
    parts = path.split('/')
    if parts[0] in ('feeds', 'config'):
        return parts[0]
    if parts[0] != 'daemon':
        return None
    if len(parts) == 2:
        return 'daemon'
    return 'daemon/' + parts[1]


def family_of(path):
    parts = path.split('/')
    if len(parts) >= 4 and parts[:2] == ['daemon', 'targets']:
        return '/'.join(parts[:3])
    return None


def check(root):
    problems = []
    for top in ('feeds', 'config', 'daemon'):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if not name.endswith(('.cc', '.h')):
                    continue
                path = os.path.relpath(os.path.join(dirpath, name), root)
                folder = folder_of(path)
                if folder not in LAYERS:
                    problems.append(f'{path}:1: folder {os.path.dirname(path)} is not in the '
                                    'layering (add it to tests/layering/check_layering.py and '
                                    'docs/development.md)')
                    continue
                allowed = [folder] + LAYERS[folder]
                family = family_of(path)
                with open(os.path.join(root, path), encoding='utf-8') as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        kind, header = m.groups()
                        if kind == '<':
                            if folder in PURE and IO_HEADERS.match(header):
                                problems.append(f'{path}:{number}: {folder} is pure and may not '
                                                f'include <{header}> (take the I/O through a seam)')
                            continue
                        target = folder_of(header)
                        if target is None:
                            continue
                        if target not in allowed:
                            problems.append(f'{path}:{number}: {folder} may not include {header} '
                                            f'(allowed: {", ".join(allowed)})')
                            continue
                        other_family = family_of(header)
                        if other_family and family and other_family != family:
                            problems.append(f'{path}:{number}: {family} may not include {header} '
                                            '(a network family includes only its own folder and '
                                            'the targets root)')
    return problems


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
    problems = check(os.path.abspath(root))
    for problem in problems:
        print(problem)
    if problems:
        print(f'{len(problems)} include(s) against the layering of docs/development.md')
        return 1
    print('layering: every include follows docs/development.md')
    return 0


if __name__ == '__main__':
    sys.exit(main())
